/* Bearer tokens in memory: every token's SHA-256 and its user, loaded from PostgreSQL when the
 * API starts and kept current by a thread that reads the token_changes log (migration 005)
 * every cfg.token_refresh_ms, so that checking a token costs a hash and a table probe, not a
 * query. A token deleted in PostgreSQL (revoked, its user deleted) is refused within
 * token_refresh_ms (plus the refresh query's own time); every 5 minutes the whole table is
 * reloaded, which bounds what a change the log could not show would last.
 *
 * A token the table does not know (one created in the last token_refresh_ms, or a bogus one)
 * may be looked up in PostgreSQL once: such lookups are limited per process (a token bucket of
 * TOKENS_LOOKUPS_PER_S), so a flood of unknown tokens costs the database a bounded rate; a
 * token found that way is remembered for token_refresh_ms in a small side cache. */
#pragma once

#include <stdbool.h>

#include "base/error.h"
#include "service/store.h"

#define TOKENS_LOOKUPS_PER_S 100

/* Load every token and start the refresh thread. A failed first load is reported in err and
 * returned, but the thread is started anyway (it keeps trying; meanwhile tokens go through the
 * limited lookups). */
int tokens_start(struct judge_error *err);
void tokens_stop(void);

/* 1 with *ret for a token the table (or the side cache) knows; 0 when it knows nothing of it. */
int tokens_find(const char *token, struct store_user *ret);
/* May this process send one more unknown token to PostgreSQL now? (takes from the bucket) */
bool tokens_may_look_up(void);
/* Remember a token PostgreSQL just confirmed (in the side cache, for token_refresh_ms). */
void tokens_remember(const char *token, const struct store_user *u);
/* Tokens in the table (for /metrics and tests). */
long tokens_count(void);
