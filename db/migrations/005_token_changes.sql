-- A log of changes to bearer tokens, for judged's in-memory token table (cmd/judged/tokens.c):
-- each API process loads every token at start, then reads only the changes since (every
-- --token-refresh-ms), so that checking a token costs no PostgreSQL query and a revoked
-- (deleted) token stops working within that bound. Written by triggers: a token inserted,
-- updated or deleted (a deleted user's tokens go by the cascade, which fires them too), and a
-- user renamed or made (no longer) admin, which changes what their tokens stand for.
-- Rows are only a hint of which token to look at again: a reader re-reads the token itself.
CREATE TABLE token_changes (
        seq          bigserial PRIMARY KEY,
        token_sha256 text NOT NULL,
        changed_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX token_changes_at ON token_changes (changed_at);

CREATE FUNCTION token_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
        IF TG_OP <> 'INSERT' THEN
                INSERT INTO token_changes (token_sha256) VALUES (OLD.token_sha256);
        END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.token_sha256 <> OLD.token_sha256) THEN
                INSERT INTO token_changes (token_sha256) VALUES (NEW.token_sha256);
        END IF;
        RETURN NULL;
END $$;
CREATE TRIGGER tokens_changed AFTER INSERT OR UPDATE OR DELETE ON tokens
        FOR EACH ROW EXECUTE FUNCTION token_changed();

CREATE FUNCTION token_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
        INSERT INTO token_changes (token_sha256) SELECT token_sha256 FROM tokens WHERE user_id = NEW.id;
        RETURN NULL;
END $$;
CREATE TRIGGER tokens_user_changed AFTER UPDATE OF name, is_admin ON users
        FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.is_admin IS DISTINCT FROM NEW.is_admin)
        EXECUTE FUNCTION token_user_changed();
