#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "lang/lang.h"
#include "base/sha256.h"
#include "base/parse.h"
#include "service/cleanup.h"
#include "service/store.h"

struct store {
        PGconn *conn;
        PGresult *last;
        char *conninfo;
};

/* A number PostgreSQL wrote (an id, a count, "UPDATE 3"'s 3): 0 if v is NULL, empty or not a
 * number in [min, max]. */
static long long number_or_zero(const char *v, long long min, long long max) {
        long long n = 0;
        return v && parse_long_long(v, min, max, &n) >= 0 ? n : 0;
}

static void clear_last(struct store *s) {
        if (s->last)
                PQclear(s->last);
        s->last = NULL;
}

/* NOTICEs ("relation already exists, skipping") are not errors and not for the log. */
static void ignore_notice(void *arg, const char *message) {
}

int store_open(const char *conninfo, struct store **ret, struct judge_error *err) {
        _cleanup_(store_freep) struct store *s = calloc(1, sizeof *s);
        if (!s)
                return judge_err(err, -ENOMEM, "out of memory");
        s->conninfo = strdup(conninfo ? conninfo : "");
        s->conn = PQconnectdb(s->conninfo);
        if (!s->conn || PQstatus(s->conn) != CONNECTION_OK) {
                int r = judge_err(err, -ECONNREFUSED, "postgresql: %s",
                                  s->conn ? PQerrorMessage(s->conn) : "cannot allocate a connection");
                /* libpq messages end with a newline */
                if (err) {
                        size_t n = strlen(err->msg);
                        while (n && (err->msg[n - 1] == '\n' || err->msg[n - 1] == ' '))
                                err->msg[--n] = 0;
                }
                return r;
        }
        PQsetNoticeProcessor(s->conn, ignore_notice, NULL);
        *ret = TAKE_PTR(s);
        return 0;
}

struct store *store_free(struct store *s) {
        if (!s)
                return NULL;
        clear_last(s);
        if (s->conn)
                PQfinish(s->conn);
        free(s->conninfo);
        free(s);
        return NULL;
}

static void trim_nl(struct judge_error *err) {
        if (!err)
                return;
        size_t n = strlen(err->msg);
        while (n && (err->msg[n - 1] == '\n' || err->msg[n - 1] == ' '))
                err->msg[--n] = 0;
}

/* The one adapter from libpq's result status to negative errno. */
static int result_error(struct store *s, PGresult *res, struct judge_error *err) {
        const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
        const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(s->conn);
        int code = -EIO;
        if (PQstatus(s->conn) != CONNECTION_OK)
                code = -ECONNRESET;
        else if (state && strcmp(state, "23505") == 0)
                code = -EEXIST; /* unique_violation */
        else if (state && (strncmp(state, "22", 2) == 0 || strncmp(state, "23", 2) == 0))
                code = -EINVAL; /* data exception, integrity violation */
        int r = judge_err(err, code, "postgresql: %s", msg && *msg ? msg : "unknown error");
        trim_nl(err);
        return r;
}

static int ensure_conn(struct store *s, struct judge_error *err) {
        if (PQstatus(s->conn) == CONNECTION_OK)
                return 0;
        PQreset(s->conn);
        if (PQstatus(s->conn) != CONNECTION_OK) {
                int r = judge_err(err, -ECONNREFUSED, "postgresql: %s", PQerrorMessage(s->conn));
                trim_nl(err);
                return r;
        }
        return 0;
}

int store_exec(struct store *s, const char *sql, int n, const char *const *params, long *ret_rows,
               struct judge_error *err) {
        clear_last(s);
        int r = ensure_conn(s, err);
        if (r < 0)
                return r;
        _cleanup_pgresult_ PGresult *res = PQexecParams(s->conn, sql, n, NULL, params, NULL, NULL, 0);
        ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
        if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
                r = result_error(s, res, err);
                /* a dropped connection is retried once: the statement never ran */
                if (r != -ECONNRESET || ensure_conn(s, NULL) < 0)
                        return r;
                PQclearp(&res);
                res = PQexecParams(s->conn, sql, n, NULL, params, NULL, NULL, 0);
                st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
                if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
                        return result_error(s, res, err);
        }
        s->last = TAKE_PTR(res);
        if (ret_rows)
                *ret_rows = st == PGRES_TUPLES_OK ? PQntuples(s->last) : number_or_zero(PQcmdTuples(s->last), 0, LONG_MAX);
        return 0;
}

int store_exec_competition(struct store *s, const char *sql, long long id, long *ret_rows,
                           struct judge_error *err) {
        char i[24];
        snprintf(i, sizeof i, "%lld", id);
        const char *p[] = { i };
        long rows = 0;
        int r = store_exec(s, sql, 1, p, &rows, err);
        if (r < 0)
                return r;
        if (rows == 0)
                return judge_err(err, -ENOENT, "no competition %lld", id);
        *ret_rows = rows;
        return 0;
}

const char *store_last_value(struct store *s, int row, int col) {
        if (!s->last || row >= PQntuples(s->last) || col >= PQnfields(s->last) || PQgetisnull(s->last, row, col))
                return NULL;
        return PQgetvalue(s->last, row, col);
}

int store_last_rows(struct store *s) {
        return s->last ? PQntuples(s->last) : 0;
}

static const char *val(struct store *s, int row, int col) {
        const char *v = store_last_value(s, row, col);
        return v ? v : "";
}

/* The numeric value at (row, col) through the checked parser, as an int (val_int) or a long
 * long (val_ll); NULL, or anything that is not a number in range, reads as 0 (what a missing
 * value always read as). */
static long long val_ll(struct store *s, int row, int col) {
        return number_or_zero(store_last_value(s, row, col), LLONG_MIN, LLONG_MAX);
}

static int val_int(struct store *s, int row, int col) {
        return (int) number_or_zero(store_last_value(s, row, col), INT_MIN, INT_MAX);
}

/* A real number (milliseconds, epoch seconds) at (row, col); 0 as val_ll. */
static double val_double(struct store *s, int row, int col) {
        const char *v = store_last_value(s, row, col);
        double d = 0;
        return v && parse_double(v, -HUGE_VAL, HUGE_VAL, &d) >= 0 ? d : 0;
}

static int simple(struct store *s, const char *sql, struct judge_error *err) {
        return store_exec(s, sql, 0, NULL, NULL, err);
}

/* ---- migrations ---- */

static int cmp_str(const void *a, const void *b) {
        return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The names of the migration files, freed together. */
struct names {
        char *v[256];
        size_t n;
};

static void names_clear(struct names *names) {
        for (size_t i = 0; i < names->n; i++)
                free(names->v[i]);
        names->n = 0;
}

static void closedirp(DIR **d) {
        if (*d)
                closedir(*d);
}

/* A migration's version: the digits its file name starts with, as the decimal integer they
 * spell ("0003_x.sql": "3"). -ERANGE past INT_MAX. */
static int migration_version(const char *name, char out[16]) {
        char digits[16];
        size_t nd = strspn(name, "0123456789");
        if (nd >= sizeof digits)
                return -ERANGE;
        memcpy(digits, name, nd);
        digits[nd] = 0;
        long v = 0;
        int r = parse_long(digits, 0, INT_MAX, &v);
        if (r < 0)
                return r;
        snprintf(out, 16, "%ld", v);
        return 0;
}

int store_migrate(struct store *s, const char *dir, struct judge_error *err) {
        _cleanup_(closedirp) DIR *d = opendir(dir);
        if (!d)
                return judge_err(err, -errno, "migrations: cannot open %s: %m", dir);
        _cleanup_(names_clear) struct names names = { .n = 0 };
        struct dirent *de;
        while ((de = readdir(d)) && names.n < ELEMENTSOF(names.v)) {
                size_t len = strlen(de->d_name);
                if (len > 4 && strcmp(de->d_name + len - 4, ".sql") == 0 && de->d_name[0] >= '0' &&
                    de->d_name[0] <= '9')
                        names.v[names.n++] = strdup(de->d_name);
        }
        closedirp(&d);
        d = NULL;
        qsort(names.v, names.n, sizeof names.v[0], cmp_str);

        int r = simple(s, "SELECT pg_advisory_lock(7423001)", err);
        if (r >= 0)
                r = simple(s, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                              "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                           err);
        int applied = 0;
        for (size_t i = 0; r >= 0 && i < names.n; i++) {
                char version[16];
                r = migration_version(names.v[i], version);
                if (r < 0) {
                        r = judge_err(err, r, "migration %s: version number out of range", names.v[i]);
                        break;
                }
                const char *p[] = { version };
                long rows = 0;
                r = store_exec(s, "SELECT 1 FROM schema_migrations WHERE version = $1", 1, p, &rows, err);
                if (r < 0 || rows > 0)
                        continue;
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
                _cleanup_free_ char *sql = NULL;
                r = read_file_capped(path, 1 << 20, &sql, NULL, err);
                if (r < 0)
                        break;
                /* A multi-statement script needs the simple query protocol. */
                clear_last(s);
                PQclear(PQexec(s->conn, "BEGIN"));
                _cleanup_pgresult_ PGresult *res = PQexec(s->conn, sql);
                if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) {
                        r = result_error(s, res, err);
                        judge_err_prefix(err, "migration %s", names.v[i]);
                        PQclear(PQexec(s->conn, "ROLLBACK"));
                        break;
                }
                const char *p2[] = { version, names.v[i] };
                r = store_exec(s, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", 2, p2, NULL, err);
                if (r < 0) {
                        PQclear(PQexec(s->conn, "ROLLBACK"));
                        break;
                }
                r = simple(s, "COMMIT", err);
                applied++;
        }
        (void) simple(s, "SELECT pg_advisory_unlock(7423001)", NULL);
        return r < 0 ? r : applied;
}

/* ---- users ---- */

static void token_hash(const char *token, char out[65]) {
        struct sha256 h;
        sha256_init(&h);
        sha256_update(&h, token, strlen(token));
        sha256_hex(&h, out);
}

static void fill_user(struct store *s, struct store_user *u) {
        u->id = val_ll(s, 0, 0);
        snprintf(u->name, sizeof u->name, "%s", val(s, 0, 1));
        u->admin = strcmp(val(s, 0, 2), "t") == 0;
}

int store_user_by_token(struct store *s, const char *token, struct store_user *ret, struct judge_error *err) {
        char h[65];
        token_hash(token, h);
        const char *p[] = { h };
        long rows = 0;
        int r = store_exec(s,
                           "SELECT u.id, u.name, u.is_admin FROM tokens t JOIN users u ON u.id = t.user_id "
                           "WHERE t.token_sha256 = $1",
                           1, p, &rows, err);
        if (r < 0)
                return r;
        if (rows == 0)
                return judge_err(err, -ENOENT, "unknown token");
        fill_user(s, ret);
        return 0;
}

static int new_token(char out[65], struct judge_error *err) {
        unsigned char raw[32];
        if (getrandom(raw, sizeof raw, 0) != (ssize_t) sizeof raw)
                return judge_err(err, -errno, "getrandom: %m");
        for (size_t i = 0; i < sizeof raw; i++)
                snprintf(out + 2 * i, 3, "%02x", raw[i]);
        return 0;
}

int store_user_create(struct store *s, const char *name, bool admin, struct store_user *ret, char ret_token[65],
                      struct judge_error *err) {
        char token[65], h[65];
        int r = new_token(token, err);
        if (r < 0)
                return r;
        token_hash(token, h);
        const char *p[] = { name, admin ? "t" : "f", h };
        r = store_exec(s,
                       "WITH u AS (INSERT INTO users (name, is_admin) VALUES ($1, $2) RETURNING id, name, is_admin), "
                       "t AS (INSERT INTO tokens (token_sha256, user_id) SELECT $3, id FROM u) "
                       "SELECT id, name, is_admin FROM u",
                       3, p, NULL, err);
        if (r == -EEXIST)
                return judge_err(err, -EEXIST, "user '%s' exists", name);
        if (r < 0)
                return r;
        fill_user(s, ret);
        memcpy(ret_token, token, 65);
        return 0;
}

int store_user_ensure_admin(struct store *s, const char *name, const char *token, struct judge_error *err) {
        char h[65];
        token_hash(token, h);
        const char *p[] = { name, h };
        return store_exec(s,
                          "WITH u AS (INSERT INTO users (name, is_admin) VALUES ($1, true) "
                          "ON CONFLICT (name) DO UPDATE SET is_admin = true RETURNING id) "
                          "INSERT INTO tokens (token_sha256, user_id) SELECT $2, id FROM u "
                          "ON CONFLICT (token_sha256) DO UPDATE SET user_id = EXCLUDED.user_id",
                          2, p, NULL, err);
}

int store_user_ensure_admin_password(struct store *s, const char *name, const char *password_hash,
                                     struct judge_error *err) {
        const char *p[] = { name, password_hash };
        return store_exec(s,
                          "INSERT INTO users (name, is_admin, password_hash) VALUES ($1, true, $2) "
                          "ON CONFLICT (name) DO UPDATE SET is_admin = true, password_hash = $2",
                          2, p, NULL, err);
}

int store_tokens_load(struct store *s, long long since, long settle_ms, store_token_fn fn, void *ctx,
                      long long *ret_since, struct judge_error *err) {
        char a[24], b[24];
        snprintf(a, sizeof a, "%lld", since);
        snprintf(b, sizeof b, "%ld", settle_ms);
        const char *p[] = { a, b };
        long rows = 0;
        /* columns: change number (the settled mark for a full load), settled, hash, user */
        int r = since < 0
                ? store_exec(s,
                             "WITH w AS (SELECT coalesce(max(seq), 0) AS seq FROM token_changes "
                             "  WHERE changed_at < clock_timestamp() - $2::bigint * interval '1 millisecond' "
                             "  AND $1::bigint < 0) "
                             "SELECT w.seq, true, t.token_sha256, u.id, u.name, u.is_admin "
                             "FROM w, tokens t JOIN users u ON u.id = t.user_id",
                             2, p, &rows, err)
                : store_exec(s,
                             "WITH c AS (SELECT seq, token_sha256, "
                             "  changed_at < clock_timestamp() - $2::bigint * interval '1 millisecond' AS settled "
                             "  FROM token_changes WHERE seq > $1) "
                             "SELECT c.seq, c.settled, c.token_sha256, u.id, u.name, u.is_admin FROM c "
                             "LEFT JOIN tokens t ON t.token_sha256 = c.token_sha256 "
                             "LEFT JOIN users u ON u.id = t.user_id ORDER BY c.seq",
                             2, p, &rows, err);
        if (r < 0)
                return r;
        long long next = since < 0 ? 0 : since;
        bool settled = true;
        if (since < 0 && rows == 0) { /* no tokens: the mark alone */
                r = store_exec(s,
                               "SELECT coalesce(max(seq), 0) FROM token_changes "
                               "WHERE changed_at < clock_timestamp() - $2::bigint * interval '1 millisecond' "
                               "AND $1::bigint < 0",
                               2, p, NULL, err);
                if (r < 0)
                        return r;
                next = val_ll(s, 0, 0);
        }
        for (long i = 0; i < rows; i++) {
                if (since < 0)
                        next = val_ll(s, 0, 0);
                else if (settled && strcmp(val(s, (int) i, 1), "t") == 0)
                        next = val_ll(s, (int) i, 0);
                else
                        settled = false;
                struct store_user u = { .id = val_ll(s, (int) i, 3) };
                snprintf(u.name, sizeof u.name, "%s", val(s, (int) i, 4));
                u.admin = strcmp(val(s, (int) i, 5), "t") == 0;
                r = fn(ctx, val(s, (int) i, 2), store_last_value(s, (int) i, 3) ? &u : NULL);
                if (r < 0)
                        return r;
        }
        *ret_since = next;
        return 0;
}

/* ---- problems ---- */

int store_problem_upsert(struct store *s, const char *slug, const char *title, const char *difficulty,
                         size_t n_sample, size_t n_cases, struct judge_error *err) {
        char a[24], b[24];
        snprintf(a, sizeof a, "%zu", n_sample);
        snprintf(b, sizeof b, "%zu", n_cases);
        const char *p[] = { slug, title, difficulty, a, b };
        return store_exec(s,
                          "INSERT INTO problems (slug, title, difficulty, n_sample, n_cases) VALUES ($1,$2,$3,$4,$5) "
                          "ON CONFLICT (slug) DO UPDATE SET title = $2, difficulty = $3, n_sample = $4, n_cases = $5, "
                          "loaded_at = now()",
                          5, p, NULL, err);
}

/* ---- submissions ---- */

void store_submission_clear(struct store_submission *sub) {
        free(sub->code);
        free(sub->custom_cases);
        free(sub->result_admin);
        free(sub->result_public);
        free(sub->message);
        memset(sub, 0, sizeof *sub);
}

static char *dup_or_null(const char *v) {
        return v ? strdup(v) : NULL;
}

#define SUB_COLUMNS                                                                                                \
        "id, user_id, coalesce(competition_id, 0), problem_slug, language, kind, status, coalesce(verdict, ''), "  \
        "attempts, code, custom_cases, result_admin, result_public, message, coalesce(time_ms, 0), "               \
        "coalesce(memory_kb, 0), coalesce(passed, 0), coalesce(total, 0), finish_count, "                          \
        "extract(epoch from created_at), coalesce(extract(epoch from finished_at), 0)"

static void fill_submission(struct store *s, struct store_submission *x) {
        store_submission_clear(x);
        x->id = val_ll(s, 0, 0);
        x->user_id = val_ll(s, 0, 1);
        x->competition_id = val_ll(s, 0, 2);
        snprintf(x->problem, sizeof x->problem, "%s", val(s, 0, 3));
        snprintf(x->language, sizeof x->language, "%s", val(s, 0, 4));
        snprintf(x->kind, sizeof x->kind, "%s", val(s, 0, 5));
        snprintf(x->status, sizeof x->status, "%s", val(s, 0, 6));
        snprintf(x->verdict, sizeof x->verdict, "%s", val(s, 0, 7));
        x->attempts = val_int(s, 0, 8);
        x->code = dup_or_null(store_last_value(s, 0, 9));
        x->custom_cases = dup_or_null(store_last_value(s, 0, 10));
        x->result_admin = dup_or_null(store_last_value(s, 0, 11));
        x->result_public = dup_or_null(store_last_value(s, 0, 12));
        x->message = dup_or_null(store_last_value(s, 0, 13));
        x->time_ms = val_double(s, 0, 14);
        x->memory_kb = val_ll(s, 0, 15);
        x->passed = val_int(s, 0, 16);
        x->total = val_int(s, 0, 17);
        x->finish_count = val_int(s, 0, 18);
        x->created = val_double(s, 0, 19);
        x->finished = val_double(s, 0, 20);
}

int store_submission_create(struct store *s, long long user_id, const char *problem, const char *language,
                            const char *code, const char *kind, const char *custom_cases, long long competition_id,
                            long long *ret_id, struct judge_error *err) {
        char u[24], c[24];
        snprintf(u, sizeof u, "%lld", user_id);
        snprintf(c, sizeof c, "%lld", competition_id);
        const char *p[] = { u, problem, language, code, kind, custom_cases, competition_id > 0 ? c : NULL };
        int r = store_exec(s,
                           "INSERT INTO submissions (user_id, problem_slug, language, code, kind, custom_cases, "
                           "competition_id) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
                           7, p, NULL, err);
        if (r < 0)
                return r;
        *ret_id = val_ll(s, 0, 0);
        return 0;
}

int store_submission_enqueued(struct store *s, long long id, const char *msg_id, struct judge_error *err) {
        char i[24];
        snprintf(i, sizeof i, "%lld", id);
        const char *p[] = { i, msg_id };
        return store_exec(s, "UPDATE submissions SET enqueued_at = now(), queue_msg = $2 WHERE id = $1", 2, p, NULL,
                          err);
}

int store_submission_get(struct store *s, long long id, struct store_submission *ret, struct judge_error *err) {
        char i[24];
        snprintf(i, sizeof i, "%lld", id);
        const char *p[] = { i };
        long rows = 0;
        int r = store_exec(s, "SELECT " SUB_COLUMNS " FROM submissions WHERE id = $1", 1, p, &rows, err);
        if (r < 0)
                return r;
        if (rows == 0)
                return judge_err(err, -ENOENT, "no submission %lld", id);
        fill_submission(s, ret);
        return 0;
}

int store_submission_claim(struct store *s, long long id, const char *worker, long lease_ms,
                           struct store_submission *ret, struct judge_error *err) {
        char i[24], l[24];
        snprintf(i, sizeof i, "%lld", id);
        snprintf(l, sizeof l, "%ld", lease_ms);
        const char *p[] = { i, worker, l };
        long rows = 0;
        int r = store_exec(s,
                           "UPDATE submissions SET status = 'running', worker = $2, attempts = attempts + 1, "
                           "started_at = now(), lease_until = now() + $3 * interval '1 millisecond' "
                           "WHERE id = $1 AND (status = 'queued' OR (status = 'running' AND lease_until < now())) "
                           "RETURNING " SUB_COLUMNS,
                           3, p, &rows, err);
        if (r < 0)
                return r;
        if (rows == 1) {
                fill_submission(s, ret);
                return 1;
        }
        r = store_submission_get(s, id, ret, err);
        return r < 0 ? r : 0;
}

int store_submission_heartbeat(struct store *s, const long long *ids, size_t n, long lease_ms,
                               struct judge_error *err) {
        if (n == 0)
                return 0;
        _cleanup_buf_ struct buf arr;
        buf_init(&arr, 1 << 16);
        buf_puts(&arr, "{");
        for (size_t i = 0; i < n; i++)
                buf_printf(&arr, "%s%lld", i ? "," : "", ids[i]);
        int r = buf_puts(&arr, "}");
        if (r < 0)
                return r;
        char l[24];
        snprintf(l, sizeof l, "%ld", lease_ms);
        const char *p[] = { arr.data, l };
        return store_exec(s,
                          "UPDATE submissions SET lease_until = now() + $2 * interval '1 millisecond' "
                          "WHERE id = ANY($1::bigint[]) AND status = 'running'",
                          2, p, NULL, err);
}

int store_submission_finish(struct store *s, long long id, const struct store_final *f, struct judge_error *err) {
        char i[24], passed[16], total[16], t[32], m[24];
        snprintf(i, sizeof i, "%lld", id);
        snprintf(passed, sizeof passed, "%d", f->passed);
        snprintf(total, sizeof total, "%d", f->total);
        snprintf(t, sizeof t, "%.3f", f->time_ms);
        snprintf(m, sizeof m, "%lld", f->memory_kb);
        /* The case rows travel as one JSON array into json_to_recordset. */
        _cleanup_buf_ struct buf cases;
        buf_init(&cases, 16 << 20);
        buf_puts(&cases, "[");
        for (size_t k = 0; k < f->n_cases; k++)
                buf_printf(&cases, "%s{\"idx\":%zu,\"hidden\":%s,\"status\":\"%s\",\"time_ms\":%.3f,\"memory_kb\":%lld}",
                           k ? "," : "", k, f->cases[k].hidden ? "true" : "false", f->cases[k].status,
                           f->cases[k].time_ms, f->cases[k].memory_kb);
        int r = buf_puts(&cases, "]");
        if (r < 0)
                return judge_err(err, r, "case results too large");
        const char *p[] = { i, f->verdict, f->message, passed, total, t, m, f->result_admin, f->result_public,
                            cases.data };
        long rows = 0;
        r = store_exec(s,
                       "WITH up AS (UPDATE submissions SET status = 'done', verdict = $2, message = $3, passed = $4, "
                       "total = $5, time_ms = $6, memory_kb = $7, result_admin = $8, result_public = $9, "
                       "finished_at = now(), lease_until = NULL, finish_count = finish_count + 1 "
                       "WHERE id = $1 AND status <> 'done' RETURNING id), "
                       "ins AS (INSERT INTO case_results (submission_id, idx, hidden, status, time_ms, memory_kb) "
                       "SELECT up.id, c.idx, c.hidden, c.status, c.time_ms, c.memory_kb FROM up, "
                       "json_to_recordset($10::json) AS c(idx int, hidden bool, status text, time_ms float8, "
                       "memory_kb bigint)) "
                       "SELECT id FROM up",
                       10, p, &rows, err);
        if (r < 0)
                return r;
        if (rows == 1)
                return 1;
        const char *p1[] = { i };
        r = store_exec(s, "UPDATE submissions SET finish_count = finish_count + 1 WHERE id = $1", 1, p1, NULL, err);
        return r < 0 ? r : 0;
}

int store_submission_requeue(struct store *s, long long id, long delay_ms, bool undo_attempt,
                             struct judge_error *err) {
        char i[24], d[24];
        snprintf(i, sizeof i, "%lld", id);
        snprintf(d, sizeof d, "%ld", delay_ms);
        const char *p[] = { i, d, undo_attempt ? "1" : "0" };
        return store_exec(s,
                          "UPDATE submissions SET status = 'queued', worker = NULL, lease_until = NULL, "
                          "enqueued_at = NULL, queue_msg = NULL, attempts = greatest(attempts - $3::int, 0), "
                          "not_before = now() + $2 * interval '1 millisecond' "
                          "WHERE id = $1 AND status = 'running'",
                          3, p, NULL, err);
}

int store_user_pending(struct store *s, long long user_id, long *ret, struct judge_error *err) {
        char u[24];
        snprintf(u, sizeof u, "%lld", user_id);
        const char *p[] = { u };
        int r = store_exec(s, "SELECT count(*) FROM submissions WHERE user_id = $1 AND status <> 'done'", 1, p, NULL,
                           err);
        if (r < 0)
                return r;
        *ret = (long) val_ll(s, 0, 0);
        return 0;
}

int store_sweep_candidates(struct store *s, long stale_ms, long long *ids, char **msg_ids, size_t max,
                           struct judge_error *err) {
        /* Running rows whose worker stopped renewing its lease go back to queued first. */
        int r = simple(s,
                       "UPDATE submissions SET status = 'queued', worker = NULL, lease_until = NULL, enqueued_at = NULL "
                       "WHERE status = 'running' AND lease_until < now()",
                       err);
        if (r < 0)
                return r;
        char st[24], mx[24];
        snprintf(st, sizeof st, "%ld", stale_ms);
        snprintf(mx, sizeof mx, "%zu", max);
        const char *p[] = { st, mx };
        long rows = 0;
        r = store_exec(s,
                       "SELECT id, queue_msg FROM submissions WHERE status = 'queued' AND not_before <= now() AND "
                       "(enqueued_at IS NULL OR enqueued_at < now() - $1 * interval '1 millisecond') "
                       "ORDER BY id LIMIT $2",
                       2, p, &rows, err);
        if (r < 0)
                return r;
        for (long k = 0; k < rows; k++) {
                ids[k] = val_ll(s, (int) k, 0);
                msg_ids[k] = dup_or_null(store_last_value(s, k, 1));
        }
        return (int) rows;
}

int store_counts(struct store *s, long *ret_queued, long *ret_running, struct judge_error *err) {
        int r = simple(s,
                       "SELECT count(*) FILTER (WHERE status = 'queued'), count(*) FILTER (WHERE status = 'running') "
                       "FROM submissions WHERE status <> 'done'",
                       err);
        if (r < 0)
                return r;
        *ret_queued = (long) val_ll(s, 0, 0);
        *ret_running = (long) val_ll(s, 0, 1);
        return 0;
}

/* ---- competitions ---- */

void store_competition_clear(struct store_competition *c) {
        if (c->problems)
                for (char **p = c->problems; *p; p++)
                        free(*p);
        free(c->problems);
        memset(c, 0, sizeof *c);
}

int store_competition_create(struct store *s, const char *title, const char *starts, const char *ends,
                             const char *const *problems, size_t n, bool hidden_failure_none, long freeze_minutes,
                             long long created_by, long long *ret_id, struct judge_error *err) {
        /* slugs as a PostgreSQL text[] literal: every element quoted, quotes/backslashes escaped */
        _cleanup_buf_ struct buf arr;
        buf_init(&arr, 1 << 16);
        buf_puts(&arr, "{");
        for (size_t i = 0; i < n; i++) {
                buf_puts(&arr, i ? ",\"" : "\"");
                for (const char *c = problems[i]; *c; c++) {
                        if (*c == '"' || *c == '\\')
                                buf_puts(&arr, "\\");
                        buf_append(&arr, c, 1);
                }
                buf_puts(&arr, "\"");
        }
        int r = buf_puts(&arr, "}");
        char by[24], fm[24];
        snprintf(by, sizeof by, "%lld", created_by);
        snprintf(fm, sizeof fm, "%ld", freeze_minutes);
        const char *p[] = { title, starts, ends, by, arr.data, hidden_failure_none ? "none" : "input", fm };
        if (r >= 0)
                r = store_exec(s,
                               "WITH c AS (INSERT INTO competitions (title, starts_at, ends_at, created_by, "
                               "hidden_failure, freeze_minutes) VALUES ($1, $2, $3, $4, $6, $7) RETURNING id), "
                               "p AS (INSERT INTO competition_problems (competition_id, slug, position) "
                               "SELECT c.id, x.slug, x.pos FROM c, unnest($5::text[]) WITH ORDINALITY AS x(slug, pos)) "
                               "SELECT id FROM c",
                               7, p, NULL, err);
        if (r < 0) {
                if (r == -EIO && err)
                        err->code = -EINVAL; /* a bad time or an unknown problem: the caller's input */
                return r == -EIO ? -EINVAL : r;
        }
        *ret_id = val_ll(s, 0, 0);
        return 0;
}

int store_competition_get(struct store *s, long long id, struct store_competition *ret, struct judge_error *err) {
        long rows = 0;
        int r = store_exec_competition(
                s,
                "SELECT c.id, c.title, extract(epoch from c.starts_at), extract(epoch from c.ends_at), "
                "cp.slug, c.hidden_failure, c.freeze_minutes, c.unfrozen FROM competitions c "
                "LEFT JOIN competition_problems cp ON cp.competition_id = c.id "
                "WHERE c.id = $1 ORDER BY cp.position",
                id, &rows, err);
        if (r < 0)
                return r;
        memset(ret, 0, sizeof *ret);
        ret->id = val_ll(s, 0, 0);
        snprintf(ret->title, sizeof ret->title, "%s", val(s, 0, 1));
        ret->starts_at = val_double(s, 0, 2);
        ret->ends_at = val_double(s, 0, 3);
        ret->hidden_failure_none = strcmp(val(s, 0, 5), "none") == 0;
        ret->freeze_minutes = (long) val_ll(s, 0, 6);
        ret->unfrozen = strcmp(val(s, 0, 7), "t") == 0;
        ret->problems = calloc((size_t) rows + 1, sizeof(char *));
        if (!ret->problems)
                return judge_err(err, -ENOMEM, "out of memory");
        size_t k = 0;
        for (long row = 0; row < rows; row++)
                if (store_last_value(s, (int) row, 4))
                        ret->problems[k++] = strdup(val(s, (int) row, 4));
        return 0;
}

int store_competition_join(struct store *s, long long id, long long user_id, struct judge_error *err) {
        char i[24], u[24];
        snprintf(i, sizeof i, "%lld", id);
        snprintf(u, sizeof u, "%lld", user_id);
        const char *p[] = { i, u };
        long rows = 0;
        int r = store_exec(s,
                           "WITH c AS (SELECT id, now() < ends_at AS open FROM competitions WHERE id = $1), "
                           "i AS (INSERT INTO entries (competition_id, user_id) SELECT id, $2 FROM c WHERE open "
                           "ON CONFLICT DO NOTHING RETURNING 1) "
                           "SELECT c.open, (SELECT count(*) FROM i) FROM c",
                           2, p, &rows, err);
        if (r < 0)
                return r;
        if (rows == 0)
                return judge_err(err, -ENOENT, "no competition %lld", id);
        if (strcmp(val(s, 0, 0), "t") != 0)
                return judge_err(err, -EPERM, "competition %lld has ended", id);
        return val_ll(s, 0, 1) > 0;
}

int store_competition_unfreeze(struct store *s, long long id, struct judge_error *err) {
        long rows = 0;
        int r = store_exec_competition(
                s,
                "WITH c AS (SELECT id, unfrozen FROM competitions WHERE id = $1), "
                "u AS (UPDATE competitions SET unfrozen = true WHERE id = $1 AND NOT unfrozen RETURNING id) "
                "SELECT (SELECT count(*) FROM u) FROM c",
                id, &rows, err);
        if (r < 0)
                return r;
        return val_ll(s, 0, 0) > 0;
}

int store_competition_is_entry(struct store *s, long long id, long long user_id, struct judge_error *err) {
        char i[24], u[24];
        snprintf(i, sizeof i, "%lld", id);
        snprintf(u, sizeof u, "%lld", user_id);
        const char *p[] = { i, u };
        long rows = 0;
        int r = store_exec(s, "SELECT 1 FROM entries WHERE competition_id = $1 AND user_id = $2", 2, p, &rows, err);
        return r < 0 ? r : rows > 0;
}

/* ---- accounts and sessions ---- */

int store_user_signup(struct store *s, const char *name, const char *password_hash, struct store_user *ret,
                      struct judge_error *err) {
        const char *p[] = { name, password_hash };
        int r = store_exec(s,
                           "INSERT INTO users (name, is_admin, password_hash) VALUES ($1, false, $2) "
                           "RETURNING id, name, is_admin",
                           2, p, NULL, err);
        if (r == -EEXIST)
                return judge_err(err, -EEXIST, "user '%s' exists", name);
        if (r < 0)
                return r;
        fill_user(s, ret);
        return 0;
}

int store_user_password(struct store *s, const char *name, struct store_user *ret, char *ret_hash, size_t hash_size,
                        struct judge_error *err) {
        const char *p[] = { name };
        long rows = 0;
        int r = store_exec(s, "SELECT id, name, is_admin, password_hash FROM users WHERE name = $1", 1, p, &rows, err);
        if (r < 0)
                return r;
        if (rows == 0)
                return judge_err(err, -ENOENT, "no user '%s'", name);
        fill_user(s, ret);
        snprintf(ret_hash, hash_size, "%s", val(s, 0, 3));
        return 0;
}

int store_users_json(struct store *s, struct buf *out, struct judge_error *err) {
        int r = store_exec(s,
                           "SELECT json_build_object('users', coalesce(json_agg(json_build_object('id', id, "
                           "'name', name, 'admin', is_admin, 'created_at', extract(epoch from created_at)::float8) "
                           "ORDER BY id), '[]'::json)) FROM users",
                           0, NULL, NULL, err);
        if (r < 0)
                return r;
        return buf_puts(out, val(s, 0, 0));
}

int store_session_create(struct store *s, long long user_id, long ttl_s, char ret_cookie[65], char ret_csrf[65],
                         struct judge_error *err) {
        char cookie[65], csrf[65], h[65], u[24], ttl[24];
        int r = new_token(cookie, err);
        if (r >= 0)
                r = new_token(csrf, err);
        if (r < 0)
                return r;
        token_hash(cookie, h);
        snprintf(u, sizeof u, "%lld", user_id);
        snprintf(ttl, sizeof ttl, "%ld", ttl_s);
        (void) store_exec(s, "DELETE FROM sessions WHERE expires_at < now()", 0, NULL, NULL, NULL);
        const char *p[] = { h, u, csrf, ttl };
        r = store_exec(s,
                       "INSERT INTO sessions (token_sha256, user_id, csrf, expires_at) "
                       "VALUES ($1, $2, $3, now() + make_interval(secs => $4::bigint))",
                       4, p, NULL, err);
        if (r < 0)
                return r;
        memcpy(ret_cookie, cookie, 65);
        memcpy(ret_csrf, csrf, 65);
        explicit_bzero(cookie, sizeof cookie);
        return 0;
}

int store_session_get(struct store *s, const char *cookie, struct store_user *ret, char ret_csrf[65],
                      struct judge_error *err) {
        char h[65];
        token_hash(cookie, h);
        const char *p[] = { h };
        long rows = 0;
        int r = store_exec(s,
                           "SELECT u.id, u.name, u.is_admin, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id "
                           "WHERE s.token_sha256 = $1 AND s.expires_at > now()",
                           1, p, &rows, err);
        if (r < 0)
                return r;
        if (rows == 0)
                return judge_err(err, -ENOENT, "no such session");
        fill_user(s, ret);
        snprintf(ret_csrf, 65, "%s", val(s, 0, 3));
        return 0;
}

int store_session_delete(struct store *s, const char *cookie, struct judge_error *err) {
        char h[65];
        token_hash(cookie, h);
        const char *p[] = { h };
        return store_exec(s, "DELETE FROM sessions WHERE token_sha256 = $1", 1, p, NULL, err);
}

int store_user_history_json(struct store *s, long long user_id, const char *problem, long limit, struct buf *out,
                            struct judge_error *err) {
        char u[24], l[24];
        snprintf(u, sizeof u, "%lld", user_id);
        snprintf(l, sizeof l, "%ld", limit);
        const char *p[] = { u, problem, l };
        int r = store_exec(
                s,
                "SELECT json_build_object('submissions', coalesce(json_agg(json_build_object("
                "'id', id, 'problem', problem_slug, 'language', language, 'status', status, 'verdict', verdict, "
                "'runtime_ms', time_ms, 'memory_kb', memory_kb, 'passed', passed, 'total', total, "
                "'created_at', extract(epoch from created_at)::float8, 'competition', competition_id, 'kind', kind) "
                "ORDER BY id DESC), '[]'::json)) FROM (SELECT * FROM submissions WHERE user_id = $1 "
                "AND ($2::text IS NULL OR problem_slug = $2) ORDER BY id DESC LIMIT $3::bigint) h",
                3, p, NULL, err);
        if (r < 0)
                return r;
        return buf_puts(out, val(s, 0, 0));
}

int store_user_solved(struct store *s, long long user_id, char ***ret, struct judge_error *err) {
        char u[24];
        snprintf(u, sizeof u, "%lld", user_id);
        const char *p[] = { u };
        long rows = 0;
        int r = store_exec(s,
                           "SELECT DISTINCT problem_slug FROM submissions WHERE user_id = $1 AND kind = 'submit' "
                           "AND verdict = 'AC'",
                           1, p, &rows, err);
        if (r < 0)
                return r;
        char **v = calloc((size_t) rows + 1, sizeof *v);
        if (!v)
                return judge_err(err, -ENOMEM, "out of memory");
        for (long i = 0; i < rows; i++)
                if (!(v[i] = strdup(val(s, (int) i, 0)))) {
                        strv_free(v);
                        return judge_err(err, -ENOMEM, "out of memory");
                }
        *ret = v;
        return 0;
}
