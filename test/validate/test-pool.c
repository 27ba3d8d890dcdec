/* Unit tests for lib/validate/pool.c: the retry policy and the worker pool. No engine: the pool's
 * judge function (its one dependency) is a fake that plays a script of outcomes per solution. */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "validate/pool.h"
#include "tap.h"

/* What one attempt of the fake judge does. */
enum outcome { OK_AC, OK_WA, FAIL_UNSET, FAIL_TRANSIENT, FAIL_ENGINE, FAIL_PERMANENT, OK_NO_RESULT };

struct fake_item {
        enum outcome script[4]; /* outcome of attempt i; the last one repeats */
        size_t n_script;
        atomic_int calls;
        atomic_uintptr_t worker; /* the worker context of the last call */
        atomic_int *interrupt_on_call; /* set on the first call, if non-NULL */
};

static long fake_sleep_ns;

static int fake_judge(void *worker, void *item, struct judge_result **ret, struct judge_error *err) {
        struct fake_item *f = item;
        int n = atomic_fetch_add(&f->calls, 1);
        atomic_store(&f->worker, (uintptr_t) worker);
        if (f->interrupt_on_call)
                *f->interrupt_on_call = SIGINT;
        if (fake_sleep_ns) {
                struct timespec ts = { 0, fake_sleep_ns };
                nanosleep(&ts, NULL);
        }
        enum outcome o = f->script[(size_t) n < f->n_script ? (size_t) n : f->n_script - 1];
        switch (o) {
        case OK_AC:
        case OK_WA:
                *ret = calloc(1, sizeof **ret);
                if (!*ret)
                        return judge_err(err, -ENOMEM, "out of memory");
                (*ret)->verdict = o == OK_AC ? VERDICT_AC : VERDICT_WA;
                return 0;
        case OK_NO_RESULT: return 0;
        case FAIL_UNSET: return judge_err(err, -EIO, "unset failure %d", n + 1);
        case FAIL_TRANSIENT: return judge_err_kind(err, JUDGE_ERR_TRANSIENT, -EPROTO, "runner failure %d", n + 1);
        case FAIL_ENGINE: return judge_err_kind(err, JUDGE_ERR_ENGINE, -EINVAL, "engine said 400, attempt %d", n + 1);
        case FAIL_PERMANENT:
                return judge_err_kind(err, JUDGE_ERR_PERMANENT, -EINVAL, "unacceptable submission %d", n + 1);
        }
        return -EINVAL;
}

static void judge_script(const char *what, const enum outcome *script, size_t n, int want_rc_ok, int want_attempts,
                         const char *want_msg) {
        struct fake_item f = { .n_script = n };
        memcpy(f.script, script, n * sizeof *script);
        struct pool_task t = { .item = &f };
        pool_judge_task(fake_judge, NULL, &t, NULL);
        CHECK((t.rc >= 0) == want_rc_ok && t.attempts == want_attempts && atomic_load(&f.calls) == want_attempts,
              "%s: rc %d, %d attempt(s), %d call(s)", what, t.rc, t.attempts, atomic_load(&f.calls));
        if (want_msg)
                CHECK(strcmp(t.err.msg, want_msg) == 0, "%s: the error kept is '%s'", what, t.err.msg);
        CHECK(want_rc_ok ? t.res != NULL : t.res == NULL, "%s: a result only on success", what);
        CHECK(t.wall_s >= 0 && !t.done, "%s: wall time measured; done is pool_run's", what);
        pool_task_clear(&t);
}

static void test_retry_policy(void) {
        struct judge_error transient = { .code = -EIO, .kind = JUDGE_ERR_TRANSIENT };
        struct judge_error engine = { .code = -EINVAL, .kind = JUDGE_ERR_ENGINE };
        struct judge_error unset = { .code = -EIO };
        struct judge_error permanent = { .code = -EINVAL, .kind = JUDGE_ERR_PERMANENT };
        CHECK(!pool_should_retry(0, &unset, 1, false), "a judgement (any verdict) is never retried");
        CHECK(pool_should_retry(-EIO, &transient, 1, false), "a transient failure is retried");
        CHECK(pool_should_retry(-EINVAL, &engine, 1, false), "an engine failure is retried, though -EINVAL");
        CHECK(pool_should_retry(-EIO, &unset, 1, false), "an unclassified failure counts as transient");
        CHECK(!pool_should_retry(-EINVAL, &permanent, 1, false), "a permanent failure is not retried");
        CHECK(!pool_should_retry(-EIO, &transient, 1, true), "nothing is retried after an interrupt");
        CHECK(!pool_should_retry(-EIO, &transient, POOL_MAX_ATTEMPTS, false), "at most %d attempts",
              POOL_MAX_ATTEMPTS);

        judge_script("AC", (enum outcome[]){ OK_AC }, 1, 1, 1, NULL);
        judge_script("WA (the solution's verdict)", (enum outcome[]){ OK_WA, OK_AC }, 2, 1, 1, NULL);
        judge_script("transient then AC", (enum outcome[]){ FAIL_TRANSIENT, OK_AC }, 2, 1, 2, "runner failure 1");
        judge_script("engine 400 then WA", (enum outcome[]){ FAIL_ENGINE, OK_WA }, 2, 1, 2,
                     "engine said 400, attempt 1");
        judge_script("unset twice", (enum outcome[]){ FAIL_UNSET }, 1, 0, 2, "unset failure 2");
        judge_script("transient twice", (enum outcome[]){ FAIL_TRANSIENT }, 1, 0, 2, "runner failure 2");
        judge_script("permanent", (enum outcome[]){ FAIL_PERMANENT, OK_AC }, 2, 0, 1, "unacceptable submission 1");
        judge_script("transient then permanent", (enum outcome[]){ FAIL_TRANSIENT, FAIL_PERMANENT }, 2, 0, 2,
                     "unacceptable submission 2");
        judge_script("success without a result", (enum outcome[]){ OK_NO_RESULT, OK_AC }, 2, 1, 2,
                     "the judge returned no result");

        /* An interrupt during the first attempt: its failure is final. */
        atomic_int stop = 0;
        struct fake_item f = { .script = { FAIL_TRANSIENT, OK_AC }, .n_script = 2, .interrupt_on_call = &stop };
        struct pool_task t = { .item = &f };
        pool_judge_task(fake_judge, NULL, &t, &stop);
        CHECK(t.rc < 0 && t.attempts == 1 && atomic_load(&f.calls) == 1, "interrupted: not retried (%d attempts)",
              t.attempts);
        pool_task_clear(&t);
}

static void test_workers(void) {
        CHECK(pool_workers(1, 10) == 1, "-j 1: one worker");
        CHECK(pool_workers(4, 2) == 2, "no more workers than solutions");
        CHECK(pool_workers(16, 100) == 16, "-j 16: 16 workers");
        CHECK(pool_workers(99, 100) == POOL_MAX_WORKERS, "at most POOL_MAX_WORKERS");
        CHECK(pool_workers(0, 5) == 1 && pool_workers(3, 0) == 1, "at least one");
}

struct progress {
        size_t calls, last_finished, total;
        bool in_order;
        atomic_int *stop_after_3;
};

static void on_done(void *userdata, const struct pool_task *t, size_t finished, size_t total) {
        struct progress *p = userdata;
        p->calls++;
        p->in_order &= finished == p->last_finished + 1 && t->done;
        p->last_finished = finished;
        p->total = total;
        if (p->stop_after_3 && finished == 3)
                *p->stop_after_3 = SIGTERM;
}

#define N_TASKS 40

static void test_pool(void) {
        static struct fake_item items[N_TASKS];
        static struct pool_task tasks[N_TASKS];
        struct pool_task *queue[N_TASKS];
        for (size_t i = 0; i < N_TASKS; i++) {
                items[i] = (struct fake_item){ .n_script = 2 };
                items[i].script[0] = i % 5 == 0 ? FAIL_ENGINE : i % 7 == 0 ? FAIL_PERMANENT : OK_WA;
                items[i].script[1] = OK_AC;
                tasks[i] = (struct pool_task){ .item = &items[i] };
                queue[i] = &tasks[i];
        }
        int ctx[4];
        void *workers[4] = { &ctx[0], &ctx[1], &ctx[2], &ctx[3] };
        struct progress pr = { .in_order = true };
        struct pool p = { .judge = fake_judge, .on_done = on_done, .userdata = &pr };
        fake_sleep_ns = 2 * 1000 * 1000;
        CHECK(pool_run(&p, workers, 4, queue, N_TASKS) == 0, "pool_run with 4 workers");
        fake_sleep_ns = 0;
        bool all_done = true, right = true, known_worker = true;
        bool used[4] = { false };
        for (size_t i = 0; i < N_TASKS; i++) {
                struct pool_task *t = &tasks[i];
                all_done &= t->done;
                int want_calls = items[i].script[0] == FAIL_ENGINE ? 2 : 1;
                right &= atomic_load(&items[i].calls) == want_calls && t->attempts == want_calls;
                right &= items[i].script[0] == FAIL_PERMANENT ? t->rc < 0 && !t->res
                         : items[i].script[0] == FAIL_ENGINE  ? t->rc >= 0 && t->res->verdict == VERDICT_AC
                                                              : t->rc >= 0 && t->res->verdict == VERDICT_WA;
                uintptr_t w = atomic_load(&items[i].worker);
                bool found = false;
                for (size_t k = 0; k < 4; k++)
                        if (w == (uintptr_t) workers[k])
                                found = used[k] = true;
                known_worker &= found;
                pool_task_clear(t);
        }
        CHECK(all_done, "every task done");
        CHECK(right, "each judged once, the engine failures twice, with the policy's outcome");
        CHECK(known_worker, "each judged on one of the given worker contexts");
        CHECK(used[0] + used[1] + used[2] + used[3] >= 2, "more than one worker took tasks (%d)",
              used[0] + used[1] + used[2] + used[3]);
        CHECK(pr.calls == N_TASKS && pr.in_order && pr.total == N_TASKS,
              "on_done once per task, finished counting 1..%d (%zu calls)", N_TASKS, pr.calls);

        /* An interrupt: no task starts after it, on_done is not called for the one running. */
        atomic_int stop = 0;
        for (size_t i = 0; i < N_TASKS; i++) {
                items[i] = (struct fake_item){ .script = { OK_AC }, .n_script = 1 };
                tasks[i] = (struct pool_task){ .item = &items[i] };
        }
        pr = (struct progress){ .in_order = true, .stop_after_3 = &stop };
        p.interrupted = &stop;
        CHECK(pool_run(&p, workers, 1, queue, N_TASKS) == 0, "pool_run with 1 worker, interrupted after 3");
        size_t done = 0;
        for (size_t i = 0; i < N_TASKS; i++) {
                done += tasks[i].done;
                pool_task_clear(&tasks[i]);
        }
        CHECK(done == 3 && pr.calls == 3 && !tasks[3].done && atomic_load(&items[3].calls) == 0,
              "interrupted: 3 tasks done, the rest never started (%zu done)", done);

        CHECK(pool_run(&p, workers, 0, queue, N_TASKS) == -EINVAL, "no workers: -EINVAL");
        void *many[POOL_MAX_WORKERS + 1] = { 0 };
        CHECK(pool_run(&p, many, POOL_MAX_WORKERS + 1, queue, N_TASKS) == -EINVAL, "too many workers: -EINVAL");
        stop = 0;
        CHECK(pool_run(&p, workers, 2, queue, 0) == 0, "no tasks: nothing to do");
}

int main(void) {
        test_retry_policy();
        test_workers();
        test_pool();
        return tap_done();
}
