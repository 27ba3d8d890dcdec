/* judged: configuration (flags, then environment, then defaults), start-up (migrations, problems,
 * the bootstrap admin), the roles, and a graceful stop on SIGTERM/SIGINT. */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "config.h"
#include "engine/engine.h"
#include "auth.h"
#include "judged.h"
#include "base/parse.h"
#include "service/password.h"
#include "webhooks.h"

struct judged_config cfg;
atomic_int judged_stopping;
atomic_int judged_interrupt;

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the signal handler stores to an atomic_int");

void judged_interrupt_now(void) {
        atomic_store(&judged_interrupt, 1);
}

static __thread struct store *tl_store;
static __thread struct queue *tl_queue;

struct store *thread_store(struct judge_error *err) {
        if (!tl_store && store_open(cfg.db, &tl_store, err) < 0)
                return NULL;
        return tl_store;
}

struct queue *thread_queue(struct judge_error *err) {
        if (!tl_queue && queue_open(cfg.redis, &tl_queue, err) < 0)
                return NULL;
        return tl_queue;
}

void thread_connections_close(void) {
        tl_store = store_free(tl_store);
        tl_queue = queue_free(tl_queue);
}

static void on_signal(int sig) {
        atomic_store(&judged_stopping, sig);
}

static const char *env_or(const char *name, const char *def) {
        const char *v = getenv(name);
        return v && *v ? v : def;
}

/* A 0-or-1 variable (def when unset): *ret := its value; anything else is refused by name. */
static int env_bool(const char *name, bool def, bool *ret) {
        const char *v = env_or(name, def ? "1" : "0");
        if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
                fprintf(stderr, "judged: %s is 0 or 1, not '%.40s'\n", name, v);
                return -EINVAL;
        }
        *ret = strcmp(v, "1") == 0;
        return 0;
}

/* The numeric options: each from its flag, else its environment variable, else the default,
 * through one checked parser; a value out of range is refused, never clamped or wrapped. */
enum {
        N_WORKERS, N_HTTP_THREADS, N_RATE_LIMIT, N_MAX_QUEUED, N_MAX_ATTEMPTS, N_RETRY_MS, N_LEASE_MS,
        N_SWEEP_MS, N_STALE_MS, N_GRACE_MS, N_MAX_BODY, N_MAX_CODE, N_AUTH_FAIL_LIMIT,
        N_ENGINE_FAILURES, N_ENGINE_PROBE_MS, N_WEBHOOK_ATTEMPTS, N_WEBHOOK_RETRY_MS, N_WEBHOOK_TIMEOUT_MS,
        N_LOGIN_LIMIT, N_MAX_SSE, N_TOKEN_REFRESH_MS, N_BOARD_CHECK_MS, _N_MAX,
};
static const struct numeric_option {
        const char *flag, *env;
        long def, min, max;
} numeric[_N_MAX] = {
        [N_WORKERS] = { "workers", "JUDGED_WORKERS", 2, 0, 256 },
        [N_HTTP_THREADS] = { "http-threads", "JUDGED_HTTP_THREADS", 8, 1, 256 },
        [N_RATE_LIMIT] = { "rate-limit", "JUDGED_RATE_LIMIT", 30, 0, 1000000 },
        [N_MAX_QUEUED] = { "max-queued", "JUDGED_MAX_QUEUED", 10, 0, 1000000 },
        [N_MAX_ATTEMPTS] = { "max-attempts", "JUDGED_MAX_ATTEMPTS", 3, 1, 100 },
        [N_RETRY_MS] = { "retry-ms", "JUDGED_RETRY_MS", 2000, 0, 3600000 },
        [N_LEASE_MS] = { "lease-ms", "JUDGED_LEASE_MS", 30000, 1000, 86400000 },
        [N_SWEEP_MS] = { "sweep-ms", "JUDGED_SWEEP_MS", 5000, 100, 3600000 },
        [N_STALE_MS] = { "stale-ms", "JUDGED_STALE_MS", 15000, 100, 86400000 },
        [N_GRACE_MS] = { "grace-ms", "JUDGED_GRACE_MS", 30000, 0, 3600000 },
        [N_MAX_BODY] = { "max-body", "JUDGED_MAX_BODY", 512 * 1024, 1024, 64L << 20 },
        [N_MAX_CODE] = { "max-code", "JUDGED_MAX_CODE", 256 * 1024, 1, 16L << 20 },
        [N_AUTH_FAIL_LIMIT] = { "auth-fail-limit", "JUDGED_AUTH_FAIL_LIMIT", 20, 0, 1000000 },
        [N_ENGINE_FAILURES] = { "engine-failures", "JUDGED_ENGINE_FAILURES", 3, 0, 1000 },
        [N_ENGINE_PROBE_MS] = { "engine-probe-ms", "JUDGED_ENGINE_PROBE_MS", 30000, 100, 3600000 },
        [N_WEBHOOK_ATTEMPTS] = { "webhook-attempts", "JUDGED_WEBHOOK_ATTEMPTS", 6, 1, 100 },
        [N_WEBHOOK_RETRY_MS] = { "webhook-retry-ms", "JUDGED_WEBHOOK_RETRY_MS", 1000, 10, 3600000 },
        [N_WEBHOOK_TIMEOUT_MS] = { "webhook-timeout-ms", "JUDGED_WEBHOOK_TIMEOUT_MS", 5000, 100, 600000 },
        [N_LOGIN_LIMIT] = { "login-limit", "JUDGED_LOGIN_LIMIT", 10, 0, 1000000 },
        [N_MAX_SSE] = { "max-sse", "JUDGED_MAX_SSE", 16384, 0, 1000000 },
        [N_TOKEN_REFRESH_MS] = { "token-refresh-ms", "JUDGED_TOKEN_REFRESH_MS", 2000, 50, 600000 },
        [N_BOARD_CHECK_MS] = { "board-check-ms", "JUDGED_BOARD_CHECK_MS", 100, 0, 10000 },
};

/* what names the source ("--max-body", "JUDGED_MAX_BODY"). 0, or -EINVAL with a message. */
static int numeric_value(size_t i, const char *what, const char *v, long *ret) {
        const struct numeric_option *o = &numeric[i];
        int r = parse_long(v, o->min, o->max, ret);
        if (r == -ERANGE)
                fprintf(stderr, "judged: %s %.40s is out of range (%ld to %ld)\n", what, v, o->min, o->max);
        else if (r < 0)
                fprintf(stderr, "judged: %s '%.40s' is not an integer\n", what, v);
        return r < 0 ? -EINVAL : 0;
}

static void usage(FILE *f) {
        fputs("Usage: judged [OPTIONS]\n"
              "\n"
              "The judge as a service: an HTTP API, PostgreSQL for the data, a Redis stream for the queue, and\n"
              "workers judging in containers. Each option also reads an environment variable (in brackets).\n"
              "\n"
              "  --listen HOST:PORT      HTTP address (JUDGED_LISTEN, default 127.0.0.1:8080)\n"
              "  --db CONNINFO           PostgreSQL conninfo or URI (JUDGED_DB, else DATABASE_URL)\n"
              "  --redis HOST:PORT       Redis address, or unix:/path (JUDGED_REDIS, default 127.0.0.1:6379)\n"
              "  --engine URL            container engine, unix:///path (JUDGE_ENGINE, default: auto)\n"
              "  --problems DIR          problem set directory (JUDGED_PROBLEMS, default DATA/problems)\n"
              "  --workers N             worker threads (JUDGED_WORKERS, default 2)\n"
              "  --role all|api|worker   what this process runs (JUDGED_ROLE, default all)\n"
              "  --admin-token TOKEN     make sure user 'admin' exists with this token (JUDGED_ADMIN_TOKEN)\n"
              "                          (environment JUDGED_ADMIN_PASSWORD: and logs in to the web app with it)\n"
              "  --http-threads N        HTTP threads, and as many threads for writes (any method but GET\n"
              "                          and HEAD) (JUDGED_HTTP_THREADS, default 8)\n"
              "  --rate-limit N          submissions per user per minute, 0 = off (JUDGED_RATE_LIMIT, 30)\n"
              "  --max-queued N          unfinished submissions per user, 0 = off (JUDGED_MAX_QUEUED, 10)\n"
              "  --max-attempts N        judge failures before IE (JUDGED_MAX_ATTEMPTS, 3)\n"
              "  --retry-ms N            first retry delay, doubled each time (JUDGED_RETRY_MS, 2000)\n"
              "  --lease-ms N            a silent worker's work is reclaimed after this (JUDGED_LEASE_MS, 30000)\n"
              "  --sweep-ms N            sweeper period (JUDGED_SWEEP_MS, 5000)\n"
              "  --stale-ms N            queued without a live message this long: re-enqueue (JUDGED_STALE_MS, 15000)\n"
              "  --grace-ms N            on SIGTERM, time for running judgements (JUDGED_GRACE_MS, 30000)\n"
              "  --max-body N            bytes of a request body (JUDGED_MAX_BODY, 524288)\n"
              "  --max-code N            bytes of code (JUDGED_MAX_CODE, 262144)\n"
              "  --auth-fail-limit N     failed authentications per client address per minute before 429,\n"
              "                          0 = off (JUDGED_AUTH_FAIL_LIMIT, 20)\n"
              "  --login-limit N         signups and failed password logins per client address per minute\n"
              "                          before 429, 0 = off (JUDGED_LOGIN_LIMIT, 10)\n"
              "  --secure-cookies        the session cookie is marked Secure: judged is served over HTTPS\n"
              "                          (JUDGED_SECURE_COOKIES=1)\n"
              "  --no-signup             POST /auth/signup answers 403: only an admin makes accounts\n"
              "                          (JUDGED_SIGNUP=0)\n"
              "  --worker-name NAME      prefix of this process's queue consumers (JUDGED_WORKER_NAME, host-pid)\n"
              "  --engine-failures N     engine-side failures in a row that pause a worker, 0 = never\n"
              "                          (JUDGED_ENGINE_FAILURES, 3)\n"
              "  --engine-probe-ms N     longest pause between probes of a paused worker's engine\n"
              "                          (JUDGED_ENGINE_PROBE_MS, 30000)\n"
              "  --webhook-attempts N    tries of a webhook delivery before it fails (JUDGED_WEBHOOK_ATTEMPTS, 6)\n"
              "  --webhook-retry-ms N    first retry delay of a delivery, doubled each time\n"
              "                          (JUDGED_WEBHOOK_RETRY_MS, 1000)\n"
              "  --webhook-timeout-ms N  one delivery's HTTP request (JUDGED_WEBHOOK_TIMEOUT_MS, 5000)\n"
              "  --max-sse N             concurrent event streams (GET .../events) before 503\n"
              "                          (JUDGED_MAX_SSE, 16384)\n"
              "  --token-refresh-ms N    the in-memory token table reads changes this often: a deleted token\n"
              "                          is refused within it (JUDGED_TOKEN_REFRESH_MS, 2000)\n"
              "  --board-check-ms N      a cached leaderboard page (and /me's replica of the board) is used\n"
              "                          this long before the board's version is checked again, 0 = every\n"
              "                          request (JUDGED_BOARD_CHECK_MS, 100)\n"
              "  --migrations DIR        schema migrations (JUDGED_MIGRATIONS, default DATA/db/migrations)\n"
              "  --uid-range A-B         each container runs as its own uid:gid from A-B (JUDGE_UID_RANGE,\n"
              "                          default " UID_RANGE_DEFAULT ")\n"
              "  --web DIR               the web app's built files, served at / (JUDGED_WEB, default\n"
              "                          DATA/web/dist: scripts/build-web.sh writes it)\n",
              f);
}

static int parse_args(int argc, char **argv) {
        static char problems_def[4096], migrations_def[4096];
        snprintf(problems_def, sizeof problems_def, "%s/problems", lang_data_dir());
        snprintf(migrations_def, sizeof migrations_def, "%s/db/migrations", lang_data_dir());
        const char *role = env_or("JUDGED_ROLE", "all");
        const char *uid_range = env_or("JUDGE_UID_RANGE", UID_RANGE_DEFAULT);
        cfg = (struct judged_config){
                .listen = env_or("JUDGED_LISTEN", "127.0.0.1:8080"),
                .db = env_or("JUDGED_DB", env_or("DATABASE_URL", "dbname=judge")),
                .redis = env_or("JUDGED_REDIS", "127.0.0.1:6379"),
                .engine = env_or("JUDGE_ENGINE", NULL),
                .problems = env_or("JUDGED_PROBLEMS", problems_def),
                .migrations = env_or("JUDGED_MIGRATIONS", migrations_def),
                .web_dir = env_or("JUDGED_WEB", NULL),
                .admin_token = env_or("JUDGED_ADMIN_TOKEN", NULL),
                .worker_name = env_or("JUDGED_WORKER_NAME", NULL),
        };
        bool signup = true;
        if (env_bool("JUDGED_SECURE_COOKIES", false, &cfg.secure_cookies) < 0 ||
            env_bool("JUDGED_SIGNUP", true, &signup) < 0)
                return -EINVAL;
        cfg.no_signup = !signup;
        long n[_N_MAX];
        for (size_t i = 0; i < _N_MAX; i++) {
                const char *v = getenv(numeric[i].env);
                n[i] = numeric[i].def;
                if (v && *v && numeric_value(i, numeric[i].env, v, &n[i]) < 0)
                        return -EINVAL;
        }
        static const struct option opts[] = {
                { "listen", required_argument, NULL, 'l' },     { "db", required_argument, NULL, 'd' },
                { "redis", required_argument, NULL, 'r' },      { "engine", required_argument, NULL, 'e' },
                { "problems", required_argument, NULL, 'p' },   { "workers", required_argument, NULL, 'w' },
                { "role", required_argument, NULL, 'R' },       { "admin-token", required_argument, NULL, 'a' },
                { "http-threads", required_argument, NULL, 'H' }, { "rate-limit", required_argument, NULL, 1 },
                { "max-queued", required_argument, NULL, 2 },   { "max-attempts", required_argument, NULL, 3 },
                { "retry-ms", required_argument, NULL, 4 },     { "lease-ms", required_argument, NULL, 5 },
                { "sweep-ms", required_argument, NULL, 6 },     { "stale-ms", required_argument, NULL, 7 },
                { "grace-ms", required_argument, NULL, 8 },     { "max-body", required_argument, NULL, 9 },
                { "max-code", required_argument, NULL, 10 },    { "worker-name", required_argument, NULL, 11 },
                { "auth-fail-limit", required_argument, NULL, 13 },
                { "migrations", required_argument, NULL, 12 },  { "help", no_argument, NULL, 'h' },
                { "engine-failures", required_argument, NULL, 14 }, { "engine-probe-ms", required_argument, NULL, 15 },
                { "webhook-attempts", required_argument, NULL, 17 },
                { "webhook-retry-ms", required_argument, NULL, 18 },
                { "webhook-timeout-ms", required_argument, NULL, 19 },
                { "login-limit", required_argument, NULL, 20 }, { "secure-cookies", no_argument, NULL, 21 },
                { "no-signup", no_argument, NULL, 25 },
                { "web", required_argument, NULL, 40 },
                { "uid-range", required_argument, NULL, 16 },   { "max-sse", required_argument, NULL, 22 },
                { "token-refresh-ms", required_argument, NULL, 23 }, { "board-check-ms", required_argument, NULL, 24 },
                { NULL, 0, NULL, 0 },
        };
        /* getopt's value of each numeric flag */
        static const int flag_of[_N_MAX] = {
                [N_WORKERS] = 'w', [N_HTTP_THREADS] = 'H', [N_RATE_LIMIT] = 1, [N_MAX_QUEUED] = 2,
                [N_MAX_ATTEMPTS] = 3, [N_RETRY_MS] = 4, [N_LEASE_MS] = 5, [N_SWEEP_MS] = 6, [N_STALE_MS] = 7,
                [N_GRACE_MS] = 8, [N_MAX_BODY] = 9, [N_MAX_CODE] = 10, [N_AUTH_FAIL_LIMIT] = 13,
                [N_ENGINE_FAILURES] = 14, [N_ENGINE_PROBE_MS] = 15, [N_WEBHOOK_ATTEMPTS] = 17,
                [N_WEBHOOK_RETRY_MS] = 18, [N_WEBHOOK_TIMEOUT_MS] = 19, [N_LOGIN_LIMIT] = 20, [N_MAX_SSE] = 22,
                [N_TOKEN_REFRESH_MS] = 23, [N_BOARD_CHECK_MS] = 24,
        };
        int c;
        while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
                size_t k = 0;
                while (k < _N_MAX && flag_of[k] != c)
                        k++;
                if (k < _N_MAX) {
                        char what[64];
                        snprintf(what, sizeof what, "--%s", numeric[k].flag);
                        if (numeric_value(k, what, optarg, &n[k]) < 0)
                                return -EINVAL;
                        continue;
                }
                switch (c) {
                case 'l': cfg.listen = optarg; break;
                case 'd': cfg.db = optarg; break;
                case 'r': cfg.redis = optarg; break;
                case 'e': cfg.engine = optarg; break;
                case 'p': cfg.problems = optarg; break;
                case 'R': role = optarg; break;
                case 'a': cfg.admin_token = optarg; break;
                case 11: cfg.worker_name = optarg; break;
                case 12: cfg.migrations = optarg; break;
                case 16: uid_range = optarg; break;
                case 21: cfg.secure_cookies = true; break;
                case 25: cfg.no_signup = true; break;
                case 40: cfg.web_dir = optarg; break;
                case 'h': usage(stdout); exit(0);
                default: usage(stderr); return -EINVAL;
                }
        }
        if (optind < argc) {
                fprintf(stderr, "judged: unexpected argument '%s'\n", argv[optind]);
                return -EINVAL;
        }
        cfg.api = strcmp(role, "all") == 0 || strcmp(role, "api") == 0;
        cfg.workers = strcmp(role, "all") == 0 || strcmp(role, "worker") == 0;
        if (!cfg.api && !cfg.workers) {
                fprintf(stderr, "judged: --role is all, api or worker, not '%s'\n", role);
                return -EINVAL;
        }
        cfg.n_workers = (int) n[N_WORKERS];
        cfg.http_threads = (int) n[N_HTTP_THREADS];
        cfg.rate_limit = n[N_RATE_LIMIT];
        cfg.max_queued = n[N_MAX_QUEUED];
        cfg.max_attempts = (int) n[N_MAX_ATTEMPTS];
        cfg.retry_base_ms = n[N_RETRY_MS];
        cfg.lease_ms = n[N_LEASE_MS];
        cfg.sweep_ms = n[N_SWEEP_MS];
        cfg.stale_ms = n[N_STALE_MS];
        cfg.grace_ms = n[N_GRACE_MS];
        cfg.max_body = (size_t) n[N_MAX_BODY];
        cfg.max_code = n[N_MAX_CODE];
        cfg.auth_fail_limit = n[N_AUTH_FAIL_LIMIT];
        cfg.engine_failures = (int) n[N_ENGINE_FAILURES];
        cfg.engine_probe_ms = n[N_ENGINE_PROBE_MS];
        cfg.webhook_attempts = (int) n[N_WEBHOOK_ATTEMPTS];
        cfg.webhook_retry_ms = n[N_WEBHOOK_RETRY_MS];
        cfg.webhook_timeout_ms = n[N_WEBHOOK_TIMEOUT_MS];
        cfg.login_limit = n[N_LOGIN_LIMIT];
        cfg.max_sse = n[N_MAX_SSE];
        cfg.token_refresh_ms = n[N_TOKEN_REFRESH_MS];
        cfg.board_check_ms = n[N_BOARD_CHECK_MS];
        if (cfg.workers && cfg.n_workers == 0)
                cfg.workers = false;
        struct judge_error err = { 0 };
        struct uid_range ur;
        if (uid_range_parse(uid_range, &ur, &err) < 0) {
                fprintf(stderr, "judged: --uid-range: %s\n", err.msg);
                return -EINVAL;
        }
        uid_range_set_default(&ur);
        return 0;
}

/* Every event stream is a socket: the soft limit on descriptors up to the hard one, and
 * --max-sse within it (with room for the rest: the pools, the engines, ordinary requests). */
static void raise_fd_limit(void) {
        struct rlimit rl;
        if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
                return;
        if (rl.rlim_cur < rl.rlim_max) {
                rl.rlim_cur = rl.rlim_max;
                (void) setrlimit(RLIMIT_NOFILE, &rl);
                (void) getrlimit(RLIMIT_NOFILE, &rl);
        }
        if (cfg.api && rl.rlim_cur != RLIM_INFINITY && (rlim_t) cfg.max_sse + 1024 > rl.rlim_cur) {
                long fit = rl.rlim_cur > 1024 ? (long) rl.rlim_cur - 1024 : 0;
                fprintf(stderr, "judged: %lu descriptors at most (RLIMIT_NOFILE): --max-sse %ld lowered to %ld\n",
                        (unsigned long) rl.rlim_cur, cfg.max_sse, fit);
                cfg.max_sse = fit;
        }
}

int main(int argc, char **argv) {
        if (parse_args(argc, argv) < 0)
                return 2;
        setvbuf(stderr, NULL, _IOLBF, 0);
        raise_fd_limit();
        /* SIGTERM/SIGINT are blocked in every thread and taken by sigwait in main (below); the
         * handler only covers the start-up before the threads exist. */
        struct sigaction sa = { .sa_handler = on_signal };
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        signal(SIGPIPE, SIG_IGN);
        sigset_t stop_signals;
        sigemptyset(&stop_signals);
        sigaddset(&stop_signals, SIGINT);
        sigaddset(&stop_signals, SIGTERM);
        struct judge_error err = { 0 };
        _cleanup_(store_freep) struct store *s = NULL;
        /* PostgreSQL may still be starting (one host, one script): retry for a while. */
        for (int i = 0; i < 30 && !judged_stopping; i++) {
                if (store_open(cfg.db, &s, &err) >= 0)
                        break;
                if (i == 0)
                        fprintf(stderr, "judged: waiting for PostgreSQL: %s\n", err.msg);
                sleep(1);
        }
        if (!s) {
                fprintf(stderr, "judged: %s\n", err.msg);
                return 1;
        }
        int r = store_migrate(s, cfg.migrations, &err);
        if (r < 0) {
                fprintf(stderr, "judged: %s\n", err.msg);
                return 1;
        }
        if (r > 0)
                fprintf(stderr, "judged: applied %d migration(s)\n", r);
        r = catalog_load(cfg.problems, &err);
        if (r < 0) {
                fprintf(stderr, "judged: %s\n", err.msg);
                return 1;
        }
        for (size_t i = 0; i < catalog_count(); i++) {
                const struct problem *p = catalog_at(i)->problem;
                if (store_problem_upsert(s, p->slug, p->title, p->difficulty, p->n_sample, p->n_cases, &err) < 0) {
                        fprintf(stderr, "judged: %s\n", err.msg);
                        return 1;
                }
        }
        if (cfg.admin_token && store_user_ensure_admin(s, "admin", cfg.admin_token, &err) < 0) {
                fprintf(stderr, "judged: %s\n", err.msg);
                return 1;
        }
        /* The admin's password for the web app comes from the environment only (a flag would show
         * in ps); it is hashed here. */
        const char *admin_pw = getenv("JUDGED_ADMIN_PASSWORD");
        if (admin_pw && *admin_pw) {
                size_t len = strlen(admin_pw);
                char hash[PASSWORD_HASH_MAX];
                if (len < 8 || len > 256) {
                        fprintf(stderr, "judged: JUDGED_ADMIN_PASSWORD is 8 to 256 bytes, not %zu\n", len);
                        return 2;
                }
                if (password_hash(admin_pw, hash, &err) < 0 ||
                    store_user_ensure_admin_password(s, "admin", hash, &err) < 0) {
                        fprintf(stderr, "judged: %s\n", err.msg);
                        return 1;
                }
        }
        s = store_free(s); /* the threads open their own */
        if (cfg.api)
                auth_init();
        _cleanup_(queue_freep) struct queue *q = NULL;
        if (queue_open(cfg.redis, &q, &err) < 0 || queue_ensure(q, &err) < 0)
                fprintf(stderr, "judged: %s (continuing: the queue reconnects)\n", err.msg);
        q = queue_free(q);

        if (judged_stopping)
                return 0;
        pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
        if (cfg.workers && workers_start(&err) < 0) {
                fprintf(stderr, "judged: %s\n", err.msg);
                return 1;
        }
        /* A worker-only process still answers /healthz and /metrics. */
        if (api_start(&err) < 0) {
                fprintf(stderr, "judged: %s\n", err.msg);
                atomic_store(&judged_stopping, 1);
                workers_stop();
                return 1;
        }
        /* Webhook deliveries go out from the API processes (the network-facing ones). */
        if (cfg.api && webhooks_start(&err) < 0) {
                fprintf(stderr, "judged: %s\n", err.msg);
                atomic_store(&judged_stopping, 1);
                workers_stop();
                api_stop();
                return 1;
        }
        fprintf(stderr, "judged %s: listening on %s, %zu problems, %zu languages, roles:%s%s, %d workers\n",
                JUDGE_VERSION, cfg.listen, catalog_count(), catalog_lang_count(), cfg.api ? " api" : "",
                cfg.workers ? " worker" : "", cfg.workers ? cfg.n_workers : 0);

        int sig = 0;
        sigwait(&stop_signals, &sig);
        atomic_store(&judged_stopping, sig);
        fprintf(stderr, "judged: stopping: no new work; %ld ms for running judgements\n", cfg.grace_ms);
        workers_stop();
        webhooks_stop();
        api_stop();
        catalog_free();
        fprintf(stderr, "judged: stopped\n");
        return 0;
}
