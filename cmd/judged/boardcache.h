/* Rendered leaderboard pages shared by every reader (GET /competitions/{id}/leaderboard).
 *
 * A page is keyed by (competition, view, top, offset) and tagged with the board's version, the
 * Redis string competition:leaderboard:{id}:version that every writer of the board changes in
 * the same step as its write (INCR; a rebuild SETs a fresh random number). A reader takes the
 * version (from Redis at most every cfg.board_check_ms per competition and process; in between
 * the last one read is used), and serves the cached page when its tag equals it: no render, no
 * PostgreSQL, no Redis beyond that version. Otherwise one thread renders the page (the others
 * asking for the same key meanwhile get the previous page if there is one, else wait for the
 * render) and stores it with its gzip variant and the MHD responses of both, which MHD sends
 * to any number of connections without a copy.
 *
 * Staleness: a write is visible to readers at most board_check_ms (plus one render) after its
 * version changed in Redis. The version is read before the page is rendered, so a page is
 * never tagged with a version newer than its content.
 *
 * Memory: at most BOARDCACHE_ENTRIES pages and BOARDCACHE_BYTES of page bodies (plain plus
 * gzip), the least recently used page going first. */
#pragma once

#include <microhttpd.h>
#include <stdbool.h>

#include "base/buf.h"
#include "base/error.h"
#include "service/leaderboard.h"
#include "service/queue.h"

#define BOARDCACHE_ENTRIES 1024
#define BOARDCACHE_BYTES (64L << 20)
/* Boards kept as replicas for /me (boardreplica.h): one per (competition, view) asked for, the
 * least recently used going first. */
#define BOARDCACHE_REPLICAS 8

/* Which board a reader sees: the public one (frozen during a freeze) or the live one (admins). */
enum board_view { BOARD_PUBLIC, BOARD_LIVE, _BOARD_VIEW_MAX };

struct board_key {
        long long comp;
        enum board_view view;
        long top, offset;
};

struct board_page;

/* Appends the page's JSON for the key to out. */
typedef int (*board_render_fn)(void *ctx, struct buf *out, struct judge_error *err);

/* The current page for k: from the cache, or rendered by render(ctx) and cached. *ret holds a
 * reference: give it back with board_page_unref. Returns render's error when it fails, or
 * Redis's when the version cannot be read and no page for k is cached (with one cached, that
 * page: while Redis is down the board cannot change). */
int boardcache_get(struct queue *q, const struct board_key *k, board_render_fn render, void *ctx,
                   struct board_page **ret, struct judge_error *err);
void board_page_unref(struct board_page *p);

/* Whether the client's If-None-Match header (NULL: none) names this page (either encoding). */
bool board_page_matches(const struct board_page *p, const char *if_none_match);

/* Whether an If-None-Match value (a list of entity tags, or "*"; NULL: none) names etag; W/ tags
 * compare weakly, as If-None-Match wants. static.c uses it for the web app's files. */
bool etag_listed(const char *if_none_match, const char *etag);
/* Whether an Accept-Encoding header (NULL: none) accepts gzip. */
bool board_accepts_gzip(const char *accept_encoding);
/* The shared response: 200 with the body (gzip or not), or 304 (not_modified) with the ETag,
 * Cache-Control: no-cache and Vary: Accept-Encoding. Owned by p: queue it before unref. */
struct MHD_Response *board_page_response(const struct board_page *p, bool gzip, bool not_modified);

/* Drop every page (judged's stop). */
void boardcache_clear(void);

/* GET .../leaderboard/me from a replica of the board in this process: user's ranked row of comp
 * as view sees it appended to out, and 1. A (comp, view) gets a replica once /me asked for it 16
 * times within 10 s (from then on one per (comp, view), at most BOARDCACHE_REPLICAS; one used in
 * the last 10 s is never evicted for another); the reader who sees the board's version move
 * catches it up from the board's change log (or, after a rebuild or a gap, loads it again) while
 * the others answer from it as it was: so /me lags a write by at most board_check_ms plus one
 * catch-up (one load after a rebuild), as the pages do. 0 (out untouched) when it cannot
 * answer: no replica (not asked for enough, being loaded, a load failed: tried again after 5 s),
 * the board lost in Redis, Redis failing, or user not on the replica (they may have just
 * joined); the caller then asks Redis (leaderboard_me), which also rebuilds a lost board. < 0:
 * out of memory writing out. */
int boardcache_me(struct queue *q, long long comp, enum leaderboard_view view, long long user, struct buf *out);

struct boardcache_me_stats {
        unsigned long hits, misses, loads, catchups, failures;
};
/* The replicas' counters since start, for /metrics. */
void boardcache_me_stats(struct boardcache_me_stats *st);
/* This process changed comp's board (a join, a verdict, an unfreeze): its next reader reads the
 * version from Redis instead of the one read less than --board-check-ms ago. */
void boardcache_changed(long long comp);
