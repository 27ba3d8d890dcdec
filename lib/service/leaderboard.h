/* Competition leaderboards (ICPC rules) kept in Redis, computed from PostgreSQL.
 *
 * Ranking: problems solved, descending; then penalty, ascending: for each solved problem the
 * minutes from the competition's start to its first Accepted submission plus 20 for every
 * earlier rejected try on it (CE and IE are not counted as tries). Participants equal on both
 * share a rank and are listed by user id (stable).
 *
 * Redis keys, per competition id:
 *   competition:leaderboard:{id}         sorted set: member = zero-padded user id, score =
 *                                        penalty - solved * 1e9 (ascending = best first; equal
 *                                        scores order by member, i.e. by user id)
 *   competition:leaderboard:{id}:detail  hash: member -> the participant's row as JSON
 *   competition:leaderboard:{id}:meta    set when the board was (re)built; missing means Redis
 *                                        lost the board, and the next read or update rebuilds it
 *   competition:leaderboard:{id}:version changed by every write in the same MULTI (INCR; a rebuild
 *                                        SETs a random 62-bit number): readers cache pages by it
 * PostgreSQL stays the source of truth: every update recomputes the participant's row from the
 * submissions table, so replaying an update is harmless. */
#pragma once

#include "base/buf.h"
#include "base/error.h"
#include "service/queue.h"
#include "service/store.h"

/* The score stored in the sorted set. */
double leaderboard_score(long solved, long penalty);

/* Recompute user's row of competition comp and store it (rebuilding the whole board instead if
 * its meta key is missing). The user must be an entry; a non-entry is ignored (returns 0). */
int leaderboard_update_user(struct store *s, struct queue *q, long long comp, long long user,
                            struct judge_error *err);
/* Rebuild the whole board of comp from PostgreSQL and swap it in atomically. *ret_n (if
 * non-NULL) is the number of participants. */
int leaderboard_rebuild(struct store *s, struct queue *q, long long comp, long *ret_n, struct judge_error *err);
/* Append the page {"competition":id,"total":N,"offset":o,"top":t,"rows":[{"rank":r,...}]} to out,
 * from Redis (rebuilding first if the board was lost). */
int leaderboard_page(struct store *s, struct queue *q, long long comp, long top, long offset, struct buf *out,
                     struct judge_error *err);
/* Append user's row with its rank ({"rank":r,...}); -ENOENT if user is not an entry. */
int leaderboard_me(struct store *s, struct queue *q, long long comp, long long user, struct buf *out,
                   struct judge_error *err);
/* The same ranking (rank, user, solved, penalty; without the per-problem cells) answered by one
 * PostgreSQL query, for comparison (bench/leaderboard.sh) and checks. */
int leaderboard_page_sql(struct store *s, long long comp, long top, long offset, struct buf *out,
                         struct judge_error *err);
