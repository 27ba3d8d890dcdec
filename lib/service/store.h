/* PostgreSQL storage for judged (libpq): schema migrations, users and tokens, problems,
 * submissions and their per-case results, competitions and entries. The submissions row is the
 * source of truth for a judgement; the queue only carries its id.
 *
 * One struct store owns one connection and is not thread-safe: use one per thread. A broken
 * connection is reset on the next call. libpq's errors (PGresult status, PQerrorMessage) are
 * translated here, once: every fallible function returns >= 0 or a negative errno with err set
 * (-ECONNREFUSED / -EIO for the server, -ENOENT for a missing row, -EEXIST for a duplicate). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

struct store;

/* Connect with a libpq conninfo string ("host=127.0.0.1 port=5432 dbname=judge" or a URI). */
int store_open(const char *conninfo, struct store **ret, struct judge_error *err);
struct store *store_free(struct store *s);
DEFINE_CLEANUP(struct store, store_free)

/* Apply every db/migrations/NNN_*.sql in dir not yet recorded in schema_migrations, in order,
 * each in its own transaction, under an advisory lock (so judged processes starting together
 * do not race). Returns the number applied. */
int store_migrate(struct store *s, const char *dir, struct judge_error *err);

/* Run one statement with text parameters (NULL = SQL NULL). On success *ret_rows (if
 * non-NULL) is the number of rows returned or affected. For callers with one-off queries
 * (the leaderboard, tests); values are read with store_last_value. */
int store_exec(struct store *s, const char *sql, int n, const char *const *params, long *ret_rows,
               struct judge_error *err);
/* store_exec of sql with one parameter, $1 = the competition id; -ENOENT ("no competition ID")
 * when it returns no row. *ret_rows: the rows (> 0). */
int store_exec_competition(struct store *s, const char *sql, long long id, long *ret_rows,
                           struct judge_error *err);
/* Value (row, col) of the last store_exec result, NULL for SQL NULL or out of range. Owned by s,
 * valid until the next call on s. */
const char *store_last_value(struct store *s, int row, int col);
int store_last_rows(struct store *s);

/* ---- users ---- */

struct store_user {
        long long id;
        char name[128];
        bool admin;
};

/* The user owning bearer token (compared by SHA-256). -ENOENT when no user has it. */
int store_user_by_token(struct store *s, const char *token, struct store_user *ret, struct judge_error *err);
/* Create a user with a new random token (64 hex characters, written to ret_token). -EEXIST
 * when the name is taken. */
int store_user_create(struct store *s, const char *name, bool admin, struct store_user *ret, char ret_token[65],
                      struct judge_error *err);
/* Make sure an admin user name exists and token is one of its tokens (judged's --admin-token). */
int store_user_ensure_admin(struct store *s, const char *name, const char *token, struct judge_error *err);
/* One token for store_tokens_load: its SHA-256 (64 hex digits) and its user, or user NULL when
 * the token is gone (revoked, its user deleted). A negative return stops the load with it. */
typedef int (*store_token_fn)(void *ctx, const char *sha256_hex, const struct store_user *user);
/* Every token (since < 0), or only those changed after change number since (the token_changes
 * log, migration 005), each passed to fn with its current user. *ret_since is the number to pass
 * next time: the last change at least settle_ms old, so that a change numbered before others but
 * committed after them (a transaction still open for up to settle_ms) is read again, not missed;
 * a change is passed to fn again until it is that old, which is harmless (fn gets the state). */
int store_tokens_load(struct store *s, long long since, long settle_ms, store_token_fn fn, void *ctx,
                      long long *ret_since, struct judge_error *err);

/* ---- problems ---- */

int store_problem_upsert(struct store *s, const char *slug, const char *title, const char *difficulty,
                         size_t n_sample, size_t n_cases, struct judge_error *err);

/* ---- submissions ---- */

struct store_submission {
        long long id, user_id, competition_id; /* competition_id 0: none */
        char problem[80], language[32], kind[8], status[12], verdict[8];
        int attempts;
        char *code;          /* owned */
        char *custom_cases;  /* owned, NULL unless kind run */
        char *result_admin, *result_public; /* owned, NULL until done */
        char *message;       /* owned */
        double time_ms;
        long long memory_kb;
        int passed, total, finish_count;
        double created, finished; /* epoch seconds; finished 0 until done */
};
void store_submission_clear(struct store_submission *sub);

/* Insert a queued submission; *ret_id is its id. */
int store_submission_create(struct store *s, long long user_id, const char *problem, const char *language,
                            const char *code, const char *kind, const char *custom_cases, long long competition_id,
                            long long *ret_id, struct judge_error *err);
/* Record that the submission was put on the queue as stream entry msg_id. */
int store_submission_enqueued(struct store *s, long long id, const char *msg_id, struct judge_error *err);
int store_submission_get(struct store *s, long long id, struct store_submission *ret, struct judge_error *err);
/* Take the submission for judging: queued (and due), or running with an expired lease, becomes
 * running with worker, a lease of lease_ms and one more attempt. Returns 1 and *ret filled when
 * taken, 0 when it is done or another live worker holds it (*ret->status says which). */
int store_submission_claim(struct store *s, long long id, const char *worker, long lease_ms,
                           struct store_submission *ret, struct judge_error *err);
/* Extend the lease of running submissions ids[0..n) by lease_ms. */
int store_submission_heartbeat(struct store *s, const long long *ids, size_t n, long lease_ms,
                               struct judge_error *err);

struct store_case {
        bool hidden;
        const char *status; /* "AC", ..., "skipped" */
        double time_ms;
        long long memory_kb;
};
struct store_final {
        const char *verdict, *message;
        int passed, total;
        double time_ms;
        long long memory_kb;
        const char *result_admin, *result_public;
        const struct store_case *cases;
        size_t n_cases;
};
/* Write the final result of a running or queued submission and its case rows, in one
 * transaction. Returns 1 when this call wrote it, 0 when it was already done (only
 * finish_count is bumped: the duplicate is visible but changes nothing). */
int store_submission_finish(struct store *s, long long id, const struct store_final *f, struct judge_error *err);
/* Put a running submission back to queued, due after delay_ms. With undo_attempt the attempt
 * it was on is not counted (a graceful hand-back rather than a failure). */
int store_submission_requeue(struct store *s, long long id, long delay_ms, bool undo_attempt,
                             struct judge_error *err);
/* Submissions of user not yet done. */
int store_user_pending(struct store *s, long long user_id, long *ret, struct judge_error *err);

/* Submissions that need a queue message: queued, due, and not enqueued in the last
 * stale_ms (or whose message is known lost: callers check), plus running ones whose lease
 * expired (set back to queued). Up to max ids into ids, with their last msg ids
 * (msg_ids[i] owned by the caller, may be NULL). Returns the count. */
int store_sweep_candidates(struct store *s, long stale_ms, long long *ids, char **msg_ids, size_t max,
                           struct judge_error *err);
/* Counts of submissions by status (queued, running). */
int store_counts(struct store *s, long *ret_queued, long *ret_running, struct judge_error *err);

/* ---- competitions ---- */

struct store_competition {
        long long id;
        char title[256];
        double starts_at, ends_at; /* epoch seconds */
        char **problems;          /* NULL-terminated slugs in order, owned */
        bool hidden_failure_none; /* non-admins see nothing of a failing hidden case, whatever
                                   * the problem allows ("hidden_failure": "none") */
        long freeze_minutes;      /* the board freezes this long before ends_at, 0 = never */
        bool unfrozen;            /* an admin made the live board public (POST .../unfreeze) */
};
void store_competition_clear(struct store_competition *c);

/* starts/ends: anything PostgreSQL's timestamptz accepts ("2026-01-01T10:00:00Z", "now()" is
 * not: use store times). hidden_failure_none: the competition's "hidden_failure" is "none".
 * freeze_minutes: the board freezes that long before the end (0: never; at most 525600).
 * Returns -EINVAL with the server's message for a bad time or problem. */
int store_competition_create(struct store *s, const char *title, const char *starts, const char *ends,
                             const char *const *problems, size_t n, bool hidden_failure_none, long freeze_minutes,
                             long long created_by, long long *ret_id, struct judge_error *err);
int store_competition_get(struct store *s, long long id, struct store_competition *ret, struct judge_error *err);
/* Returns 1 when newly joined, 0 when already an entry; -ENOENT for no such competition, -EPERM
 * when it has ended (by PostgreSQL's clock). One statement. */
int store_competition_join(struct store *s, long long id, long long user_id, struct judge_error *err);
/* Make the live board of competition id public for good. Returns 1 when this call did, 0 when it
 * was already unfrozen, -ENOENT for no such competition. */
int store_competition_unfreeze(struct store *s, long long id, struct judge_error *err);
/* 1 if user is an entry of competition id, else 0. */
int store_competition_is_entry(struct store *s, long long id, long long user_id, struct judge_error *err);

/* ---- accounts and sessions (migration 006) ---- */

/* Make sure user name exists as an admin who logs in with password_hash (a crypt string): the
 * admin's web login (judged's JUDGED_ADMIN_PASSWORD). Its tokens, if any, are kept. */
int store_user_ensure_admin_password(struct store *s, const char *name, const char *password_hash,
                                     struct judge_error *err);
/* Create a user who logs in with a password (password_hash: a crypt string, see
 * service/password.h), not an admin, without a token. -EEXIST when the name is taken. */
int store_user_signup(struct store *s, const char *name, const char *password_hash, struct store_user *ret,
                      struct judge_error *err);
/* The user called name and its password hash (NULL-able: admin-created users have none) copied
 * into ret_hash (empty when NULL). -ENOENT when there is no such user. */
int store_user_password(struct store *s, const char *name, struct store_user *ret, char *ret_hash, size_t hash_size,
                        struct judge_error *err);
/* Every user as JSON {"users":[{"id","name","admin","created_at"}]} (ordered by id) into out. */
int store_users_json(struct store *s, struct buf *out, struct judge_error *err);

/* A new session of user_id that lasts ttl_s seconds from now (never extended): ret_cookie gets
 * the cookie's value (32 random bytes as 64 hex characters: only its SHA-256 is stored) and
 * ret_csrf the session's CSRF token (also 64 hex). Expired sessions are deleted on the way. */
int store_session_create(struct store *s, long long user_id, long ttl_s, char ret_cookie[65], char ret_csrf[65],
                         struct judge_error *err);
/* The user and CSRF token of an unexpired session. -ENOENT when cookie names none. */
int store_session_get(struct store *s, const char *cookie, struct store_user *ret, char ret_csrf[65],
                      struct judge_error *err);
/* Delete the session (nothing when there is none). */
int store_session_delete(struct store *s, const char *cookie, struct judge_error *err);

/* user_id's submissions, newest first, at most limit, only of problem when non-NULL, as the JSON
 * {"submissions":[{"id","problem","language","status","verdict","runtime_ms","memory_kb",
 * "passed","total","created_at","competition","kind"}]} into out (verdict and the figures null
 * until done). */
int store_user_history_json(struct store *s, long long user_id, const char *problem, long limit, struct buf *out,
                            struct judge_error *err);
/* The slugs of the problems user_id has an accepted submission ("submit", not "run") of, in one
 * query: a NULL-terminated array owned by the caller (strv_free). */
int store_user_solved(struct store *s, long long user_id, char ***ret, struct judge_error *err);
