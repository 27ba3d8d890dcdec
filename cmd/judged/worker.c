/* Workers: read submission ids from the stream, claim the row, judge in a container, write the
 * one final result, acknowledge. Plus a heartbeat (keeps the claims of running judgements
 * fresh, so only a dead worker's work is reclaimed) and a sweeper (re-enqueues rows whose
 * message was lost, and retries that are due).
 *
 * A worker claims work only while its engine answers. It pauses (claims nothing, says so in
 * /healthz and /metrics) when the engine does not answer /_ping, or after engine_failures
 * judgements in a row failed on the engine side; it probes again after a pause that doubles up
 * to engine_probe_ms, and resumes by itself. A judgement cut short because the engine went away
 * goes back to the queue without using up an attempt: another worker (another host's engine)
 * takes it, or this one when its engine is back. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "judged.h"
#include "service/leaderboard.h"
#include "webhooks.h"
#include "sse.h"
#include "boardcache.h"

struct worker {
        pthread_t tid;
        int idx;
        char consumer[160];
        /* guarded by busy_lock: what the heartbeat keeps fresh */
        long long busy_sub;
        char busy_msg[32];
        /* guarded by busy_lock: the engine as this worker sees it (read by /healthz, /metrics) */
        bool paused;              /* not claiming work */
        bool engine_down;         /* paused because the engine does not answer (else: failing) */
        double paused_since;
        char engine_error[400];   /* why it paused */
        /* the worker thread's own */
        int streak;               /* judgements in a row that failed on the engine side */
        long backoff_ms;          /* the next pause before a probe */
        double last_ok;           /* when the engine last answered */
        char orphans[8][64];      /* labels of judgements abandoned while the engine was down */
        int n_orphans;
};

/* How a judgement attempt ended, for the worker's view of its engine. */
enum outcome {
        OUTCOME_DONE,         /* a final result (a verdict, or a final IE), or nothing to do */
        OUTCOME_FAILED,       /* the judge failed, not on the engine side: retried */
        OUTCOME_ENGINE,       /* failed on the engine side, the engine still answers: retried */
        OUTCOME_ENGINE_DOWN,  /* failed and the engine does not answer: handed back, not counted */
};

static struct worker *workers;
static int n_started;
static pthread_t heartbeat_tid, sweeper_tid;
static bool aux_started;
static pthread_mutex_t busy_lock = PTHREAD_MUTEX_INITIALIZER;

static double now_s(void) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms) {
        /* in small steps so that shutdown is not held up */
        for (long left = ms; left > 0 && !judged_stopping; left -= 100)
                usleep((useconds_t) (left < 100 ? left : 100) * 1000);
}

/* ---- the engine's health, as each worker sees it ---- */

static long first_backoff_ms(void) {
        return cfg.engine_probe_ms < 1000 ? cfg.engine_probe_ms : 1000;
}

/* Stop claiming work. down: the engine does not answer (else judgements keep failing). */
static void pause_worker(struct worker *w, bool down, const char *why) {
        pthread_mutex_lock(&busy_lock);
        bool was = w->paused;
        bool was_down = w->engine_down;
        w->paused = true;
        w->engine_down = down;
        if (!was)
                w->paused_since = now_s();
        snprintf(w->engine_error, sizeof w->engine_error, "%s", why);
        pthread_mutex_unlock(&busy_lock);
        if (!was) {
                metrics_worker_paused();
                fprintf(stderr, "judged: %s: stops claiming work: %s (probing the engine again in %ld ms)\n",
                        w->consumer, why, w->backoff_ms);
        } else if (down && !was_down)
                fprintf(stderr, "judged: %s: the engine does not answer: %s\n", w->consumer, why);
}

static void resume_worker(struct worker *w, struct engine *e) {
        pthread_mutex_lock(&busy_lock);
        double since = w->paused_since;
        w->paused = false;
        w->engine_down = false;
        w->engine_error[0] = 0;
        pthread_mutex_unlock(&busy_lock);
        fprintf(stderr, "judged: %s: the engine answers again after %.1f s: claiming work\n", w->consumer,
                now_s() - since);
        /* What the engine kept of judgements abandoned while it was away. */
        int kept = 0;
        for (int i = 0; i < w->n_orphans; i++) {
                char selector[96];
                struct judge_error err = { 0 };
                snprintf(selector, sizeof selector, "judge.submission=%s", w->orphans[i]);
                int n = judge_remove_labelled(e, selector, &err);
                if (n < 0)
                        memcpy(w->orphans[kept++], w->orphans[i], sizeof w->orphans[i]);
                else if (n > 0)
                        fprintf(stderr, "judged: %s: removed %d container(s)/volume(s) of the abandoned judgement %s\n",
                                w->consumer, n, w->orphans[i]);
        }
        w->n_orphans = kept;
}

/* Whether this worker may claim work now. A paused worker waits out its backoff, then probes;
 * a running one probes when the engine has been silent for a while (idle), so that a dead
 * engine is noticed before work is taken, not by failing it. */
static bool engine_ready(struct worker *w, struct engine **e) {
        struct judge_error err = { 0 };
        bool paused;
        pthread_mutex_lock(&busy_lock);
        paused = w->paused;
        pthread_mutex_unlock(&busy_lock);
        if (!paused && *e && now_s() - w->last_ok < 2.0)
                return true;
        if (paused) {
                sleep_ms(w->backoff_ms);
                if (judged_stopping)
                        return false;
        }
        int r = *e ? 0 : engine_open(cfg.engine, e, &err);
        if (r >= 0) {
                /* once the grace period is over (judged_interrupt), transfers to the engine stop
                 * and the judgements in progress are handed back */
                engine_set_interrupt(*e, &judged_interrupt);
                r = engine_probe(*e, &err);
        }
        if (r < 0) {
                metrics_engine_failure(false);
                if (paused)
                        w->backoff_ms = w->backoff_ms * 2 < cfg.engine_probe_ms ? w->backoff_ms * 2 : cfg.engine_probe_ms;
                pause_worker(w, true, err.msg);
                return false;
        }
        w->last_ok = now_s();
        if (paused) {
                /* Half open: after a streak, one more engine-side failure pauses it again, longer. */
                if (w->streak >= cfg.engine_failures && cfg.engine_failures > 0) {
                        w->streak = cfg.engine_failures - 1;
                        w->backoff_ms = w->backoff_ms * 2 < cfg.engine_probe_ms ? w->backoff_ms * 2 : cfg.engine_probe_ms;
                }
                resume_worker(w, *e);
        }
        return true;
}

/* After a judgement attempt: count the engine-side failures in a row. */
static void engine_outcome(struct worker *w, enum outcome o, const char *why) {
        switch (o) {
        case OUTCOME_DONE:
        case OUTCOME_FAILED:
                /* the engine did its part */
                w->streak = 0;
                w->backoff_ms = first_backoff_ms();
                w->last_ok = now_s();
                break;
        case OUTCOME_ENGINE:
                w->last_ok = now_s(); /* it answered the probe */
                if (cfg.engine_failures > 0 && ++w->streak >= cfg.engine_failures) {
                        char msg[sizeof w->engine_error];
                        snprintf(msg, sizeof msg, "%d judgements in a row failed on the engine side, the last: %s",
                                 w->streak, why);
                        pause_worker(w, false, msg);
                }
                break;
        case OUTCOME_ENGINE_DOWN:
                pause_worker(w, true, why);
                break;
        }
}

void workers_health(struct workers_health *ret) {
        *ret = (struct workers_health){ 0 };
        pthread_mutex_lock(&busy_lock);
        ret->workers = n_started;
        for (int i = 0; i < n_started; i++) {
                const struct worker *w = &workers[i];
                if (!w->paused) {
                        ret->up++;
                        continue;
                }
                /* the latest to stop: from then on, no worker judges */
                if (w->paused_since >= ret->since) {
                        ret->since = w->paused_since;
                        ret->down = w->engine_down;
                        snprintf(ret->error, sizeof ret->error, "%s", w->engine_error);
                }
        }
        pthread_mutex_unlock(&busy_lock);
}

static void set_busy(struct worker *w, long long sub, const char *msg) {
        pthread_mutex_lock(&busy_lock);
        w->busy_sub = sub;
        snprintf(w->busy_msg, sizeof w->busy_msg, "%s", msg ? msg : "");
        pthread_mutex_unlock(&busy_lock);
}

/* ---- final results ---- */

static void update_board(struct store *s, struct queue *q, const struct store_submission *sub) {
        if (sub->competition_id <= 0 || strcmp(sub->kind, "submit") != 0)
                return;
        struct judge_error err = { 0 };
        if (leaderboard_update_user(s, q, sub->competition_id, sub->user_id, &err) < 0)
                fprintf(stderr, "judged: leaderboard %lld: %s (rebuilt on next read if lost)\n", sub->competition_id,
                        err.msg);
        if (cfg.api) /* this process also serves the board: its next reader sees the verdict */
                boardcache_changed(sub->competition_id);
}

/* Live push (sse.h): an event of the submission; a failure to publish loses only the push (the
 * row is the truth, and a client that connects later reads it). */
static void publish(struct queue *q, long long id, const char *event, const char *data) {
        struct judge_error err = { 0 };
        if (sse_publish(q, id, event, data, &err) < 0)
                fprintf(stderr, "judged: submission %lld: live push of %s: %s\n", id, event, err.msg);
}

static void publish_status(struct queue *q, long long id, const char *status) {
        char data[40];
        snprintf(data, sizeof data, "{\"status\":\"%s\"}", status);
        publish(q, id, "status", data);
}

/* The judge reports cases when its container finishes, not one by one: the case events go
 * out together, before done. Only the cases the owner's view shows (judge_result_json with
 * admin false): up to the first failure, hidden ones only when failing or when all passed. */
static void publish_cases(struct queue *q, long long id, const struct judge_result *res, const struct problem *p) {
        for (size_t i = 0; i < res->n_cases && i < p->n_cases; i++) {
                const struct case_result *c = &res->cases[i];
                bool failing = (long) i == res->first_failed;
                bool after = res->first_failed >= 0 && (long) i > res->first_failed;
                if (after || c->withheld || (p->cases[i].hidden && !failing && res->verdict != VERDICT_AC))
                        continue;
                char data[200];
                snprintf(data, sizeof data, "{\"index\":%zu,\"total\":%zu,\"hidden\":%s,\"verdict\":\"%s\",\"runtime_ms\":%.3f}",
                         i, res->n_cases, p->cases[i].hidden ? "true" : "false",
                         c->run ? verdict_code(c->verdict) : "skipped", c->time_ms);
                publish(q, id, "case", data);
        }
}

static void publish_done(struct queue *q, long long id, const char *verdict) {
        char data[64];
        snprintf(data, sizeof data, "{\"status\":\"done\",\"verdict\":\"%s\"}", verdict);
        publish(q, id, "done", data);
}

/* Write the final result; the leaderboard and the live push follow when this call was the one
 * that wrote it (res and p: the judgement, for its case events; NULL for an IE). */
static int finish(struct store *s, struct queue *q, const struct store_submission *sub, const struct store_final *f,
                  enum verdict v, double judge_s, const struct judge_result *res, const struct problem *p) {
        struct judge_error err = { 0 };
        int r = store_submission_finish(s, sub->id, f, &err);
        if (r < 0) {
                fprintf(stderr, "judged: submission %lld: cannot write the result: %s\n", sub->id, err.msg);
                return r;
        }
        if (r == 0) {
                metrics_duplicate();
                return 0;
        }
        metrics_judged(v, judge_s, now_s() - sub->created);
        if (res && p)
                publish_cases(q, sub->id, res, p);
        publish_done(q, sub->id, f->verdict);
        update_board(s, q, sub);
        /* the same statement queued its webhook deliveries (a trigger, 004_webhooks.sql): send
         * them now when this process has a delivery thread */
        webhooks_wake();
        return 1;
}

/* Internal Error as the submission's final status: the service's decision (its retries are
 * exhausted, the submission is unacceptable, or this worker cannot judge it). The judging core
 * never returns IE as a verdict: its failures are errors with a kind (judge.h). */
static int finish_ie(struct store *s, struct queue *q, const struct store_submission *sub, const char *msg) {
        struct buf b;
        buf_init(&b, 1 << 16);
        buf_puts(&b, "{\"verdict\":\"IE\",\"verdict_name\":\"Internal Error\",\"message\":");
        buf_json_string(&b, msg, strlen(msg));
        int r = buf_printf(&b, ",\"problem\":\"%s\",\"language\":\"%s\",\"passed\":0,\"total\":0,\"cases\":[]}",
                           sub->problem, sub->language);
        struct store_final f = {
                .verdict = "IE", .message = msg, .result_admin = b.data, .result_public = b.data,
        };
        r = r < 0 ? r : finish(s, q, sub, &f, VERDICT_IE, -1, NULL, NULL);
        buf_free(&b);
        return r;
}

static int finish_result(struct store *s, struct queue *q, const struct store_submission *sub,
                         const struct judge_result *res, const struct problem *p, const struct lang *l) {
        struct buf admin, pub;
        buf_init(&admin, 32 << 20);
        buf_init(&pub, 32 << 20);
        struct store_case *cases = calloc(res->n_cases + 1, sizeof *cases);
        int r = cases ? 0 : -ENOMEM;
        if (r >= 0)
                r = judge_result_json(res, p, l, true, &admin);
        if (r >= 0)
                r = judge_result_json(res, p, l, false, &pub);
        for (size_t i = 0; r >= 0 && i < res->n_cases; i++)
                cases[i] = (struct store_case){
                        .hidden = p->cases[i].hidden,
                        .status = res->cases[i].run ? verdict_code(res->cases[i].verdict) : "skipped",
                        .time_ms = res->cases[i].time_ms,
                        .memory_kb = res->cases[i].memory_kb,
                };
        if (r >= 0) {
                struct store_final f = {
                        .verdict = verdict_code(res->verdict),
                        .message = res->message,
                        .passed = (int) res->passed,
                        .total = (int) res->n_cases,
                        .time_ms = res->max_time_ms,
                        .memory_kb = res->max_memory_kb,
                        .result_admin = admin.data,
                        .result_public = pub.data,
                        .cases = cases,
                        .n_cases = res->n_cases,
                };
                r = finish(s, q, sub, &f, res->verdict, res->wall_ms / 1000.0, res, p);
        } else
                r = finish_ie(s, q, sub, "the result could not be rendered");
        free(cases);
        buf_free(&admin);
        buf_free(&pub);
        return r;
}

/* ---- judging ---- */

/* Run button: the reference solution answers the user's cases, then the user's code is judged
 * on the sample cases and those. Returns 0 with *ret and *ret_problem, a negative errno for a
 * judge failure (retried), or 1 with msg set for a permanent failure (reported as IE). */
static int judge_run(struct engine *e, const struct catalog_entry *ce, const struct lang *l,
                     const struct store_submission *sub, const struct judge_options *o, struct judge_result **ret,
                     struct problem **ret_problem, char *msg, size_t msg_len, struct judge_error *err) {
        const struct problem *p = ce->problem;
        const struct lang *rl = NULL;
        const char *ref = NULL;
        for (int i = 0; lang_handlers[i].name && i < (int) ELEMENTSOF(ce->reference); i++)
                if (ce->reference[i] && catalog_lang(lang_handlers[i].name) &&
                    (!ref || strcmp(lang_handlers[i].name, l->name) == 0)) {
                        ref = ce->reference[i];
                        rl = catalog_lang(lang_handlers[i].name);
                }
        if (!ref) {
                snprintf(msg, msg_len, "problem %s has no accepted reference solution to compute expected outputs",
                         p->slug);
                return 1;
        }
        _cleanup_(problem_freep) struct problem *p0 = NULL;
        struct judge_error perr = { 0 };
        if (catalog_run_problem(p, sub->custom_cases ? sub->custom_cases : "[]", NULL, &p0, &perr) < 0) {
                snprintf(msg, msg_len, "bad custom cases: %s", perr.msg);
                return 1;
        }
        _cleanup_free_ char *code = NULL;
        size_t len = 0;
        int r = read_file_capped(ref, 1 << 20, &code, &len, err);
        if (r < 0)
                return r;
        _cleanup_(judge_result_freep) struct judge_result *rr = NULL;
        struct judge_options ro = *o;
        ro.sample_only = false;
        ro.keep_answers = true; /* its answers become the custom cases' expected outputs */
        r = judge_submission(e, p0, rl, code, len, &ro, &rr, err);
        if (r < 0)
                return r;
        size_t n_user = p0->n_cases - p->n_sample;
        char **answers = calloc(n_user + 1, sizeof(char *));
        if (!answers)
                return -ENOMEM;
        for (size_t i = 0; i < n_user; i++) {
                const struct case_result *c = &rr->cases[p->n_sample + i];
                if (!c->run || !c->answer || (c->verdict != VERDICT_AC && c->verdict != VERDICT_WA)) {
                        snprintf(msg, msg_len,
                                 "custom case %zu: the reference solution gave no answer (%s): check that the input "
                                 "meets the problem's constraints",
                                 i + 1, c->error ? c->error : c->run ? verdict_name(c->verdict) : "not run");
                        free(answers);
                        return 1;
                }
                answers[i] = c->answer;
        }
        _cleanup_(problem_freep) struct problem *p1 = NULL;
        r = catalog_run_problem(p, sub->custom_cases ? sub->custom_cases : "[]", answers, &p1, &perr);
        free(answers);
        if (r < 0) {
                snprintf(msg, msg_len, "custom cases: %s", perr.msg);
                return 1;
        }
        r = judge_submission(e, p1, l, sub->code, strlen(sub->code), o, ret, err);
        if (r < 0)
                return r;
        *ret_problem = TAKE_PTR(p1);
        return 0;
}

/* Hand a claimed submission back to the queue; this attempt does not count. */
static void hand_back(struct worker *w, struct store *s, struct queue *q, long long id) {
        struct judge_error err = { 0 };
        char mid[32] = "";
        if (store_submission_requeue(s, id, 0, true, &err) >= 0 && queue_push(q, id, mid, &err) >= 0) {
                (void) store_submission_enqueued(s, id, mid, NULL);
                publish_status(q, id, "queued");
        }
        else
                fprintf(stderr, "judged: %s: hand back %lld: %s (the sweeper re-enqueues it)\n", w->consumer, id,
                        err.msg);
        fprintf(stderr, "judged: %s: handed back submission %lld\n", w->consumer, id);
}

static enum outcome process(struct worker *w, struct engine *e, struct store *s, struct queue *q,
                            const struct queue_msg *m) {
        enum outcome out = OUTCOME_DONE;
        struct judge_error err = { 0 };
        struct store_submission sub = { 0 };
        int r = store_submission_claim(s, m->submission_id, w->consumer, cfg.lease_ms, &sub, &err);
        if (r < 0) {
                /* PostgreSQL is unreachable: leave the message pending, it is reclaimed later */
                fprintf(stderr, "judged: %s: claim %lld: %s\n", w->consumer, m->submission_id, err.msg);
                store_submission_clear(&sub);
                sleep_ms(1000);
                return out;
        }
        if (r == 0) {
                /* done, or held by a live worker: this message is a duplicate. A done one gets
                 * its leaderboard update again in case its worker died just before that. */
                if (strcmp(sub.status, "done") == 0) {
                        update_board(s, q, &sub);
                        publish_done(q, sub.id, sub.verdict); /* the same: its done event */
                }
                (void) queue_ack(q, m->msg_id, NULL);
                store_submission_clear(&sub);
                return out;
        }
        set_busy(w, sub.id, m->msg_id);
        publish_status(q, sub.id, "running");

        const struct catalog_entry *ce = catalog_find(sub.problem);
        const struct lang *l = catalog_lang(sub.language);
        char msg[1200] = "";
        if (sub.attempts > cfg.max_attempts) {
                snprintf(msg, sizeof msg, "gave up after %d attempts", cfg.max_attempts);
                (void) finish_ie(s, q, &sub, msg);
        } else if (!ce || !l) {
                snprintf(msg, sizeof msg, "this worker does not have %s %s", ce ? "language" : "problem",
                         ce ? sub.language : sub.problem);
                (void) finish_ie(s, q, &sub, msg);
        } else {
                /* The container label names the submission and when it was made, so that a later
                 * attempt (after a worker crashed mid-judgement) removes exactly what the crashed
                 * one left behind, and nothing of another deployment sharing the engine. */
                char label[64], selector[96];
                snprintf(label, sizeof label, "%lld-%.0f", sub.id, sub.created * 1e6);
                snprintf(selector, sizeof selector, "judge.submission=%s", label);
                if (sub.attempts > 1) {
                        int left = judge_remove_labelled(e, selector, &err);
                        if (left > 0)
                                fprintf(stderr, "judged: %s: removed %d container(s)/volume(s) left by an earlier attempt at %lld\n",
                                        w->consumer, left, sub.id);
                }
                struct judge_options o = { .max_code_bytes = cfg.max_code, .submission_id = label };
                struct judge_result *res = NULL;
                struct problem *run_p = NULL;
                double t0 = now_s();
                if (strcmp(sub.kind, "run") == 0)
                        r = judge_run(e, ce, l, &sub, &o, &res, &run_p, msg, sizeof msg, &err);
                else
                        r = judge_submission(e, ce->problem, l, sub.code, strlen(sub.code), &o, &res, &err);
                double judge_s = now_s() - t0;
                if (r == 0) {
                        (void) finish_result(s, q, &sub, res, run_p ? run_p : ce->problem, l);
                        (void) judge_s;
                } else if (r == 1) {
                        (void) finish_ie(s, q, &sub, msg);
                } else if (judged_interrupt) {
                        /* shutdown: hand the submission back, this attempt does not count */
                        hand_back(w, s, q, sub.id);
                } else if (judge_err_is_permanent(&err)) {
                        /* the submission itself is unacceptable (said where the error arose):
                         * retrying cannot help */
                        (void) finish_ie(s, q, &sub, err.msg);
                } else {
                        /* The judge's failure, whatever the errno (an engine's 400 is -EINVAL):
                         * never the submission's verdict. */
                        bool engine_side = err.kind == JUDGE_ERR_ENGINE;
                        struct judge_error perr = { 0 };
                        metrics_engine_error();
                        if (engine_side)
                                metrics_engine_failure(true);
                        fprintf(stderr, "judged: %s: submission %lld attempt %d: %s (%s)\n", w->consumer, sub.id,
                                sub.attempts, err.msg, judge_err_kind_name(err.kind));
                        out = engine_side ? OUTCOME_ENGINE : OUTCOME_FAILED;
                        if (engine_side && engine_probe(e, &perr) < 0) {
                                /* The engine went away: not this submission's attempt. Another
                                 * worker takes it, or this one when its engine is back (which
                                 * then removes what is left of this attempt). */
                                metrics_engine_failure(false);
                                hand_back(w, s, q, sub.id);
                                if (w->n_orphans < (int) ELEMENTSOF(w->orphans))
                                        snprintf(w->orphans[w->n_orphans++], sizeof w->orphans[0], "%s", label);
                                snprintf(msg, sizeof msg, "%s", perr.msg);
                                out = OUTCOME_ENGINE_DOWN;
                        } else if (sub.attempts < cfg.max_attempts) {
                                long delay = cfg.retry_base_ms << (sub.attempts - 1 < 10 ? sub.attempts - 1 : 10);
                                metrics_retry();
                                if (store_submission_requeue(s, sub.id, delay, false, &err) < 0)
                                        fprintf(stderr, "judged: requeue %lld: %s\n", sub.id, err.msg);
                                else
                                        publish_status(q, sub.id, "queued");
                        } else {
                                snprintf(msg, sizeof msg, "internal error after %d attempts: %s", sub.attempts,
                                         err.msg);
                                (void) finish_ie(s, q, &sub, msg);
                        }
                }
                judge_result_free(res);
                problem_free(run_p);
                engine_outcome(w, out, out == OUTCOME_ENGINE_DOWN ? msg : err.msg);
        }
        set_busy(w, 0, NULL);
        (void) queue_ack(q, m->msg_id, NULL);
        store_submission_clear(&sub);
        return out;
}

static void *worker_main(void *arg) {
        struct worker *w = arg;
        struct engine *e = NULL;
        struct judge_error err = { 0 };
        w->backoff_ms = first_backoff_ms();
        while (!judged_stopping) {
                if (!engine_ready(w, &e))
                        continue;
                struct store *s = thread_store(&err);
                struct queue *q = s ? thread_queue(&err) : NULL;
                if (!s || !q) {
                        fprintf(stderr, "judged: %s: %s\n", w->consumer, err.msg);
                        sleep_ms(1000);
                        continue;
                }
                struct queue_msg m = { 0 };
                int r = queue_read(q, w->consumer, cfg.lease_ms, 1000, &m, &err);
                if (r < 0) {
                        fprintf(stderr, "judged: %s: queue: %s\n", w->consumer, err.msg);
                        sleep_ms(1000);
                        continue;
                }
                if (r == 0)
                        continue;
                if (judged_stopping)
                        break; /* not claimed: stays pending and is reclaimed by another worker */
                if (m.submission_id <= 0) {
                        (void) queue_ack(q, m.msg_id, NULL);
                        continue;
                }
                (void) process(w, e, s, q, &m);
        }
        engine_free(e);
        thread_connections_close();
        return NULL;
}

/* ---- heartbeat and sweeper ---- */

static void *heartbeat_main(void *arg) {
        long period = cfg.lease_ms / 3 > 100 ? cfg.lease_ms / 3 : 100;
        long long *ids = calloc((size_t) cfg.n_workers + 1, sizeof *ids);
        char (*msgs)[32] = calloc((size_t) cfg.n_workers + 1, 32);
        char (*cons)[160] = calloc((size_t) cfg.n_workers + 1, 160);
        /* runs until the workers are joined, so hand-backs during the grace period stay owned */
        while (n_started > 0 && ids && msgs && cons) {
                for (long t = 0; t < period && n_started > 0; t += 50)
                        usleep(50000);
                size_t n = 0;
                pthread_mutex_lock(&busy_lock);
                for (int i = 0; i < n_started; i++)
                        if (workers[i].busy_sub > 0) {
                                ids[n] = workers[i].busy_sub;
                                memcpy(msgs[n], workers[i].busy_msg, 32);
                                memcpy(cons[n], workers[i].consumer, 160);
                                n++;
                        }
                pthread_mutex_unlock(&busy_lock);
                if (n == 0)
                        continue;
                struct judge_error err = { 0 };
                struct store *s = thread_store(&err);
                struct queue *q = thread_queue(&err);
                for (size_t i = 0; q && i < n; i++)
                        (void) queue_touch(q, cons[i], msgs[i], NULL);
                if (s && store_submission_heartbeat(s, ids, n, cfg.lease_ms, &err) < 0)
                        fprintf(stderr, "judged: heartbeat: %s\n", err.msg);
        }
        free(ids);
        free(msgs);
        free(cons);
        thread_connections_close();
        return NULL;
}

static void sweep_once(struct store *s, struct queue *q) {
        enum { MAX = 200 };
        long long ids[MAX];
        char *msgs[MAX];
        struct judge_error err = { 0 };
        int n = store_sweep_candidates(s, cfg.stale_ms, ids, msgs, MAX, &err);
        if (n < 0) {
                fprintf(stderr, "judged: sweeper: %s\n", err.msg);
                return;
        }
        int pushed = 0;
        for (int i = 0; i < n; i++) {
                char mid[32] = "";
                int has = msgs[i] ? queue_has(q, msgs[i], &err) : 0;
                if (has > 0) {
                        /* still waiting in the stream: look again after another stale_ms */
                        (void) store_submission_enqueued(s, ids[i], msgs[i], NULL);
                } else if (has == 0 && queue_push(q, ids[i], mid, &err) >= 0) {
                        (void) store_submission_enqueued(s, ids[i], mid, NULL);
                        pushed++;
                } else
                        fprintf(stderr, "judged: sweeper: %lld: %s\n", ids[i], err.msg);
                free(msgs[i]);
        }
        if (pushed)
                fprintf(stderr, "judged: sweeper: re-enqueued %d submission(s)\n", pushed);
}

static void *sweeper_main(void *arg) {
        while (!judged_stopping) {
                struct judge_error err = { 0 };
                struct store *s = thread_store(&err);
                struct queue *q = s ? thread_queue(&err) : NULL;
                if (s && q)
                        sweep_once(s, q);
                else
                        fprintf(stderr, "judged: sweeper: %s\n", err.msg);
                sleep_ms(cfg.sweep_ms);
        }
        thread_connections_close();
        return NULL;
}

int workers_start(struct judge_error *err) {
        workers = calloc((size_t) cfg.n_workers, sizeof *workers);
        if (!workers)
                return judge_err(err, -ENOMEM, "out of memory");
        char host[64] = "host";
        gethostname(host, sizeof host - 1);
        for (int i = 0; i < cfg.n_workers; i++) {
                struct worker *w = &workers[i];
                w->idx = i;
                if (cfg.worker_name)
                        snprintf(w->consumer, sizeof w->consumer, "%s-w%d", cfg.worker_name, i);
                else
                        snprintf(w->consumer, sizeof w->consumer, "%s-%d-w%d", host, (int) getpid(), i);
                int r = pthread_create(&w->tid, NULL, worker_main, w);
                if (r != 0)
                        return judge_err(err, -r, "pthread_create: %s", strerror(r));
                n_started++;
        }
        if (pthread_create(&heartbeat_tid, NULL, heartbeat_main, NULL) != 0 ||
            pthread_create(&sweeper_tid, NULL, sweeper_main, NULL) != 0)
                return judge_err(err, -EAGAIN, "cannot start the heartbeat and sweeper threads");
        aux_started = true;
        return 0;
}

void workers_stop(void) {
        if (!workers)
                return;
        /* judged_stopping is set: no worker takes new work. Give running judgements the grace
         * period, then interrupt them (they hand their submission back). */
        for (long waited = 0; waited < cfg.grace_ms; waited += 100) {
                bool busy = false;
                pthread_mutex_lock(&busy_lock);
                for (int i = 0; i < n_started; i++)
                        busy |= workers[i].busy_sub > 0;
                pthread_mutex_unlock(&busy_lock);
                if (!busy)
                        break;
                usleep(100000);
        }
        judged_interrupt_now();
        for (int i = 0; i < n_started; i++)
                pthread_join(workers[i].tid, NULL);
        pthread_mutex_lock(&busy_lock);
        n_started = 0;
        pthread_mutex_unlock(&busy_lock);
        if (aux_started) {
                pthread_join(heartbeat_tid, NULL);
                pthread_join(sweeper_tid, NULL);
        }
        free(workers);
        workers = NULL;
}
