/* The collect stage (stages.h): the runner's result document into case results. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "judge/stages.h"

int judge_collector_new(const struct judge_plan *pl, struct resultdoc **ret, struct judge_error *err) {
        struct resultdoc_limits lim = {
                .doc_cap = pl->doc_cap,
                .text_cap = (size_t) pl->o.stdout_cap,
                .texts_total = (size_t) pl->o.output_limit,
                .keep_answers = pl->o.keep_answers,
        };
        int k = resultdoc_new(pl->p, pl->n_cases, &lim, pl->result, ret);
        return k < 0 ? judge_err(err, k, "out of memory") : 0;
}

/* The host's hard deadline: past it the verdict is TLE, whatever ran. */
static void deadline_passed(struct resultdoc *d, size_t n_cases, struct judge_result *r) {
        size_t i = 0;
        struct judge_error perr = { 0 };
        if (resultdoc_finish(d, &perr) >= 0)
                while (i < n_cases && r->cases[i].run)
                        i++;
        if (i < n_cases) {
                r->cases[i].run = true;
                r->cases[i].verdict = VERDICT_TLE;
                free(r->cases[i].error);
                r->cases[i].error =
                        strdup("the judgement's wall-clock deadline passed: the container was killed");
        }
}

int judge_collect(struct resultdoc *d, const struct judge_run_facts *f, size_t n_cases,
                  struct judge_result *r, struct judge_error *err) {
        if (f->timed_out) {
                deadline_passed(d, n_cases, r);
                return 0;
        }
        int k = resultdoc_finish(d, err);
        if (k >= 0)
                return 0;
        if (f->oom_killed || f->exit_code == 137) {
                /* The cgroup's OOM killer took the runner itself (Podman does not set
                 * OOMKilled: a SIGKILL that the judge did not send is taken as one). */
                for (size_t i = 0; i < n_cases; i++)
                        r->cases[i].run = false;
                r->cases[0].run = true;
                r->cases[0].verdict = VERDICT_MLE;
                r->cases[0].error = strdup("the container ran out of memory");
                return 0;
        }
        const struct buf *eo = &f->errout;
        const char *tail = eo->len > 400 ? eo->data + eo->len - 400 : eo->data;
        return judge_err_prefix(err, "container exit code %d%s%s", f->exit_code, tail ? ", stderr: " : "",
                                tail ? tail : "");
}

int judge_parse_runner_output(const char *logs, size_t len, const struct problem *p, size_t n_cases,
                              struct judge_result *r, struct judge_error *err) {
        struct resultdoc_limits lim = { .doc_cap = len + 1 };
        _cleanup_(resultdoc_freep) struct resultdoc *d = NULL;
        int k = resultdoc_new(p, n_cases, &lim, r, &d);
        if (k < 0)
                return judge_err(err, k, "out of memory");
        (void) resultdoc_feed(d, logs ? logs : "", len); /* what went wrong, finish says */
        return resultdoc_finish(d, err);
}
