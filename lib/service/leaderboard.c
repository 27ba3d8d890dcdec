#include <errno.h>
#include <limits.h>
#include <hiredis/hiredis.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "base/parse.h"
#include "service/cleanup.h"
#include "service/leaderboard.h"

#define KEY_FMT "competition:leaderboard:%lld"
#define PENALTY_PER_TRY 20

double leaderboard_score(long solved, long penalty) {
        return (double) penalty - (double) solved * 1e9;
}

struct cell {
        int tries;     /* counted tries up to and including the first AC, or all if unsolved */
        bool solved;
        long time_min; /* minutes from the start to the first AC */
};

struct row {
        long long user_id;
        char name[128];
        long solved, penalty;
        struct cell *cells; /* one per competition problem */
};

struct board {
        char **problems;
        size_t n_problems;
        struct row *rows;
        size_t n_rows;
};

static void board_free(struct board *b) {
        for (size_t i = 0; i < b->n_problems; i++)
                free(b->problems[i]);
        free(b->problems);
        for (size_t i = 0; i < b->n_rows; i++)
                free(b->rows[i].cells);
        free(b->rows);
        memset(b, 0, sizeof *b);
}

/* A number PostgreSQL wrote, through the checked parser; 0 if NULL or not a number in range. */
static long long number_or_zero(const char *v, long long min, long long max) {
        long long n = 0;
        return v && parse_long_long(v, min, max, &n) >= 0 ? n : 0;
}

/* Read the participants (all, or one user) and their counted submissions, and apply ICPC rules. */
static int compute(struct store *s, long long comp, long long user, struct board *b, struct judge_error *err) {
        char c[24], u[24];
        snprintf(c, sizeof c, "%lld", comp);
        snprintf(u, sizeof u, "%lld", user);
        const char *p1[] = { c };
        long rows = 0;
        int r = store_exec(s, "SELECT slug FROM competition_problems WHERE competition_id = $1 ORDER BY position", 1,
                           p1, &rows, err);
        if (r < 0)
                return r;
        b->problems = calloc((size_t) rows + 1, sizeof(char *));
        if (!b->problems)
                return -ENOMEM;
        for (long i = 0; i < rows; i++)
                b->problems[b->n_problems++] = strdup(store_last_value(s, (int) i, 0));

        const char *p2[] = { c, user > 0 ? u : NULL };
        r = store_exec(s,
                       "SELECT e.user_id, u.name, s.problem_slug, s.verdict, "
                       "floor(extract(epoch from s.created_at - c.starts_at) / 60)::bigint "
                       "FROM entries e JOIN users u ON u.id = e.user_id JOIN competitions c ON c.id = e.competition_id "
                       "LEFT JOIN submissions s ON s.competition_id = e.competition_id AND s.user_id = e.user_id "
                       "AND s.kind = 'submit' AND s.status = 'done' AND s.verdict NOT IN ('CE', 'IE') "
                       "WHERE e.competition_id = $1 AND ($2::bigint IS NULL OR e.user_id = $2) "
                       "ORDER BY e.user_id, s.created_at, s.id",
                       2, p2, &rows, err);
        if (r < 0)
                return r;
        b->rows = calloc((size_t) rows + 1, sizeof *b->rows);
        if (!b->rows)
                return -ENOMEM;
        struct row *cur = NULL;
        for (long i = 0; i < rows; i++) {
                long long uid = number_or_zero(store_last_value(s, (int) i, 0), LLONG_MIN, LLONG_MAX);
                if (!cur || cur->user_id != uid) {
                        cur = &b->rows[b->n_rows++];
                        cur->user_id = uid;
                        snprintf(cur->name, sizeof cur->name, "%s", store_last_value(s, (int) i, 1));
                        cur->cells = calloc(b->n_problems + 1, sizeof *cur->cells);
                        if (!cur->cells)
                                return -ENOMEM;
                }
                const char *slug = store_last_value(s, (int) i, 2), *verdict = store_last_value(s, (int) i, 3);
                if (!slug || !verdict)
                        continue; /* an entry without submissions */
                size_t k = 0;
                while (k < b->n_problems && strcmp(b->problems[k], slug) != 0)
                        k++;
                if (k == b->n_problems)
                        continue;
                struct cell *cell = &cur->cells[k];
                if (cell->solved)
                        continue; /* tries after the first AC do not count */
                cell->tries++;
                if (strcmp(verdict, "AC") == 0) {
                        cell->solved = true;
                        cell->time_min = (long) number_or_zero(store_last_value(s, (int) i, 4), LONG_MIN, LONG_MAX);
                        if (cell->time_min < 0)
                                cell->time_min = 0;
                        cur->solved++;
                        cur->penalty += cell->time_min + PENALTY_PER_TRY * (cell->tries - 1);
                }
        }
        return 0;
}

static int row_json(const struct board *b, const struct row *row, struct buf *out) {
        buf_printf(out, "\"user_id\":%lld,\"user\":", row->user_id);
        buf_json_string(out, row->name, strlen(row->name));
        buf_printf(out, ",\"solved\":%ld,\"penalty\":%ld,\"problems\":[", row->solved, row->penalty);
        for (size_t k = 0; k < b->n_problems; k++) {
                const struct cell *c = &row->cells[k];
                buf_printf(out, "%s{\"slug\":", k ? "," : "");
                buf_json_string(out, b->problems[k], strlen(b->problems[k]));
                if (c->solved)
                        buf_printf(out, ",\"attempts\":%d,\"solved\":true,\"time_min\":%ld}", c->tries, c->time_min);
                else
                        buf_printf(out, ",\"attempts\":%d,\"solved\":false,\"time_min\":null}", c->tries);
        }
        return buf_puts(out, "]");
}

/* The error of a failed command: no reply (the connection), or an error or unexpected reply. */
static int redis_err(struct judge_error *err, redisContext *ctx, const redisReply *reply) {
        if (!reply)
                return judge_err(err, -ECONNRESET, "redis: %s", ctx->errstr[0] ? ctx->errstr : "connection lost");
        return judge_err(err, -EIO, "redis: %s", reply->type == REDIS_REPLY_ERROR ? reply->str : "unexpected reply");
}

/* Run argv; any error reply or a lost connection is an error. */
static int argv_command(redisContext *ctx, int argc, const char **argv, const size_t *lens, redisReply **ret,
                        struct judge_error *err) {
        _cleanup_reply_ redisReply *reply = redisCommandArgv(ctx, argc, argv, lens);
        if (!reply || reply->type == REDIS_REPLY_ERROR)
                return redis_err(err, ctx, reply);
        if (ret)
                *ret = TAKE_PTR(reply);
        return 0;
}

/* A short lock so that concurrent rebuilds and updates of one board do not interleave: the
 * writer that takes it last computes from PostgreSQL after every commit before it. */
static int lock_take(struct queue *q, const char *key, long ttl_ms, long wait_ms, struct judge_error *err) {
        for (long waited = 0;; waited += 20) {
                _cleanup_reply_ redisReply *reply = NULL;
                int r = queue_command(q, (void **) &reply, err, "SET %s:lock 1 NX PX %ld", key, ttl_ms);
                if (r < 0)
                        return r;
                if (reply->type == REDIS_REPLY_STATUS)
                        return 0;
                if (waited >= wait_ms)
                        return judge_err(err, -EBUSY, "leaderboard %s is locked", key);
                usleep(20000);
        }
}

static void lock_release(struct queue *q, const char *key) {
        (void) queue_command(q, NULL, NULL, "DEL %s:lock", key);
}

static int has_meta(struct queue *q, const char *key, struct judge_error *err) {
        _cleanup_reply_ redisReply *reply = NULL;
        int r = queue_command(q, (void **) &reply, err, "EXISTS %s:meta", key);
        if (r < 0)
                return r;
        return reply->type == REDIS_REPLY_INTEGER && reply->integer > 0;
}

/* Read the n replies of a pipeline (MULTI ... EXEC): the first error reply is the error, a lost
 * connection overrides it. */
static int read_replies(redisContext *ctx, int n, struct judge_error *err) {
        int r = 0;
        for (int i = 0; i < n; i++) {
                _cleanup_reply_ redisReply *reply = NULL;
                if (redisGetReply(ctx, (void **) &reply) != REDIS_OK || !reply)
                        return redis_err(err, ctx, NULL);
                if (reply->type == REDIS_REPLY_ERROR && r >= 0)
                        r = judge_err(err, -EIO, "redis: %s", reply->str);
        }
        return r;
}

/* The row's detail document, {...}, into out (reset first). */
static int row_document(const struct board *b, const struct row *row, struct buf *out) {
        buf_reset(out);
        buf_puts(out, "{");
        row_json(b, row, out);
        return buf_puts(out, "}");
}

/* A random 62-bit board version (getrandom; the clock if it fails). */
static unsigned long long fresh_version(void) {
        unsigned long long v = 0;
        if (getrandom(&v, sizeof v, 0) != (ssize_t) sizeof v)
                v = (unsigned long long) time(NULL) * 1000003ull ^ (unsigned long long) getpid();
        return v >> 2;
}

static int rebuild_locked(struct store *s, struct queue *q, long long comp, const char *key, long *ret_n,
                          struct judge_error *err) {
        _cleanup_(board_free) struct board b = { 0 };
        int r = compute(s, comp, 0, &b, err);
        redisContext *ctx = r >= 0 ? queue_redis(q, err) : NULL;
        if (r >= 0 && !ctx)
                r = -ECONNREFUSED;
        char tmp[96], tmpd[104], detail[96], meta[96];
        snprintf(tmp, sizeof tmp, "%s:tmp", key);
        snprintf(tmpd, sizeof tmpd, "%s:tmp:detail", key);
        snprintf(detail, sizeof detail, "%s:detail", key);
        snprintf(meta, sizeof meta, "%s:meta", key);
        if (r >= 0) {
                const char *del[] = { "DEL", tmp, tmpd };
                r = argv_command(ctx, 3, del, NULL, NULL, err);
        }
        /* In batches: ZADD tmp score member ... and HSET tmpd member json ... */
        enum { BATCH = 500 };
        const char *zargv[2 + 2 * BATCH], *hargv[2 + 2 * BATCH];
        size_t hlens[2 + 2 * BATCH];
        char scores[BATCH][32], members[BATCH][24];
        struct buf json[BATCH];
        for (size_t i = 0; i < BATCH; i++)
                buf_init(&json[i], 1 << 20);
        for (size_t start = 0; r >= 0 && start < b.n_rows; start += BATCH) {
                size_t n = b.n_rows - start < BATCH ? b.n_rows - start : BATCH;
                zargv[0] = "ZADD", zargv[1] = tmp;
                hargv[0] = "HSET", hargv[1] = tmpd;
                hlens[0] = 4, hlens[1] = strlen(tmpd);
                for (size_t i = 0; r >= 0 && i < n; i++) {
                        const struct row *row = &b.rows[start + i];
                        snprintf(scores[i], sizeof scores[i], "%.0f", leaderboard_score(row->solved, row->penalty));
                        snprintf(members[i], sizeof members[i], "%012lld", row->user_id);
                        r = row_document(&b, row, &json[i]);
                        zargv[2 + 2 * i] = scores[i];
                        zargv[3 + 2 * i] = members[i];
                        hargv[2 + 2 * i] = members[i];
                        hlens[2 + 2 * i] = strlen(members[i]);
                        hargv[3 + 2 * i] = json[i].data;
                        hlens[3 + 2 * i] = json[i].len;
                }
                if (r >= 0)
                        r = argv_command(ctx, (int) (2 + 2 * n), zargv, NULL, NULL, err);
                if (r >= 0)
                        r = argv_command(ctx, (int) (2 + 2 * n), hargv, hlens, NULL, err);
        }
        for (size_t i = 0; i < BATCH; i++)
                buf_free(&json[i]);
        if (r >= 0) {
                /* Swap in atomically; an empty board has no keys to rename. */
                char stamp[32];
                snprintf(stamp, sizeof stamp, "%ld", (long) time(NULL));
                redisAppendCommand(ctx, "MULTI");
                if (b.n_rows > 0) {
                        redisAppendCommand(ctx, "RENAME %s %s", tmp, key);
                        redisAppendCommand(ctx, "RENAME %s %s", tmpd, detail);
                } else
                        redisAppendCommand(ctx, "DEL %s %s", key, detail);
                redisAppendCommand(ctx, "SET %s %s", meta, stamp);
                /* a fresh version that no earlier board had (readers cache pages by it) */
                redisAppendCommand(ctx, "SET %s:version %llu", key, fresh_version());
                redisAppendCommand(ctx, "EXEC");
                r = read_replies(ctx, b.n_rows > 0 ? 6 : 5, err);
        }
        if (r >= 0 && ret_n)
                *ret_n = (long) b.n_rows;
        return r;
}

int leaderboard_rebuild(struct store *s, struct queue *q, long long comp, long *ret_n, struct judge_error *err) {
        char key[64];
        snprintf(key, sizeof key, KEY_FMT, comp);
        int r = lock_take(q, key, 60000, 30000, err);
        if (r < 0)
                return r;
        r = rebuild_locked(s, q, comp, key, ret_n, err);
        lock_release(q, key);
        return r;
}

/* Rebuild if the board is missing; another process rebuilding it at the same time is waited for. */
static int ensure_board(struct store *s, struct queue *q, long long comp, const char *key, struct judge_error *err) {
        int r = has_meta(q, key, err);
        if (r != 0)
                return r < 0 ? r : 0;
        r = lock_take(q, key, 60000, 30000, err);
        if (r < 0)
                return r;
        r = has_meta(q, key, err);
        if (r == 0)
                r = rebuild_locked(s, q, comp, key, NULL, err);
        lock_release(q, key);
        return r < 0 ? r : 0;
}

int leaderboard_update_user(struct store *s, struct queue *q, long long comp, long long user,
                            struct judge_error *err) {
        char key[64];
        snprintf(key, sizeof key, KEY_FMT, comp);
        int r = has_meta(q, key, err);
        if (r < 0)
                return r;
        if (r == 0)
                return ensure_board(s, q, comp, key, err);
        r = lock_take(q, key, 10000, 10000, err);
        if (r < 0)
                return r;
        _cleanup_(board_free) struct board b = { 0 };
        r = compute(s, comp, user, &b, err);
        if (r >= 0 && b.n_rows == 1) {
                const struct row *row = &b.rows[0];
                _cleanup_buf_ struct buf json;
                buf_init(&json, 1 << 20);
                r = row_document(&b, row, &json);
                char member[24];
                snprintf(member, sizeof member, "%012lld", row->user_id);
                redisContext *ctx = r >= 0 ? queue_redis(q, err) : NULL;
                if (r >= 0 && !ctx)
                        r = -ECONNREFUSED;
                if (r >= 0) {
                        redisAppendCommand(ctx, "MULTI");
                        redisAppendCommand(ctx, "ZADD %s %.0f %s", key, leaderboard_score(row->solved, row->penalty),
                                           member);
                        redisAppendCommand(ctx, "HSET %s:detail %s %b", key, member, json.data, json.len);
                        redisAppendCommand(ctx, "INCR %s:version", key);
                        redisAppendCommand(ctx, "EXEC");
                        r = read_replies(ctx, 5, err);
                }
        }
        lock_release(q, key);
        return r;
}

/* Append one ranked row: {"rank":R, + the stored detail without its opening brace. */
static int ranked(struct buf *out, long rank, const char *detail, size_t len) {
        buf_printf(out, "{\"rank\":%ld,", rank);
        if (detail && len > 1)
                return buf_append(out, detail + 1, len - 1);
        return buf_puts(out, "\"user_id\":null}");
}

static int count_better(struct queue *q, const char *key, const char *score, long *ret, struct judge_error *err) {
        _cleanup_reply_ redisReply *reply = NULL;
        int r = queue_command(q, (void **) &reply, err, "ZCOUNT %s -inf (%s", key, score);
        if (r < 0)
                return r;
        *ret = reply->type == REDIS_REPLY_INTEGER ? (long) reply->integer : 0;
        return 0;
}

int leaderboard_page(struct store *s, struct queue *q, long long comp, long top, long offset, struct buf *out,
                     struct judge_error *err) {
        char key[64];
        snprintf(key, sizeof key, KEY_FMT, comp);
        int r = ensure_board(s, q, comp, key, err);
        if (r < 0)
                return r;
        redisContext *ctx = queue_redis(q, err);
        if (!ctx)
                return -ECONNREFUSED;
        /* One round trip: size, the page with scores, and the page's details. */
        redisAppendCommand(ctx, "ZCARD %s", key);
        redisAppendCommand(ctx, "ZRANGE %s %ld %ld WITHSCORES", key, offset, offset + top - 1);
        _cleanup_reply_ redisReply *card = NULL, *page = NULL;
        if (redisGetReply(ctx, (void **) &card) != REDIS_OK || !card)
                return redis_err(err, ctx, NULL);
        if (redisGetReply(ctx, (void **) &page) != REDIS_OK || !page)
                return redis_err(err, ctx, NULL);
        long total = card->type == REDIS_REPLY_INTEGER ? (long) card->integer : 0;
        if (page->type != REDIS_REPLY_ARRAY)
                return redis_err(err, ctx, page);
        size_t n = page->elements / 2;
        _cleanup_reply_ redisReply *details = NULL;
        if (n > 0) {
                _cleanup_free_ const char **argv = calloc(n + 2, sizeof(char *));
                if (!argv)
                        return -ENOMEM;
                char dkey[80];
                snprintf(dkey, sizeof dkey, "%s:detail", key);
                argv[0] = "HMGET", argv[1] = dkey;
                for (size_t i = 0; i < n; i++)
                        argv[2 + i] = page->element[2 * i]->str;
                r = argv_command(ctx, (int) n + 2, argv, NULL, &details, err);
                if (r < 0)
                        return r;
        }
        buf_printf(out, "{\"competition\":%lld,\"total\":%ld,\"offset\":%ld,\"top\":%ld,\"rows\":[", comp, total,
                   offset, top);
        long rank = 0;
        const char *prev = NULL;
        for (size_t i = 0; i < n; i++) {
                const char *score = page->element[2 * i + 1]->str;
                if (i == 0) {
                        long better = 0;
                        r = count_better(q, key, score, &better, err);
                        if (r < 0)
                                return r;
                        rank = better + 1;
                } else if (strcmp(score, prev) != 0)
                        rank = offset + (long) i + 1;
                prev = score;
                const redisReply *d = details && i < details->elements ? details->element[i] : NULL;
                buf_puts(out, i ? "," : "");
                ranked(out, rank, d && d->type == REDIS_REPLY_STRING ? d->str : NULL,
                       d && d->type == REDIS_REPLY_STRING ? d->len : 0);
        }
        return buf_puts(out, "]}");
}

/* One round trip for /me: {0} when the board is missing (the caller rebuilds it), {1} when
 * the user is not on it, else {2, participants ranked better, the row's detail}. */
static const char me_script[] =
        "if redis.call('EXISTS', KEYS[3]) == 0 then return {0} end "
        "local s = redis.call('ZSCORE', KEYS[1], ARGV[1]) "
        "if not s then return {1} end "
        "return {2, redis.call('ZCOUNT', KEYS[1], '-inf', '(' .. s), redis.call('HGET', KEYS[2], ARGV[1])}";

int leaderboard_me(struct store *s, struct queue *q, long long comp, long long user, struct buf *out,
                   struct judge_error *err) {
        char key[64], detail[80], meta[80], member[24];
        snprintf(key, sizeof key, KEY_FMT, comp);
        snprintf(detail, sizeof detail, "%s:detail", key);
        snprintf(meta, sizeof meta, "%s:meta", key);
        snprintf(member, sizeof member, "%012lld", user);
        for (int attempt = 0;; attempt++) {
                _cleanup_reply_ redisReply *reply = NULL;
                int r = queue_command(q, (void **) &reply, err, "EVAL %s 3 %s %s %s %s", me_script, key, detail, meta,
                                      member);
                if (r < 0)
                        return r;
                if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 1 ||
                    reply->element[0]->type != REDIS_REPLY_INTEGER)
                        return judge_err(err, -EIO, "redis: unexpected reply to the /me script");
                long long what = reply->element[0]->integer;
                if (what == 0 && attempt == 0) {
                        r = ensure_board(s, q, comp, key, err);
                        if (r < 0)
                                return r;
                        continue;
                }
                if (what != 2 || reply->elements != 3)
                        return judge_err(err, -ENOENT, "you have not joined competition %lld", comp);
                const redisReply *better = reply->element[1], *d = reply->element[2];
                return ranked(out, (better->type == REDIS_REPLY_INTEGER ? (long) better->integer : 0) + 1,
                              d->type == REDIS_REPLY_STRING ? d->str : NULL, d->type == REDIS_REPLY_STRING ? d->len : 0);
        }
}

int leaderboard_page_sql(struct store *s, long long comp, long top, long offset, struct buf *out,
                         struct judge_error *err) {
        char c[24], t[24], o[24];
        snprintf(c, sizeof c, "%lld", comp);
        snprintf(t, sizeof t, "%ld", top);
        snprintf(o, sizeof o, "%ld", offset);
        const char *p[] = { c, t, o };
        long rows = 0;
        int r = store_exec(
                s,
                "WITH sub AS (SELECT s.user_id, s.problem_slug, s.verdict, s.created_at, "
                "  row_number() OVER (PARTITION BY s.user_id, s.problem_slug ORDER BY s.created_at, s.id) AS n "
                "  FROM submissions s JOIN competition_problems cp ON cp.competition_id = $1 AND cp.slug = s.problem_slug "
                "  WHERE s.competition_id = $1 AND s.kind = 'submit' AND s.status = 'done' "
                "  AND s.verdict NOT IN ('CE', 'IE')), "
                "first_ac AS (SELECT DISTINCT ON (user_id, problem_slug) user_id, created_at, n FROM sub "
                "  WHERE verdict = 'AC' ORDER BY user_id, problem_slug, n), "
                "cell AS (SELECT f.user_id, greatest(0, floor(extract(epoch from f.created_at - c.starts_at) / 60))::bigint "
                "  + 20 * (f.n - 1) AS pen FROM first_ac f JOIN competitions c ON c.id = $1), "
                "tot AS (SELECT e.user_id, count(cell.pen) AS solved, coalesce(sum(cell.pen), 0) AS penalty "
                "  FROM entries e LEFT JOIN cell ON cell.user_id = e.user_id WHERE e.competition_id = $1 "
                "  GROUP BY e.user_id), "
                "ranked AS (SELECT rank() OVER (ORDER BY solved DESC, penalty ASC) AS rank, user_id, solved, penalty, "
                "  count(*) OVER () AS total FROM tot) "
                "SELECT r.rank, r.user_id, u.name, r.solved, r.penalty, r.total FROM ranked r "
                "JOIN users u ON u.id = r.user_id ORDER BY r.solved DESC, r.penalty ASC, r.user_id LIMIT $2 OFFSET $3",
                3, p, &rows, err);
        if (r < 0)
                return r;
        const char *total = rows > 0 ? store_last_value(s, 0, 5) : "0";
        buf_printf(out, "{\"competition\":%lld,\"total\":%s,\"offset\":%ld,\"top\":%ld,\"source\":\"postgresql\","
                        "\"rows\":[",
                   comp, total, offset, top);
        for (long i = 0; i < rows; i++) {
                const char *name = store_last_value(s, (int) i, 2);
                buf_printf(out, "%s{\"rank\":%s,\"user_id\":%s,\"user\":", i ? "," : "",
                           store_last_value(s, (int) i, 0), store_last_value(s, (int) i, 1));
                buf_json_string(out, name, strlen(name));
                buf_printf(out, ",\"solved\":%s,\"penalty\":%s}", store_last_value(s, (int) i, 3),
                           store_last_value(s, (int) i, 4));
        }
        return buf_puts(out, "]}");
}
