/* The in-memory token table (see tokens.h). An open-addressing hash table keyed by the token's
 * SHA-256 (whose first bytes are the hash), linear probing, deletion by shifting back (no
 * tombstones), at most half full. Readers take a read lock, the refresh thread a write lock per
 * change (or, for a full reload, builds a new table and swaps it in). */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/sha256.h"
#include "judged.h"
#include "tokens.h"

#define FULL_RELOAD_S 300
#define SETTLE_MS 5000
#define SIDE_SLOTS 256

struct slot {
        uint8_t h[32];
        bool used, admin;
        long long id;
        char *name;
};

struct table {
        struct slot *slots;
        size_t cap, n; /* cap: a power of two */
};

static struct table table;
static pthread_rwlock_t table_lock;
static pthread_t refresher;
static bool refresher_running;
static pthread_mutex_t stop_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t stop_cond = PTHREAD_COND_INITIALIZER;
static bool stopping;

static struct {
        uint8_t h[32];
        struct store_user user;
        double at;
} side[SIDE_SLOTS];
static pthread_mutex_t side_lock = PTHREAD_MUTEX_INITIALIZER;

static pthread_mutex_t bucket_lock = PTHREAD_MUTEX_INITIALIZER;
static double bucket = TOKENS_LOOKUPS_PER_S, bucket_at;

static void digest(const char *token, uint8_t out[32]) {
        struct sha256 s;
        sha256_init(&s);
        sha256_update(&s, token, strlen(token));
        sha256_final(&s, out);
}

static int from_hex(const char *hex, uint8_t out[32]) {
        if (strlen(hex) != 64)
                return -EINVAL;
        for (size_t i = 0; i < 32; i++) {
                unsigned v = 0;
                for (size_t k = 0; k < 2; k++) {
                        char c = hex[2 * i + k];
                        unsigned d = c >= '0' && c <= '9' ? (unsigned) (c - '0')
                                     : c >= 'a' && c <= 'f' ? (unsigned) (c - 'a' + 10)
                                     : c >= 'A' && c <= 'F' ? (unsigned) (c - 'A' + 10)
                                                            : 16;
                        if (d > 15)
                                return -EINVAL;
                        v = v * 16 + d;
                }
                out[i] = (uint8_t) v;
        }
        return 0;
}

static size_t home(const struct table *t, const uint8_t h[32]) {
        uint64_t x;
        memcpy(&x, h, sizeof x);
        return (size_t) x & (t->cap - 1);
}

static struct slot *probe(const struct table *t, const uint8_t h[32]) {
        if (!t->cap)
                return NULL;
        for (size_t i = home(t, h);; i = (i + 1) & (t->cap - 1)) {
                struct slot *s = &t->slots[i];
                if (!s->used || memcmp(s->h, h, 32) == 0)
                        return s;
        }
}

static void table_free(struct table *t) {
        for (size_t i = 0; i < t->cap; i++)
                free(t->slots[i].name);
        free(t->slots);
        *t = (struct table){ 0 };
}

static int table_grow(struct table *t) {
        struct table g = { .cap = t->cap ? 2 * t->cap : 1024 };
        g.slots = calloc(g.cap, sizeof *g.slots);
        if (!g.slots)
                return -ENOMEM;
        for (size_t i = 0; i < t->cap; i++)
                if (t->slots[i].used) {
                        *probe(&g, t->slots[i].h) = t->slots[i];
                        g.n++;
                }
        free(t->slots);
        *t = g;
        return 0;
}

static int table_put(struct table *t, const uint8_t h[32], const struct store_user *u) {
        if (2 * (t->n + 1) > t->cap && table_grow(t) < 0)
                return -ENOMEM;
        char *name = strdup(u->name);
        if (!name)
                return -ENOMEM;
        struct slot *s = probe(t, h);
        if (!s->used) {
                s->used = true;
                memcpy(s->h, h, 32);
                t->n++;
        }
        free(s->name);
        s->name = name;
        s->id = u->id;
        s->admin = u->admin;
        return 0;
}

static void table_del(struct table *t, const uint8_t h[32]) {
        struct slot *s = probe(t, h);
        if (!s || !s->used)
                return;
        free(s->name);
        size_t i = (size_t) (s - t->slots), mask = t->cap - 1;
        /* shift back the entries after it that would no longer be found past the hole */
        for (size_t j = (i + 1) & mask; t->slots[j].used; j = (j + 1) & mask) {
                size_t k = home(t, t->slots[j].h);
                bool movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
                if (movable) {
                        t->slots[i] = t->slots[j];
                        i = j;
                }
        }
        t->slots[i] = (struct slot){ 0 };
        t->n--;
}

int tokens_find(const char *token, struct store_user *ret) {
        uint8_t h[32];
        digest(token, h);
        int found = 0;
        pthread_rwlock_rdlock(&table_lock);
        const struct slot *s = probe(&table, h);
        if (s && s->used) {
                ret->id = s->id;
                ret->admin = s->admin;
                snprintf(ret->name, sizeof ret->name, "%s", s->name);
                found = 1;
        }
        pthread_rwlock_unlock(&table_lock);
        if (found)
                return 1;
        size_t k = (size_t) h[0] % SIDE_SLOTS;
        double now = mono_now_s();
        pthread_mutex_lock(&side_lock);
        if (side[k].at > 0 && now - side[k].at < (double) cfg.token_refresh_ms / 1000.0 &&
            memcmp(side[k].h, h, 32) == 0) {
                *ret = side[k].user;
                found = 1;
        }
        pthread_mutex_unlock(&side_lock);
        return found;
}

void tokens_remember(const char *token, const struct store_user *u) {
        uint8_t h[32];
        digest(token, h);
        size_t k = (size_t) h[0] % SIDE_SLOTS;
        pthread_mutex_lock(&side_lock);
        memcpy(side[k].h, h, 32);
        side[k].user = *u;
        side[k].at = mono_now_s();
        pthread_mutex_unlock(&side_lock);
}

bool tokens_may_look_up(void) {
        double now = mono_now_s();
        pthread_mutex_lock(&bucket_lock);
        bucket += (now - bucket_at) * TOKENS_LOOKUPS_PER_S;
        if (bucket > TOKENS_LOOKUPS_PER_S)
                bucket = TOKENS_LOOKUPS_PER_S;
        bucket_at = now;
        bool ok = bucket >= 1;
        if (ok)
                bucket -= 1;
        pthread_mutex_unlock(&bucket_lock);
        return ok;
}

long tokens_count(void) {
        pthread_rwlock_rdlock(&table_lock);
        long n = (long) table.n;
        pthread_rwlock_unlock(&table_lock);
        return n;
}

/* ---- loading ---- */

/* A full load fills a table of its own; a change goes into the shared one, under the lock. */
struct load {
        struct table *into; /* NULL: the shared table */
};

static int apply(void *ctx, const char *hex, const struct store_user *u) {
        struct load *l = ctx;
        uint8_t h[32];
        if (from_hex(hex, h) < 0)
                return 0; /* not one of ours: nobody can present it */
        if (l->into)
                return u ? table_put(l->into, h, u) : 0;
        pthread_rwlock_wrlock(&table_lock);
        int r = 0;
        if (u)
                r = table_put(&table, h, u);
        else
                table_del(&table, h);
        pthread_rwlock_unlock(&table_lock);
        return r;
}

static int full_load(struct store *s, long long *since, struct judge_error *err) {
        struct table fresh = { 0 };
        struct load l = { .into = &fresh };
        int r = store_tokens_load(s, -1, SETTLE_MS, apply, &l, since, err);
        if (r < 0) {
                table_free(&fresh);
                return r;
        }
        pthread_rwlock_wrlock(&table_lock);
        struct table old = table;
        table = fresh;
        pthread_rwlock_unlock(&table_lock);
        table_free(&old);
        /* the log's old rows are needed by nobody once every process reloads this often */
        (void) store_exec(s, "DELETE FROM token_changes WHERE changed_at < now() - interval '1 hour'", 0, NULL, NULL,
                          NULL);
        return 0;
}

static bool wait_stop(long ms) {
        struct timespec ts = clock_after_ms(CLOCK_REALTIME, ms);
        pthread_mutex_lock(&stop_lock);
        while (!stopping && pthread_cond_timedwait(&stop_cond, &stop_lock, &ts) == 0)
                ;
        bool st = stopping;
        pthread_mutex_unlock(&stop_lock);
        return st;
}

static long long loaded_since = -1;
static double loaded_at;

static void *refresh_main(void *arg) {
        struct store *s = NULL;
        while (!wait_stop(cfg.token_refresh_ms)) {
                struct judge_error err = { 0 };
                if (!s && store_open(cfg.db, &s, &err) < 0) {
                        fprintf(stderr, "judged: tokens: %s\n", err.msg);
                        continue;
                }
                int r;
                if (loaded_since < 0 || mono_now_s() - loaded_at >= FULL_RELOAD_S) {
                        r = full_load(s, &loaded_since, &err);
                        if (r >= 0)
                                loaded_at = mono_now_s();
                } else {
                        struct load l = { .into = NULL };
                        long long next = loaded_since;
                        r = store_tokens_load(s, loaded_since, SETTLE_MS, apply, &l, &next, &err);
                        if (r >= 0)
                                loaded_since = next;
                }
                if (r < 0)
                        fprintf(stderr, "judged: tokens: refresh: %s\n", err.msg);
        }
        store_free(s);
        return NULL;
}

int tokens_start(struct judge_error *err) {
        pthread_rwlockattr_t a;
        pthread_rwlockattr_init(&a);
        /* the refresh thread is not starved by a steady stream of readers */
        pthread_rwlockattr_setkind_np(&a, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
        pthread_rwlock_init(&table_lock, &a);
        pthread_rwlockattr_destroy(&a);
        bucket_at = mono_now_s();
        int r = 0;
        struct store *s = NULL;
        r = store_open(cfg.db, &s, err);
        if (r >= 0)
                r = full_load(s, &loaded_since, err);
        if (r >= 0)
                loaded_at = mono_now_s();
        store_free(s);
        stopping = false;
        int e = pthread_create(&refresher, NULL, refresh_main, NULL);
        if (e)
                return judge_err(err, -e, "tokens: cannot start the refresh thread");
        refresher_running = true;
        return r;
}

void tokens_stop(void) {
        if (!refresher_running)
                return;
        pthread_mutex_lock(&stop_lock);
        stopping = true;
        pthread_cond_broadcast(&stop_cond);
        pthread_mutex_unlock(&stop_lock);
        pthread_join(refresher, NULL);
        refresher_running = false;
        pthread_rwlock_wrlock(&table_lock);
        table_free(&table);
        pthread_rwlock_unlock(&table_lock);
}
