#include <errno.h>
#include <limits.h>
#include <hiredis/hiredis.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "base/parse.h"
#include "service/cleanup.h"
#include "service/leaderboard.h"

#define CHANNEL_FMT "competition:%lld:board"
#define PENALTY_PER_TRY 20
#define REBUILD_LOCK_MS 120000

double leaderboard_score(long solved, long penalty) {
        return (double) penalty - (double) solved * 1e9;
}

double leaderboard_freeze_at(const struct store_competition *c) {
        return c->freeze_minutes > 0 ? c->ends_at - 60.0 * (double) c->freeze_minutes : 0;
}

bool leaderboard_frozen(const struct store_competition *c, double now) {
        return c->freeze_minutes > 0 && !c->unfrozen && now >= leaderboard_freeze_at(c);
}

enum leaderboard_view leaderboard_view_for(const struct store_competition *c, bool admin, double now) {
        if (c->freeze_minutes <= 0 || c->unfrozen)
                return LEADERBOARD_PUBLIC;
        if (admin || now < leaderboard_freeze_at(c))
                return LEADERBOARD_LIVE;
        return LEADERBOARD_PUBLIC;
}

/* ---- computing rows from PostgreSQL ---- */

struct cell {
        int tries;     /* counted tries up to and including the first AC, or all if unsolved */
        bool solved;
        long time_min; /* minutes from the start to the first AC */
        int pending;   /* of those tries, made at or after freeze_at (the frozen cell's only) */
};

struct standing {
        long solved, penalty;
        struct cell *cells; /* one per competition problem */
};

struct row {
        long long user_id, stamp;
        char name[128];
        struct standing live, frozen; /* frozen: only with board.freezing */
};

struct board {
        char **problems;
        size_t n_problems;
        bool freezing; /* the competition freezes and is not unfrozen: two boards */
        struct row *rows;
        size_t n_rows;
};

static void board_free(struct board *b) {
        for (size_t i = 0; i < b->n_problems; i++)
                free(b->problems[i]);
        free(b->problems);
        for (size_t i = 0; i < b->n_rows; i++) {
                free(b->rows[i].live.cells);
                free(b->rows[i].frozen.cells);
        }
        free(b->rows);
        memset(b, 0, sizeof *b);
}

/* A number PostgreSQL wrote, through the checked parser; 0 if NULL or not a number in range. */
static long long number_or_zero(const char *v, long long min, long long max) {
        long long n = 0;
        return v && parse_long_long(v, min, max, &n) >= 0 ? n : 0;
}

static bool is_true(const char *v) {
        return v && strcmp(v, "t") == 0;
}

/* One counted submission on a cell of a standing. */
static void count_try(struct standing *st, struct cell *cell, bool ac, long minute) {
        if (cell->solved)
                return; /* tries after the first AC do not count */
        cell->tries++;
        if (!ac)
                return;
        cell->solved = true;
        cell->time_min = minute < 0 ? 0 : minute;
        st->solved++;
        st->penalty += cell->time_min + PENALTY_PER_TRY * (cell->tries - 1);
}

/* A competition's problems never change once it is created: a participant's update (a join, a
 * finished submission: the hot path) takes them from this per-process cache instead of asking
 * PostgreSQL again. */
#define PROBLEM_CACHE 64
static struct {
        long long comp;
        char **problems; /* NULL-terminated, owned */
} problem_cache[PROBLEM_CACHE];
static pthread_mutex_t problem_cache_lock = PTHREAD_MUTEX_INITIALIZER;

static char **strv_copy(char *const *v, size_t n) {
        char **copy = calloc(n + 1, sizeof(char *));
        for (size_t i = 0; copy && i < n; i++)
                if (!(copy[i] = strdup(v[i]))) {
                        for (size_t k = 0; k < i; k++)
                                free(copy[k]);
                        free(copy);
                        return NULL;
                }
        return copy;
}

/* b's problems from the cache: true when comp was there. */
static bool problems_cached(long long comp, struct board *b) {
        bool hit = false;
        pthread_mutex_lock(&problem_cache_lock);
        size_t slot = (size_t) comp % PROBLEM_CACHE;
        if (problem_cache[slot].comp == comp && problem_cache[slot].problems) {
                size_t n = 0;
                while (problem_cache[slot].problems[n])
                        n++;
                b->problems = strv_copy(problem_cache[slot].problems, n);
                b->n_problems = b->problems ? n : 0;
                hit = b->problems != NULL;
        }
        pthread_mutex_unlock(&problem_cache_lock);
        return hit;
}

static void problems_remember(long long comp, const struct board *b) {
        char **copy = strv_copy(b->problems, b->n_problems);
        if (!copy)
                return;
        pthread_mutex_lock(&problem_cache_lock);
        size_t slot = (size_t) comp % PROBLEM_CACHE;
        char **old = problem_cache[slot].problems;
        problem_cache[slot].comp = comp;
        problem_cache[slot].problems = copy;
        pthread_mutex_unlock(&problem_cache_lock);
        for (char **p = old; p && *p; p++)
                free(*p);
        free(old);
}

/* The competition's problems (in order) and whether it freezes now, from PostgreSQL. */
static int load_problems(struct store *s, long long comp, struct board *b, struct judge_error *err) {
        long rows = 0;
        int r = store_exec_competition(s,
                                       "SELECT cp.slug, (c.freeze_minutes > 0 AND NOT c.unfrozen) "
                                       "FROM competitions c LEFT JOIN competition_problems cp "
                                       "ON cp.competition_id = c.id WHERE c.id = $1 ORDER BY cp.position",
                                       comp, &rows, err);
        if (r < 0)
                return r;
        b->freezing = is_true(store_last_value(s, 0, 1));
        b->problems = calloc((size_t) rows + 1, sizeof(char *));
        if (!b->problems)
                return -ENOMEM;
        for (long i = 0; i < rows; i++) {
                const char *slug = store_last_value(s, (int) i, 0);
                if (slug && !(b->problems[b->n_problems++] = strdup(slug)))
                        return -ENOMEM;
        }
        problems_remember(comp, b);
        return 0;
}

/* Read the participants (all, or one user) and their counted submissions, and apply ICPC rules:
 * the live standing, and with a freeze the frozen one too. For one participant the problems come
 * from the cache and the freeze from the rows' own query. */
static int compute(struct store *s, long long comp, long long user, struct board *b, struct judge_error *err) {
        char c[24], u[24];
        snprintf(c, sizeof c, "%lld", comp);
        snprintf(u, sizeof u, "%lld", user);
        long rows = 0;
        int r = 0;
        if (!(user > 0 && problems_cached(comp, b)))
                r = load_problems(s, comp, b, err);
        if (r < 0)
                return r;

        const char *p2[] = { c, user > 0 ? u : NULL };
        r = store_exec(s,
                       "SELECT e.user_id, u.name, s.problem_slug, s.verdict, "
                       "floor(extract(epoch from s.created_at - c.starts_at) / 60)::bigint, "
                       "(c.freeze_minutes > 0 AND s.created_at >= c.ends_at - c.freeze_minutes * interval '1 minute'), "
                       "e.board_rev, (c.freeze_minutes > 0 AND NOT c.unfrozen) "
                       "FROM entries e JOIN users u ON u.id = e.user_id JOIN competitions c ON c.id = e.competition_id "
                       "LEFT JOIN submissions s ON s.competition_id = e.competition_id AND s.user_id = e.user_id "
                       "AND s.kind = 'submit' AND s.status = 'done' AND s.verdict NOT IN ('CE', 'IE') "
                       "WHERE e.competition_id = $1 AND ($2::bigint IS NULL OR e.user_id = $2) "
                       "ORDER BY e.user_id, s.created_at, s.id",
                       2, p2, &rows, err);
        if (r < 0)
                return r;
        if (rows > 0) /* this statement's snapshot wins over the first's */
                b->freezing = is_true(store_last_value(s, 0, 7));
        b->rows = calloc((size_t) rows + 1, sizeof *b->rows);
        if (!b->rows)
                return -ENOMEM;
        struct row *cur = NULL;
        for (long i = 0; i < rows; i++) {
                long long uid = number_or_zero(store_last_value(s, (int) i, 0), LLONG_MIN, LLONG_MAX);
                if (!cur || cur->user_id != uid) {
                        cur = &b->rows[b->n_rows++];
                        cur->user_id = uid;
                        cur->stamp = number_or_zero(store_last_value(s, (int) i, 6), 0, LLONG_MAX);
                        snprintf(cur->name, sizeof cur->name, "%s", store_last_value(s, (int) i, 1));
                        cur->live.cells = calloc(b->n_problems + 1, sizeof(struct cell));
                        cur->frozen.cells = calloc(b->n_problems + 1, sizeof(struct cell));
                        if (!cur->live.cells || !cur->frozen.cells)
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
                bool ac = strcmp(verdict, "AC") == 0;
                long minute = (long) number_or_zero(store_last_value(s, (int) i, 4), LONG_MIN, LONG_MAX);
                struct cell *live = &cur->live.cells[k], *frozen = &cur->frozen.cells[k];
                /* submissions come in time order: the frozen standing is the live one cut at freeze_at */
                if (is_true(store_last_value(s, (int) i, 5))) {
                        if (!live->solved && !frozen->solved)
                                frozen->pending++;
                } else
                        count_try(&cur->frozen, frozen, ac, minute);
                count_try(&cur->live, live, ac, minute);
        }
        return 0;
}

/* The row's detail document {"user_id":...,"problems":[...]} into out (reset first). */
static int row_document(const struct board *b, const struct row *row, const struct standing *st, struct buf *out) {
        buf_reset(out);
        buf_printf(out, "{\"user_id\":%lld,\"user\":", row->user_id);
        buf_json_string(out, row->name, strlen(row->name));
        buf_printf(out, ",\"solved\":%ld,\"penalty\":%ld,\"problems\":[", st->solved, st->penalty);
        for (size_t k = 0; k < b->n_problems; k++) {
                const struct cell *c = &st->cells[k];
                buf_printf(out, "%s{\"slug\":", k ? "," : "");
                buf_json_string(out, b->problems[k], strlen(b->problems[k]));
                if (c->solved)
                        buf_printf(out, ",\"attempts\":%d,\"solved\":true,\"time_min\":%ld", c->tries, c->time_min);
                else
                        buf_printf(out, ",\"attempts\":%d,\"solved\":false,\"time_min\":null", c->tries);
                buf_printf(out, ",\"pending\":%d}", c->pending);
        }
        return buf_puts(out, "]}");
}

/* ---- Redis: keys and scripts ---- */

/* Every key of one board; the scripts take them in this order (KEYS[1..N_KEYS]). */
enum {
        K_BOARD, K_DETAIL, K_LIVE, K_LIVE_DETAIL, K_STAMP, /* the board: 5 keys, then the same under :tmp */
        K_TMP, K_TMP_DETAIL, K_TMP_LIVE, K_TMP_LIVE_DETAIL, K_TMP_STAMP,
        K_META, K_VERSION, K_LOCK, K_UNFROZEN, K_LOG,
        N_KEYS,
};

struct keys {
        char k[N_KEYS][96];
        char channel[64];
        const char *argv[N_KEYS];
};

static void keys_init(struct keys *ks, long long comp) {
        static const char *const suffix[N_KEYS] = {
                "", ":detail", ":live", ":live:detail", ":stamp", ":tmp", ":tmp:detail", ":tmp:live",
                ":tmp:live:detail", ":tmp:stamp", ":meta", ":version", ":lock", ":unfrozen", ":log",
        };
        for (int i = 0; i < N_KEYS; i++) {
                snprintf(ks->k[i], sizeof ks->k[i], LEADERBOARD_KEY_FMT "%s", comp, suffix[i]);
                ks->argv[i] = ks->k[i];
        }
        snprintf(ks->channel, sizeof ks->channel, CHANNEL_FMT, comp);
}

/* Versions are 62-bit: a script never reads one as a Lua number (a double), it publishes the
 * string GET returns. Key numbers in the scripts are the enum's plus 1. The put() helper writes
 * one participant into a key set (board or tmp) unless the stored stamp is as new: ARGV member,
 * stamp, score, row, live score, live row, then whether the live keys are kept ("1"). */
#define LUA_PUT                                                                                   \
        "local function put(b, m, stamp, sc, row, lsc, lrow, live)\n"                             \
        "  local old = redis.call('HGET', KEYS[b + 4], m)\n"                                      \
        "  if old and tonumber(old) >= tonumber(stamp) then return false end\n"                   \
        "  redis.call('ZADD', KEYS[b], sc, m)\n"                                                  \
        "  redis.call('HSET', KEYS[b + 1], m, row)\n"                                             \
        "  if live == '1' then\n"                                                                 \
        "    redis.call('ZADD', KEYS[b + 2], lsc, m)\n"                                           \
        "    redis.call('HSET', KEYS[b + 3], m, lrow)\n"                                          \
        "  end\n"                                                                                 \
        "  redis.call('HSET', KEYS[b + 4], m, stamp)\n"                                           \
        "  return true\n"                                                                         \
        "end\n"

/* The change log (boardreplica.h): an entry per written row, tagged with the version the write
 * made, or a reset for a swap or an unfreeze. */
#define LOG_STR_(n) #n
#define LOG_STR(n) LOG_STR_(n)
#define LUA_LOG(fields) "redis.call('XADD', KEYS[15], 'MAXLEN', '~', '" LOG_STR(LEADERBOARD_LOG_MAX) "', '*', " fields ")\n"

enum { S_UPDATE, S_LOCK, S_BATCH, S_SWAP, S_RELEASE, S_UNFREEZE, S_ME, N_SCRIPTS };

static const char *const scripts[N_SCRIPTS] = {
        /* S_UPDATE: one participant. ARGV: member stamp score row live-score live-row live channel.
         * Returns 1 written (version bumped and published), 0 refused (as new a row is stored,
         * or a frozen row after an unfreeze), -1 the board is missing and nobody rebuilds it. */
        [S_UPDATE] = LUA_PUT
        "if ARGV[7] == '1' and redis.call('EXISTS', KEYS[14]) == 1 then return 0 end\n"
        "local rebuilding = redis.call('EXISTS', KEYS[13]) == 1\n"
        "if rebuilding then put(6, unpack(ARGV, 1, 7)) end\n"
        "if redis.call('EXISTS', KEYS[11]) == 0 then\n"
        "  if rebuilding then return 0 end\n"
        "  return -1\n"
        "end\n"
        "if not put(1, unpack(ARGV, 1, 7)) then return 0 end\n"
        "redis.call('INCR', KEYS[12])\n"
        "local v = redis.call('GET', KEYS[12])\n"
        "if ARGV[7] == '1' then\n"
        "  " LUA_LOG("'v', v, 'm', ARGV[1], 's', ARGV[3], 'r', ARGV[4], 'ls', ARGV[5], 'lr', ARGV[6]")
        "else\n"
        "  " LUA_LOG("'v', v, 'm', ARGV[1], 's', ARGV[3], 'r', ARGV[4]")
        "end\n"
        "redis.call('PUBLISH', ARGV[8], v)\n"
        "return 1\n",
        /* S_LOCK: take the rebuild lock (ARGV owner, ttl ms) and empty the tmp keys; 1 taken. */
        [S_LOCK] = "if not redis.call('SET', KEYS[13], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end\n"
                   "redis.call('DEL', KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10])\n"
                   "return 1\n",
        /* S_BATCH: rows of a rebuild into the tmp keys. ARGV: owner, live, then 6 per row:
         * member stamp score row live-score live-row. An error if the lock is not the owner's. */
        [S_BATCH] = LUA_PUT
        "if redis.call('GET', KEYS[13]) ~= ARGV[1] then return redis.error_reply('rebuild lock lost') end\n"
        "for i = 3, #ARGV, 6 do\n"
        "  put(6, ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5], ARGV[2])\n"
        "end\n"
        "return 1\n",
        /* S_SWAP: the tmp keys become the board. ARGV: owner, meta ("frozen"/"open"), version,
         * channel. Refused when the lock is not the owner's or a frozen board meets an unfreeze. */
        [S_SWAP] = "if redis.call('GET', KEYS[13]) ~= ARGV[1] then return redis.error_reply('rebuild lock lost') end\n"
                   "if ARGV[2] == 'frozen' and redis.call('EXISTS', KEYS[14]) == 1 then\n"
                   "  redis.call('DEL', KEYS[13], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10])\n"
                   "  return redis.error_reply('unfrozen during the rebuild')\n"
                   "end\n"
                   "for i = 1, 5 do\n"
                   "  if redis.call('EXISTS', KEYS[i + 5]) == 1 then redis.call('RENAME', KEYS[i + 5], KEYS[i])\n"
                   "  else redis.call('DEL', KEYS[i]) end\n"
                   "end\n"
                   "redis.call('SET', KEYS[11], ARGV[2])\n"
                   "redis.call('SET', KEYS[12], ARGV[3])\n"
                   LUA_LOG("'v', ARGV[3], 'reset', '1'")
                   "redis.call('DEL', KEYS[13])\n"
                   "redis.call('PUBLISH', ARGV[4], ARGV[3])\n"
                   "return 1\n",
        /* S_RELEASE: drop the lock and the tmp keys if the lock is still the owner's (ARGV[1]). */
        [S_RELEASE] = "if redis.call('GET', KEYS[13]) ~= ARGV[1] then return 0 end\n"
                      "redis.call('DEL', KEYS[13], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10])\n"
                      "return 1\n",
        /* S_UNFREEZE: remember the unfreeze, drop the frozen board (meta), bump and publish the
         * version (ARGV channel). */
        [S_UNFREEZE] = "redis.call('SET', KEYS[14], '1')\n"
                       "redis.call('DEL', KEYS[11])\n"
                       "redis.call('INCR', KEYS[12])\n"
                       "local v = redis.call('GET', KEYS[12])\n"
                       LUA_LOG("'v', v, 'reset', '1'")
                       "redis.call('PUBLISH', ARGV[1], v)\n"
                       "return 1\n",
        /* S_ME: one participant's row, read only. ARGV: member, view ("live" or "public"). The
         * keys as view_keys() picks them: the live ones only for the live view of a frozen board.
         * Returns {0} the board is missing (no meta); {1, frozen} not on the board; {2, frozen,
         * members with a better score, the detail or nil}; frozen is 1 when meta is "frozen". */
        [S_ME] = "local meta = redis.call('GET', KEYS[11])\n"
                 "if not meta then return {0} end\n"
                 "local frozen = meta == 'frozen'\n"
                 "local z, d = 1, 2\n"
                 "if frozen and ARGV[2] == 'live' then z, d = 3, 4 end\n"
                 "local f = frozen and 1 or 0\n"
                 "local sc = redis.call('ZSCORE', KEYS[z], ARGV[1])\n"
                 "if not sc then return {1, f} end\n"
                 "return {2, f, redis.call('ZCOUNT', KEYS[z], '-inf', '(' .. sc), redis.call('HGET', KEYS[d], ARGV[1])}\n",
};

static pthread_mutex_t sha_lock = PTHREAD_MUTEX_INITIALIZER;
static char shas[N_SCRIPTS][48]; /* SCRIPT LOAD's answers, "" until loaded */

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

static int script_load(redisContext *ctx, int which, char sha[48], struct judge_error *err) {
        _cleanup_reply_ redisReply *reply = NULL;
        const char *argv[] = { "SCRIPT", "LOAD", scripts[which] };
        int r = argv_command(ctx, 3, argv, NULL, &reply, err);
        if (r < 0)
                return r;
        if (reply->type != REDIS_REPLY_STRING || reply->len >= 48)
                return redis_err(err, ctx, reply);
        pthread_mutex_lock(&sha_lock);
        memcpy(shas[which], reply->str, reply->len + 1);
        memcpy(sha, reply->str, reply->len + 1);
        pthread_mutex_unlock(&sha_lock);
        return 0;
}

/* EVALSHA script which with every board key and args (lens may be NULL): loaded on first use,
 * and again when Redis answers NOSCRIPT (restarted, or SCRIPT FLUSH). The answer (not an
 * error reply) in *ret. */
static int script_call(redisContext *ctx, const struct keys *ks, int which, int argc, const char **args,
                       const size_t *lens, redisReply **ret, struct judge_error *err) {
        char sha[48];
        pthread_mutex_lock(&sha_lock);
        memcpy(sha, shas[which], sizeof sha);
        pthread_mutex_unlock(&sha_lock);
        if (!sha[0]) {
                int r = script_load(ctx, which, sha, err);
                if (r < 0)
                        return r;
        }
        char nkeys[8];
        snprintf(nkeys, sizeof nkeys, "%d", N_KEYS);
        size_t n = 3 + N_KEYS + (size_t) argc;
        _cleanup_free_ const char **argv = calloc(n, sizeof(char *));
        _cleanup_free_ size_t *alens = calloc(n, sizeof(size_t));
        if (!argv || !alens)
                return judge_err(err, -ENOMEM, "out of memory");
        argv[0] = "EVALSHA", argv[1] = sha, argv[2] = nkeys;
        for (int i = 0; i < N_KEYS; i++)
                argv[3 + i] = ks->argv[i];
        for (int i = 0; i < argc; i++) {
                argv[3 + N_KEYS + i] = args[i];
                alens[3 + N_KEYS + i] = lens ? lens[i] : strlen(args[i]);
        }
        for (size_t i = 0; i < 3 + N_KEYS; i++)
                alens[i] = strlen(argv[i]);
        for (int attempt = 0;; attempt++) {
                _cleanup_reply_ redisReply *reply = redisCommandArgv(ctx, (int) n, argv, alens);
                if (!reply)
                        return redis_err(err, ctx, NULL);
                if (reply->type == REDIS_REPLY_ERROR && strncmp(reply->str, "NOSCRIPT", 8) == 0 && attempt == 0) {
                        int r = script_load(ctx, which, sha, err);
                        if (r < 0)
                                return r;
                        continue;
                }
                if (reply->type == REDIS_REPLY_ERROR)
                        return redis_err(err, ctx, reply);
                *ret = TAKE_PTR(reply);
                return 0;
        }
}

/* script_call for the scripts that answer an integer: it in *ret (if non-NULL). */
static int script_run(redisContext *ctx, const struct keys *ks, int which, int argc, const char **args,
                      const size_t *lens, long long *ret, struct judge_error *err) {
        _cleanup_reply_ redisReply *reply = NULL;
        int r = script_call(ctx, ks, which, argc, args, lens, &reply, err);
        if (r < 0)
                return r;
        if (reply->type != REDIS_REPLY_INTEGER)
                return redis_err(err, ctx, reply);
        if (ret)
                *ret = reply->integer;
        return 0;
}

static redisContext *redis_of(struct queue *q, struct judge_error *err) {
        return queue_redis(q, err);
}

/* ---- writing ---- */

/* Score and documents of a row: the public one (frozen during a freeze) and the live one. */
struct row_text {
        char member[24], stamp[24], score[32], live_score[32];
        struct buf doc, live_doc;
};

static void row_text_init(struct row_text *t) {
        memset(t, 0, sizeof *t);
        buf_init(&t->doc, 1 << 20);
        buf_init(&t->live_doc, 1 << 20);
}

static void row_text_free(struct row_text *t) {
        buf_free(&t->doc);
        buf_free(&t->live_doc);
}

static int row_text_fill(struct row_text *t, const struct board *b, const struct row *row) {
        const struct standing *pub = b->freezing ? &row->frozen : &row->live;
        snprintf(t->member, sizeof t->member, "%012lld", row->user_id);
        snprintf(t->stamp, sizeof t->stamp, "%lld", row->stamp);
        snprintf(t->score, sizeof t->score, "%.0f", leaderboard_score(pub->solved, pub->penalty));
        snprintf(t->live_score, sizeof t->live_score, "%.0f", leaderboard_score(row->live.solved, row->live.penalty));
        int r = row_document(b, row, pub, &t->doc);
        if (r >= 0 && b->freezing)
                r = row_document(b, row, &row->live, &t->live_doc);
        else if (r >= 0) {
                buf_reset(&t->live_doc);
                r = buf_puts(&t->live_doc, "");
        }
        return r;
}

/* The row's six script arguments (member stamp score row live-score live-row) into argv/lens. */
static void row_text_args(struct row_text *t, const char **argv, size_t *lens) {
        argv[0] = t->member, argv[1] = t->stamp, argv[2] = t->score;
        argv[3] = t->doc.data, argv[4] = t->live_score, argv[5] = t->live_doc.data ? t->live_doc.data : "";
        lens[0] = strlen(t->member), lens[1] = strlen(t->stamp), lens[2] = strlen(t->score);
        lens[3] = t->doc.len, lens[4] = strlen(t->live_score), lens[5] = t->live_doc.len;
}

static void random_owner(char out[33]) {
        unsigned char raw[16] = { 0 };
        if (getrandom(raw, sizeof raw, 0) != (ssize_t) sizeof raw) {
                struct timespec ts;
                clock_gettime(CLOCK_REALTIME, &ts);
                memcpy(raw, &ts, sizeof ts < sizeof raw ? sizeof ts : sizeof raw);
        }
        for (size_t i = 0; i < sizeof raw; i++)
                snprintf(out + 2 * i, 3, "%02x", raw[i]);
}

/* A fresh random version in [1, 2^62): a rebuilt board never repeats one it had. */
static unsigned long long random_version(void) {
        unsigned long long v = 0;
        if (getrandom(&v, sizeof v, 0) != (ssize_t) sizeof v)
                v = (unsigned long long) time(NULL) * 1000003ULL ^ (unsigned long long) clock();
        v &= (1ULL << 62) - 1;
        return v ? v : 1;
}

/* Take the rebuild lock (1), or 0 when another process holds it. */
static int lock_try(redisContext *ctx, const struct keys *ks, const char *owner, struct judge_error *err) {
        char ttl[24];
        snprintf(ttl, sizeof ttl, "%d", REBUILD_LOCK_MS);
        const char *args[] = { owner, ttl };
        long long got = 0;
        int r = script_run(ctx, ks, S_LOCK, 2, args, NULL, &got, err);
        return r < 0 ? r : got == 1;
}

static void lock_release(redisContext *ctx, const struct keys *ks, const char *owner) {
        const char *args[] = { owner };
        (void) script_run(ctx, ks, S_RELEASE, 1, args, NULL, NULL, NULL);
}

/* With the lock held: compute every row, write them into the tmp keys, swap them in. */
static int rebuild_locked(struct store *s, redisContext *ctx, long long comp, const struct keys *ks, const char *owner,
                          long *ret_n, struct judge_error *err) {
        _cleanup_(board_free) struct board b = { 0 };
        int r = compute(s, comp, 0, &b, err);
        enum { BATCH = 500 };
        const char *argv[2 + 6 * BATCH];
        size_t lens[2 + 6 * BATCH];
        struct row_text *texts = calloc(BATCH, sizeof *texts);
        if (r >= 0 && !texts)
                r = judge_err(err, -ENOMEM, "out of memory");
        for (size_t i = 0; texts && i < BATCH; i++)
                row_text_init(&texts[i]);
        for (size_t start = 0; r >= 0 && start < b.n_rows; start += BATCH) {
                size_t n = b.n_rows - start < BATCH ? b.n_rows - start : BATCH;
                argv[0] = owner, lens[0] = strlen(owner);
                argv[1] = b.freezing ? "1" : "0", lens[1] = 1;
                for (size_t i = 0; r >= 0 && i < n; i++) {
                        r = row_text_fill(&texts[i], &b, &b.rows[start + i]);
                        row_text_args(&texts[i], argv + 2 + 6 * i, lens + 2 + 6 * i);
                }
                if (r >= 0)
                        r = script_run(ctx, ks, S_BATCH, (int) (2 + 6 * n), argv, lens, NULL, err);
        }
        for (size_t i = 0; texts && i < BATCH; i++)
                row_text_free(&texts[i]);
        free(texts);
        if (r >= 0) {
                char version[24];
                snprintf(version, sizeof version, "%llu", random_version());
                const char *args[] = { owner, b.freezing ? "frozen" : "open", version, ks->channel };
                r = script_run(ctx, ks, S_SWAP, 4, args, NULL, NULL, err);
        }
        if (r >= 0 && ret_n)
                *ret_n = (long) b.n_rows;
        return r;
}

/* Rebuild if the lock is free: 1 rebuilt, 0 another process holds the lock. */
static int rebuild_try(struct store *s, redisContext *ctx, long long comp, const struct keys *ks, long *ret_n,
                       struct judge_error *err) {
        char owner[33];
        random_owner(owner);
        int r = lock_try(ctx, ks, owner, err);
        if (r <= 0)
                return r;
        r = rebuild_locked(s, ctx, comp, ks, owner, ret_n, err);
        lock_release(ctx, ks, owner); /* a no-op after a swap (which released it) */
        return r < 0 ? r : 1;
}

int leaderboard_rebuild(struct store *s, struct queue *q, long long comp, long *ret_n, struct judge_error *err) {
        struct keys ks;
        keys_init(&ks, comp);
        redisContext *ctx = redis_of(q, err);
        if (!ctx)
                return -ECONNREFUSED;
        int r = rebuild_try(s, ctx, comp, &ks, ret_n, err);
        if (r == 0)
                return judge_err(err, -EBUSY, "leaderboard of competition %lld is being rebuilt by another process",
                                 comp);
        return r < 0 ? r : 0;
}

int leaderboard_update_user(struct store *s, struct queue *q, long long comp, long long user,
                            struct judge_error *err) {
        _cleanup_(board_free) struct board b = { 0 };
        int r = compute(s, comp, user, &b, err);
        if (r < 0 || b.n_rows != 1)
                return r < 0 ? r : 0;
        struct keys ks;
        keys_init(&ks, comp);
        redisContext *ctx = redis_of(q, err);
        if (!ctx)
                return -ECONNREFUSED;
        struct row_text t;
        row_text_init(&t);
        r = row_text_fill(&t, &b, &b.rows[0]);
        const char *args[8];
        size_t lens[8];
        row_text_args(&t, args, lens);
        args[6] = b.freezing ? "1" : "0", lens[6] = 1;
        args[7] = ks.channel, lens[7] = strlen(ks.channel);
        long long res = 0;
        /* A missing board is rebuilt here (the rebuild reads this row's commit too); if another
         * process took the lock meanwhile, the row goes into its tmp keys on the next round. */
        for (int round = 0; r >= 0 && round < 3; round++) {
                r = script_run(ctx, &ks, S_UPDATE, 8, args, lens, &res, err);
                if (r < 0 || res >= 0)
                        break;
                r = rebuild_try(s, ctx, comp, &ks, NULL, err);
                if (r > 0) {
                        res = 1;
                        break;
                }
        }
        row_text_free(&t);
        if (r >= 0 && res < 0)
                return judge_err(err, -EAGAIN, "leaderboard of competition %lld is missing and being rebuilt", comp);
        return r < 0 ? r : res > 0;
}

int leaderboard_unfreeze(struct store *s, struct queue *q, long long comp, struct judge_error *err) {
        struct keys ks;
        keys_init(&ks, comp);
        redisContext *ctx = redis_of(q, err);
        if (!ctx)
                return -ECONNREFUSED;
        const char *args[] = { ks.channel };
        int r = script_run(ctx, &ks, S_UNFREEZE, 1, args, NULL, NULL, err);
        if (r >= 0)
                r = rebuild_try(s, ctx, comp, &ks, NULL, err);
        return r < 0 ? r : 0;
}

/* ---- reading ---- */

/* Make sure the board exists; *ret_frozen: its public keys hold a frozen board. -EAGAIN when it
 * is missing and another process is rebuilding it. */
static int ensure_board(struct store *s, redisContext *ctx, long long comp, const struct keys *ks, bool *ret_frozen,
                        struct judge_error *err) {
        for (int round = 0; round < 2; round++) {
                _cleanup_reply_ redisReply *meta = NULL;
                const char *argv[] = { "GET", ks->k[K_META] };
                int r = argv_command(ctx, 2, argv, NULL, &meta, err);
                if (r < 0)
                        return r;
                if (meta->type == REDIS_REPLY_STRING) {
                        *ret_frozen = strcmp(meta->str, "frozen") == 0;
                        return 0;
                }
                if (round > 0)
                        break;
                r = rebuild_try(s, ctx, comp, ks, NULL, err);
                if (r < 0)
                        return r;
                if (r == 0)
                        break;
        }
        return judge_err(err, -EAGAIN, "the leaderboard of competition %lld is being rebuilt: try again shortly",
                         comp);
}

/* Append one ranked row: {"rank":R, + the stored detail without its opening brace. */
static int ranked(struct buf *out, long rank, const char *detail, size_t len) {
        buf_printf(out, "{\"rank\":%ld,", rank);
        if (detail && len > 1)
                return buf_append(out, detail + 1, len - 1);
        return buf_puts(out, "\"user_id\":null}");
}

int leaderboard_me_render(struct buf *out, long rank, const char *detail, size_t len, bool frozen) {
        const char *f = frozen ? "true" : "false";
        if (!detail || len < 2)
                return buf_printf(out, "{\"rank\":%ld,\"user_id\":null,\"frozen\":%s}", rank, f);
        /* the stored row without its closing brace, then the flag */
        ranked(out, rank, detail, len - 1);
        return buf_printf(out, ",\"frozen\":%s}", f);
}

static int count_better(redisContext *ctx, const char *key, const char *score, long *ret, struct judge_error *err) {
        char max[48];
        snprintf(max, sizeof max, "(%s", score);
        const char *argv[] = { "ZCOUNT", key, "-inf", max };
        _cleanup_reply_ redisReply *reply = NULL;
        int r = argv_command(ctx, 4, argv, NULL, &reply, err);
        if (r < 0)
                return r;
        *ret = reply->type == REDIS_REPLY_INTEGER ? (long) reply->integer : 0;
        return 0;
}

/* The keys a view reads: the live ones only while the board is a frozen one (S_ME, /me's
 * script, makes the same choice in Lua). */
static void view_keys(const struct keys *ks, enum leaderboard_view view, bool frozen_board, const char **zset,
                      const char **detail) {
        bool live = view == LEADERBOARD_LIVE && frozen_board;
        *zset = ks->k[live ? K_LIVE : K_BOARD];
        *detail = ks->k[live ? K_LIVE_DETAIL : K_DETAIL];
}

int leaderboard_page(struct store *s, struct queue *q, long long comp, enum leaderboard_view view, long top,
                     long offset, struct buf *out, struct judge_error *err) {
        struct keys ks;
        keys_init(&ks, comp);
        redisContext *ctx = redis_of(q, err);
        if (!ctx)
                return -ECONNREFUSED;
        bool frozen_board = false;
        int r = ensure_board(s, ctx, comp, &ks, &frozen_board, err);
        if (r < 0)
                return r;
        const char *key, *dkey;
        view_keys(&ks, view, frozen_board, &key, &dkey);
        /* One round trip: size, the page with scores. */
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
                argv[0] = "HMGET", argv[1] = dkey;
                for (size_t i = 0; i < n; i++)
                        argv[2 + i] = page->element[2 * i]->str;
                r = argv_command(ctx, (int) n + 2, argv, NULL, &details, err);
                if (r < 0)
                        return r;
        }
        buf_printf(out, "{\"competition\":%lld,\"total\":%ld,\"offset\":%ld,\"top\":%ld,\"frozen\":%s,\"rows\":[",
                   comp, total, offset, top, frozen_board && view == LEADERBOARD_PUBLIC ? "true" : "false");
        long rank = 0;
        const char *prev = NULL;
        for (size_t i = 0; i < n; i++) {
                const char *score = page->element[2 * i + 1]->str;
                if (i == 0) {
                        long better = 0;
                        r = count_better(ctx, key, score, &better, err);
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

/* An integer element of a script's array answer, 0 if absent or of another type. */
static long long element_integer(const redisReply *reply, size_t i) {
        return i < reply->elements && reply->element[i]->type == REDIS_REPLY_INTEGER ? reply->element[i]->integer : 0;
}

int leaderboard_me(struct store *s, struct queue *q, long long comp, enum leaderboard_view view, long long user,
                   struct buf *out, struct judge_error *err) {
        struct keys ks;
        keys_init(&ks, comp);
        char member[24];
        snprintf(member, sizeof member, "%012lld", user);
        redisContext *ctx = redis_of(q, err);
        if (!ctx)
                return -ECONNREFUSED;
        const char *args[] = { member, view == LEADERBOARD_LIVE ? "live" : "public" };
        /* One round trip (S_ME); a missing board is made sure of as the page does, then one retry. */
        for (int round = 0; round < 2; round++) {
                _cleanup_reply_ redisReply *reply = NULL;
                int r = script_call(ctx, &ks, S_ME, 2, args, NULL, &reply, err);
                if (r < 0)
                        return r;
                if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 1 ||
                    reply->element[0]->type != REDIS_REPLY_INTEGER)
                        return redis_err(err, ctx, reply);
                long long what = reply->element[0]->integer;
                if (what == 0) {
                        if (round > 0)
                                break;
                        bool frozen_board = false;
                        r = ensure_board(s, ctx, comp, &ks, &frozen_board, err);
                        if (r < 0)
                                return r;
                        continue;
                }
                if (what != 2)
                        return judge_err(err, -ENOENT, "you have not joined competition %lld", comp);
                bool frozen_board = element_integer(reply, 1) == 1;
                long better = (long) element_integer(reply, 2);
                const redisReply *detail = reply->elements > 3 ? reply->element[3] : NULL;
                bool has = detail && detail->type == REDIS_REPLY_STRING;
                return leaderboard_me_render(out, better + 1, has ? detail->str : NULL, has ? detail->len : 0,
                                             frozen_board && view == LEADERBOARD_PUBLIC);
        }
        return judge_err(err, -EAGAIN, "the leaderboard of competition %lld is being rebuilt: try again shortly",
                         comp);
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
