/* A process-local copy of one competition's board as one view reads it, so that GET
 * .../leaderboard/me (every participant polling their own row) is answered from memory: no Redis
 * round trip, no PostgreSQL. judged keeps a few (cmd/judged/boardcache.c).
 *
 * What it holds: every member's score and detail row (the sorted set and hash of the view, the
 * keys S_ME would read: the live ones only for the live view of a frozen board), and how many
 * members have each distinct score, with, for each, how many have a better (lower) one. A rank is
 * then one binary search over the distinct scores: 1 + the members with a strictly better score,
 * exactly what ZCOUNT -inf (score gives /me's script.
 *
 * How it stays current: every write of a row (S_UPDATE) appends the row to the board's change
 * log, the stream competition:leaderboard:{id}:log (capped near LEADERBOARD_LOG_MAX entries), in
 * the same script that bumps the version, and tags it with the new version. A rebuild's swap and
 * an unfreeze append a "reset" entry instead. Catching up reads the version and the log after the
 * last entry read in one MULTI, and applies the rows only if their versions run on from the
 * replica's without a gap up to the version read; a reset, a gap (the log was trimmed past the
 * replica, or a version was set by anything else), a change of the board's meta or a lost board
 * mean "load again". Rows are absolute (a member's whole row and score), so a row applied twice
 * changes nothing; this is what lets a load scan the keys while writers go on and then replay the
 * log from before the scan.
 *
 * Memory: the rows plus about 50 bytes per member (judged's RSS grew by 45 MiB with a replica of
 * a 100,000-participant, 4-problem board). Not thread-safe: the caller serialises every call on
 * one replica with its own lock, except fetch, which only reads what apply alone changes. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "service/leaderboard.h"
#include "service/queue.h"

struct board_replica;
struct board_replica_changes;

/* Load the board of competition comp as view reads it from Redis (scanning its keys in batches,
 * so Redis is never blocked for long), then catch up. -ENOENT: no board in Redis (its meta or
 * version is missing: the reader's slow path builds it); -EAGAIN: the board kept changing under
 * the load beyond what the log replays (a rebuild meanwhile), try later. */
int board_replica_load(struct queue *q, long long comp, enum leaderboard_view view, struct board_replica **ret,
                       struct judge_error *err);

/* The changes since r was last caught up, from Redis; r is only read. Returns 1 with *ret (apply
 * it, or free it), 0 when r cannot be caught up and must be loaded again (see above). */
int board_replica_fetch(struct queue *q, const struct board_replica *r, struct board_replica_changes **ret,
                        struct judge_error *err);
/* Apply changes fetched for r (and free them). After it r is as current as the fetch. */
void board_replica_apply(struct board_replica *r, struct board_replica_changes *c);
void board_replica_changes_free(struct board_replica_changes *c);

/* Append user's ranked row as GET .../leaderboard/me answers it ({"rank":r,...,"frozen":b}) to
 * out: 1. 0 when user is not on the replica (out untouched): ask Redis (they may have just
 * joined). */
int board_replica_me(const struct board_replica *r, long long user, struct buf *out);

/* The members on r; whether r's board is a frozen one (meta "frozen"); r's view. */
size_t board_replica_members(const struct board_replica *r);
bool board_replica_frozen(const struct board_replica *r);

void board_replica_free(struct board_replica *r);

/* For tests of the ranking without Redis: an empty replica of view and frozen, and one member's
 * row (len bytes of a JSON object, or NULL) and score written into it (a member already there is
 * replaced). Ranks are current after board_replica_settle. */
struct board_replica *board_replica_new(long long comp, enum leaderboard_view view, bool frozen);
int board_replica_put(struct board_replica *r, long long user, double score, const char *row, size_t len);
void board_replica_settle(struct board_replica *r);
