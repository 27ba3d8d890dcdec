/* Fuzz target for the runner's result document reader (lib/judge/resultdoc.c, with jsonlex and
 * streamcmp under it). The input is a container's stdout; its first byte (mod 4) picks the
 * problem the answers are compared against (text before the marker is ignored by the reader,
 * so seeds start with "0\n", "1\n"...).
 *
 * Checked: no crash; the result is 0, -EPROTO or -EFBIG; a failure leaves no case run; feeding
 * in two pieces at every 37th split point (64 points for long inputs) (and a byte at a time, for short
 * inputs) gives the same result and verdicts; what is kept of an answer is at most its preview; and each
 * compared answer's verdict is compare_case's on the yajl tree of the same text. End to end, as
 * the judge's stages read it (lib/judge/stages.h): judge_parse_runner_output (collect on a
 * buffer) gives the same result as the stream, and judge_decide then gives a verdict that is
 * never IE (AC only when every case ran and passed; the withheld cases after the first failure
 * with stop_at_failure), or the one judge error it knows (-EIO, transient).
 *
 * Built with -DJUDGE_LIBFUZZER and -fsanitize=fuzzer it is a libFuzzer target; otherwise main()
 * (replay.c) replays every corpus file given as arguments (meson test, suite 'fuzz'). */
#define _GNU_SOURCE 1
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"
#include "judge/judge.h"
#include "judge/resultdoc.h"
#include "judge/stages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const problems[4][2] = {
        {"{\"format\":1,\"slug\":\"p\",\"title\":\"P\",\"difficulty\":\"easy\",\"limits\":{\"time_ms\":1000,"
         "\"memory_mb\":256},\"signature\":{\"kind\":\"function\",\"name\":\"f\",\"params\":[{\"name\":\"n\","
         "\"type\":\"int\"}],\"returns\":\"int[]\"},\"compare\":{\"unordered\":1}}",
         "[{\"args\":[1],\"expected\":[0,1]},{\"args\":[2],\"expected\":[1,2,2]},{\"args\":[3],\"expected\":["
         "]}]"},
        {"{\"format\":1,\"slug\":\"p\",\"title\":\"P\",\"difficulty\":\"easy\",\"limits\":{\"time_ms\":1000,"
         "\"memory_mb\":256},\"signature\":{\"kind\":\"class\",\"name\":\"Bag\",\"constructor\":{\"params\":["
         "]},"
         "\"methods\":[{\"name\":\"add\",\"params\":[{\"name\":\"x\",\"type\":\"int\"}],\"returns\":\"void\"}"
         ","
         "{\"name\":\"all\",\"params\":[],\"returns\":\"int[]\"},{\"name\":\"avg\",\"params\":[],\"returns\":"
         "\"double\"}]},\"compare\":{\"unordered\":1,\"float_tolerance\":0.01}}",
         "[{\"calls\":[\"Bag\",\"add\",\"all\",\"avg\"],\"args\":[[],[1],[],[]],\"expected\":[null,null,[1],"
         "1]},"
         "{\"calls\":[\"Bag\",\"all\"],\"args\":[[],[]],\"expected\":[null,[]]},"
         "{\"calls\":[\"Bag\",\"avg\"],\"args\":[[],[]],\"expected\":[null,0.5]}]"},
        {"{\"format\":1,\"slug\":\"p\",\"title\":\"P\",\"difficulty\":\"easy\",\"limits\":{\"time_ms\":1000,"
         "\"memory_mb\":256},\"signature\":{\"kind\":\"function\",\"name\":\"f\",\"params\":[{\"name\":\"n\","
         "\"type\":\"int\"}],\"returns\":\"string[][]\"},\"compare\":{\"unordered\":2}}",
         "[{\"args\":[1],\"expected\":[[\"a\",\"b\"],[\"c\"]]},{\"args\":[2],\"expected\":[]},"
         "{\"args\":[3],\"expected\":[[\"\\u00e9\"]]}]"},
        {"{\"format\":1,\"slug\":\"p\",\"title\":\"P\",\"difficulty\":\"easy\",\"limits\":{\"time_ms\":1000,"
         "\"memory_mb\":256},\"signature\":{\"kind\":\"function\",\"name\":\"f\",\"params\":[{\"name\":\"n\","
         "\"type\":\"int\"}],\"returns\":\"TreeNode\"}}",
         "[{\"args\":[1],\"expected\":[1,null,2]},{\"args\":[2],\"expected\":[]},{\"args\":[3],"
         "\"expected\":[3,9,20,null,null,15,7]}]"},
};

static struct problem *loaded[4];

static struct problem *problem(size_t k) {
        if (!loaded[k]) {
                struct problem_source src = {
                        .problem_json = problems[k][0],
                        .problem_json_len = strlen(problems[k][0]),
                        .statement = "x",
                        .statement_len = 1,
                        .sample = problems[k][1],
                        .sample_len = strlen(problems[k][1]),
                        .hidden = "[]",
                        .hidden_len = 2,
                };
                if (problem_load_from_memory(&src, &loaded[k], NULL, NULL) < 0)
                        abort();
        }
        return loaded[k];
}

struct run {
        int rc;
        struct judge_result *r;
};

static struct run read_doc(const struct problem *p, const uint8_t *data, size_t size, size_t cut,
                           bool bytewise, const struct resultdoc_limits *lim) {
        struct run x = {0};
        x.r = calloc(1, sizeof *x.r);
        if (!x.r)
                abort();
        x.r->n_cases = p->n_cases;
        x.r->cases = calloc(p->n_cases, sizeof *x.r->cases);
        struct resultdoc *d = NULL;
        if (!x.r->cases || resultdoc_new(p, p->n_cases, lim, x.r, &d) < 0)
                abort();
        if (bytewise) {
                for (size_t i = 0; i < size; i++)
                        if (resultdoc_feed(d, (const char *)data + i, 1) < 0)
                                break;
        } else if (resultdoc_feed(d, (const char *)data, cut) >= 0)
                (void)resultdoc_feed(d, (const char *)data + cut, size - cut);
        x.rc = resultdoc_finish(d, NULL);
        resultdoc_free(d);
        return x;
}

static void same(const struct run *a, const struct run *b) {
        if (a->rc != b->rc)
                abort();
        for (size_t i = 0; i < a->r->n_cases; i++) {
                const struct case_result *x = &a->r->cases[i], *y = &b->r->cases[i];
                if (x->run != y->run || x->verdict != y->verdict || x->answer_bytes != y->answer_bytes ||
                    strcmp(x->answer_sha256, y->answer_sha256) != 0 || !x->answer != !y->answer ||
                    (x->answer && strcmp(x->answer, y->answer) != 0))
                        abort();
        }
}

/* The decide stage on what was read: a verdict, never IE, consistent with the cases; or the
 * transient error of a runner that skipped a case without a failure. */
static void decide(const struct problem *p, struct judge_result *r, bool stop) {
        struct judge_error err = {0};
        int k = judge_decide(p, stop, r, &err);
        if (k < 0) {
                if (k != -EIO || err.kind != JUDGE_ERR_TRANSIENT || r->verdict == VERDICT_CE)
                        abort();
                return;
        }
        if (r->verdict >= VERDICT_IE || !r->message || r->passed > r->n_cases)
                abort();
        if ((r->verdict == VERDICT_AC) != (r->first_failed < 0 && r->passed == r->n_cases))
                abort();
        if (r->first_failed >= 0 && r->cases[r->first_failed].verdict != r->verdict)
                abort();
        for (size_t i = r->first_failed >= 0 ? (size_t)r->first_failed + 1 : r->n_cases; stop && i < r->n_cases; i++)
                if (r->cases[i].run || r->cases[i].answer || r->cases[i].stdout_text)
                        abort(); /* withheld */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        const struct problem *p = problem(size ? data[0] % 4 : 0);
        struct run whole = read_doc(p, data, size, size, false, NULL);
        if (whole.rc != 0 && whole.rc != -EPROTO && whole.rc != -EFBIG)
                abort();
        for (size_t i = 0; i < p->n_cases; i++) {
                const struct case_result *c = &whole.r->cases[i];
                if (whole.rc < 0 && (c->run || c->answer))
                        abort(); /* a failure leaves nothing run */
                if (c->answer && (strlen(c->answer) > 1024 || strlen(c->answer) > c->answer_bytes))
                        abort();
        }
        for (size_t cut = 0; cut <= size; cut += size > 4096 ? size / 64 + 1 : 37) {
                struct run two = read_doc(p, data, size, cut, false, NULL);
                same(&whole, &two);
                judge_result_free(two.r);
        }
        if (size < 4096) {
                struct run bytes = read_doc(p, data, size, 0, true, NULL);
                same(&whole, &bytes);
                judge_result_free(bytes.r);
        }

        /* The answers kept whole: each verdict is compare_case's on the tree of the same text. */
        struct resultdoc_limits keep = {.keep_answers = true};
        struct run k = read_doc(p, data, size, size, false, &keep);
        if (k.rc != whole.rc)
                abort();
        for (size_t i = 0; k.rc == 0 && i < p->n_cases; i++) {
                const struct case_result *c = &k.r->cases[i];
                if (!c->run || !c->answer || (c->verdict != VERDICT_AC && c->verdict != VERDICT_WA))
                        continue;
                if (c->verdict != whole.r->cases[i].verdict)
                        abort();
                char eb[128];
                yajl_val v = yajl_tree_parse(c->answer, eb, sizeof eb);
                if (!v)
                        continue; /* yajl is not the reference for syntax (its limits differ) */
                bool eq = false;
                if (compare_case(p, &p->cases[i], v, &eq, NULL) < 0 || eq != (c->verdict == VERDICT_AC))
                        abort();
                yajl_tree_free(v);
        }
        judge_result_free(k.r);

        /* End to end: collect on the buffer (its cap: the input's size), then decide. */
        struct run e2e = {0};
        e2e.r = calloc(1, sizeof *e2e.r);
        if (!e2e.r || !(e2e.r->cases = calloc(p->n_cases, sizeof *e2e.r->cases)))
                abort();
        e2e.r->n_cases = p->n_cases;
        struct judge_error perr = {0};
        e2e.rc = judge_parse_runner_output((const char *)data, size, p, p->n_cases, e2e.r, &perr);
        if (e2e.rc < 0 && !perr.msg[0])
                abort();
        same(&whole, &e2e);
        if (e2e.rc == 0) {
                decide(p, e2e.r, false);
                decide(p, whole.r, true);
                if (e2e.r->verdict != whole.r->verdict || e2e.r->first_failed != whole.r->first_failed ||
                    e2e.r->passed != whole.r->passed)
                        abort();
        }
        judge_result_free(e2e.r);

        /* A tiny cap: no crash, and the same rules. */
        struct resultdoc_limits tiny = {.doc_cap = 64, .answer_preview = 3, .text_cap = 2};
        struct run t = read_doc(p, data, size, size / 2, false, &tiny);
        if (t.rc != 0 && t.rc != -EPROTO && t.rc != -EFBIG)
                abort();
        judge_result_free(t.r);
        judge_result_free(whole.r);
        return 0;
}

/* The problems loaded once for every input (see above). */
void fuzz_replay_done(void);
void fuzz_replay_done(void) {
        for (size_t k = 0; k < 4; k++)
                problem_free(loaded[k]);
}
