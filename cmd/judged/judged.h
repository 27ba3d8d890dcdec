/* judged: the judge as a service. The HTTP API (api.c) writes submissions to PostgreSQL and
 * puts their ids on a Redis stream; workers (worker.c) judge them in containers and write the
 * final result; a sweeper and a heartbeat keep the queue honest; metrics.c counts. */
#pragma once

#include <microhttpd.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "judge/judge.h"
#include "lang/lang.h"
#include "problem/problem.h"
#include "service/queue.h"
#include "service/store.h"

struct judged_config {
        const char *listen;       /* "127.0.0.1:8080" */
        const char *db;           /* libpq conninfo */
        const char *redis;        /* "127.0.0.1:6379" */
        const char *engine;       /* engine URL, NULL = auto */
        const char *problems;     /* problem set directory */
        const char *migrations;   /* db/migrations */
        const char *web_dir;      /* the web app's files (web/dist), NULL = DATA/web/dist */
        const char *admin_token;  /* bootstrap admin token, NULL = none */
        const char *worker_name;  /* prefix of consumer names, default host-pid */
        bool api, workers;        /* roles */
        int n_workers;
        int http_threads;
        long rate_limit;          /* submissions per user per minute, 0 = off */
        long max_queued;          /* unfinished submissions per user, 0 = off */
        int max_attempts;         /* judge failures before IE */
        long retry_base_ms;       /* backoff: retry_base_ms * 2^(attempt-1) */
        long lease_ms;            /* a worker's claim lasts this long without a heartbeat */
        long sweep_ms;            /* sweeper period */
        long stale_ms;            /* a queued row with no message for this long is re-enqueued */
        long grace_ms;            /* SIGTERM: time given to running judgements before hand-back */
        size_t max_body;          /* bytes of a request body */
        long max_code;            /* bytes of code */
        int engine_failures;      /* engine-side judgement failures in a row that pause a worker, 0 = never */
        long engine_probe_ms;     /* longest pause between probes of a paused worker's engine */
        long auth_fail_limit;     /* failed authentications per client address per minute, 0 = off */
        int webhook_attempts;     /* deliveries of a webhook event tried this often before failed */
        long webhook_retry_ms;    /* first retry delay of a delivery, doubled each time */
        long webhook_timeout_ms;  /* one delivery's HTTP request, connection included */
        long login_limit;         /* signups and failed logins per client address per minute, 0 = off */
        bool secure_cookies;      /* the session cookie has the Secure attribute (judged behind TLS) */
        bool no_signup;           /* POST /auth/signup is closed (403): accounts come from an admin */
        long max_sse;             /* concurrent event streams (sse.c) */
        long token_refresh_ms;    /* the token table reads PostgreSQL's changes this often (tokens.c) */
        long board_check_ms;      /* a leaderboard page's version is taken as current this long (boardcache.c) */
};

extern struct judged_config cfg;
/* Flags shared by the threads (and, for judged_stopping, stored to by the start-up signal
 * handler: a lock-free atomic may be). */
extern atomic_int judged_stopping;   /* the signal (SIGTERM/SIGINT) seen: take no new work */
extern atomic_int judged_interrupt; /* grace over (1): abort running judgements; every worker's
                                    * engine has it as its interrupt flag (engine_set_interrupt) */
/* Set judged_interrupt: transfers to the engines in progress stop. */
void judged_interrupt_now(void);

/* ---- catalog.c: problems and languages, loaded once, read-only afterwards ---- */

struct catalog_entry {
        struct problem *problem;
        char *reference[LANG_HANDLERS_MAX]; /* accepted reference solution file per language index, or NULL */
        char *statement_html;  /* the statement rendered once at load (lib/web/markdown.h), or NULL with */
        char *statement_error; /* why it could not be (GET /problems/{slug} answers 500 with it) */
};

int catalog_load(const char *dir, struct judge_error *err);
const struct catalog_entry *catalog_find(const char *slug);
size_t catalog_count(void);
const struct catalog_entry *catalog_at(size_t i);
/* Languages with an images/<lang>/lang.json. */
const struct lang *catalog_lang(const char *name);
size_t catalog_lang_count(void);
const struct lang *catalog_lang_at(size_t i);
void catalog_free(void);

/* A problem made of p's sample cases followed by the user's cases (JSON array text, each
 * {"args":[...]} or {"calls":[...],"args":[...]}), with expected outputs taken from answers
 * (JSON texts, one per user case; NULL: a placeholder of the right type, for the reference
 * run). -EINVAL with the problem's own diagnostics in err when a user case is invalid. */
int catalog_run_problem(const struct problem *p, const char *user_cases, char *const *answers,
                        struct problem **ret, struct judge_error *err);

/* ---- metrics.c ---- */

void metrics_judged(enum verdict v, double judge_s, double total_s);
void metrics_engine_error(void);
/* The engine failed a worker: during a judgement (true) or a probe (false). */
void metrics_engine_failure(bool during_judgement);
/* A worker stopped claiming work. */
void metrics_worker_paused(void);
void metrics_retry(void);
void metrics_duplicate(void);
void metrics_http(int status);
/* Prometheus text exposition; queue figures read from q and s when non-NULL. */
int metrics_render(struct buf *out, struct queue *q, struct store *s);

/* ---- worker.c ---- */

int workers_start(struct judge_error *err);
/* Stop taking work, wait for running judgements (interrupting them after grace_ms), join. */
void workers_stop(void);

/* The workers' view of their engine, for /healthz and /metrics. */
struct workers_health {
        int workers;        /* worker threads running */
        int up;             /* of those, claiming work */
        double since;       /* the latest pause of a paused worker (unix time), 0 if none */
        bool down;          /* that worker's engine does not answer (else: its judgements fail) */
        char error[400];    /* why that worker paused */
};
void workers_health(struct workers_health *ret);

/* ---- static.c: the web app's files ---- */

/* The directory the app is served from: --web, else DATA/web/dist. */
const char *static_dir(void);
/* GET/HEAD of / or /app/...: the web app's (no token), when this process runs the API. */
bool static_wanted(const char *url, const char *method);
/* Answers such a request: the file with its type, ETag and security headers; 404 for a name
 * outside the directory's plain files; 503 when the app is not built. */
enum MHD_Result static_serve(struct MHD_Connection *c, const char *url);
/* ---- competitions.c: handlers of GET /competitions and POST /competitions/{id}/unfreeze ---- */

/* Each writes its JSON answer ({"error"} on failure) into out and returns the HTTP status;
 * *retry_after (seconds) is set with a 503. */
int competitions_list(struct store *s, const struct store_user *u, struct buf *out, long *retry_after);
/* The caller checked that the user is an admin. */
int competitions_unfreeze(struct store *s, struct queue *q, long long id, struct buf *out, long *retry_after);
/* api.c: competition id's settings or board changed in this process (an unfreeze): forget the
 * cached freeze settings and re-read the board's version at the next read. */
void api_competition_changed(long long id);
/* api.c: out := {"error": msg} (reset first): every handler's error answer. */
void json_error(struct buf *out, const char *msg);

/* ---- api.c ---- */

int api_start(struct judge_error *err);
void api_stop(void);
/* The document GET /submissions/{id} answers to u (its owner or an admin), in *ret (initialised
 * here, the caller frees it): returns the HTTP status, 200 or an error with a JSON error body. */
int api_submission_json(struct store *s, const struct store_user *u, long long id, struct buf *ret);

/* Per-thread connections, opened on first use (api threads, workers). */
struct store *thread_store(struct judge_error *err);
struct queue *thread_queue(struct judge_error *err);
void thread_connections_close(void);
