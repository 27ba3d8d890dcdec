/* A board's replica in process memory (see boardreplica.h). */
#include <errno.h>
#include <hiredis/hiredis.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "service/boardreplica.h"
#include "service/cleanup.h"

#define SCAN_COUNT "1000"
#define LOG_BATCH 1000
#define LOG_BATCH_STR "1000"
#define LOAD_TRIES 3

struct member {
        long long user;
        double score;
        char *row; /* the detail JSON, NULL: none */
        size_t len;
};

/* The members with one score; better: the members with a lower (better) one. */
struct level {
        double score;
        long count, better;
};

struct board_replica {
        long long comp;
        enum leaderboard_view view;
        bool frozen, live_keys; /* meta "frozen"; the live keys are mirrored */
        unsigned long long applied; /* the version of the last change applied */
        char last_id[48];           /* the log entry last read ("0-0": none) */
        struct member *m;
        size_t n, cap;
        uint32_t *index; /* open addressing on the user id: member index + 1, 0 empty */
        size_t index_cap;
        struct level *levels; /* ascending by score */
        size_t n_levels, cap_levels;
};

struct change {
        long long user;
        double score;
        char *row;
        size_t len;
};

struct board_replica_changes {
        struct change *c;
        size_t n, cap;
        unsigned long long applied;
        char last_id[48];
};

/* ---- members and levels ---- */

static size_t slot_of(long long user, size_t cap) {
        return (size_t) (((unsigned long long) user * 11400714819323198485ull) >> 17) & (cap - 1);
}

static long find_member(const struct board_replica *r, long long user) {
        if (!r->index_cap)
                return -1;
        for (size_t i = slot_of(user, r->index_cap);; i = (i + 1) & (r->index_cap - 1)) {
                uint32_t v = r->index[i];
                if (!v)
                        return -1;
                if (r->m[v - 1].user == user)
                        return (long) v - 1;
        }
}

static int grow_index(struct board_replica *r) {
        size_t cap = r->index_cap ? r->index_cap * 2 : 1024;
        uint32_t *index = calloc(cap, sizeof *index);
        if (!index)
                return -ENOMEM;
        for (size_t k = 0; k < r->n; k++) {
                size_t i = slot_of(r->m[k].user, cap);
                while (index[i])
                        i = (i + 1) & (cap - 1);
                index[i] = (uint32_t) k + 1;
        }
        free(r->index);
        r->index = index;
        r->index_cap = cap;
        return 0;
}

/* The level of score: its index, or where it would go (with *found false). */
static size_t find_level(const struct board_replica *r, double score, bool *found) {
        size_t lo = 0, hi = r->n_levels;
        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (r->levels[mid].score < score)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        *found = lo < r->n_levels && r->levels[lo].score == score;
        return lo;
}

static int level_add(struct board_replica *r, double score, long delta) {
        bool found = false;
        size_t i = find_level(r, score, &found);
        if (!found) {
                if (delta < 0)
                        return 0; /* cannot happen: every member's score has a level */
                if (r->n_levels == r->cap_levels) {
                        size_t cap = r->cap_levels ? r->cap_levels * 2 : 64;
                        struct level *l = realloc(r->levels, cap * sizeof *l);
                        if (!l)
                                return -ENOMEM;
                        r->levels = l;
                        r->cap_levels = cap;
                }
                memmove(&r->levels[i + 1], &r->levels[i], (r->n_levels - i) * sizeof *r->levels);
                r->levels[i] = (struct level) { .score = score };
                r->n_levels++;
        }
        r->levels[i].count += delta;
        if (r->levels[i].count <= 0) {
                memmove(&r->levels[i], &r->levels[i + 1], (r->n_levels - i - 1) * sizeof *r->levels);
                r->n_levels--;
        }
        return 0;
}

/* Set user's score, adding the member if new. */
static int member_score(struct board_replica *r, long long user, double score, struct member **ret) {
        long k = find_member(r, user);
        if (k >= 0) {
                struct member *m = &r->m[k];
                if (m->score != score) {
                        int rr = level_add(r, score, 1);
                        if (rr < 0)
                                return rr;
                        level_add(r, m->score, -1);
                        m->score = score;
                }
                *ret = m;
                return 0;
        }
        if (r->n >= UINT32_MAX - 1)
                return -E2BIG;
        if ((r->n + 1) * 2 > r->index_cap && grow_index(r) < 0)
                return -ENOMEM;
        if (r->n == r->cap) {
                size_t cap = r->cap ? r->cap * 2 : 256;
                struct member *m = realloc(r->m, cap * sizeof *m);
                if (!m)
                        return -ENOMEM;
                r->m = m;
                r->cap = cap;
        }
        int rr = level_add(r, score, 1);
        if (rr < 0)
                return rr;
        struct member *m = &r->m[r->n];
        *m = (struct member) { .user = user, .score = score };
        size_t i = slot_of(user, r->index_cap);
        while (r->index[i])
                i = (i + 1) & (r->index_cap - 1);
        r->index[i] = (uint32_t) ++r->n;
        *ret = m;
        return 0;
}

/* Replace m's row with row (taken: freed on failure too). */
static void member_row(struct member *m, char *row, size_t len) {
        free(m->row);
        m->row = row;
        m->len = row ? len : 0;
}

struct board_replica *board_replica_new(long long comp, enum leaderboard_view view, bool frozen) {
        struct board_replica *r = calloc(1, sizeof *r);
        if (!r)
                return NULL;
        r->comp = comp;
        r->view = view;
        r->frozen = frozen;
        r->live_keys = frozen && view == LEADERBOARD_LIVE;
        snprintf(r->last_id, sizeof r->last_id, "0-0");
        return r;
}

int board_replica_put(struct board_replica *r, long long user, double score, const char *row, size_t len) {
        char *copy = NULL;
        if (row && !(copy = strndup(row, len)))
                return -ENOMEM;
        struct member *m = NULL;
        int rr = member_score(r, user, score, &m);
        if (rr < 0) {
                free(copy);
                return rr;
        }
        member_row(m, copy, len);
        return 0;
}

void board_replica_settle(struct board_replica *r) {
        long better = 0;
        for (size_t i = 0; i < r->n_levels; i++) {
                r->levels[i].better = better;
                better += r->levels[i].count;
        }
}

int board_replica_me(const struct board_replica *r, long long user, struct buf *out) {
        long k = find_member(r, user);
        if (k < 0)
                return 0;
        const struct member *m = &r->m[k];
        bool found = false;
        size_t i = find_level(r, m->score, &found);
        long rank = (found ? r->levels[i].better : 0) + 1;
        int rr = leaderboard_me_render(out, rank, m->row, m->len, r->frozen && r->view == LEADERBOARD_PUBLIC);
        return rr < 0 ? rr : 1;
}

size_t board_replica_members(const struct board_replica *r) {
        return r->n;
}

bool board_replica_frozen(const struct board_replica *r) {
        return r->frozen;
}

void board_replica_free(struct board_replica *r) {
        if (!r)
                return;
        for (size_t i = 0; i < r->n; i++)
                free(r->m[i].row);
        free(r->m);
        free(r->index);
        free(r->levels);
        free(r);
}

void board_replica_changes_free(struct board_replica_changes *c) {
        if (!c)
                return;
        for (size_t i = 0; i < c->n; i++)
                free(c->c[i].row);
        free(c->c);
        free(c);
}

void board_replica_apply(struct board_replica *r, struct board_replica_changes *c) {
        for (size_t i = 0; i < c->n; i++) {
                struct member *m = NULL;
                if (member_score(r, c->c[i].user, c->c[i].score, &m) < 0)
                        continue; /* out of memory: the member keeps its old row (or is missing: Redis answers) */
                member_row(m, TAKE_PTR(c->c[i].row), c->c[i].len);
        }
        r->applied = c->applied;
        memcpy(r->last_id, c->last_id, sizeof r->last_id);
        board_replica_settle(r);
        board_replica_changes_free(c);
}

/* ---- Redis ---- */

static int redis_fail(struct judge_error *err, redisContext *ctx, const redisReply *reply, const char *what) {
        if (!reply)
                return judge_err(err, -ECONNRESET, "redis: %s", ctx->errstr[0] ? ctx->errstr : "connection lost");
        return judge_err(err, -EIO, "redis: %s: %s", what,
                         reply->type == REDIS_REPLY_ERROR ? reply->str : "unexpected reply");
}

/* Read the replies of MULTI, n queued commands and EXEC appended to ctx; *ret: EXEC's array. */
static int exec_replies(redisContext *ctx, size_t n, redisReply **ret, struct judge_error *err) {
        int r = 0;
        for (size_t i = 0; i < n + 2; i++) {
                redisReply *reply = NULL;
                if (redisGetReply(ctx, (void **) &reply) != REDIS_OK || !reply)
                        return redis_fail(err, ctx, NULL, "MULTI");
                if (i < n + 1) {
                        if (reply->type == REDIS_REPLY_ERROR && r >= 0)
                                r = redis_fail(err, ctx, reply, "MULTI");
                        freeReplyObject(reply);
                        continue;
                }
                if (r >= 0 && (reply->type != REDIS_REPLY_ARRAY || reply->elements != n))
                        r = redis_fail(err, ctx, reply, "EXEC");
                if (r < 0) {
                        freeReplyObject(reply);
                        return r;
                }
                *ret = reply;
        }
        return 0;
}

static bool parse_version(const redisReply *reply, unsigned long long *ret) {
        if (reply->type != REDIS_REPLY_STRING || reply->len == 0 || reply->len > 20)
                return false;
        char *end = NULL;
        errno = 0;
        unsigned long long v = strtoull(reply->str, &end, 10);
        if (errno || *end || reply->str[0] == '-')
                return false;
        *ret = v;
        return true;
}

/* A member's user id: the zero-padded decimal the board stores. */
static bool parse_member(const char *s, size_t len, long long *ret) {
        if (len == 0 || len > 19)
                return false;
        long long v = 0;
        for (size_t i = 0; i < len; i++) {
                if (s[i] < '0' || s[i] > '9')
                        return false;
                v = v * 10 + (s[i] - '0');
        }
        *ret = v;
        return true;
}

static bool parse_score(const char *s, double *ret) {
        char *end = NULL;
        errno = 0;
        double v = strtod(s, &end);
        if (errno || end == s || *end)
                return false;
        *ret = v;
        return true;
}

static void key(char out[96], long long comp, const char *suffix) {
        snprintf(out, 96, LEADERBOARD_KEY_FMT "%s", comp, suffix);
}

static int add_change(struct board_replica_changes *c, long long user, double score, const redisReply *row) {
        if (c->n == c->cap) {
                size_t cap = c->cap ? c->cap * 2 : 16;
                struct change *n = realloc(c->c, cap * sizeof *n);
                if (!n)
                        return -ENOMEM;
                c->c = n;
                c->cap = cap;
        }
        char *copy = NULL;
        if (row && row->type == REDIS_REPLY_STRING && !(copy = strndup(row->str, row->len)))
                return -ENOMEM;
        c->c[c->n++] = (struct change) { .user = user, .score = score, .row = copy, .len = copy ? row->len : 0 };
        return 0;
}

/* One log entry [id, [field, value, ...]] into c; false when it stops the catch-up (a reset, a
 * gap, a malformed entry). */
static bool take_entry(const struct board_replica *r, struct board_replica_changes *c, const redisReply *e,
                       int *ret_err) {
        if (e->type != REDIS_REPLY_ARRAY || e->elements != 2 || e->element[0]->type != REDIS_REPLY_STRING ||
            e->element[1]->type != REDIS_REPLY_ARRAY || e->element[0]->len >= sizeof c->last_id)
                return false;
        const redisReply *f = e->element[1];
        const redisReply *v = NULL, *m = NULL, *s = NULL, *row = NULL;
        for (size_t i = 0; i + 1 < f->elements; i += 2) {
                const redisReply *name = f->element[i], *val = f->element[i + 1];
                if (name->type != REDIS_REPLY_STRING || val->type != REDIS_REPLY_STRING)
                        return false;
                if (strcmp(name->str, "reset") == 0)
                        return false;
                if (strcmp(name->str, "v") == 0)
                        v = val;
                else if (strcmp(name->str, "m") == 0)
                        m = val;
                else if (strcmp(name->str, r->live_keys ? "ls" : "s") == 0)
                        s = val;
                else if (strcmp(name->str, r->live_keys ? "lr" : "r") == 0)
                        row = val;
        }
        unsigned long long version = 0;
        long long user = 0;
        double score = 0;
        if (!v || !m || !s || !parse_version(v, &version) || version != c->applied + 1 ||
            !parse_member(m->str, m->len, &user) || !parse_score(s->str, &score))
                return false;
        int rr = add_change(c, user, score, row);
        if (rr < 0) {
                *ret_err = rr;
                return false;
        }
        c->applied = version;
        memcpy(c->last_id, e->element[0]->str, e->element[0]->len + 1);
        return true;
}

int board_replica_fetch(struct queue *q, const struct board_replica *r, struct board_replica_changes **ret,
                        struct judge_error *err) {
        redisContext *ctx = queue_redis(q, err);
        if (!ctx)
                return -ECONNREFUSED;
        char kmeta[96], kversion[96], klog[96];
        key(kmeta, r->comp, ":meta");
        key(kversion, r->comp, ":version");
        key(klog, r->comp, ":log");
        struct board_replica_changes *c = calloc(1, sizeof *c);
        if (!c)
                return judge_err(err, -ENOMEM, "out of memory");
        c->applied = r->applied;
        memcpy(c->last_id, r->last_id, sizeof c->last_id);
        for (;;) {
                /* an append fails only out of memory, which marks ctx failed: the queue
                 * reconnects, dropping whatever was appended */
                bool appended = redisAppendCommand(ctx, "MULTI") == REDIS_OK &&
                                redisAppendCommand(ctx, "GET %s", kmeta) == REDIS_OK &&
                                redisAppendCommand(ctx, "GET %s", kversion) == REDIS_OK &&
                                redisAppendCommand(ctx, "XRANGE %s (%s + COUNT " LOG_BATCH_STR, klog, c->last_id) ==
                                        REDIS_OK &&
                                redisAppendCommand(ctx, "EXEC") == REDIS_OK;
                _cleanup_reply_ redisReply *x = NULL;
                int rr = appended ? exec_replies(ctx, 3, &x, err) : redis_fail(err, ctx, NULL, "MULTI");
                if (rr < 0) {
                        board_replica_changes_free(c);
                        return rr;
                }
                const redisReply *meta = x->element[0], *log = x->element[2];
                unsigned long long current = 0;
                bool ok = meta->type == REDIS_REPLY_STRING &&
                          (strcmp(meta->str, "frozen") == 0) == r->frozen &&
                          parse_version(x->element[1], &current) && log->type == REDIS_REPLY_ARRAY;
                for (size_t i = 0; ok && i < log->elements; i++)
                        ok = take_entry(r, c, log->element[i], &rr);
                if (rr < 0) {
                        board_replica_changes_free(c);
                        return judge_err(err, rr, "out of memory");
                }
                if (ok && log->elements == LOG_BATCH)
                        continue; /* more after this batch */
                if (!ok || c->applied != current) {
                        board_replica_changes_free(c);
                        return 0;
                }
                *ret = c;
                return 1;
        }
}

/* Scan a sorted set (scores) or a hash (rows) of the board into r. */
static int scan(redisContext *ctx, struct board_replica *r, const char *k, bool rows, struct judge_error *err) {
        char cursor[32] = "0";
        do {
                _cleanup_reply_ redisReply *reply =
                        redisCommand(ctx, "%s %s %s COUNT " SCAN_COUNT, rows ? "HSCAN" : "ZSCAN", k, cursor);
                if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 2 ||
                    reply->element[0]->type != REDIS_REPLY_STRING || reply->element[0]->len >= sizeof cursor ||
                    reply->element[1]->type != REDIS_REPLY_ARRAY)
                        return redis_fail(err, ctx, reply, rows ? "HSCAN" : "ZSCAN");
                memcpy(cursor, reply->element[0]->str, reply->element[0]->len + 1);
                const redisReply *a = reply->element[1];
                for (size_t i = 0; i + 1 < a->elements; i += 2) {
                        const redisReply *mr = a->element[i], *vr = a->element[i + 1];
                        long long user = 0;
                        if (mr->type != REDIS_REPLY_STRING || vr->type != REDIS_REPLY_STRING ||
                            !parse_member(mr->str, mr->len, &user))
                                continue; /* not a member this code writes */
                        if (rows) {
                                /* a row whose score the scan missed (the member is newer than
                                 * the sorted set's scan) comes back with the log */
                                long k2 = find_member(r, user);
                                if (k2 < 0)
                                        continue;
                                char *row = strndup(vr->str, vr->len);
                                if (!row)
                                        return judge_err(err, -ENOMEM, "out of memory");
                                member_row(&r->m[k2], row, vr->len);
                                continue;
                        }
                        double score = 0;
                        struct member *m = NULL;
                        if (!parse_score(vr->str, &score))
                                continue;
                        int rr = member_score(r, user, score, &m);
                        if (rr < 0)
                                return judge_err(err, rr, "board replica: %s", strerror(-rr));
                }
        } while (strcmp(cursor, "0") != 0);
        return 0;
}

/* One load: 1 loaded and caught up, 0 the board changed beyond the log meanwhile. */
static int load_once(redisContext *ctx, struct queue *q, long long comp, enum leaderboard_view view,
                     struct board_replica **ret, struct judge_error *err) {
        char kmeta[96], kversion[96], klog[96];
        key(kmeta, comp, ":meta");
        key(kversion, comp, ":version");
        key(klog, comp, ":log");
        bool appended = redisAppendCommand(ctx, "MULTI") == REDIS_OK &&
                        redisAppendCommand(ctx, "GET %s", kmeta) == REDIS_OK &&
                        redisAppendCommand(ctx, "GET %s", kversion) == REDIS_OK &&
                        redisAppendCommand(ctx, "XREVRANGE %s + - COUNT 1", klog) == REDIS_OK &&
                        redisAppendCommand(ctx, "EXEC") == REDIS_OK;
        _cleanup_reply_ redisReply *x = NULL;
        int rr = appended ? exec_replies(ctx, 3, &x, err) : redis_fail(err, ctx, NULL, "MULTI");
        if (rr < 0)
                return rr;
        const redisReply *meta = x->element[0], *last = x->element[2];
        unsigned long long version = 0;
        if (meta->type != REDIS_REPLY_STRING || !parse_version(x->element[1], &version))
                return judge_err(err, -ENOENT, "competition %lld: no board in Redis", comp);
        struct board_replica *r = board_replica_new(comp, view, strcmp(meta->str, "frozen") == 0);
        if (!r)
                return judge_err(err, -ENOMEM, "out of memory");
        r->applied = version;
        if (last->type == REDIS_REPLY_ARRAY && last->elements == 1 && last->element[0]->type == REDIS_REPLY_ARRAY &&
            last->element[0]->elements == 2 && last->element[0]->element[0]->type == REDIS_REPLY_STRING &&
            last->element[0]->element[0]->len < sizeof r->last_id)
                memcpy(r->last_id, last->element[0]->element[0]->str, last->element[0]->element[0]->len + 1);
        char kz[96], kd[96];
        key(kz, comp, r->live_keys ? ":live" : "");
        key(kd, comp, r->live_keys ? ":live:detail" : ":detail");
        struct board_replica_changes *c = NULL;
        if ((rr = scan(ctx, r, kz, false, err)) < 0 || (rr = scan(ctx, r, kd, true, err)) < 0 ||
            (rr = board_replica_fetch(q, r, &c, err)) <= 0) {
                board_replica_free(r);
                return rr;
        }
        board_replica_apply(r, c);
        *ret = r;
        return 1;
}

int board_replica_load(struct queue *q, long long comp, enum leaderboard_view view, struct board_replica **ret,
                       struct judge_error *err) {
        redisContext *ctx = queue_redis(q, err);
        if (!ctx)
                return -ECONNREFUSED;
        for (int i = 0; i < LOAD_TRIES; i++) {
                int r = load_once(ctx, q, comp, view, ret, err);
                if (r != 0)
                        return r < 0 ? r : 0;
        }
        return judge_err(err, -EAGAIN, "competition %lld: the board kept changing during %d loads", comp,
                         LOAD_TRIES);
}
