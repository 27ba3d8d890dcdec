#include "judge/judge.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge/resultdoc.h"
#include "judge/stages.h"

static const struct {
        const char *code, *name, *folder;
} verdicts[_VERDICT_MAX] = {
        [VERDICT_AC] = { "AC", "Accepted", "accepted" },
        [VERDICT_WA] = { "WA", "Wrong Answer", "wrong_answer" },
        [VERDICT_TLE] = { "TLE", "Time Limit Exceeded", "time_limit_exceeded" },
        [VERDICT_MLE] = { "MLE", "Memory Limit Exceeded", "memory_limit_exceeded" },
        [VERDICT_RE] = { "RE", "Runtime Error", "runtime_error" },
        [VERDICT_CE] = { "CE", "Compile Error", "compile_error" },
        [VERDICT_OLE] = { "OLE", "Output Limit Exceeded", "output_limit_exceeded" },
        [VERDICT_IE] = { "IE", "Internal Error", "internal_error" },
};

const char *verdict_code(enum verdict v) {
        return v < _VERDICT_MAX ? verdicts[v].code : "IE";
}

const char *verdict_name(enum verdict v) {
        return v < _VERDICT_MAX ? verdicts[v].name : "Internal Error";
}

int verdict_parse(const char *s, enum verdict *ret) {
        for (int v = 0; v < _VERDICT_MAX; v++)
                if (strcasecmp(s, verdicts[v].code) == 0 || strcmp(s, verdicts[v].folder) == 0) {
                        *ret = (enum verdict) v;
                        return 0;
                }
        return -EINVAL;
}

void case_result_clear(struct case_result *c) {
        free(c->answer);
        free(c->stdout_text);
        free(c->stderr_text);
        free(c->error);
        *c = (struct case_result){ 0 };
}

struct judge_result *judge_result_free(struct judge_result *r) {
        if (!r)
                return NULL;
        for (size_t i = 0; i < r->n_cases; i++)
                case_result_clear(&r->cases[i]);
        free(r->cases);
        free(r->message);
        free(r->compile_output);
        free(r->image);
        free(r);
        return NULL;
}

/* A judgement, stage after stage (stages.h). Errors come back as they arose, kind unset where
 * the stage left it to this caller. */
static int judge_submission_once(struct engine *e, const struct problem *p, const struct lang *l, const char *code,
                                 size_t code_len, const struct judge_options *opts, struct judge_result **ret,
                                 struct judge_error *err) {
        double t0 = mono_now_ms();
        _cleanup_(judge_plan_clear) struct judge_plan plan = { 0 };
        _cleanup_(judge_run_facts_clear) struct judge_run_facts facts = { .exit_code = -1 };
        _cleanup_(resultdoc_freep) struct resultdoc *collector = NULL;
        int k = judge_prepare(p, l, code, code_len, opts, &plan, err);
        if (k < 0)
                return k;
        if ((k = judge_collector_new(&plan, &collector, err)) < 0)
                return k;
        if ((k = judge_run(e, &plan, collector, &facts, err)) < 0)
                return k;
        if ((k = judge_collect(collector, &facts, plan.n_cases, plan.result, err)) < 0)
                return k;
        if ((k = judge_decide(p, plan.o.stop_at_failure, plan.result, err)) < 0)
                return k;
        plan.result->wall_ms = mono_now_ms() - t0;
        *ret = TAKE_PTR(plan.result);
        return 0;
}

int judge_submission(struct engine *e, const struct problem *p, const struct lang *l, const char *code,
                     size_t code_len, const struct judge_options *opts, struct judge_result **ret,
                     struct judge_error *err) {
        struct judge_error e1 = { 0 };
        int r = judge_submission_once(e, p, l, code, code_len, opts, ret, &e1);
        if (r >= 0)
                return r;
        /* Not the submission's fault unless said so where it arose (prepare's checks): the host,
         * the engine, the runner, the problem set. */
        if (!e1.code)
                judge_err(&e1, r, "%s", strerror(-r));
        judge_err_classify(&e1, r, JUDGE_ERR_TRANSIENT);
        if (err)
                *err = e1;
        return r;
}

int judge_remove_labelled(struct engine *e, const char *label, struct judge_error *err) {
        _cleanup_(engine_strv_freep) char **ids = NULL, **vols = NULL;
        int k = engine_container_list(e, label, &ids, err);
        if (k < 0)
                return k;
        int n = 0;
        for (char **id = ids; id && *id; id++) {
                if ((k = engine_container_remove(e, *id, err)) < 0)
                        return k;
                n++;
        }
        /* Volumes after containers: a volume still mounted cannot go. */
        if ((k = engine_volume_list(e, label, &vols, err)) < 0)
                return k;
        for (char **v = vols; v && *v; v++) {
                if ((k = engine_volume_remove(e, *v, err)) < 0)
                        return k;
                n++;
        }
        return n;
}

/* ---- the result as JSON ---- */

static int json_str_or_null(struct buf *b, const char *s) {
        return s ? buf_json_string(b, s, strlen(s)) : buf_puts(b, "null");
}

static int case_input_json(const struct test_case *tc, struct buf *b) {
        int k;
        buf_puts(b, ",\"input\":{");
        if (tc->calls) {
                buf_puts(b, "\"calls\":");
                if ((k = problem_value_json(tc->calls, b)) < 0)
                        return k;
                buf_puts(b, ",");
        }
        buf_puts(b, "\"args\":");
        if ((k = problem_value_json(tc->args, b)) < 0)
                return k;
        return buf_puts(b, "}");
}

/* Case i of r, as judge_result_json shows it (nothing when this view leaves it out). The appends
 * need no checks of their own: the buffer's error is sticky (buf.h). */
static int case_json(const struct judge_result *r, const struct problem *p, size_t i, bool admin, bool *first,
                     struct buf *b) {
        const struct case_result *c = &r->cases[i];
        const struct test_case *tc = &p->cases[i];
        bool failing = (long) i == r->first_failed;
        /* after the first failure: withheld (admins see them unless the result stopped) */
        bool after = r->first_failed >= 0 && (long) i > r->first_failed;
        bool withheld = c->withheld || (after && !admin);
        /* The user's view: sample cases in full; hidden ones only the failing one, or all
         * of them (figures only) when every case passed. */
        if (!admin && tc->hidden && !failing && (withheld || r->verdict != VERDICT_AC))
                return 0;
        bool details = admin || !tc->hidden; /* input, expected, actual, stdout, stderr */
        int k;
        buf_printf(b, "%s{\"index\":%zu,\"hidden\":%s,\"name\":", *first ? "" : ",", i,
                   tc->hidden ? "true" : "false");
        *first = false;
        json_str_or_null(b, !tc->hidden || admin ? tc->name : NULL);
        if (withheld)
                return buf_puts(b, ",\"status\":\"withheld\"}");
        buf_printf(b, ",\"status\":\"%s\",\"time_ms\":%.3f,\"memory_kb\":%ld",
                   c->run ? verdict_code(c->verdict) : "skipped", c->time_ms, c->memory_kb);
        /* a failing hidden case's input, if the problem allows it */
        bool show_input = details || (failing && !p->hidden_failure_none);
        if (show_input && (failing || (details && !admin && c->run)) && (k = case_input_json(tc, b)) < 0)
                return k;
        if (details && (failing || (!admin && c->run))) {
                buf_puts(b, ",\"expected\":");
                if ((k = problem_value_json(tc->expected, b)) < 0)
                        return k;
                buf_puts(b, ",\"actual\":");
                buf_puts(b, c->answer && !c->answer_truncated ? c->answer : "null");
                if (c->answer && c->answer_truncated) {
                        buf_puts(b, ",\"actual_preview\":");
                        buf_json_string(b, c->answer, strlen(c->answer));
                }
                if (c->answer)
                        buf_printf(b,
                                   ",\"actual_truncated\":%s,\"actual_bytes\":%zu,\"actual_sha256\":\"%s\"",
                                   c->answer_truncated ? "true" : "false", c->answer_bytes, c->answer_sha256);
        }
        if (c->run && details) {
                buf_puts(b, ",\"stdout\":");
                json_str_or_null(b, c->stdout_text);
                buf_puts(b, ",\"stderr\":");
                json_str_or_null(b, c->stderr_text);
                buf_printf(b, ",\"truncated\":%s", c->truncated ? "true" : "false");
        }
        /* A runtime error's message is the user's own text and may spell out the input:
         * for a hidden case, shown only where the input is. */
        if (c->run && (details || (failing && (show_input || c->verdict != VERDICT_RE)))) {
                buf_puts(b, ",\"error\":");
                json_str_or_null(b, c->error);
        }
        return buf_puts(b, "}");
}

int judge_result_json(const struct judge_result *r, const struct problem *p, const struct lang *l, bool admin,
                      struct buf *b) {
        buf_printf(b, "{\"verdict\":\"%s\",\"verdict_name\":\"%s\",\"message\":", verdict_code(r->verdict),
                   verdict_name(r->verdict));
        json_str_or_null(b, r->message);
        buf_printf(b,
                   ",\"problem\":\"%s\",\"language\":\"%s\",\"passed\":%zu,\"total\":%zu,"
                   "\"time_ms\":%.3f,\"memory_kb\":%ld,",
                   p->slug, l ? l->name : "", r->passed, r->n_cases, r->max_time_ms, r->max_memory_kb);
        /* wall_ms covers every case the runner ran, withheld ones too: for admins only */
        if (admin)
                buf_printf(b, "\"wall_ms\":%.1f,", r->wall_ms);
        buf_printf(b, "\"compile_ms\":%.1f,\"startup_ms\":%.1f,\"compile_output\":", r->compile_ms,
                   r->startup_ms);
        json_str_or_null(b, r->verdict == VERDICT_CE ? r->compile_output : NULL);
        buf_printf(b, ",\"first_failed\":%ld,\"cases\":[", r->first_failed);
        bool first = true;
        for (size_t i = 0; i < r->n_cases; i++) {
                int k = case_json(r, p, i, admin, &first, b);
                if (k < 0)
                        return k;
        }
        return buf_puts(b, "]}");
}
