/* What judge_result_json shows (issue 8, class 4): the user's view of a result that failed on a
 * hidden case (stopped at the first failure, one hidden case, its input per "hidden_failure",
 * never a hidden case's output), the admin's full report, and a stopped result. No engine: the
 * result is built by hand on problems/two-sum (3 sample cases, 17 hidden). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "judge/judge.h"
#include "tap.h"

/* Case 5 (hidden case 3) is WA; every other case passed and printed "out-<i>". The figures are
 * set as finish_verdict sets them (stopped: later cases withheld, nothing kept). */
static struct judge_result *fake_result(const struct problem *p, bool stopped) {
        struct judge_result *r = calloc(1, sizeof *r);
        r->n_cases = p->n_cases;
        r->cases = calloc(r->n_cases, sizeof *r->cases);
        r->verdict = VERDICT_WA;
        r->message = strdup("Wrong Answer on hidden case 3");
        r->first_failed = 5;
        r->passed = 5;
        r->stopped = stopped;
        for (size_t i = 0; i < r->n_cases; i++) {
                struct case_result *c = &r->cases[i];
                if (stopped && i > 5) {
                        c->withheld = true;
                        continue;
                }
                char t[32];
                snprintf(t, sizeof t, "out-%zu", i);
                *c = (struct case_result){.run = true,
                                          .verdict = i == 5 ? VERDICT_WA : VERDICT_AC,
                                          .time_ms = (double)i,
                                          .memory_kb = 1000 + (long)i,
                                          .answer = strdup("[0,1]"),
                                          .stdout_text = strdup(t),
                                          .stderr_text = strdup("err"),
                                          .error = strdup("an error")};
        }
        return r;
}

static yajl_val view(const struct judge_result *r, const struct problem *p, bool admin, struct buf *b) {
        buf_reset(b);
        if (judge_result_json(r, p, NULL, admin, b) < 0)
                return NULL;
        return yajl_tree_parse(b->data, NULL, 0);
}

static yajl_val key(yajl_val v, const char *k) {
        const char *path[] = {k, NULL};
        return yajl_tree_get(v, path, yajl_t_any);
}

static yajl_val case_at(yajl_val doc, size_t index) {
        yajl_val cases = key(doc, "cases");
        for (size_t i = 0; cases && YAJL_IS_ARRAY(cases) && i < cases->u.array.len; i++) {
                yajl_val c = cases->u.array.values[i];
                yajl_val x = key(c, "index");
                if (x && YAJL_IS_INTEGER(x) && (size_t)YAJL_GET_INTEGER(x) == index)
                        return c;
        }
        return NULL;
}

static size_t n_cases(yajl_val doc) {
        yajl_val cases = key(doc, "cases");
        return cases && YAJL_IS_ARRAY(cases) ? cases->u.array.len : 0;
}

static const char *str(yajl_val c, const char *k) {
        yajl_val v = key(c, k);
        return v && YAJL_IS_STRING(v) ? v->u.string : "";
}

int main(void) {
        struct judge_error err = {0};
        struct problem *p = NULL;
        if (problem_load(SOURCE_ROOT "/problems/two-sum", &p, NULL, &err) < 0) {
                CHECK(false, "problems/two-sum loads: %s", err.msg);
                return tap_done();
        }
        CHECK(p->n_sample == 3 && p->n_cases == 20 && !p->hidden_failure_none,
              "two-sum: 3 + 17 cases, \"input\"");
        struct buf b;
        buf_init(&b, 1 << 20);

        /* judged: the result keeps every case; the user's view stops at the failure */
        struct judge_result *r = fake_result(p, false);
        yajl_val v = view(r, p, false, &b);
        CHECK(v != NULL, "user view is JSON");
        CHECK(n_cases(v) == 4, "user view: 3 samples + the failing hidden case (%zu cases)", n_cases(v));
        yajl_val f = case_at(v, 5);
        CHECK(f && strcmp(str(f, "status"), "WA") == 0 && key(f, "input") && !key(f, "expected") &&
                      !key(f, "actual") && !key(f, "stdout") && !key(f, "stderr"),
              "failing hidden case: status and input, no expected/actual/stdout/stderr");
        CHECK(f && key(f, "error"), "failing hidden case: its error shown with its input");
        CHECK(!strstr(b.data, "out-5") && !strstr(b.data, "out-6") && !strstr(b.data, "out-19") &&
                      !key(v, "wall_ms"),
              "no hidden case's stdout anywhere, no wall time");
        yajl_val s0 = case_at(v, 0);
        CHECK(s0 && key(s0, "input") && key(s0, "expected") && key(s0, "actual") &&
                      strcmp(str(s0, "stdout"), "out-0") == 0,
              "sample case in full");
        yajl_tree_free(v);

        p->hidden_failure_none = true;
        v = view(r, p, false, &b);
        f = case_at(v, 5);
        CHECK(f && strcmp(str(f, "status"), "WA") == 0 && !key(f, "input"),
              "\"none\": failing hidden case without input");
        yajl_tree_free(v);
        r->cases[5].verdict = VERDICT_RE;
        v = view(r, p, false, &b);
        f = case_at(v, 5);
        CHECK(f && strcmp(str(f, "status"), "RE") == 0 && !key(f, "input") && !key(f, "error"),
              "\"none\": a runtime error's message (the user's text) withheld too");
        yajl_tree_free(v);
        r->cases[5].verdict = VERDICT_TLE;
        v = view(r, p, false, &b);
        f = case_at(v, 5);
        CHECK(f && !key(f, "input") && key(f, "error"),
              "\"none\": a limit's error (the judge's own text) is shown");
        r->cases[5].verdict = VERDICT_WA;
        p->hidden_failure_none = false;
        yajl_tree_free(v);

        v = view(r, p, true, &b);
        CHECK(n_cases(v) == 20 && strcmp(str(case_at(v, 19), "status"), "AC") == 0 &&
                      strcmp(str(case_at(v, 19), "stdout"), "out-19") == 0,
              "admin: all 20 cases with statuses and stdout");
        f = case_at(v, 5);
        CHECK(f && key(f, "input") && key(f, "expected") && key(f, "actual"), "admin: failing case in full");
        yajl_tree_free(v);
        judge_result_free(r);

        /* judge run: a stopped result shows later cases as withheld, to admins too */
        r = fake_result(p, true);
        v = view(r, p, true, &b);
        yajl_val w = case_at(v, 12);
        CHECK(n_cases(v) == 20 && w && strcmp(str(w, "status"), "withheld") == 0 && !key(w, "time_ms"),
              "stopped: later cases withheld, nothing but their status");
        yajl_tree_free(v);
        judge_result_free(r);

        /* accepted: hidden cases listed with their figures only */
        r = fake_result(p, false);
        r->verdict = VERDICT_AC;
        r->first_failed = -1;
        r->passed = 20;
        r->cases[5].verdict = VERDICT_AC;
        v = view(r, p, false, &b);
        f = case_at(v, 7);
        CHECK(n_cases(v) == 20 && f && strcmp(str(f, "status"), "AC") == 0 && !key(f, "stdout") &&
                      !key(f, "input"),
              "AC: every case listed, hidden ones without input or stdout");
        yajl_tree_free(v);
        judge_result_free(r);

        buf_free(&b);
        problem_free(p);
        return tap_done();
}
