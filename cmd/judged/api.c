/* The HTTP API (libmicrohttpd, JSON through yajl). Every answer is JSON, errors included:
 * {"error":"..."} with a 4xx/5xx status. See docs/service.md for the reference. */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <hiredis/hiredis.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <strings.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yajl/yajl_tree.h>

#include "addrlimit.h"
#include "auth.h"
#include "base/clock.h"
#include "lang/codegen.h"
#include "boardcache.h"
#include "judged.h"
#include "tokens.h"
#include "service/leaderboard.h"
#include "base/parse.h"
#include "service/cleanup.h"
#include "webhooks.h"
#include "sse.h"

/* Request bodies are small objects (code, a few custom cases): a nesting cap far above their
 * needs, checked before yajl builds (and later frees, recursively) a tree. */
#define BODY_NESTING_MAX 64

static struct MHD_Daemon *daemon_;

struct reply {
        int status;
        struct buf body;
        long retry_after; /* seconds, 429/503 */
        char set_cookie[AUTH_SET_COOKIE_MAX]; /* Set-Cookie, "" for none (auth.c) */
        struct board_page *page; /* a shared leaderboard page answers instead of body (a reference) */
        bool page_gzip;
};

/* Where a request handed to the write pool is: queued (its connection suspended), or answered
 * into its reply (the connection resumed: the next handler call sends it). */
enum request_state { RQ_INLINE, RQ_QUEUED, RQ_ANSWERED };

struct request {
        struct buf body;
        bool too_big;
        bool authed;            /* user holds the caller, authenticated before the body was read */
        struct store_user user;
        char csrf[65];          /* the session's CSRF token when the cookie authenticated, else "" */
        /* the write pool's */
        enum request_state state;
        struct MHD_Connection *conn;
        const char *url, *method; /* MHD's, valid while the connection is suspended */
        struct reply reply;
        bool pooled; /* counted in pool.inflight until completed() */
        struct request *next;
};

/* An answer of auth.c (written into rp->body already) becomes the reply. */
static void reply_auth(struct reply *rp, const struct auth_answer *a) {
        rp->status = a->status;
        if (a->retry_after)
                rp->retry_after = a->retry_after;
        memcpy(rp->set_cookie, a->set_cookie, sizeof rp->set_cookie);
}

/* ---- replies ---- */

static int reply_error(struct reply *rp, int status, const char *fmt, ...) _printf_(3, 4);
static int reply_error(struct reply *rp, int status, const char *fmt, ...) {
        char msg[1200];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        rp->status = status;
        json_error(&rp->body, msg);
        return 0;
}

void json_error(struct buf *out, const char *msg) {
        buf_reset(out);
        buf_puts(out, "{\"error\":");
        buf_json_string(out, msg, strlen(msg));
        buf_puts(out, "}");
}

/* A server-side failure: 503 when a backing service is down, 500 otherwise. */
static int reply_failure(struct reply *rp, int code, const struct judge_error *err) {
        bool down = code == -ECONNREFUSED || code == -ECONNRESET;
        if (down)
                rp->retry_after = 5;
        return reply_error(rp, down ? 503 : 500, "%s", err && err->msg[0] ? err->msg : strerror(-code));
}

/* ---- request helpers ---- */

static yajl_val parse_body(struct request *rq, struct reply *rp) {
        if (!rq->body.data || rq->body.len == 0) {
                reply_error(rp, 400, "a JSON body is required");
                return NULL;
        }
        char ebuf[512];
        _cleanup_yajl_val_ yajl_val v = json_parse_bounded(rq->body.data, rq->body.len, BODY_NESTING_MAX, ebuf,
                                                           sizeof ebuf);
        if (!v) {
                reply_error(rp, 400, "malformed JSON: %s", ebuf);
                return NULL;
        }
        if (!YAJL_IS_OBJECT(v)) {
                reply_error(rp, 400, "the body must be a JSON object");
                return NULL;
        }
        return TAKE_PTR(v);
}

static yajl_val field(yajl_val obj, const char *name) {
        for (size_t i = 0; obj && YAJL_IS_OBJECT(obj) && i < obj->u.object.len; i++)
                if (strcmp(obj->u.object.keys[i], name) == 0)
                        return obj->u.object.values[i];
        return NULL;
}

static const char *field_string(yajl_val obj, const char *name) {
        yajl_val v = field(obj, name);
        return v && YAJL_IS_STRING(v) ? v->u.string : NULL;
}

/* Query parameter name as an integer in [min, max], def when absent. false with a 400 reply
 * when it is present but empty, not a number, or out of range. */
static bool query_long(struct MHD_Connection *c, const char *name, long def, long min, long max, long *ret,
                       struct reply *rp) {
        const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
        if (!v) {
                *ret = def;
                return true;
        }
        int r = parse_long(v, min, max, ret);
        if (r == -ERANGE)
                reply_error(rp, 400, "query parameter %s=%.32s is out of range (%ld to %ld)", name, v, min, max);
        else if (r < 0)
                reply_error(rp, 400, "query parameter %s=%.32s is not an integer", name, v);
        return r >= 0;
}

/* An id in a path: 1 to 18 decimal digits (no sign), at least 1. */
static bool parse_id(const char *s, long long *ret) {
        if (!s || !*s || strlen(s) > 18 || s[strspn(s, "0123456789")])
                return false;
        return parse_long_long(s, 1, LLONG_MAX, ret) >= 0;
}

/* ---- authentication: tokens from the in-memory table (tokens.c), PostgreSQL only for a
 * token it does not know yet, at a limited rate ---- */

/* the longest token accepted: ours are 64 hex digits */
#define TOKEN_MAX 72

/* Failed authentications per client address, in this process's memory: a fixed one-minute
 * window per address in a small hash table (a colliding address takes the slot over). Memory
 * rather than Redis: the check runs before any token lookup, so a flood of bad tokens costs no
 * round trip to PostgreSQL or Redis, and it holds while Redis is down. The price: with N API
 * processes an address gets N times the limit. */
static struct addrlimit_slot auth_fail_slots[4096];
static struct addrlimit auth_fails = ADDRLIMIT_INIT(auth_fail_slots);

/* 1 with *u for a valid bearer token; 0 with the reply set (401) otherwise; < 0 on failure. */
static int check_token(struct MHD_Connection *c, struct store *s, struct store_user *u, struct reply *rp) {
        const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
        if (!h || strncasecmp(h, "Bearer ", 7) != 0 || !h[7]) {
                reply_error(rp, 401, "missing bearer token (Authorization: Bearer TOKEN)");
                return 0;
        }
        const char *token = h + 7;
        if (strlen(token) >= TOKEN_MAX) {
                reply_error(rp, 401, "invalid token");
                return 0;
        }
        if (tokens_find(token, u) > 0)
                return 1;
        /* unknown to the table: created since its last refresh, or bogus */
        if (!tokens_may_look_up()) {
                rp->retry_after = 1;
                reply_error(rp, 503, "too many unknown tokens to look up: retry in a second");
                return -EAGAIN;
        }
        struct judge_error err = { 0 };
        int r = store_user_by_token(s, token, u, &err);
        if (r == -ENOENT) {
                reply_error(rp, 401, "invalid token");
                return 0;
        }
        if (r < 0) {
                reply_failure(rp, r, &err);
                return r;
        }
        tokens_remember(token, u);
        return 1;
}

/* check_token (an Authorization header), else check_session (a judge_session cookie; auth.c),
 * behind the per-address limit on failures: 429 once an address has failed
 * cfg.auth_fail_limit times this minute, whatever it sends. ret_csrf: the session's CSRF token,
 * "" for a bearer token. */
static int authenticate(struct MHD_Connection *c, struct store *s, const char *method, struct store_user *u,
                        char ret_csrf[65], struct reply *rp) {
        char addr[INET6_ADDRSTRLEN];
        client_address(c, addr);
        if (cfg.auth_fail_limit > 0 && addrlimit_get(&auth_fails, addr) >= cfg.auth_fail_limit) {
                rp->retry_after = addrlimit_retry_after();
                reply_error(rp, 429, "too many failed authentications from %s: at most %ld per minute", addr,
                            cfg.auth_fail_limit);
                return 0;
        }
        int r;
        ret_csrf[0] = 0;
        if (!MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION) && auth_has_cookie(c)) {
                struct auth_answer a = { .body = &rp->body };
                r = check_session(c, s, method, u, ret_csrf, &a);
                if (a.status)
                        reply_auth(rp, &a);
        } else
                r = check_token(c, s, u, rp);
        if (r == 0 && cfg.auth_fail_limit > 0)
                addrlimit_add(&auth_fails, addr);
        return r;
}

/* Per-user limits on creating submissions (admins are exempt): a fixed one-minute window in
 * Redis (shared by every API process), and a cap on unfinished submissions. 1: go on. */
static int check_limits(struct store *s, struct queue *q, const struct store_user *u, struct reply *rp) {
        if (u->admin)
                return 1;
        struct judge_error err = { 0 };
        if (cfg.rate_limit > 0) {
                time_t now = time(NULL);
                long window = (long) (now / 60);
                _cleanup_reply_ redisReply *reply = NULL;
                if (queue_command(q, (void **) &reply, &err, "INCR ratelimit:%lld:%ld", u->id, window) >= 0) {
                        long long n = reply->type == REDIS_REPLY_INTEGER ? reply->integer : 0;
                        if (n == 1)
                                (void) queue_command(q, NULL, NULL, "EXPIRE ratelimit:%lld:%ld 120", u->id, window);
                        if (n > cfg.rate_limit) {
                                rp->retry_after = 60 - now % 60;
                                reply_error(rp, 429, "rate limit: at most %ld submissions per minute", cfg.rate_limit);
                                return 0;
                        }
                } /* Redis down: no rate limit rather than no service */
        }
        if (cfg.max_queued > 0) {
                long pending = 0;
                int r = store_user_pending(s, u->id, &pending, &err);
                if (r < 0)
                        return reply_failure(rp, r, &err), r;
                if (pending >= cfg.max_queued) {
                        rp->retry_after = 5;
                        reply_error(rp, 429, "you have %ld unfinished submissions (at most %ld): wait for them",
                                    pending, cfg.max_queued);
                        return 0;
                }
        }
        return 1;
}

/* ---- problems ---- */

static int json_strings(struct buf *b, char **v, size_t n) {
        buf_puts(b, "[");
        for (size_t i = 0; i < n; i++) {
                if (i)
                        buf_puts(b, ",");
                buf_json_string(b, v[i], strlen(v[i]));
        }
        return buf_puts(b, "]");
}

static int problem_summary(struct buf *b, const struct problem *p) {
        buf_puts(b, "{\"slug\":");
        buf_json_string(b, p->slug, strlen(p->slug));
        buf_puts(b, ",\"title\":");
        buf_json_string(b, p->title, strlen(p->title));
        buf_puts(b, ",\"difficulty\":");
        if (p->difficulty)
                buf_json_string(b, p->difficulty, strlen(p->difficulty));
        else
                buf_puts(b, "null");
        buf_puts(b, ",\"tags\":");
        return json_strings(b, p->tags, p->n_tags);
}

/* Each row with "solved" for u: the slugs u has an accepted submission of, read in one query. */
static void get_problems(struct store *s, const struct store_user *u, struct reply *rp) {
        _cleanup_(strv_freep) char **solved = NULL;
        struct judge_error err = { 0 };
        int r = store_user_solved(s, u->id, &solved, &err);
        if (r < 0) {
                reply_failure(rp, r, &err);
                return;
        }
        buf_puts(&rp->body, "{\"problems\":[");
        for (size_t i = 0; i < catalog_count(); i++) {
                const struct problem *p = catalog_at(i)->problem;
                bool done = false;
                for (char **sp = solved; *sp && !done; sp++)
                        done = strcmp(*sp, p->slug) == 0;
                buf_puts(&rp->body, i ? "," : "");
                problem_summary(&rp->body, p);
                buf_printf(&rp->body, ",\"solved\":%s}", done ? "true" : "false");
        }
        buf_puts(&rp->body, "]}");
        rp->status = 200;
}

static void get_problem(struct reply *rp, const char *slug) {
        const struct catalog_entry *ce = catalog_find(slug);
        if (!ce) {
                reply_error(rp, 404, "no problem '%s'", slug);
                return;
        }
        const struct problem *p = ce->problem;
        struct buf *b = &rp->body;
        problem_summary(b, p);
        buf_puts(b, ",\"statement\":");
        buf_json_string(b, p->statement ? p->statement : "", p->statement ? strlen(p->statement) : 0);
        if (!ce->statement_html) { /* catalog.c rendered it at load */
                reply_error(rp, 500, "problem '%s': statement.md: %s", slug,
                            ce->statement_error ? ce->statement_error : "out of memory");
                return;
        }
        buf_puts(b, ",\"statement_html\":");
        buf_json_string(b, ce->statement_html, strlen(ce->statement_html));
        buf_printf(b, ",\"limits\":{\"time_ms\":%ld,\"memory_mb\":%ld},\"signature\":", p->time_ms, p->memory_mb);
        /* the problem's own JSON failing to convert (past the depth cap) fails the page */
        if (problem_value_json(yajl_tree_get(p->doc, (const char *[]){ "signature", NULL }, yajl_t_object), b) < 0) {
                rp->status = 500;
                return;
        }
        buf_puts(b, ",\"languages\":[");
        bool first = true;
        for (size_t i = 0; !buf_err(b) && i < catalog_lang_count(); i++) {
                const struct lang *l = catalog_lang_at(i);
                _cleanup_buf_ struct buf stub;
                buf_init(&stub, 1 << 20);
                if (codegen_stub(p, l->name, &stub, NULL) < 0)
                        continue;
                buf_printf(b, "%s{\"name\":\"%s\",\"display\":", first ? "" : ",", l->name);
                buf_json_string(b, l->display ? l->display : l->name, strlen(l->display ? l->display : l->name));
                buf_puts(b, ",\"starter\":");
                buf_json_string(b, stub.data ? stub.data : "", stub.len);
                buf_puts(b, "}");
                first = false;
        }
        buf_puts(b, "],\"samples\":[");
        /* sample cases only: hidden cases never leave the server */
        for (size_t i = 0; !buf_err(b) && i < p->n_sample; i++) {
                const struct test_case *tc = &p->cases[i];
                buf_puts(b, i ? "," : "");
                if (problem_case_args_json(p, tc, b) < 0) {
                        rp->status = 500;
                        return;
                }
                if (b->len && b->data[b->len - 1] == '}') {
                        b->len--;
                        buf_puts(b, ",\"name\":");
                        if (tc->name)
                                buf_json_string(b, tc->name, strlen(tc->name));
                        else
                                buf_puts(b, "null");
                        buf_puts(b, ",\"expected\":");
                        if (problem_value_json(tc->expected, b) < 0) {
                                rp->status = 500;
                                return;
                        }
                        buf_puts(b, "}");
                }
        }
        rp->status = buf_puts(b, "]}") >= 0 ? 200 : 500;
}

/* ---- submissions ---- */

static void enqueue(struct store *s, struct queue *q, long long id) {
        struct judge_error err = { 0 };
        char mid[32] = "";
        /* The row is already written: if Redis is down now, the sweeper enqueues it later. */
        if (queue_push(q, id, mid, &err) < 0)
                fprintf(stderr, "judged: submission %lld: not enqueued yet: %s\n", id, err.msg);
        else
                (void) store_submission_enqueued(s, id, mid, NULL);
}

/* Common checks of POST .../submissions and .../run: language and code. */
static const struct lang *check_code(yajl_val body, const char **ret_code, struct reply *rp) {
        const char *ln = field_string(body, "language");
        const char *code = field_string(body, "code");
        if (!ln) {
                reply_error(rp, 400, "\"language\" (a string) is required");
                return NULL;
        }
        const struct lang *l = catalog_lang(ln);
        if (!l) {
                reply_error(rp, 400, "unknown language '%.64s'", ln);
                return NULL;
        }
        if (!code || !*code) {
                reply_error(rp, 400, "\"code\" (a non-empty string) is required");
                return NULL;
        }
        if ((long) strlen(code) > cfg.max_code) {
                reply_error(rp, 413, "code is larger than %ld bytes", cfg.max_code);
                return NULL;
        }
        *ret_code = code;
        return l;
}

static void post_submission(struct store *s, struct queue *q, const struct store_user *u, const char *slug,
                            struct request *rq, struct reply *rp, bool run) {
        const struct catalog_entry *ce = catalog_find(slug);
        if (!ce) {
                reply_error(rp, 404, "no problem '%s'", slug);
                return;
        }
        _cleanup_yajl_val_ yajl_val body = parse_body(rq, rp);
        if (!body)
                return;
        struct judge_error err = { 0 };
        const char *code = NULL;
        const struct lang *l = check_code(body, &code, rp);
        if (!l)
                return;
        long long comp = 0;
        _cleanup_buf_ struct buf cases;
        buf_init(&cases, 1 << 20);
        int r;
        if (run) {
                yajl_val c = field(body, "cases");
                if (c && !YAJL_IS_ARRAY(c)) {
                        reply_error(rp, 400, "\"cases\" must be an array");
                        return;
                }
                if (c && c->u.array.len > 20) {
                        reply_error(rp, 400, "at most 20 custom cases");
                        return;
                }
                if ((c ? problem_value_json(c, &cases) : buf_puts(&cases, "[]")) < 0) {
                        reply_error(rp, 413, "custom cases are too large");
                        return;
                }
                _cleanup_(problem_freep) struct problem *check = NULL;
                if (catalog_run_problem(ce->problem, cases.data, NULL, &check, &err) < 0) {
                        reply_error(rp, 400, "bad custom cases: %s", err.msg);
                        return;
                }
        } else {
                yajl_val c = field(body, "competition");
                if (c && !YAJL_IS_NULL(c)) {
                        if (!YAJL_IS_INTEGER(c) || YAJL_GET_INTEGER(c) <= 0) {
                                reply_error(rp, 400, "\"competition\" must be a positive integer id");
                                return;
                        }
                        comp = YAJL_GET_INTEGER(c);
                        _cleanup_(store_competition_clear) struct store_competition sc = { 0 };
                        r = store_competition_get(s, comp, &sc, &err);
                        if (r == -ENOENT) {
                                reply_error(rp, 404, "no competition %lld", comp);
                                return;
                        }
                        if (r < 0) {
                                reply_failure(rp, r, &err);
                                return;
                        }
                        bool in = false;
                        for (char **pp = sc.problems; pp && *pp; pp++)
                                in |= strcmp(*pp, slug) == 0;
                        double now = (double) time(NULL);
                        if (!in) {
                                reply_error(rp, 400, "problem '%s' is not part of competition %lld", slug, comp);
                                return;
                        }
                        if (!(now >= sc.starts_at && now < sc.ends_at)) {
                                reply_error(rp, 403, "competition %lld is not running now", comp);
                                return;
                        }
                        r = store_competition_is_entry(s, comp, u->id, &err);
                        if (r < 0) {
                                reply_failure(rp, r, &err);
                                return;
                        }
                        if (r == 0) {
                                reply_error(rp, 403, "join competition %lld first", comp);
                                return;
                        }
                }
        }
        if (check_limits(s, q, u, rp) <= 0)
                return;
        long long id = 0;
        r = store_submission_create(s, u->id, slug, l->name, code, run ? "run" : "submit", run ? cases.data : NULL,
                                    comp, &id, &err);
        if (r < 0) {
                reply_failure(rp, r, &err);
                return;
        }
        /* live push: the first event of the stream, before a worker can say running */
        if (sse_publish(q, id, "status", "{\"status\":\"queued\"}", &err) < 0)
                fprintf(stderr, "judged: submission %lld: live push: %s\n", id, err.msg);
        enqueue(s, q, id);
        rp->status = 202;
        buf_printf(&rp->body, "{\"id\":%lld,\"status\":\"queued\"}", id);
}

/* A competition's "hidden_failure": "none" tightens the problem's "input": drop the input (and
 * a runtime error's message, which may spell it out) of every hidden case from the user's view
 * (res, the worker's judge_result_json with admin false) into out. */
static int strip_hidden_input(const char *res, struct buf *out) {
        char ebuf[256];
        _cleanup_yajl_val_ yajl_val doc = json_parse_bounded(res, strlen(res), 2048, ebuf, sizeof ebuf);
        if (!doc)
                return -EINVAL;
        yajl_val cases = field(doc, "cases");
        for (size_t i = 0; cases && YAJL_IS_ARRAY(cases) && i < cases->u.array.len; i++) {
                yajl_val c = cases->u.array.values[i];
                yajl_val h = field(c, "hidden");
                if (!YAJL_IS_OBJECT(c) || !h || !YAJL_IS_TRUE(h))
                        continue;
                const char *st = field_string(c, "status");
                bool re = st && strcmp(st, "RE") == 0;
                size_t k = 0;
                for (size_t j = 0; j < c->u.object.len; j++) {
                        const char *key = c->u.object.keys[j];
                        if (strcmp(key, "input") == 0 || (re && strcmp(key, "error") == 0)) {
                                free((char *) key);
                                yajl_tree_free(c->u.object.values[j]);
                                continue;
                        }
                        c->u.object.keys[k] = key;
                        c->u.object.values[k++] = c->u.object.values[j];
                }
                c->u.object.len = k;
        }
        return problem_value_json(doc, out);
}

static void submission_body(struct store *s, const struct store_user *u, long long id, struct reply *rp);

static void get_submission(struct MHD_Connection *c, struct store *s, const struct store_user *u, const char *sid,
                           struct reply *rp) {
        long long id;
        if (!parse_id(sid, &id)) {
                reply_error(rp, 400, "bad submission id '%.32s'", sid);
                return;
        }
        long all = 0;
        if (!query_long(c, "all", 0, 0, 1, &all, rp))
                return;
        if (all && !u->admin) {
                reply_error(rp, 403, "all=1 (every case, every detail) is for administrators");
                return;
        }
        submission_body(s, u, id, rp);
}

/* The submission's document for u, or 404 when u may not see it. */
static void submission_body(struct store *s, const struct store_user *u, long long id, struct reply *rp) {
        _cleanup_(store_submission_clear) struct store_submission sub = { 0 };
        struct judge_error err = { 0 };
        int r = store_submission_get(s, id, &sub, &err);
        if (r == -ENOENT || (r >= 0 && sub.user_id != u->id && !u->admin)) {
                /* someone else's submission does not exist for you */
                reply_error(rp, 404, "no submission %lld", id);
                return;
        }
        if (r < 0) {
                reply_failure(rp, r, &err);
                return;
        }
        struct buf *b = &rp->body;
        buf_printf(b, "{\"id\":%lld,\"user_id\":%lld,\"problem\":\"%s\",\"language\":\"%s\",\"kind\":\"%s\","
                      "\"status\":\"%s\",\"attempts\":%d,\"competition\":",
                   sub.id, sub.user_id, sub.problem, sub.language, sub.kind, sub.status, sub.attempts);
        if (sub.competition_id)
                buf_printf(b, "%lld", sub.competition_id);
        else
                buf_puts(b, "null");
        buf_printf(b, ",\"created_at\":%.3f", sub.created);
        /* r: a failure other than the buffer's (the competition, the stored result); the reply
         * ends where it happened, with 500 */
        if (strcmp(sub.status, "done") == 0) {
                buf_printf(b, ",\"finished_at\":%.3f,\"verdict\":\"%s\",\"runtime_ms\":%.3f,\"memory_kb\":%lld,"
                              "\"passed\":%d,\"total\":%d,\"message\":",
                           sub.finished, sub.verdict, sub.time_ms, sub.memory_kb, sub.passed, sub.total);
                if (sub.message)
                        buf_json_string(b, sub.message, strlen(sub.message));
                else
                        buf_puts(b, "null");
                /* admins: the full report; users: their view, tightened by the competition */
                const char *res = u->admin ? sub.result_admin : sub.result_public;
                bool strip = false;
                if (!buf_err(b) && !u->admin && sub.competition_id && res && *res) {
                        _cleanup_(store_competition_clear) struct store_competition sc = { 0 };
                        r = store_competition_get(s, sub.competition_id, &sc, &err);
                        strip = r >= 0 && sc.hidden_failure_none;
                }
                if (r >= 0) {
                        buf_puts(b, ",\"result\":");
                        if (strip)
                                r = strip_hidden_input(res, b);
                        else
                                buf_puts(b, res && *res ? res : "null");
                }
                if (r >= 0 && u->admin)
                        buf_printf(b, ",\"finish_count\":%d", sub.finish_count);
        } else
                buf_puts(b, ",\"verdict\":null");
        if (r >= 0) {
                buf_puts(b, ",\"code\":");
                buf_json_string(b, sub.code ? sub.code : "", sub.code ? strlen(sub.code) : 0);
                r = buf_puts(b, "}");
        }
        rp->status = r >= 0 ? 200 : 500;
}

int api_submission_json(struct store *s, const struct store_user *u, long long id, struct buf *ret) {
        struct reply rp = { .status = 500 };
        buf_init(&rp.body, 256 << 20);
        submission_body(s, u, id, &rp);
        *ret = rp.body;
        return rp.status;
}

/* ---- users ---- */

static void post_user(struct store *s, struct request *rq, struct reply *rp) {
        _cleanup_yajl_val_ yajl_val body = parse_body(rq, rp);
        if (!body)
                return;
        const char *name = field_string(body, "name");
        yajl_val adm = field(body, "admin");
        bool admin = adm && YAJL_IS_TRUE(adm);
        bool ok = name && *name && strlen(name) < 64;
        for (const char *c = name; ok && *c; c++)
                ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
                     *c == '_' || *c == '.';
        if (!ok) {
                reply_error(rp, 400, "\"name\": 1 to 63 characters of [A-Za-z0-9._-]");
                return;
        }
        struct store_user u = { 0 };
        char token[65];
        struct judge_error err = { 0 };
        int r = store_user_create(s, name, admin, &u, token, &err);
        if (r == -EEXIST)
                reply_error(rp, 409, "user '%s' exists", name);
        else if (r < 0)
                reply_failure(rp, r, &err);
        else {
                rp->status = 201;
                buf_printf(&rp->body, "{\"id\":%lld,\"name\":\"%s\",\"admin\":%s,\"token\":\"%s\"}", u.id, u.name,
                           u.admin ? "true" : "false", token);
        }
}

/* ---- competitions ---- */

static void post_competition(struct store *s, const struct store_user *u, struct request *rq, struct reply *rp) {
        _cleanup_yajl_val_ yajl_val body = parse_body(rq, rp);
        if (!body)
                return;
        const char *title = field_string(body, "title"), *starts = field_string(body, "starts_at"),
                   *ends = field_string(body, "ends_at");
        yajl_val probs = field(body, "problems");
        yajl_val hfv = field(body, "hidden_failure");
        yajl_val fmv = field(body, "freeze_minutes");
        const char *hf = field_string(body, "hidden_failure");
        const char *slugs[64];
        size_t n = 0;
        if (!title || !*title || !starts || !ends || !probs || !YAJL_IS_ARRAY(probs) || probs->u.array.len == 0 ||
            probs->u.array.len > ELEMENTSOF(slugs)) {
                reply_error(rp, 400, "required: \"title\", \"starts_at\", \"ends_at\" (timestamps with a time zone), "
                                     "\"problems\" (1 to 64 slugs)");
                return;
        }
        if (hfv && (!hf || (strcmp(hf, "input") != 0 && strcmp(hf, "none") != 0))) {
                reply_error(rp, 400, "\"hidden_failure\": \"input\" (the default: a failing hidden case's input "
                                     "is shown, if its problem allows) or \"none\"");
                return;
        }
        long freeze = 0;
        if (fmv && (!YAJL_IS_INTEGER(fmv) || YAJL_GET_INTEGER(fmv) < 0 || YAJL_GET_INTEGER(fmv) > 525600)) {
                reply_error(rp, 400, "\"freeze_minutes\": an integer from 0 (no freeze, the default) to 525600");
                return;
        }
        if (fmv)
                freeze = (long) YAJL_GET_INTEGER(fmv);
        for (size_t i = 0; i < probs->u.array.len; i++) {
                yajl_val v = probs->u.array.values[i];
                if (!YAJL_IS_STRING(v) || !catalog_find(v->u.string)) {
                        reply_error(rp, 400, "unknown problem %s", YAJL_IS_STRING(v) ? v->u.string : "(not a string)");
                        return;
                }
                for (size_t k = 0; k < n; k++)
                        if (strcmp(slugs[k], v->u.string) == 0) {
                                reply_error(rp, 400, "problem %s is listed twice", v->u.string);
                                return;
                        }
                slugs[n++] = v->u.string;
        }
        long long id = 0;
        struct judge_error err = { 0 };
        int r = store_competition_create(s, title, starts, ends, slugs, n, hf && strcmp(hf, "none") == 0, freeze, u->id,
                                         &id, &err);
        if (r == -EINVAL)
                reply_error(rp, 400, "%s", err.msg);
        else if (r < 0)
                reply_failure(rp, r, &err);
        else {
                rp->status = 201;
                buf_printf(&rp->body, "{\"id\":%lld}", id);
        }
}

static bool load_competition(struct store *s, long long id, struct store_competition *sc, struct reply *rp) {
        struct judge_error err = { 0 };
        int r = store_competition_get(s, id, sc, &err);
        if (r == -ENOENT)
                reply_error(rp, 404, "no competition %lld", id);
        else if (r < 0)
                reply_failure(rp, r, &err);
        return r >= 0;
}

static void get_competition(struct store *s, long long id, struct reply *rp) {
        _cleanup_(store_competition_clear) struct store_competition sc = { 0 };
        if (!load_competition(s, id, &sc, rp))
                return;
        size_t n = 0;
        while (sc.problems[n])
                n++;
        buf_printf(&rp->body, "{\"id\":%lld,\"title\":", sc.id);
        buf_json_string(&rp->body, sc.title, strlen(sc.title));
        buf_printf(&rp->body, ",\"starts_at\":%.0f,\"ends_at\":%.0f,\"hidden_failure\":\"%s\",",
                   sc.starts_at, sc.ends_at, sc.hidden_failure_none ? "none" : "input");
        buf_printf(&rp->body, "\"freeze_minutes\":%ld,\"frozen\":%s,\"problems\":", sc.freeze_minutes,
                   leaderboard_frozen(&sc, (double) time(NULL)) ? "true" : "false");
        json_strings(&rp->body, sc.problems, n);
        buf_puts(&rp->body, "}");
        rp->status = 200;
}

static void join_competition(struct store *s, struct queue *q, const struct store_user *u, long long id,
                             struct reply *rp) {
        /* one statement checks the competition and joins (a join storm is PostgreSQL-bound) */
        struct judge_error err = { 0 };
        int r = store_competition_join(s, id, u->id, &err);
        if (r == -ENOENT || r == -EPERM) {
                reply_error(rp, r == -ENOENT ? 404 : 403, "%s", err.msg);
                return;
        }
        if (r < 0) {
                reply_failure(rp, r, &err);
                return;
        }
        /* on the board at once, with nothing solved */
        if (leaderboard_update_user(s, q, id, u->id, &err) < 0)
                fprintf(stderr, "judged: leaderboard %lld: %s\n", id, err.msg);
        boardcache_changed(id);
        rp->status = 200;
        buf_printf(&rp->body, "{\"competition\":%lld,\"joined\":true,\"new\":%s}", id, r ? "true" : "false");
}

struct page_render {
        struct store *s;
        struct queue *q;
        long long comp;
        enum leaderboard_view view;
        long top, offset;
};

static int render_page(void *ctx, struct buf *out, struct judge_error *err) {
        const struct page_render *pr = ctx;
        return leaderboard_page(pr->s, pr->q, pr->comp, pr->view, pr->top, pr->offset, out, err);
}

/* A competition's board settings (end, freeze) on the leaderboard's hot path: read from
 * PostgreSQL at most once a second per competition and process, so an unfreeze shows within a
 * second; an unknown id is never cached (it is a 404 each time). The copy has no problems. */
#define COMP_CACHE 256
static struct {
        struct store_competition c; /* id 0: empty; problems never kept (NULL) */
        double at;                  /* monotonic seconds when read */
} comp_cache[COMP_CACHE];
static pthread_mutex_t comp_lock = PTHREAD_MUTEX_INITIALIZER;

void api_competition_changed(long long id) {
        size_t slot = (size_t) ((unsigned long long) id % COMP_CACHE);
        pthread_mutex_lock(&comp_lock);
        if (comp_cache[slot].c.id == id)
                comp_cache[slot].c.id = 0;
        pthread_mutex_unlock(&comp_lock);
        boardcache_changed(id);
}

static bool competition_settings(struct store *s, long long id, struct store_competition *out, struct reply *rp) {
        size_t slot = (size_t) ((unsigned long long) id % COMP_CACHE);
        double now = mono_now_s();
        bool hit = false;
        pthread_mutex_lock(&comp_lock);
        if (comp_cache[slot].c.id == id && now - comp_cache[slot].at < 1.0) {
                *out = comp_cache[slot].c;
                hit = true;
        }
        pthread_mutex_unlock(&comp_lock);
        if (hit)
                return true;
        _cleanup_(store_competition_clear) struct store_competition sc = { 0 };
        if (!load_competition(s, id, &sc, rp))
                return false;
        *out = sc;
        out->problems = NULL; /* the settings only, as from the cache; sc's are freed */
        pthread_mutex_lock(&comp_lock);
        comp_cache[slot].c = *out;
        comp_cache[slot].at = now;
        pthread_mutex_unlock(&comp_lock);
        return true;
}

static void get_leaderboard(struct MHD_Connection *c, struct store *s, struct queue *q, long long id, bool me,
                            const struct store_user *u, struct reply *rp) {
        struct judge_error err = { 0 };
        const char *src = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "source");
        long top = 0, offset = 0;
        if (!query_long(c, "top", 100, 1, 1000, &top, rp) || !query_long(c, "offset", 0, 0, 1L << 40, &offset, rp))
                return;
        if (src && strcmp(src, "db") != 0 && strcmp(src, "redis") != 0) {
                reply_error(rp, 400, "query parameter source=%.32s: redis (default) or db", src);
                return;
        }
        /* the competition must exist (an unknown id is not an empty board); its freeze decides
         * the view */
        struct store_competition sc = { 0 };
        if (!competition_settings(s, id, &sc, rp))
                return;
        enum leaderboard_view view = leaderboard_view_for(&sc, u->admin, (double) time(NULL));
        int r;
        if (me) {
                /* from this process's replica of the board (boardcache.c), else from Redis */
                r = boardcache_me(q, id, view, u->id, &rp->body);
                if (r == 0)
                        r = leaderboard_me(s, q, id, view, u->id, &rp->body, &err);
                else if (r < 0)
                        judge_err(&err, r, "leaderboard/me: %s", strerror(-r));
        }
        else if (src && strcmp(src, "db") == 0)
                r = leaderboard_page_sql(s, id, top, offset, &rp->body, &err);
        else {
                /* the shared page (boardcache.c): 304 when the client has it, gzip when asked */
                struct board_key k = { .comp = id,
                                       .view = view == LEADERBOARD_LIVE ? BOARD_LIVE : BOARD_PUBLIC,
                                       .top = top,
                                       .offset = offset };
                struct page_render pr = { .s = s, .q = q, .comp = id, .view = view, .top = top, .offset = offset };
                r = boardcache_get(q, &k, render_page, &pr, &rp->page, &err);
                if (r >= 0) {
                        const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
                        const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                                     MHD_HTTP_HEADER_ACCEPT_ENCODING);
                        rp->page_gzip = board_accepts_gzip(ae);
                        rp->status = board_page_matches(rp->page, inm) ? 304 : 200;
                        return;
                }
        }
        if (r == -ENOENT)
                reply_error(rp, 404, "%s", err.msg);
        else if (r == -EAGAIN) { /* another process rebuilds the board: nothing waits for it */
                reply_error(rp, 503, "%s", err.msg);
                rp->retry_after = 1;
        } else if (r < 0)
                reply_failure(rp, r, &err);
        else
                rp->status = 200;
}

/* ---- the API's own description ---- */

/* GET /openapi.json: docs/openapi.json of the data directory (lang_data_dir: $JUDGE_HOME, the
 * source tree, or the installed datadir/judge, as for problems/ and db/migrations), read per
 * request: small, and always the file installed beside the problems it describes. */
static void get_openapi(struct reply *rp) {
        char path[4200];
        snprintf(path, sizeof path, "%s/docs/openapi.json", lang_data_dir());
        _cleanup_free_ char *doc = NULL;
        size_t len = 0;
        struct judge_error err = { 0 };
        if (read_file_capped(path, 4 << 20, &doc, &len, &err) < 0) {
                reply_error(rp, 500, "the API description is missing: %s", err.msg);
                return;
        }
        rp->status = buf_append(&rp->body, doc, len) < 0 ? 500 : 200;
}

/* ---- routing ---- */

static bool is_admin_only(const struct store_user *u, struct reply *rp) {
        if (u->admin)
                return false;
        reply_error(rp, 403, "this endpoint is for administrators");
        return true;
}

static void route(struct MHD_Connection *c, const char *url, const char *method, struct request *rq,
                  struct reply *rp) {
        char path[512];
        snprintf(path, sizeof path, "%s", url);
        char *seg[8];
        int n = 0;
        for (char *save = NULL, *t = strtok_r(path, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
                if (n == (int) ELEMENTSOF(seg)) {
                        reply_error(rp, 404, "no such endpoint");
                        return;
                }
                seg[n++] = t;
        }
        bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0, post = strcmp(method, "POST") == 0;
        struct judge_error err = { 0 };

        if (n == 1 && strcmp(seg[0], "healthz") == 0 && get) {
                struct store *s = thread_store(&err);
                bool pg = s && store_exec(s, "SELECT 1", 0, NULL, NULL, &err) >= 0;
                struct queue *q = thread_queue(&err);
                bool rd = q && queue_command(q, NULL, &err, "PING") >= 0;
                /* Workers whose engine is down or failing claim nothing: with none left, this
                 * process cannot judge. */
                struct workers_health h = { 0 };
                if (cfg.workers)
                        workers_health(&h);
                bool judging = !cfg.workers || h.up > 0;
                rp->status = pg && rd && judging ? 200 : 503;
                buf_printf(&rp->body, "{\"status\":\"%s\",\"postgresql\":\"%s\",\"redis\":\"%s\",\"roles\":\"%s%s\"",
                           rp->status == 200 ? "ok" : "degraded", pg ? "ok" : "down", rd ? "ok" : "down",
                           cfg.api ? "api" : "", cfg.workers ? (cfg.api ? "+worker" : "worker") : "");
                if (cfg.workers)
                        buf_printf(&rp->body, ",\"engine\":\"%s\",\"workers\":%d,\"workers_up\":%d",
                                   judging ? "ok" : h.down ? "down" : "failing", h.workers, h.up);
                if (cfg.workers && !judging) {
                        buf_printf(&rp->body, ",\"since\":%.3f,\"engine_error\":", h.since);
                        buf_json_string(&rp->body, h.error, strlen(h.error));
                }
                if (buf_puts(&rp->body, "}") < 0)
                        rp->status = 500;
                return;
        }
        if (n == 1 && strcmp(seg[0], "metrics") == 0 && get) {
                struct buf m;
                buf_init(&m, 1 << 20);
                (void) metrics_render(&m, thread_queue(NULL), thread_store(NULL));
                rp->status = 200;
                buf_free(&rp->body);
                rp->body = m;
                return;
        }
        if (!cfg.api) {
                reply_error(rp, 404, "this judged runs workers only: /healthz and /metrics");
                return;
        }
        if (n == 1 && strcmp(seg[0], "openapi.json") == 0 && get) {
                get_openapi(rp);
                return;
        }
        struct store *s = thread_store(&err);
        struct queue *q = s ? thread_queue(&err) : NULL;
        if (!s || !q) {
                reply_failure(rp, -ECONNREFUSED, &err);
                return;
        }
        bool signup = n == 2 && strcmp(seg[0], "auth") == 0 && strcmp(seg[1], "signup") == 0 && post;
        if (signup || (n == 2 && strcmp(seg[0], "auth") == 0 && strcmp(seg[1], "login") == 0 && post)) {
                struct auth_answer a = { .body = &rp->body };
                if (signup)
                        auth_signup(c, s, &rq->body, &a);
                else
                        auth_login(c, s, &rq->body, &a);
                reply_auth(rp, &a);
                return;
        }
        if (!rq->authed) { /* the first call of the handler answered already */
                reply_error(rp, 401, "missing bearer token (Authorization: Bearer TOKEN)");
                return;
        }
        struct store_user u = rq->user;

        long long id = 0;
        struct auth_answer a = { .body = &rp->body };
        if (n == 1 && strcmp(seg[0], "me") == 0 && get) {
                rp->status = 200;
                buf_printf(&rp->body, "{\"id\":%lld,\"name\":\"%s\",\"admin\":%s", u.id, u.name,
                           u.admin ? "true" : "false");
                if (rq->csrf[0]) /* cookie sessions: the token the app sends back */
                        buf_printf(&rp->body, ",\"csrf\":\"%s\"", rq->csrf);
                if (buf_puts(&rp->body, "}") < 0)
                        rp->status = 500;
        } else if (n == 2 && strcmp(seg[0], "me") == 0 && strcmp(seg[1], "submissions") == 0 && get) {
                auth_history(c, s, &u, &a);
                reply_auth(rp, &a);
        } else if (n == 2 && strcmp(seg[0], "auth") == 0 && strcmp(seg[1], "logout") == 0 && post) {
                auth_logout(c, s, &a);
                reply_auth(rp, &a);
        } else if (n == 1 && strcmp(seg[0], "users") == 0 && get) {
                if (!is_admin_only(&u, rp)) {
                        auth_users(s, &a);
                        reply_auth(rp, &a);
                }
        } else if (n == 1 && strcmp(seg[0], "users") == 0 && post) {
                if (!is_admin_only(&u, rp))
                        post_user(s, rq, rp);
        } else if (n == 1 && strcmp(seg[0], "problems") == 0 && get) {
                get_problems(s, &u, rp);
        } else if (n == 2 && strcmp(seg[0], "problems") == 0 && get) {
                get_problem(rp, seg[1]);
        } else if (n == 3 && strcmp(seg[0], "problems") == 0 && strcmp(seg[2], "submissions") == 0 && post) {
                post_submission(s, q, &u, seg[1], rq, rp, false);
        } else if (n == 3 && strcmp(seg[0], "problems") == 0 && strcmp(seg[2], "run") == 0 && post) {
                post_submission(s, q, &u, seg[1], rq, rp, true);
        } else if (n == 2 && (strcmp(seg[0], "submissions") == 0 || strcmp(seg[0], "check") == 0) && get) {
                get_submission(c, s, &u, seg[1], rp);
        } else if (n >= 1 && strcmp(seg[0], "webhooks") == 0) {
                rp->status = webhooks_route(c, s, &u, method, seg, n, rq->body.data, rq->body.len, &rp->body);
        } else if (n == 1 && strcmp(seg[0], "competitions") == 0 && get) {
                rp->status = competitions_list(s, &u, &rp->body, &rp->retry_after);
        } else if (n == 3 && strcmp(seg[0], "submissions") == 0 && strcmp(seg[2], "events") == 0 && get) {
                rp->status = sse_submission(c, s, q, &u, seg[1], &rp->body, &rp->retry_after);
        } else if (n == 1 && strcmp(seg[0], "competitions") == 0 && post) {
                if (!is_admin_only(&u, rp))
                        post_competition(s, &u, rq, rp);
        } else if (n >= 2 && strcmp(seg[0], "competitions") == 0) {
                if (!parse_id(seg[1], &id)) {
                        reply_error(rp, 400, "bad competition id '%.32s'", seg[1]);
                } else if (n == 2 && get) {
                        get_competition(s, id, rp);
                } else if (n == 3 && strcmp(seg[2], "events") == 0 && get) {
                        rp->status = sse_competition(c, s, q, id, &rp->body, &rp->retry_after);
                } else if (n == 3 && strcmp(seg[2], "join") == 0 && post) {
                        join_competition(s, q, &u, id, rp);
                } else if (n == 3 && strcmp(seg[2], "unfreeze") == 0 && post) {
                        if (!is_admin_only(&u, rp))
                                rp->status = competitions_unfreeze(s, q, id, &rp->body, &rp->retry_after);
                } else if (n == 3 && strcmp(seg[2], "leaderboard") == 0 && get) {
                        get_leaderboard(c, s, q, id, false, &u, rp);
                } else if (n == 4 && strcmp(seg[2], "leaderboard") == 0 && strcmp(seg[3], "me") == 0 && get) {
                        get_leaderboard(c, s, q, id, true, &u, rp);
                } else if (n == 4 && strcmp(seg[2], "leaderboard") == 0 && strcmp(seg[3], "rebuild") == 0 && post) {
                        long cnt = 0;
                        if (is_admin_only(&u, rp))
                                return;
                        int r = leaderboard_rebuild(s, q, id, &cnt, &err);
                        boardcache_changed(id);
                        if (r == -ENOENT)
                                reply_error(rp, 404, "no competition %lld", id);
                        else if (r == -EBUSY) { /* another rebuild is under way */
                                reply_error(rp, 503, "%s", err.msg);
                                rp->retry_after = 1;
                        } else if (r < 0)
                                reply_failure(rp, r, &err);
                        else {
                                rp->status = 200;
                                if (buf_printf(&rp->body, "{\"competition\":%lld,\"participants\":%ld}", id, cnt) < 0)
                                        rp->status = 500;
                        }
                } else
                        reply_error(rp, 404, "no such endpoint: %s %s", method, url);
        } else
                reply_error(rp, 404, "no such endpoint: %s %s", method, url);
}

/* /healthz, /metrics and /openapi.json (GET) answer without a token; everything else of the API
 * needs one. */
static bool needs_token(const char *url, const char *method) {
        if (!cfg.api)
                return false;
        while (*url == '/')
                url++;
        size_t n = strcspn(url, "/");
        bool rest = url[n] && url[n + strspn(url + n, "/")];
        bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
        if (get && !rest && ((n == 7 && strncmp(url, "healthz", 7) == 0) || (n == 7 && strncmp(url, "metrics", 7) == 0)))
                return false;
        if (get && !rest && n == 12 && strncmp(url, "openapi.json", 12) == 0)
                return false;
        /* signup and login are how a browser gets its session */
        if (strcmp(method, "POST") == 0 && (strcmp(url, "auth/signup") == 0 || strcmp(url, "auth/login") == 0))
                return false;
        return true;
}

DEFINE_CLEANUP(struct MHD_Response, MHD_destroy_response)

/* The reply's buffer and page, whatever respond took of them. */
static void reply_done(struct reply *rp) {
        buf_free(&rp->body);
        board_page_unref(rp->page);
        rp->page = NULL;
}

static enum MHD_Result respond(struct MHD_Connection *c, const char *url, struct reply *rp) {
        if (rp->status == SSE_STREAMING) /* sse.c queued the event stream */
                return MHD_YES;
        metrics_http(rp->status);
        if (rp->page) /* shared: MHD takes its own reference to the page's response */
                return MHD_queue_response(c, (unsigned) rp->status,
                                          board_page_response(rp->page, rp->page_gzip, rp->status == 304));
        _cleanup_(MHD_destroy_responsep) struct MHD_Response *resp =
                MHD_create_response_from_buffer(rp->body.len, rp->body.data ? rp->body.data : (char *) "",
                                                rp->body.data ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
        if (!resp) {
                buf_free(&rp->body);
                return MHD_NO;
        }
        rp->body.data = NULL; /* owned by the response now */
        bool prom = rp->status == 200 && strcmp(url, "/metrics") == 0;
        if (rp->status != 204) /* no content, no type */
                MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                        prom ? "text/plain; version=0.0.4" : "application/json");
        if (rp->status == 401)
                MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
        if (rp->set_cookie[0])
                MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, rp->set_cookie);
        if (rp->retry_after > 0) {
                char ra[24];
                snprintf(ra, sizeof ra, "%ld", rp->retry_after);
                MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, ra);
        }
        return MHD_queue_response(c, (unsigned) rp->status, resp);
}

/* ---- the write pool ----
 * A request that writes (any method but GET and HEAD: a join, a submission, a login...) waits on
 * PostgreSQL, and a login also spends a password hash's CPU. MHD binds a connection to one
 * thread of its pool, so such a request on an HTTP thread would hold up every reader whose
 * connection shares that thread. So once its body is read, its connection is suspended and the
 * request goes to one of cfg.http_threads write threads, which answers it, then resumes the
 * connection; MHD calls the handler again, which sends the answer. Readers (the board's pages
 * and /me, submission polls, event streams) stay on the HTTP threads. */
static struct {
        pthread_mutex_t lock;
        pthread_cond_t wake;
        struct request *head, *tail;
        bool stopping;
        pthread_t *threads;
        size_t n_threads;
        atomic_long inflight; /* requests taken and not yet completed (their answer sent or dropped) */
} pool = { .lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER };

static bool pool_wanted(const char *method) {
        return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

static void route(struct MHD_Connection *c, const char *url, const char *method, struct request *rq,
                  struct reply *rp);

static void *pool_main(void *arg) {
        (void) arg;
        pthread_mutex_lock(&pool.lock);
        for (;;) {
                struct request *rq = pool.head;
                if (!rq) {
                        if (pool.stopping)
                                break;
                        pthread_cond_wait(&pool.wake, &pool.lock);
                        continue;
                }
                pool.head = rq->next;
                if (!pool.head)
                        pool.tail = NULL;
                pthread_mutex_unlock(&pool.lock);
                /* the connection is suspended: MHD leaves it (and its headers) alone until resumed */
                route(rq->conn, rq->url, rq->method, rq, &rq->reply);
                rq->state = RQ_ANSWERED;
                MHD_resume_connection(rq->conn);
                pthread_mutex_lock(&pool.lock);
        }
        pthread_mutex_unlock(&pool.lock);
        thread_connections_close();
        return NULL;
}

/* Suspend c and queue rq for the pool; false (nothing done) once the pool stops: the caller
 * answers it itself. */
static bool pool_take(struct MHD_Connection *c, struct request *rq) {
        pthread_mutex_lock(&pool.lock);
        if (pool.stopping || !pool.n_threads) {
                pthread_mutex_unlock(&pool.lock);
                return false;
        }
        rq->state = RQ_QUEUED;
        rq->pooled = true;
        atomic_fetch_add(&pool.inflight, 1);
        MHD_suspend_connection(c);
        rq->next = NULL;
        if (pool.tail)
                pool.tail->next = rq;
        else
                pool.head = rq;
        pool.tail = rq;
        pthread_cond_signal(&pool.wake);
        pthread_mutex_unlock(&pool.lock);
        return true;
}

static int pool_start(size_t n, struct judge_error *err) {
        pool.threads = calloc(n, sizeof *pool.threads);
        if (!pool.threads)
                return judge_err(err, -ENOMEM, "out of memory");
        pool.stopping = false;
        for (size_t i = 0; i < n; i++) {
                int r = pthread_create(&pool.threads[i], NULL, pool_main, NULL);
                if (r != 0) {
                        judge_err(err, -r, "write pool: pthread_create: %s", strerror(r));
                        pool.n_threads = i;
                        return -r;
                }
                pool.n_threads = i + 1;
        }
        return 0;
}

/* Every queued request is answered (its connection resumed) before this returns. */
static void pool_stop(void) {
        pthread_mutex_lock(&pool.lock);
        pool.stopping = true;
        pthread_cond_broadcast(&pool.wake);
        pthread_mutex_unlock(&pool.lock);
        for (size_t i = 0; i < pool.n_threads; i++)
                pthread_join(pool.threads[i], NULL);
        free(pool.threads);
        pool.threads = NULL;
        pool.n_threads = 0;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                               const char *version, const char *upload_data, size_t *upload_size, void **con_cls) {
        struct request *rq = *con_cls;
        if (!rq && static_wanted(url, method))
                return static_serve(c, url);
        if (!rq) {
                /* The first call has the headers and none of the body: the token is checked here,
                 * and a request without a valid one is answered (and its connection closed)
                 * before a byte of its body is read. */
                rq = calloc(1, sizeof *rq);
                if (!rq)
                        return MHD_NO;
                buf_init(&rq->body, cfg.max_body);
                *con_cls = rq;
                _cleanup_(reply_done) struct reply rp = { .status = 0 };
                buf_init(&rp.body, 1 << 16);
                if (needs_token(url, method)) {
                        struct judge_error err = { 0 };
                        struct store *s = thread_store(&err);
                        if (!s)
                                reply_failure(&rp, -ECONNREFUSED, &err);
                        else if (authenticate(c, s, method, &rq->user, rq->csrf, &rp) > 0)
                                rq->authed = true;
                }
                /* a length past the cap, however large, is too big; one that is not a number is
                 * MHD's to refuse */
                const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
                long long len = 0;
                if (cl && parse_long_long(cl, 0, (long long) cfg.max_body, &len) == -ERANGE)
                        rq->too_big = true;
                /* Too big with a valid token: answered at once when the client waits for "100
                 * Continue"; otherwise the body is read and dropped first, so that the client,
                 * still sending, gets the 413 rather than a reset connection. */
                const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
                if (!rp.status && rq->too_big && expect && strcasecmp(expect, "100-continue") == 0)
                        reply_error(&rp, 413, "request body larger than %zu bytes", cfg.max_body);
                if (rp.status)
                        return respond(c, url, &rp);
                return MHD_YES;
        }
        if (rq->state == RQ_ANSWERED) { /* resumed by the write pool */
                rq->state = RQ_INLINE;
                enum MHD_Result r = respond(c, url, &rq->reply);
                reply_done(&rq->reply);
                return r;
        }
        if (rq->state == RQ_QUEUED)
                return MHD_YES; /* cannot happen: a suspended connection is not called */
        if (*upload_size) {
                /* past the cap (no Content-Length, chunked) the rest is read and dropped, then
                 * answered with 413 */
                if (!rq->too_big && buf_append(&rq->body, upload_data, *upload_size) < 0)
                        rq->too_big = true;
                *upload_size = 0;
                return MHD_YES;
        }
        if (!rq->too_big && pool_wanted(method)) {
                reply_done(&rq->reply);
                rq->reply = (struct reply) { .status = 500 };
                buf_init(&rq->reply.body, 256 << 20);
                rq->conn = c;
                rq->url = url;
                rq->method = method;
                if (pool_take(c, rq))
                        return MHD_YES;
        }
        _cleanup_(reply_done) struct reply rp = { .status = 500 };
        buf_init(&rp.body, 256 << 20);
        if (rq->too_big)
                reply_error(&rp, 413, "request body larger than %zu bytes", cfg.max_body);
        else
                route(c, url, method, rq, &rp);
        return respond(c, url, &rp);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe) {
        struct request *rq = *con_cls;
        if (!rq)
                return;
        buf_free(&rq->body);
        reply_done(&rq->reply); /* an answer of the write pool the client did not wait for */
        if (rq->pooled)
                atomic_fetch_sub(&pool.inflight, 1);
        free(rq);
        *con_cls = NULL;
}

int api_start(struct judge_error *err) {
        char host[256];
        snprintf(host, sizeof host, "%s", cfg.listen);
        char *colon = strrchr(host, ':');
        if (!colon)
                return judge_err(err, -EINVAL, "--listen wants HOST:PORT, got '%s'", cfg.listen);
        *colon = 0;
        long port = 0;
        int pr = parse_long(colon + 1, 1, 65535, &port);
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t) port) };
        if (pr < 0 || inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sa.sin_addr) != 1)
                return judge_err(err, -EINVAL, "bad listen address '%s' (IPv4 HOST:PORT)", cfg.listen);
        /* Event streams (sse.c) are suspended connections: each counts against the limit, none
         * holds a thread. */
        if (cfg.api && sse_start(err) < 0)
                return -EAGAIN;
        /* the tokens are in memory before the first request */
        if (cfg.api && tokens_start(err) < 0) /* not fatal: tokens go to PostgreSQL until it loads */
                fprintf(stderr, "judged: tokens: %s (retrying)\n", err->msg);
        if (pool_start((size_t) cfg.http_threads, err) < 0) {
                pool_stop();
                tokens_stop();
                return -EAGAIN;
        }
        daemon_ = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY | MHD_USE_ERROR_LOG |
                                           MHD_ALLOW_SUSPEND_RESUME,
                                   (uint16_t) port, NULL, NULL, handler, NULL, MHD_OPTION_SOCK_ADDR, &sa,
                                   MHD_OPTION_THREAD_POOL_SIZE, (unsigned) cfg.http_threads,
                                   MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
                                   (unsigned) 30, MHD_OPTION_CONNECTION_LIMIT, (unsigned) (4096 + cfg.max_sse),
                                   MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned) 4096, MHD_OPTION_END);
        if (!daemon_) {
                pool_stop();
                tokens_stop();
                return judge_err(err, -EADDRINUSE, "cannot listen on %s", cfg.listen);
        }
        return 0;
}

void api_stop(void) {
        sse_stop(); /* no connection may be suspended when the daemon stops */
        pool_stop();
        /* the write pool's answers are sent by the HTTP threads: let them go out (at most 5 s)
         * before MHD_stop_daemon closes every connection */
        for (int i = 0; i < 500 && atomic_load(&pool.inflight) > 0; i++)
                usleep(10 * 1000);
        if (!daemon_)
                return;
        MHD_stop_daemon(daemon_);
        daemon_ = NULL;
        tokens_stop();
        boardcache_clear();
}
