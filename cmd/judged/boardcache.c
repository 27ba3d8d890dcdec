/* The shared leaderboard pages (see boardcache.h). One mutex guards the pages and one the
 * per-competition slots; neither is held across a render or a Redis round trip. */
#include <errno.h>
#include <hiredis/hiredis.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <zlib.h>

#include "base/clock.h"
#include "boardcache.h"
#include "judged.h"
#include "service/boardreplica.h"
#include "service/cleanup.h"

#define VERSION_MAX 40
#define COMP_SLOTS 1024
#define BUCKETS 1024
/* the largest page: top 1000 rows of 64 problems */
#define PAGE_MAX (16L << 20)

struct board_page {
        atomic_int ref;
        char version[VERSION_MAX];
        char etag[160], etag_gz[168];
        size_t bytes;
        struct MHD_Response *plain, *gz, *plain_304, *gz_304;
};

struct entry {
        struct board_key k;
        struct board_page *page; /* NULL until the first render ends */
        bool rendering;
        unsigned long long used;
        struct entry *next;
};

static struct {
        struct entry *buckets[BUCKETS];
        size_t n;
        long bytes;
        unsigned long long tick;
} cache;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rendered = PTHREAD_COND_INITIALIZER;

/* Per competition: the version last read from Redis. A colliding competition takes the slot
 * over (the other one is then asked again: a query, not a mistake). */
static struct {
        long long comp;
        bool refreshing;
        bool board; /* the board's meta was there */
        char version[VERSION_MAX];
        double checked; /* monotonic seconds */
} comps[COMP_SLOTS];
static pthread_mutex_t comp_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t comp_slot(long long comp) {
        return (size_t) ((unsigned long long) comp * 11400714819323198485ull >> 54) % COMP_SLOTS;
}

void boardcache_changed(long long comp) {
        size_t i = comp_slot(comp);
        pthread_mutex_lock(&comp_lock);
        if (comps[i].comp == comp)
                comps[i].checked = 0; /* the next reader asks Redis */
        pthread_mutex_unlock(&comp_lock);
}

/* The version in Redis and whether the board is there (its meta); a board without a version
 * (built before versions existed, or Redis lost it) gets a random one, as a rebuild would give
 * it. */
static int fetch_version(struct queue *q, long long comp, char out[VERSION_MAX], bool *ret_board,
                         struct judge_error *err) {
        for (int attempt = 0; attempt < 2; attempt++) {
                _cleanup_reply_ redisReply *reply = NULL;
                int r = queue_command(q, (void **) &reply, err,
                                      "MGET competition:leaderboard:%lld:version competition:leaderboard:%lld:meta",
                                      comp, comp);
                if (r < 0)
                        return r;
                if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 2)
                        return judge_err(err, -EIO, "competition %lld: MGET of the board's version: unexpected reply",
                                         comp);
                const redisReply *v = reply->element[0];
                if (v->type == REDIS_REPLY_STRING && v->len > 0 && v->len < VERSION_MAX) {
                        memcpy(out, v->str, v->len);
                        out[v->len] = 0;
                        *ret_board = reply->element[1]->type == REDIS_REPLY_STRING;
                        return 0;
                }
                if (v->type != REDIS_REPLY_NIL)
                        return judge_err(err, -EIO, "competition %lld: the board's version is not a short string",
                                         comp);
                uint64_t rnd = 0;
                if (getrandom(&rnd, sizeof rnd, 0) != (ssize_t) sizeof rnd)
                        return judge_err(err, -errno, "getrandom: %m");
                r = queue_command(q, NULL, err, "SET competition:leaderboard:%lld:version %llu NX", comp,
                                  (unsigned long long) (rnd >> 2));
                if (r < 0)
                        return r;
        }
        return judge_err(err, -EIO, "competition %lld: the board's version disappeared", comp);
}

/* The version to serve: the one read less than board_check_ms ago, else Redis's (while one
 * thread asks Redis, the others use the previous one); *ret_board (may be NULL): whether the
 * board's meta was there when it was read. */
static int comp_version(struct queue *q, long long comp, char out[VERSION_MAX], bool *ret_board,
                        struct judge_error *err) {
        size_t i = comp_slot(comp);
        double now = mono_now_s();
        bool board = false;
        pthread_mutex_lock(&comp_lock);
        if (comps[i].comp != comp) {
                comps[i].comp = comp;
                comps[i].version[0] = 0;
                comps[i].refreshing = false;
        }
        if (comps[i].version[0] &&
            (now - comps[i].checked < (double) cfg.board_check_ms / 1000.0 || comps[i].refreshing)) {
                memcpy(out, comps[i].version, VERSION_MAX);
                if (ret_board)
                        *ret_board = comps[i].board;
                pthread_mutex_unlock(&comp_lock);
                return 0;
        }
        comps[i].refreshing = true;
        pthread_mutex_unlock(&comp_lock);
        int r = fetch_version(q, comp, out, &board, err);
        pthread_mutex_lock(&comp_lock);
        if (comps[i].comp == comp) {
                comps[i].refreshing = false;
                if (r >= 0) {
                        memcpy(comps[i].version, out, VERSION_MAX);
                        comps[i].board = board;
                        comps[i].checked = now;
                }
        }
        pthread_mutex_unlock(&comp_lock);
        if (ret_board)
                *ret_board = board;
        return r;
}

/* ---- pages ---- */

void board_page_unref(struct board_page *p) {
        if (!p || atomic_fetch_sub(&p->ref, 1) != 1)
                return;
        /* connections still sending hold MHD's own references */
        if (p->plain)
                MHD_destroy_response(p->plain);
        if (p->gz)
                MHD_destroy_response(p->gz);
        if (p->plain_304)
                MHD_destroy_response(p->plain_304);
        if (p->gz_304)
                MHD_destroy_response(p->gz_304);
        free(p);
}

static void page_unrefp(struct board_page **p) {
        board_page_unref(*p);
}

static int gzip_body(const char *in, size_t n, char **ret, size_t *ret_len) {
        z_stream z = { 0 };
        if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
                return -ENOMEM;
        size_t cap = deflateBound(&z, (uLong) n);
        char *out = malloc(cap);
        if (!out) {
                deflateEnd(&z);
                return -ENOMEM;
        }
        z.next_in = (Bytef *) (uintptr_t) in;
        z.avail_in = (uInt) n;
        z.next_out = (Bytef *) out;
        z.avail_out = (uInt) cap;
        int zr = deflate(&z, Z_FINISH);
        size_t len = cap - z.avail_out;
        deflateEnd(&z);
        if (zr != Z_STREAM_END) {
                free(out);
                return -EIO;
        }
        *ret = out;
        *ret_len = len;
        return 0;
}

static int headers(struct MHD_Response *r, const char *etag, bool body, bool gzip) {
        bool ok = MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag) == MHD_YES &&
                  MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache") == MHD_YES &&
                  MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding") == MHD_YES;
        if (ok && body)
                ok = MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json") == MHD_YES;
        if (ok && gzip)
                ok = MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip") == MHD_YES;
        return ok ? 0 : -ENOMEM;
}

/* A page of body (taken: freed in every case) for key k at version. */
static int page_new(const struct board_key *k, const char *version, struct buf *body, struct board_page **ret) {
        _cleanup_(page_unrefp) struct board_page *p = calloc(1, sizeof *p);
        if (!p) {
                buf_free(body);
                return -ENOMEM;
        }
        atomic_init(&p->ref, 1);
        snprintf(p->version, sizeof p->version, "%s", version);
        snprintf(p->etag, sizeof p->etag, "\"%s.%s.%ld.%ld\"", version, k->view == BOARD_LIVE ? "live" : "public",
                 k->top, k->offset);
        snprintf(p->etag_gz, sizeof p->etag_gz, "\"%s.%s.%ld.%ld.gz\"", version,
                 k->view == BOARD_LIVE ? "live" : "public", k->top, k->offset);
        char *gz = NULL;
        size_t gz_len = 0;
        int r = gzip_body(body->data ? body->data : "", body->len, &gz, &gz_len);
        if (r < 0) {
                buf_free(body);
                return r;
        }
        size_t len = body->len;
        p->bytes = len + gz_len;
        char *plain = buf_steal(body);
        p->plain = MHD_create_response_from_buffer(len, plain, MHD_RESPMEM_MUST_FREE);
        if (!p->plain)
                free(plain);
        p->gz = MHD_create_response_from_buffer(gz_len, gz, MHD_RESPMEM_MUST_FREE);
        if (!p->gz)
                free(gz);
        p->plain_304 = MHD_create_response_from_buffer(0, (void *) "", MHD_RESPMEM_PERSISTENT);
        p->gz_304 = MHD_create_response_from_buffer(0, (void *) "", MHD_RESPMEM_PERSISTENT);
        if (!p->plain || !p->gz || !p->plain_304 || !p->gz_304 || headers(p->plain, p->etag, true, false) < 0 ||
            headers(p->gz, p->etag_gz, true, true) < 0 || headers(p->plain_304, p->etag, false, false) < 0 ||
            headers(p->gz_304, p->etag_gz, false, false) < 0)
                return -ENOMEM;
        *ret = TAKE_PTR(p);
        return 0;
}

static size_t bucket_of(const struct board_key *k) {
        unsigned long long h = (unsigned long long) k->comp * 0x9E3779B97F4A7C15ull;
        h ^= (unsigned long long) k->view + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
        h ^= (unsigned long long) k->top * 0xC2B2AE3D27D4EB4Full + (h << 6) + (h >> 2);
        h ^= (unsigned long long) k->offset * 0x165667B19E3779F9ull + (h << 6) + (h >> 2);
        return (size_t) (h % BUCKETS);
}

static bool same_key(const struct board_key *a, const struct board_key *b) {
        return a->comp == b->comp && a->view == b->view && a->top == b->top && a->offset == b->offset;
}

static struct entry *find(const struct board_key *k) {
        for (struct entry *e = cache.buckets[bucket_of(k)]; e; e = e->next)
                if (same_key(&e->k, k))
                        return e;
        return NULL;
}

/* Evict the least recently used idle entry other than keep; false if there is none. Locked. */
static bool evict_one(const struct entry *keep) {
        struct entry **victim = NULL;
        for (size_t b = 0; b < BUCKETS; b++)
                for (struct entry **pe = &cache.buckets[b]; *pe; pe = &(*pe)->next)
                        if (*pe != keep && !(*pe)->rendering && (!victim || (*pe)->used < (*victim)->used))
                                victim = pe;
        if (!victim)
                return false;
        struct entry *e = *victim;
        *victim = e->next;
        if (e->page) {
                cache.bytes -= (long) e->page->bytes;
                board_page_unref(e->page);
        }
        free(e);
        cache.n--;
        return true;
}

int boardcache_get(struct queue *q, const struct board_key *k, board_render_fn render, void *ctx,
                   struct board_page **ret, struct judge_error *err) {
        char version[VERSION_MAX];
        int r = comp_version(q, k->comp, version, NULL, err);
        pthread_mutex_lock(&cache_lock);
        struct entry *e;
        if (r < 0) {
                /* Redis is unreachable: the board cannot change meanwhile either (its writes go
                 * there), so the last page is still the best answer */
                e = find(k);
                if (!e || !e->page) {
                        pthread_mutex_unlock(&cache_lock);
                        return r;
                }
                atomic_fetch_add(&e->page->ref, 1);
                e->used = ++cache.tick;
                *ret = e->page;
                pthread_mutex_unlock(&cache_lock);
                return 0;
        }
        for (;;) {
                e = find(k);
                if (e && e->page && (strcmp(e->page->version, version) == 0 || e->rendering)) {
                        /* current, or being replaced by another thread: the previous page meanwhile */
                        atomic_fetch_add(&e->page->ref, 1);
                        e->used = ++cache.tick;
                        *ret = e->page;
                        pthread_mutex_unlock(&cache_lock);
                        return 0;
                }
                if (!e || !e->rendering)
                        break;
                pthread_cond_wait(&rendered, &cache_lock); /* the first render of this key */
        }
        if (!e) {
                while (cache.n >= BOARDCACHE_ENTRIES && evict_one(NULL))
                        ;
                e = calloc(1, sizeof *e);
                if (!e) {
                        pthread_mutex_unlock(&cache_lock);
                        return -ENOMEM;
                }
                e->k = *k;
                size_t b = bucket_of(k);
                e->next = cache.buckets[b];
                cache.buckets[b] = e;
                cache.n++;
        }
        e->rendering = true;
        e->used = ++cache.tick;
        pthread_mutex_unlock(&cache_lock);

        struct buf body;
        buf_init(&body, PAGE_MAX);
        struct board_page *page = NULL;
        r = render(ctx, &body, err);
        if (r >= 0 && buf_err(&body) < 0)
                r = judge_err(err, buf_err(&body), "leaderboard page: %s", strerror(-buf_err(&body)));
        if (r >= 0)
                r = page_new(k, version, &body, &page);
        else
                buf_free(&body);

        struct board_page *old = NULL;
        pthread_mutex_lock(&cache_lock);
        e->rendering = false; /* not evicted while rendering: e is still ours */
        if (r >= 0) {
                old = e->page;
                if (old)
                        cache.bytes -= (long) old->bytes;
                e->page = page;
                cache.bytes += (long) page->bytes;
                atomic_fetch_add(&page->ref, 1);
                *ret = page;
                while (cache.bytes > BOARDCACHE_BYTES && evict_one(e))
                        ;
        }
        pthread_cond_broadcast(&rendered);
        pthread_mutex_unlock(&cache_lock);
        board_page_unref(old);
        return r;
}

/* ---- conditional requests and encodings ---- */

bool etag_listed(const char *inm, const char *etag) {
        size_t elen = strlen(etag);
        while (inm && *inm) {
                inm += strspn(inm, " \t,");
                size_t n = strcspn(inm, ",");
                size_t m = n;
                while (m > 0 && (inm[m - 1] == ' ' || inm[m - 1] == '\t'))
                        m--;
                const char *t = inm;
                if (m >= 2 && strncmp(t, "W/", 2) == 0) /* weak comparison, as If-None-Match wants */
                        t += 2, m -= 2;
                if ((m == 1 && *t == '*') || (m == elen && strncmp(t, etag, m) == 0))
                        return true;
                inm += n;
        }
        return false;
}

bool board_page_matches(const struct board_page *p, const char *inm) {
        return etag_listed(inm, p->etag) || etag_listed(inm, p->etag_gz);
}

bool board_accepts_gzip(const char *ae) {
        while (ae && *ae) {
                ae += strspn(ae, " \t,");
                size_t n = strcspn(ae, ",");
                size_t name = strcspn(ae, ";, \t");
                bool gzip = (name == 4 && strncasecmp(ae, "gzip", 4) == 0) ||
                            (name == 6 && strncasecmp(ae, "x-gzip", 6) == 0);
                if (gzip) {
                        /* q=0 (0, 0.0, 0.00...) refuses it */
                        const char *q = ae + name;
                        const char *end = ae + n;
                        bool refused = false;
                        for (; q < end; q++)
                                if ((*q == 'q' || *q == 'Q') && q + 1 < end && q[1] == '=') {
                                        const char *v = q + 2;
                                        refused = *v == '0';
                                        for (v++; refused && v < end && *v != ';' && *v != ' '; v++)
                                                refused = *v == '.' || *v == '0';
                                        break;
                                }
                        if (!refused)
                                return true;
                }
                ae += n;
        }
        return false;
}

struct MHD_Response *board_page_response(const struct board_page *p, bool gzip, bool not_modified) {
        if (not_modified)
                return gzip ? p->gz_304 : p->plain_304;
        return gzip ? p->gz : p->plain;
}

/* ---- replicas for /me ---- */

/* A (competition, view) gets a replica only once asked for this often within REPLICA_WINDOW_S
 * seconds (below that Redis answers it cheaply, and a client cycling through competitions cannot
 * make every request a load); a replica used within REPLICA_WINDOW_S is never evicted for a new
 * one; a failed load is not tried again for RETRY_LOAD_S, a failed catch-up for RETRY_CATCH_UP_S
 * (the replica meanwhile answers as it was, as a cached page does while Redis is down). */
#define REPLICA_ASKS 16
#define REPLICA_WINDOW_S 10.0
#define RETRY_LOAD_S 5.0
#define RETRY_CATCH_UP_S 1.0
#define ASK_SLOTS 64

struct replica_slot {
        long long comp; /* 0: free */
        enum leaderboard_view view;
        struct board_replica *r;  /* NULL until a load succeeds */
        char seen[VERSION_MAX];   /* the version r was last brought up to */
        bool busy;                /* a thread loads it or catches it up */
        unsigned long long used;  /* LRU tick */
        double used_at, retry_at; /* monotonic seconds */
};

static struct replica_slot slots[BOARDCACHE_REPLICAS];
static struct {
        long long comp;
        enum leaderboard_view view;
        unsigned count;
        double since;
} asks[ASK_SLOTS];
static unsigned long long slot_tick;
static pthread_mutex_t replica_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_ulong me_hits, me_misses, me_loads, me_catchups, me_failures;

static struct replica_slot *find_slot(long long comp, enum leaderboard_view view) {
        for (size_t i = 0; i < BOARDCACHE_REPLICAS; i++)
                if (slots[i].comp == comp && slots[i].view == view)
                        return &slots[i];
        return NULL;
}

/* Count an ask for (comp, view) without a replica; true once there were REPLICA_ASKS within
 * the window. Locked. */
static bool asked_enough(long long comp, enum leaderboard_view view, double now) {
        size_t i = ((size_t) comp_slot(comp) * 2 + (size_t) view) % ASK_SLOTS;
        if (asks[i].comp != comp || asks[i].view != view || now - asks[i].since > REPLICA_WINDOW_S) {
                asks[i].comp = comp;
                asks[i].view = view;
                asks[i].count = 0;
                asks[i].since = now;
        }
        return ++asks[i].count >= REPLICA_ASKS;
}

/* A slot for a new replica: a free one, else the least recently used one neither busy nor used
 * within the window (its replica *old is the caller's to free, outside the lock); NULL when
 * there is none. Locked. */
static struct replica_slot *claim_slot(long long comp, enum leaderboard_view view, double now,
                                       struct board_replica **old) {
        struct replica_slot *victim = NULL;
        for (size_t i = 0; i < BOARDCACHE_REPLICAS; i++) {
                struct replica_slot *sl = &slots[i];
                if (!sl->comp) {
                        victim = sl;
                        break;
                }
                if (!sl->busy && now - sl->used_at > REPLICA_WINDOW_S && (!victim || sl->used < victim->used))
                        victim = sl;
        }
        if (!victim)
                return NULL;
        *old = victim->r;
        *victim = (struct replica_slot) { .comp = comp, .view = view, .used = ++slot_tick, .used_at = now };
        return victim;
}

enum refresh_result { CAUGHT_UP, LOADED, NO_BOARD, FAILED };

/* Bring cur (NULL: none yet) up to date: catch up from the log, or load a new replica (*fresh).
 * Not locked: the caller's slot is busy, so nobody else changes it. */
static enum refresh_result refresh(struct queue *q, struct board_replica *cur, long long comp,
                                   enum leaderboard_view view, struct board_replica_changes **c,
                                   struct board_replica **fresh) {
        struct judge_error err = { 0 };
        if (cur) {
                int r = board_replica_fetch(q, cur, c, &err);
                if (r > 0) {
                        atomic_fetch_add(&me_catchups, 1);
                        return CAUGHT_UP;
                }
                if (r < 0) {
                        atomic_fetch_add(&me_failures, 1);
                        return FAILED;
                }
        }
        int r = board_replica_load(q, comp, view, fresh, &err);
        if (r == -ENOENT)
                return NO_BOARD;
        if (r < 0) {
                atomic_fetch_add(&me_failures, 1);
                return FAILED;
        }
        atomic_fetch_add(&me_loads, 1);
        return LOADED;
}

int boardcache_me(struct queue *q, long long comp, enum leaderboard_view view, long long user, struct buf *out) {
        char version[VERSION_MAX];
        bool board = false;
        struct judge_error err = { 0 };
        if (comp_version(q, comp, version, &board, &err) < 0) {
                atomic_fetch_add(&me_misses, 1);
                return 0; /* Redis: the slow path says what went wrong */
        }
        double now = mono_now_s();
        struct board_replica *drop = NULL;
        pthread_mutex_lock(&replica_lock);
        struct replica_slot *sl = find_slot(comp, view);
        if (!board) {
                /* the board is lost: the slow path rebuilds it; the replica goes */
                if (sl && !sl->busy) {
                        drop = sl->r;
                        *sl = (struct replica_slot) { 0 };
                }
                pthread_mutex_unlock(&replica_lock);
                board_replica_free(drop);
                atomic_fetch_add(&me_misses, 1);
                return 0;
        }
        struct board_replica *cur = NULL;
        bool go = false;
        if (!sl) {
                if (asked_enough(comp, view, now))
                        go = (sl = claim_slot(comp, view, now, &drop)) != NULL;
        } else if (!sl->busy && now >= sl->retry_at && (!sl->r || strcmp(sl->seen, version) != 0)) {
                cur = sl->r;
                go = true;
        }
        if (go) {
                /* this thread loads it or brings it up to date; the others meanwhile answer from
                 * the replica as it was, or ask Redis */
                sl->busy = true;
                pthread_mutex_unlock(&replica_lock);
                board_replica_free(drop);
                drop = NULL;
                struct board_replica_changes *c = NULL;
                struct board_replica *fresh = NULL;
                enum refresh_result res = refresh(q, cur, comp, view, &c, &fresh);
                pthread_mutex_lock(&replica_lock);
                /* a busy slot is never taken over: sl is still (comp, view) */
                sl->busy = false;
                switch (res) {
                case CAUGHT_UP:
                        board_replica_apply(cur, c);
                        memcpy(sl->seen, version, VERSION_MAX);
                        break;
                case LOADED:
                        drop = cur;
                        sl->r = fresh;
                        memcpy(sl->seen, version, VERSION_MAX);
                        break;
                case NO_BOARD:
                        drop = cur;
                        *sl = (struct replica_slot) { 0 };
                        break;
                case FAILED:
                        sl->retry_at = now + (cur ? RETRY_CATCH_UP_S : RETRY_LOAD_S);
                        break;
                }
                pthread_mutex_unlock(&replica_lock);
                board_replica_free(drop);
                pthread_mutex_lock(&replica_lock);
                sl = find_slot(comp, view);
        }
        int r = 0;
        if (sl && sl->r) {
                sl->used = ++slot_tick;
                sl->used_at = now;
                r = board_replica_me(sl->r, user, out);
        }
        pthread_mutex_unlock(&replica_lock);
        atomic_fetch_add(r > 0 ? &me_hits : &me_misses, 1);
        return r;
}

void boardcache_me_stats(struct boardcache_me_stats *st) {
        st->hits = atomic_load(&me_hits);
        st->misses = atomic_load(&me_misses);
        st->loads = atomic_load(&me_loads);
        st->catchups = atomic_load(&me_catchups);
        st->failures = atomic_load(&me_failures);
}

void boardcache_clear(void) {
        pthread_mutex_lock(&cache_lock);
        while (evict_one(NULL))
                ;
        pthread_mutex_unlock(&cache_lock);
        pthread_mutex_lock(&replica_lock);
        for (size_t i = 0; i < BOARDCACHE_REPLICAS; i++) {
                board_replica_free(slots[i].r);
                slots[i] = (struct replica_slot) { 0 };
        }
        pthread_mutex_unlock(&replica_lock);
}
