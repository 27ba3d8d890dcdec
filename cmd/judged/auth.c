/* Accounts, sessions and CSRF for the web app (auth.h). Passwords are hashed on the HTTP pool's
 * thread that handles the request (MHD_OPTION_THREAD_POOL_SIZE: not a shared event loop), so a
 * login ties up one of --http-threads for the hash's time and nothing else. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <yajl/yajl_tree.h>

#include "addrlimit.h"
#include "auth.h"
#include "base/clock.h"
#include "base/parse.h"
#include "service/cleanup.h"
#include "service/password.h"

#define NAME_MAX_LEN 32
#define PASSWORD_MIN 8
#define PASSWORD_MAX 256

static int answer_error(struct auth_answer *a, int status, const char *fmt, ...) _printf_(3, 4);
static int answer_error(struct auth_answer *a, int status, const char *fmt, ...) {
        char msg[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        a->status = status;
        json_error(a->body, msg);
        return 0;
}

/* PostgreSQL or libxcrypt failed: 503 when the database is down, 500 otherwise. */
static int answer_failure(struct auth_answer *a, int code, const struct judge_error *err) {
        bool down = code == -ECONNREFUSED || code == -ECONNRESET;
        if (down)
                a->retry_after = 5;
        answer_error(a, down ? 503 : 500, "%s", err && err->msg[0] ? err->msg : strerror(-code));
        return code;
}

static void set_cookie(struct auth_answer *a, const char *value, long max_age) {
        snprintf(a->set_cookie, sizeof a->set_cookie, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s",
                 AUTH_COOKIE, value, max_age, cfg.secure_cookies ? "; Secure" : "");
}

void auth_init(void) {
        (void) password_verify("", NULL, NULL);
}

/* ---- per-address limit on signups and failed logins ---- */

/* The same scheme as api.c's failed-authentication counter (addrlimit.h), a table of its own. */
static struct addrlimit_slot login_slots[2048];
static struct addrlimit login_tries = ADDRLIMIT_INIT(login_slots);

/* ---- sessions ---- */

bool auth_has_cookie(struct MHD_Connection *c) {
        return MHD_lookup_connection_value(c, MHD_COOKIE_KIND, AUTH_COOKIE) != NULL;
}

static bool is_hex64(const char *s) {
        return s && strlen(s) == 64 && s[strspn(s, "0123456789abcdef")] == 0;
}

/* The Origin header, when sent, names the host the request was sent to: its part after the
 * scheme equals the Host header (a browser sends Origin on every cross-origin request and on
 * same-origin POSTs; a proxy in front must pass Host on unchanged). */
static bool origin_ok(struct MHD_Connection *c) {
        const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
        if (!origin)
                return true;
        const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
        const char *sep = strstr(origin, "://");
        if (!host || !sep)
                return false;
        if (strncmp(origin, "http://", 7) != 0 && strncmp(origin, "https://", 8) != 0)
                return false;
        return strcasecmp(sep + 3, host) == 0;
}

/* The gate of a signup or login: addr := the client's address; then 429 when addr is at the
 * limit, 403 when the request's Origin is not this site's. Returns whether it was refused. */
static bool login_refused(struct MHD_Connection *c, char addr[INET6_ADDRSTRLEN], struct auth_answer *a) {
        client_address(c, addr);
        if (cfg.login_limit > 0 && addrlimit_get(&login_tries, addr) >= cfg.login_limit) {
                a->retry_after = addrlimit_retry_after();
                answer_error(a, 429, "too many signups or failed logins from %s: at most %ld per minute",
                             addr, cfg.login_limit);
                return true;
        }
        if (!origin_ok(c)) {
                answer_error(a, 403, "the request's Origin is not this site's");
                return true;
        }
        return false;
}

/* Sessions found in PostgreSQL are remembered for --token-refresh-ms, as tokens are (tokens.c),
 * so that a browser polling a board costs no query per request: a session logged out through
 * another API process is refused within that bound (at once through this one), and an expired
 * one at most that long after its expiry. Keyed by the cookie (64 hex digits). */
#define SESSION_CACHE 4096
static struct {
        char cookie[65];
        struct store_user user;
        char csrf[65];
        double at; /* monotonic seconds */
} sessions[SESSION_CACHE];
static pthread_mutex_t sessions_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t session_slot(const char *cookie) {
        unsigned long long h = 1469598103934665603ull;
        for (const char *p = cookie; *p; p++)
                h = (h ^ (unsigned char) *p) * 1099511628211ull;
        return (size_t) (h % SESSION_CACHE);
}

static int session_lookup(struct store *s, const char *cookie, struct store_user *u, char csrf[65],
                          struct judge_error *err) {
        size_t k = session_slot(cookie);
        double now = mono_now_s();
        pthread_mutex_lock(&sessions_lock);
        bool hit = strcmp(sessions[k].cookie, cookie) == 0 &&
                   now - sessions[k].at < (double) cfg.token_refresh_ms / 1000.0;
        if (hit) {
                *u = sessions[k].user;
                memcpy(csrf, sessions[k].csrf, 65);
        }
        pthread_mutex_unlock(&sessions_lock);
        if (hit)
                return 0;
        int r = store_session_get(s, cookie, u, csrf, err);
        if (r < 0)
                return r;
        pthread_mutex_lock(&sessions_lock);
        memcpy(sessions[k].cookie, cookie, 65);
        sessions[k].user = *u;
        memcpy(sessions[k].csrf, csrf, 65);
        sessions[k].at = now;
        pthread_mutex_unlock(&sessions_lock);
        return 0;
}

static void session_forget(const char *cookie) {
        size_t k = session_slot(cookie);
        pthread_mutex_lock(&sessions_lock);
        if (strcmp(sessions[k].cookie, cookie) == 0)
                sessions[k].cookie[0] = 0;
        pthread_mutex_unlock(&sessions_lock);
}

int check_session(struct MHD_Connection *c, struct store *s, const char *method, struct store_user *u,
                  char ret_csrf[65], struct auth_answer *a) {
        const char *cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, AUTH_COOKIE);
        struct store_user su = { 0 };
        char csrf[65] = "";
        struct judge_error err = { 0 };
        int r = is_hex64(cookie) ? session_lookup(s, cookie, &su, csrf, &err) : -ENOENT;
        if (r == -ENOENT) {
                set_cookie(a, "", 0); /* the browser forgets it */
                answer_error(a, 401, "session expired or unknown: log in again");
                return 0;
        }
        if (r < 0)
                return answer_failure(a, r, &err);
        bool safe = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
        if (!origin_ok(c)) {
                answer_error(a, 403, "the request's Origin is not this site's");
                return 0;
        }
        const char *sent = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
        if (!safe && (!sent || !password_equal(sent, csrf))) {
                answer_error(a, 403, "missing or wrong CSRF token (header X-CSRF-Token)");
                return 0;
        }
        *u = su;
        memcpy(ret_csrf, csrf, 65);
        return 1;
}

/* ---- signup, login, logout ---- */

static bool valid_name(const char *name) {
        size_t n = name ? strlen(name) : 0;
        if (n < 1 || n > NAME_MAX_LEN)
                return false;
        return name[strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")] == 0;
}

/* The body's "name" and "password" strings; NULL and a 400 answer when the body is not JSON. */
static yajl_val credentials(const struct buf *body, const char **name, const char **password, struct auth_answer *a) {
        char ebuf[256];
        if (!body->data || !body->len) {
                answer_error(a, 400, "a JSON body {\"name\",\"password\"} is required");
                return NULL;
        }
        /* yajl's strings end at a NUL: a \u0000 would cut a password short without a word */
        if (memmem(body->data, body->len, "\\u0000", 6)) {
                answer_error(a, 400, "no NUL characters (\\u0000) in a name or password");
                return NULL;
        }
        yajl_val v = json_parse_bounded(body->data, body->len, 8, ebuf, sizeof ebuf);
        if (!v || !YAJL_IS_OBJECT(v)) {
                if (v)
                        yajl_tree_free(v);
                answer_error(a, 400, "the body must be a JSON object {\"name\",\"password\"}%s%s", v ? "" : ": ",
                             v ? "" : ebuf);
                return NULL;
        }
        yajl_val n = yajl_tree_get(v, (const char *[]){ "name", NULL }, yajl_t_string);
        yajl_val p = yajl_tree_get(v, (const char *[]){ "password", NULL }, yajl_t_string);
        *name = n ? n->u.string : NULL;
        *password = p ? p->u.string : NULL;
        return v;
}

/* 200/201 {"id","name","admin","csrf"} with a new session's cookie. */
static void start_session(struct store *s, const struct store_user *u, int status, struct auth_answer *a) {
        char cookie[65], csrf[65];
        struct judge_error err = { 0 };
        int r = store_session_create(s, u->id, AUTH_SESSION_TTL_S, cookie, csrf, &err);
        if (r < 0) {
                answer_failure(a, r, &err);
                return;
        }
        set_cookie(a, cookie, AUTH_SESSION_TTL_S);
        explicit_bzero(cookie, sizeof cookie);
        buf_reset(a->body);
        buf_printf(a->body, "{\"id\":%lld,\"name\":", u->id);
        buf_json_string(a->body, u->name, strlen(u->name));
        buf_printf(a->body, ",\"admin\":%s,\"csrf\":\"%s\"}", u->admin ? "true" : "false", csrf);
        a->status = buf_err(a->body) ? 500 : status;
}

void auth_signup(struct MHD_Connection *c, struct store *s, const struct buf *body, struct auth_answer *a) {
        if (cfg.no_signup) {
                answer_error(a, 403, "sign-up is closed on this judge: ask an admin for an account");
                return;
        }
        char addr[INET6_ADDRSTRLEN];
        if (login_refused(c, addr, a))
                return;
        addrlimit_add(&login_tries, addr); /* every signup counts, taken names and bad ones too */
        const char *name = NULL, *password = NULL;
        _cleanup_yajl_val_ yajl_val v = credentials(body, &name, &password, a);
        if (!v)
                return;
        if (!valid_name(name)) {
                answer_error(a, 400, "\"name\": 1 to %d characters of [A-Za-z0-9_.-]", NAME_MAX_LEN);
                return;
        }
        size_t pl = password ? strlen(password) : 0;
        if (!password || pl < PASSWORD_MIN || pl > PASSWORD_MAX) {
                answer_error(a, 400, "\"password\": %d to %d bytes", PASSWORD_MIN, PASSWORD_MAX);
                return;
        }
        char hash[PASSWORD_HASH_MAX];
        struct judge_error err = { 0 };
        int r = password_hash(password, hash, &err);
        if (r < 0) {
                answer_failure(a, r, &err);
                return;
        }
        struct store_user u = { 0 };
        r = store_user_signup(s, name, hash, &u, &err);
        if (r == -EEXIST)
                answer_error(a, 409, "the name '%s' is taken", name);
        else if (r < 0)
                answer_failure(a, r, &err);
        else
                start_session(s, &u, 201, a);
}

void auth_login(struct MHD_Connection *c, struct store *s, const struct buf *body, struct auth_answer *a) {
        char addr[INET6_ADDRSTRLEN];
        if (login_refused(c, addr, a))
                return;
        const char *name = NULL, *password = NULL;
        _cleanup_yajl_val_ yajl_val v = credentials(body, &name, &password, a);
        if (!v)
                return;
        if (!name || !password) {
                answer_error(a, 400, "\"name\" and \"password\" (strings) are required");
                return;
        }
        struct store_user u = { 0 };
        char stored[PASSWORD_HASH_MAX] = "";
        struct judge_error err = { 0 };
        /* an unknown name, a user without a password and a wrong password: one answer, one hash's
         * time (password_verify checks a dummy hash when there is no real one) */
        int r = valid_name(name) && strlen(password) <= PASSWORD_MAX
                        ? store_user_password(s, name, &u, stored, sizeof stored, &err)
                        : -ENOENT;
        if (r < 0 && r != -ENOENT) {
                answer_failure(a, r, &err);
                return;
        }
        int ok = password_verify(password, r == 0 && stored[0] ? stored : NULL, &err);
        explicit_bzero(stored, sizeof stored);
        if (ok < 0) {
                answer_failure(a, ok, &err);
                return;
        }
        if (!ok || r < 0) {
                addrlimit_add(&login_tries, addr);
                answer_error(a, 401, "wrong name or password");
                return;
        }
        start_session(s, &u, 200, a);
}

void auth_logout(struct MHD_Connection *c, struct store *s, struct auth_answer *a) {
        const char *cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, AUTH_COOKIE);
        struct judge_error err = { 0 };
        if (is_hex64(cookie))
                session_forget(cookie);
        int r = is_hex64(cookie) ? store_session_delete(s, cookie, &err) : 0;
        if (r < 0) {
                answer_failure(a, r, &err);
                return;
        }
        set_cookie(a, "", 0);
        buf_reset(a->body);
        a->status = 204;
}

/* ---- the caller's history, the user list ---- */

void auth_history(struct MHD_Connection *c, struct store *s, const struct store_user *u, struct auth_answer *a) {
        const char *problem = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "problem");
        const char *lim = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit");
        long limit = 50;
        if (lim && parse_long(lim, 1, 200, &limit) < 0) {
                answer_error(a, 400, "query parameter limit=%.32s: an integer from 1 to 200", lim);
                return;
        }
        if (problem && (!*problem || strlen(problem) > 128)) {
                answer_error(a, 400, "query parameter problem: a problem's slug");
                return;
        }
        struct judge_error err = { 0 };
        int r = store_user_history_json(s, u->id, problem, limit, a->body, &err);
        if (r < 0)
                answer_failure(a, r, &err);
        else
                a->status = buf_err(a->body) ? 500 : 200;
}

void auth_users(struct store *s, struct auth_answer *a) {
        struct judge_error err = { 0 };
        int r = store_users_json(s, a->body, &err);
        if (r < 0)
                answer_failure(a, r, &err);
        else
                a->status = buf_err(a->body) ? 500 : 200;
}
