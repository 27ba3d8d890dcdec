#include "validate/pool.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "base/clock.h"

void pool_task_clear(struct pool_task *t) {
        if (t)
                t->res = judge_result_free(t->res);
}

bool pool_should_retry(int rc, const struct judge_error *err, int attempt, bool interrupted) {
        /* A verdict is the solution's (rc >= 0): judging it again would hide a flaky solution.
         * A failure is the judge's (engine, runner) unless it says the input itself is at fault;
         * its kind is set where it arose (an engine's 400 is -EINVAL too, so errno cannot tell). */
        return rc < 0 && !interrupted && !judge_err_is_permanent(err) && attempt < POOL_MAX_ATTEMPTS;
}

void pool_judge_task(pool_judge_fn judge, void *worker, struct pool_task *t, const atomic_int *interrupted) {
        double t0 = mono_now_s();
        struct judge_error first = { 0 };
        for (t->attempts = 1;; t->attempts++) {
                t->res = judge_result_free(t->res);
                if (t->attempts == 2)
                        first = t->err;
                t->err = (struct judge_error){ 0 };
                t->rc = judge(worker, t->item, &t->res, &t->err);
                if (t->rc >= 0 && !t->res)
                        t->rc = judge_err(&t->err, -EPROTO, "the judge returned no result");
                if (t->rc < 0)
                        t->res = judge_result_free(t->res);
                if (!pool_should_retry(t->rc, &t->err, t->attempts, interrupted && *interrupted))
                        break;
        }
        if (t->rc >= 0 && t->attempts > 1)
                t->err = first;
        t->wall_s = mono_now_s() - t0;
}

size_t pool_workers(long jobs, size_t n_tasks) {
        size_t n = jobs < 1 ? 1 : jobs > POOL_MAX_WORKERS ? POOL_MAX_WORKERS : (size_t) jobs;
        if (n > n_tasks)
                n = n_tasks;
        return n ? n : 1;
}

struct pool_state {
        const struct pool *p;
        struct pool_task *const *tasks;
        size_t n_tasks, next, finished;
        pthread_mutex_t lock;
};

struct pool_worker {
        struct pool_state *st;
        void *ctx;
        pthread_t thread;
};

static bool interrupted(const struct pool *p) {
        return p->interrupted && *p->interrupted;
}

static void *worker_main(void *arg) {
        struct pool_worker *w = arg;
        struct pool_state *st = w->st;
        const struct pool *p = st->p;
        for (;;) {
                pthread_mutex_lock(&st->lock);
                if (interrupted(p) || st->next >= st->n_tasks) {
                        pthread_mutex_unlock(&st->lock);
                        return NULL;
                }
                struct pool_task *t = st->tasks[st->next++];
                pthread_mutex_unlock(&st->lock);

                pool_judge_task(p->judge, w->ctx, t, p->interrupted);

                pthread_mutex_lock(&st->lock);
                t->done = true;
                st->finished++;
                if (p->on_done && !interrupted(p))
                        p->on_done(p->userdata, t, st->finished, st->n_tasks);
                pthread_mutex_unlock(&st->lock);
        }
}

int pool_run(const struct pool *p, void *const *workers, size_t n_workers, struct pool_task *const *tasks,
             size_t n_tasks) {
        if (n_workers == 0 || n_workers > POOL_MAX_WORKERS)
                return -EINVAL;
        struct pool_state st = { .p = p, .tasks = tasks, .n_tasks = n_tasks, .lock = PTHREAD_MUTEX_INITIALIZER };
        struct pool_worker w[POOL_MAX_WORKERS] = { 0 };
        size_t started = 0;
        for (size_t i = 0; i < n_workers; i++) {
                w[i] = (struct pool_worker){ .st = &st, .ctx = workers[i] };
                if (pthread_create(&w[i].thread, NULL, worker_main, &w[i]) != 0)
                        break;
                started++;
        }
        if (started == 0)
                worker_main(&w[0]);
        for (size_t i = 0; i < started; i++)
                pthread_join(w[i].thread, NULL);
        pthread_mutex_destroy(&st.lock);
        return 0;
}
