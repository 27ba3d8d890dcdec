/* Judging many solutions at once (`judge validate -j N`), and when one is judged again.
 *
 * The pool knows nothing of engines or packages: the caller gives one opaque worker context per
 * thread (an engine connection each: libcurl handles are not shared between threads), one task
 * per solution, and the function that judges a task once. The retry policy is the pool's: the
 * judge's own failures are tried again, the solution's verdict never is. */
#pragma once

#include <stdatomic.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "judge/judge.h"

#define POOL_MAX_WORKERS 16
#define POOL_MAX_ATTEMPTS 2

/* Judge item once on worker (the caller's context for this thread). Returns >= 0 with *ret set:
 * a judgement, whatever its verdict; or a negative errno with err described, its kind set where
 * the failure arose (JUDGE_ERR_PERMANENT: trying again cannot help). *ret is NULL on entry. */
typedef int (*pool_judge_fn)(void *worker, void *item, struct judge_result **ret, struct judge_error *err);

/* One solution to judge: item is the caller's; the rest is written by the worker that took it. */
struct pool_task {
        void *item;
        bool done;              /* judged (successfully or not); false if never started */
        int rc;                 /* >= 0: res holds the judgement; < 0: the judge failed every attempt */
        int attempts;           /* 1..POOL_MAX_ATTEMPTS */
        struct judge_error err; /* rc < 0: the last failure; rc >= 0 and attempts > 1: the first,
                                 * which the retry got over (for a warning) */
        struct judge_result *res;
        double wall_s;          /* all attempts together */
};

/* Free the task's result; item is the caller's and is left alone. NULL-safe. */
void pool_task_clear(struct pool_task *t);

/* The retry policy: whether a failed attempt number attempt (1-based) is tried again. Only
 * failures (rc < 0) are; not the permanent ones (the submission's own input is at fault), not
 * after an interrupt, and at most POOL_MAX_ATTEMPTS attempts in all. */
bool pool_should_retry(int rc, const struct judge_error *err, int attempt, bool interrupted);

/* Judge t->item with judge on worker under the retry policy, filling t's results (not done,
 * which pool_run sets). interrupted may be NULL. */
void pool_judge_task(pool_judge_fn judge, void *worker, struct pool_task *t, const atomic_int *interrupted);

/* How many workers judge n_tasks with -j jobs: never more than there are tasks, at least 1,
 * at most POOL_MAX_WORKERS. */
size_t pool_workers(long jobs, size_t n_tasks);

struct pool {
        pool_judge_fn judge;
        /* Called after each task (done set), one call at a time under the pool's lock, in the
         * order tasks finish, unless interrupted; finished counts the tasks done so far. May be
         * NULL. */
        void (*on_done)(void *userdata, const struct pool_task *t, size_t finished, size_t total);
        void *userdata;
        const atomic_int *interrupted; /* when it becomes non-zero no task starts; NULL: never */
};

/* Judge every task, in order of the array, with n_workers threads: thread i passes workers[i]
 * to judge, and takes the next task not yet taken until none is left. Returns when all threads
 * have finished; tasks never started (interrupted) keep done false. If no thread can be created
 * the calling thread does the work on workers[0]. Returns 0, or -EINVAL when n_workers is 0 or
 * over POOL_MAX_WORKERS (nothing judged). */
int pool_run(const struct pool *p, void *const *workers, size_t n_workers, struct pool_task *const *tasks,
             size_t n_tasks);
