/* Competition leaderboards (ICPC rules) kept in Redis, computed from PostgreSQL.
 *
 * Ranking: problems solved, descending; then penalty, ascending: for each solved problem the
 * minutes from the competition's start to its first Accepted submission plus 20 for every
 * earlier rejected try on it (CE and IE are not counted as tries). Participants equal on both
 * share a rank and are listed by user id (stable).
 *
 * Freeze: a competition with freeze_minutes > 0 freezes at freeze_at = ends_at - freeze_minutes.
 * The frozen board counts no submission made at or after freeze_at; each of its problem cells
 * says how many such tries it does not show ("pending"). Non-admins see the frozen board from
 * freeze_at until an admin unfreezes the competition; admins always see the live one.
 *
 * Redis keys, per competition id (B = competition:leaderboard:{id}):
 *   B, B:detail            the public board: sorted set (member = zero-padded user id, score =
 *                          penalty - solved * 1e9, ascending = best first; equal scores order by
 *                          member, i.e. by user id) and hash member -> the row as JSON. During a
 *                          freeze (meta "frozen") these hold the frozen rows.
 *   B:live, B:live:detail  the live rows, kept only while meta is "frozen"
 *   B:stamp                hash member -> the stamp the stored row was computed from
 *                          (entries.board_rev: finished submissions of the entry, bumped in the
 *                          transaction that finishes one); a row with a stamp not newer than the
 *                          stored one is refused, so replays and late duplicates change nothing
 *   B:meta                 "frozen" or "open" once the board is built; missing = the board was
 *                          lost (or unfrozen), and the next reader or writer rebuilds it
 *   B:version              changes with every write, in the same script: INCR for a row, a fresh
 *                          random 62-bit value for a rebuild; the new value is PUBLISHed on
 *                          channel competition:{id}:board
 *   B:lock                 a rebuild in progress (random owner, released by compare-and-delete);
 *                          row writes then also go to B:tmp*, the board being built
 *   B:unfrozen             set by an unfreeze: a frozen row or board computed before it is refused
 *   B:log                  the change log (a stream): each written row with the version its write
 *                          made, a reset entry for a rebuild's swap or an unfreeze; what keeps
 *                          the process-local replicas of /me current (boardreplica.h)
 * Rows are written by Lua scripts (EVALSHA, loaded once), never under a lock: the writer of a row
 * recomputes it from PostgreSQL, the source of truth, so replaying an update is harmless. */
#pragma once

/* Every key of a board starts with this (the competition id); the change log a board replica
 * reads (boardreplica.h) is B:log, capped near LEADERBOARD_LOG_MAX entries. */
#define LEADERBOARD_KEY_FMT "competition:leaderboard:%lld"
#define LEADERBOARD_LOG_MAX 4096

#include <stdbool.h>

#include "base/buf.h"
#include "base/error.h"
#include "service/queue.h"
#include "service/store.h"

/* Which board a reader sees. PUBLIC: the public keys (the frozen board during a freeze, else
 * the only one); LIVE: every submission counted (the live keys during a freeze, else the public
 * ones, which are then the same board). */
enum leaderboard_view {
        LEADERBOARD_PUBLIC,
        LEADERBOARD_LIVE,
};

/* The score stored in the sorted set. */
double leaderboard_score(long solved, long penalty);

/* freeze_at of c in epoch seconds, 0 when c has no freeze. */
double leaderboard_freeze_at(const struct store_competition *c);
/* True when non-admins see a frozen board of c at time now (epoch seconds). */
bool leaderboard_frozen(const struct store_competition *c, double now);
/* The view a user (admin or not) gets of c at time now: LIVE for admins of a competition that
 * freezes and is not unfrozen, and for everyone before freeze_at; PUBLIC otherwise (a
 * competition without a freeze, or unfrozen, has one board: everyone gets PUBLIC). The page of a
 * view depends only on (competition, view, top, offset, version). */
enum leaderboard_view leaderboard_view_for(const struct store_competition *c, bool admin, double now);

/* Recompute user's row of competition comp from PostgreSQL and store it (rebuilding the whole
 * board instead if it is missing). The user must be an entry; a non-entry is ignored (returns
 * 0). Returns 1 when the board changed, 0 when the stored row was as new (a duplicate). */
int leaderboard_update_user(struct store *s, struct queue *q, long long comp, long long user,
                            struct judge_error *err);
/* Rebuild the whole board of comp from PostgreSQL and swap it in atomically. *ret_n (if
 * non-NULL) is the number of participants. -EBUSY when another rebuild is in progress. */
int leaderboard_rebuild(struct store *s, struct queue *q, long long comp, long *ret_n, struct judge_error *err);
/* After store_competition_unfreeze: mark the board unfrozen in Redis, drop the frozen board and
 * rebuild it (the version changes and is published). A concurrent rebuild makes this return 0
 * without rebuilding: the next reader rebuilds. */
int leaderboard_unfreeze(struct store *s, struct queue *q, long long comp, struct judge_error *err);
/* Append the page {"competition":id,"total":N,"offset":o,"top":t,"frozen":b,"rows":[{"rank":r,
 * ...}]} of the view to out, from Redis. A missing board is rebuilt by this call, or, when
 * another process is rebuilding it, -EAGAIN (answer 503 with Retry-After: nothing waits). */
int leaderboard_page(struct store *s, struct queue *q, long long comp, enum leaderboard_view view, long top,
                     long offset, struct buf *out, struct judge_error *err);
/* /me's answer from a rank and the stored detail row (len bytes, NULL: none):
 * {"rank":r,<the row's fields>,"frozen":b}, or {"rank":r,"user_id":null,"frozen":b}. */
int leaderboard_me_render(struct buf *out, long rank, const char *detail, size_t len, bool frozen);

/* Append user's row of the view with its rank ({"rank":r,...,"frozen":b}); -ENOENT if user is
 * not an entry; -EAGAIN as leaderboard_page. */
int leaderboard_me(struct store *s, struct queue *q, long long comp, enum leaderboard_view view, long long user,
                   struct buf *out, struct judge_error *err);
/* The same ranking (rank, user, solved, penalty; without the per-problem cells) answered by one
 * PostgreSQL query, for comparison (bench/leaderboard.sh) and checks. The live board. */
int leaderboard_page_sql(struct store *s, long long comp, long top, long offset, struct buf *out,
                         struct judge_error *err);
