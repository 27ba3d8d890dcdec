/* judged's accounts for the web app: sign up and log in with a password (yescrypt, see
 * service/password.h), a session cookie with a per-session CSRF token, log out; the caller's
 * history and the admin's user list. docs/service.md "Accounts and sessions" has the rules.
 *
 * api.c owns the HTTP plumbing: each function here answers through a struct auth_answer, which
 * api.c copies into its reply (status, body, Set-Cookie, Retry-After). */
#pragma once

#include <microhttpd.h>
#include <stdbool.h>

#include "judged.h"

#define AUTH_COOKIE "judge_session"
/* A session lasts this long from its login or signup, never extended. */
#define AUTH_SESSION_TTL_S (14L * 24 * 3600)
#define AUTH_SET_COOKIE_MAX 256

struct auth_answer {
        int status;                          /* 0: nothing answered (go on) */
        struct buf *body;                    /* the JSON answer is written here (the caller's) */
        char set_cookie[AUTH_SET_COOKIE_MAX]; /* a Set-Cookie header's value, "" for none */
        long retry_after;                    /* seconds, 429 */
};

/* Compute the dummy hash password_verify checks for unknown users, so that the first one does
 * not pay for it. */
void auth_init(void);

/* True when the request carries a judge_session cookie. */
bool auth_has_cookie(struct MHD_Connection *c);

/* The session of the request's judge_session cookie: 1 with *u and ret_csrf (the session's CSRF
 * token) set; 0 with the answer set: 401 for an unknown or expired session (and the cookie
 * cleared), 403 for a request other than GET/HEAD without the session's X-CSRF-Token, or whose
 * Origin (when sent) is not its Host; < 0 with a 5xx answer when PostgreSQL fails. */
int check_session(struct MHD_Connection *c, struct store *s, const char *method, struct store_user *u,
                  char ret_csrf[65], struct auth_answer *a);

/* POST /auth/signup and POST /auth/login: body is the request's JSON {"name","password"}. */
void auth_signup(struct MHD_Connection *c, struct store *s, const struct buf *body, struct auth_answer *a);
void auth_login(struct MHD_Connection *c, struct store *s, const struct buf *body, struct auth_answer *a);
/* POST /auth/logout: the request's session (if any) deleted, the cookie cleared, 204. */
void auth_logout(struct MHD_Connection *c, struct store *s, struct auth_answer *a);
/* GET /me/submissions?problem=&limit= of user u. */
void auth_history(struct MHD_Connection *c, struct store *s, const struct store_user *u, struct auth_answer *a);
/* GET /users (the caller is an admin: checked by api.c). */
void auth_users(struct store *s, struct auth_answer *a);
