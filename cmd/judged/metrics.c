/* Process-wide counters, exposed in Prometheus text format on GET /metrics. */
#include <stdatomic.h>
#include <stdio.h>

#include "judged.h"
#include "boardcache.h"
#include "sse.h"

static const double buckets[] = { 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120 };
#define N_BUCKETS ELEMENTSOF(buckets)

struct histogram {
        atomic_ulong counts[N_BUCKETS + 1]; /* last: +Inf */
        _Atomic double sum;
};

static atomic_ulong judged_total[_VERDICT_MAX];
static atomic_ulong engine_errors, retries, duplicates;
static atomic_ulong engine_failures_judge, engine_failures_probe, worker_pauses;
static atomic_ulong http_by_class[6];
static struct histogram judge_hist, e2e_hist;

static void observe(struct histogram *h, double v) {
        size_t i = 0;
        while (i < N_BUCKETS && v > buckets[i])
                i++;
        atomic_fetch_add(&h->counts[i], 1);
        double old = atomic_load(&h->sum);
        while (!atomic_compare_exchange_weak(&h->sum, &old, old + v))
                ;
}

void metrics_judged(enum verdict v, double judge_s, double total_s) {
        if (v < _VERDICT_MAX)
                atomic_fetch_add(&judged_total[v], 1);
        if (judge_s >= 0)
                observe(&judge_hist, judge_s);
        if (total_s >= 0)
                observe(&e2e_hist, total_s);
}

void metrics_engine_error(void) {
        atomic_fetch_add(&engine_errors, 1);
}

void metrics_engine_failure(bool during_judgement) {
        atomic_fetch_add(during_judgement ? &engine_failures_judge : &engine_failures_probe, 1);
}

void metrics_worker_paused(void) {
        atomic_fetch_add(&worker_pauses, 1);
}

void metrics_retry(void) {
        atomic_fetch_add(&retries, 1);
}

void metrics_duplicate(void) {
        atomic_fetch_add(&duplicates, 1);
}

void metrics_http(int status) {
        int c = status / 100;
        if (c >= 1 && c <= 5)
                atomic_fetch_add(&http_by_class[c], 1);
}

static int render_hist(struct buf *out, const char *name, const char *help, struct histogram *h) {
        buf_printf(out, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name);
        unsigned long cum = 0;
        for (size_t i = 0; i <= N_BUCKETS; i++) {
                cum += atomic_load(&h->counts[i]);
                if (i < N_BUCKETS)
                        buf_printf(out, "%s_bucket{le=\"%g\"} %lu\n", name, buckets[i], cum);
                else
                        buf_printf(out, "%s_bucket{le=\"+Inf\"} %lu\n", name, cum);
        }
        return buf_printf(out, "%s_sum %.6f\n%s_count %lu\n", name, atomic_load(&h->sum), name, cum);
}

int metrics_render(struct buf *out, struct queue *q, struct store *s) {
        buf_puts(out, "# HELP judged_judgements_total Final results written by this process, by verdict.\n"
                      "# TYPE judged_judgements_total counter\n");
        for (int v = 0; v < _VERDICT_MAX; v++)
                buf_printf(out, "judged_judgements_total{verdict=\"%s\"} %lu\n", verdict_code(v),
                           atomic_load(&judged_total[v]));
        buf_printf(out,
                   "# HELP judged_engine_errors_total Judge failures (engine or runner), each retried or IE.\n"
                   "# TYPE judged_engine_errors_total counter\njudged_engine_errors_total %lu\n"
                   "# HELP judged_retries_total Submissions put back for another attempt.\n"
                   "# TYPE judged_retries_total counter\njudged_retries_total %lu\n"
                   "# HELP judged_duplicate_results_total Results computed for submissions already done.\n"
                   "# TYPE judged_duplicate_results_total counter\njudged_duplicate_results_total %lu\n",
                   atomic_load(&engine_errors), atomic_load(&retries), atomic_load(&duplicates));
        buf_printf(out,
                   "# HELP judged_engine_failures_total Failures of the container engine of this process, "
                   "during a judgement or a probe of /_ping.\n"
                   "# TYPE judged_engine_failures_total counter\n"
                   "judged_engine_failures_total{during=\"judgement\"} %lu\n"
                   "judged_engine_failures_total{during=\"probe\"} %lu\n"
                   "# HELP judged_worker_pauses_total Times a worker stopped claiming work (engine down "
                   "or failing).\n"
                   "# TYPE judged_worker_pauses_total counter\njudged_worker_pauses_total %lu\n",
                   atomic_load(&engine_failures_judge), atomic_load(&engine_failures_probe),
                   atomic_load(&worker_pauses));
        if (cfg.workers) {
                struct workers_health h;
                workers_health(&h);
                buf_printf(out,
                           "# HELP judged_engine_up 1 while at least one worker of this process can judge (its "
                           "engine answers), else 0.\n"
                           "# TYPE judged_engine_up gauge\njudged_engine_up %d\n"
                           "# HELP judged_workers_paused Workers not claiming work because of their engine.\n"
                           "# TYPE judged_workers_paused gauge\njudged_workers_paused %d\n",
                           h.up > 0 ? 1 : 0, h.workers - h.up);
        }
        buf_puts(out, "# HELP judged_http_responses_total HTTP responses by status class.\n"
                      "# TYPE judged_http_responses_total counter\n");
        for (int c = 1; c <= 5; c++)
                buf_printf(out, "judged_http_responses_total{code=\"%dxx\"} %lu\n", c, atomic_load(&http_by_class[c]));
        if (cfg.api)
                buf_printf(out, "# HELP judged_sse_streams Event streams open (live push).\n"
                                "# TYPE judged_sse_streams gauge\njudged_sse_streams %ld\n",
                           sse_clients());
        if (cfg.api) {
                struct boardcache_me_stats st;
                boardcache_me_stats(&st);
                buf_printf(out,
                           "# HELP judged_board_me_total GET .../leaderboard/me: answered from a replica of the "
                           "board in this process, or from Redis.\n"
                           "# TYPE judged_board_me_total counter\n"
                           "judged_board_me_total{from=\"replica\"} %lu\n"
                           "judged_board_me_total{from=\"redis\"} %lu\n"
                           "# HELP judged_board_replica_updates_total Board replicas loaded whole, caught up "
                           "from the change log, or dropped on a Redis failure.\n"
                           "# TYPE judged_board_replica_updates_total counter\n"
                           "judged_board_replica_updates_total{how=\"load\"} %lu\n"
                           "judged_board_replica_updates_total{how=\"catch_up\"} %lu\n"
                           "judged_board_replica_updates_total{how=\"failed\"} %lu\n",
                           st.hits, st.misses, st.loads, st.catchups, st.failures);
        }
        render_hist(out, "judged_judge_seconds", "Time to judge one submission (container included).", &judge_hist);
        render_hist(out, "judged_submission_latency_seconds", "From submission to final result (queue wait included).",
                    &e2e_hist);
        /* the queue and the database are asked only while the text is whole */
        long len = 0, pending = 0;
        if (!buf_err(out) && q && queue_depth(q, &len, &pending, NULL) >= 0)
                buf_printf(out,
                           "# HELP judged_queue_length Entries in the Redis stream (waiting or being judged).\n"
                           "# TYPE judged_queue_length gauge\njudged_queue_length %ld\n"
                           "# HELP judged_queue_pending Entries delivered to a worker and not yet acknowledged.\n"
                           "# TYPE judged_queue_pending gauge\njudged_queue_pending %ld\n",
                           len, pending);
        long queued = 0, running = 0;
        if (!buf_err(out) && s && store_counts(s, &queued, &running, NULL) >= 0)
                buf_printf(out,
                           "# HELP judged_submissions Unfinished submissions in PostgreSQL, by status.\n"
                           "# TYPE judged_submissions gauge\njudged_submissions{status=\"queued\"} %ld\n"
                           "judged_submissions{status=\"running\"} %ld\n",
                           queued, running);
        return buf_err(out);
}
