/* The decide stage (stages.h): the verdict from the case results. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge/stages.h"

/* A case after the first failure, withheld: its results dropped. */
static void withhold(struct case_result *c) {
        case_result_clear(c);
        c->withheld = true;
}

/* The figures (passed, time, memory) count the cases up to the first failing one: the runner
 * keeps running later cases (Wrong Answer is decided on the host), but a submission stops at
 * its first failure. */
static void count_cases(struct judge_result *r) {
        r->first_failed = -1;
        r->passed = 0;
        for (size_t i = 0; i < r->n_cases; i++) {
                struct case_result *c = &r->cases[i];
                if (!c->run)
                        continue;
                if (r->first_failed >= 0) {
                        if (r->stopped)
                                withhold(c);
                        continue;
                }
                if (c->time_ms > r->max_time_ms)
                        r->max_time_ms = c->time_ms;
                if (c->memory_kb > r->max_memory_kb)
                        r->max_memory_kb = c->memory_kb;
                if (c->verdict == VERDICT_AC)
                        r->passed++;
                else
                        r->first_failed = (long) i;
        }
}

/* "Wrong Answer on hidden case 4", "Time Limit Exceeded on sample case 2 (name)": a hidden case
 * by its number only (its name may describe the input). */
static char *failure_message(const struct problem *p, const struct judge_result *r) {
        const struct test_case *tc = &p->cases[r->first_failed];
        bool named = tc->name && !tc->hidden;
        char msg[512];
        snprintf(msg, sizeof msg, "%s on %s case %zu%s%s%s", verdict_name(r->verdict),
                 tc->hidden ? "hidden" : "sample",
                 tc->hidden ? (size_t) r->first_failed - p->n_sample + 1 : (size_t) r->first_failed + 1,
                 named ? " (" : "", named ? tc->name : "", named ? ")" : "");
        return strdup(msg);
}

int judge_decide(const struct problem *p, bool stop_at_failure, struct judge_result *r,
                 struct judge_error *err) {
        r->stopped = stop_at_failure;
        count_cases(r);
        if (r->verdict == VERDICT_CE) {
                r->message = strdup("Compile Error");
                return 0;
        }
        if (r->first_failed < 0) {
                /* Every case ran and passed, or (defensively) not: the runner skipped a case
                 * without a failure before it, which is the judge's failure, not a verdict. */
                if (r->passed != r->n_cases)
                        return judge_err_kind(err, JUDGE_ERR_TRANSIENT, -EIO, "not every case was run");
                r->verdict = VERDICT_AC;
                r->message = strdup("Accepted");
                return 0;
        }
        r->verdict = r->cases[r->first_failed].verdict;
        r->message = failure_message(p, r);
        return 0;
}
