-- Leaderboard freeze and write stamps (issue 11).
-- freeze_minutes: during the last N minutes before ends_at non-admins see the board as it was at
-- freeze_at = ends_at - N minutes (0: no freeze); unfrozen: an admin made the live board public.
ALTER TABLE competitions ADD COLUMN freeze_minutes integer NOT NULL DEFAULT 0
        CHECK (freeze_minutes >= 0 AND freeze_minutes <= 525600);
ALTER TABLE competitions ADD COLUMN unfrozen boolean NOT NULL DEFAULT false;

-- board_rev: how many of the entry's competition submissions have finished. Bumped in the
-- transaction that finishes one (trigger below), so a recomputation of the participant's row
-- carries the counter it was computed from: Redis refuses a row computed from an older one.
ALTER TABLE entries ADD COLUMN board_rev bigint NOT NULL DEFAULT 0;

CREATE FUNCTION entries_bump_board_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
        UPDATE entries SET board_rev = board_rev + 1
                WHERE competition_id = NEW.competition_id AND user_id = NEW.user_id;
        RETURN NULL;
END
$$;

CREATE TRIGGER submissions_board_rev AFTER UPDATE OF status ON submissions
        FOR EACH ROW WHEN (NEW.status = 'done' AND OLD.status IS DISTINCT FROM 'done'
                           AND NEW.competition_id IS NOT NULL AND NEW.kind = 'submit')
        EXECUTE FUNCTION entries_bump_board_rev();
