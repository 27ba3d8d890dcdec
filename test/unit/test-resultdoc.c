/* Unit tests for lib/judge/resultdoc.c: the runner's result document read as a stream, answers
 * compared on the fly, what is kept per case, and broken documents as judge errors. */
#define _GNU_SOURCE 1
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "judge/judge.h"
#include "judge/resultdoc.h"
#include "base/sha256.h"
#include "tap.h"
#include "testlib.h"

static struct judge_result *new_result(size_t n) {
        struct judge_result *r = calloc(1, sizeof *r);
        r->n_cases = n;
        r->cases = calloc(n ? n : 1, sizeof *r->cases);
        return r;
}

/* Read text (a whole log) in pieces of `piece` bytes; returns resultdoc_finish's result. */
static int read_doc(const struct problem *p, size_t n_cases, const struct resultdoc_limits *lim,
                    const char *text, size_t piece, struct judge_result **ret, struct judge_error *err) {
        struct judge_result *r = new_result(n_cases);
        struct resultdoc *d = NULL;
        int k = resultdoc_new(p, n_cases, lim, r, &d);
        if (k < 0)
                return k;
        size_t n = strlen(text);
        for (size_t off = 0; off < n; off += piece)
                if (resultdoc_feed(d, text + off, n - off < piece ? n - off : piece) < 0)
                        break;
        k = resultdoc_finish(d, err);
        resultdoc_free(d);
        *ret = r;
        return k;
}

static const char *PJ =
        "{\"format\":1,\"slug\":\"two-sum\",\"title\":\"Two Sum\",\"difficulty\":\"easy\","
        "\"limits\":{\"time_ms\":1000,\"memory_mb\":256},\"signature\":{\"kind\":\"function\","
        "\"name\":\"twoSum\",\"params\":[{\"name\":\"nums\",\"type\":\"int[]\"},{\"name\":"
        "\"target\",\"type\":\"int\"}],\"returns\":\"int[]\"},\"compare\":{\"unordered\":1}}";
static const char *SAMPLE = "[{\"args\":[[2,7,11,15],9],\"expected\":[0,1]},"
                            "{\"args\":[[3,2,4],6],\"expected\":[1,2]},"
                            "{\"args\":[[3,3],6],\"expected\":[0,1]}]";

#define CASE(st, ans, extra)                                                                                 \
        "{\"status\":\"" st "\",\"time_ms\":1.5,\"memory_kb\":900,\"answer\":" ans                           \
        ",\"stdout\":\"out\",\"stderr\":\"\",\"truncated\":false,\"error\":\"\"" extra "}"
#define DOC(cases)                                                                                           \
        "JUDGE-RESULT-V1\n{\"status\":\"ok\",\"message\":\"\",\"compile_output\":\"\",\"compile_time_ms\":"  \
        "3,"                                                                                                 \
        "\"time_ms\":4,\"memory_kb\":900,\"cases\":[" cases "]}\n"

static void test_verdicts(struct problem *p) {
        const char *doc = "noise before the marker\n" DOC(CASE("ok", "[1,0]", "") "," CASE(
                "ok", "[0,2]", "") "," CASE("runtime_error", "null", ",\"x\":[1,{}]"));
        for (size_t piece = 1; piece <= 4096; piece *= 8) {
                struct judge_result *r = NULL;
                struct judge_error e = {0};
                int k = read_doc(p, 3, NULL, doc, piece, &r, &e);
                CHECK(k == 0, "a valid document reads (pieces of %zu): %s", piece, e.msg);
                CHECK(r->cases[0].run && r->cases[0].verdict == VERDICT_AC, "case 0: AC (unordered)");
                CHECK(r->cases[1].run && r->cases[1].verdict == VERDICT_WA, "case 1: WA");
                CHECK(r->cases[2].run && r->cases[2].verdict == VERDICT_RE && !r->cases[2].answer,
                      "case 2: RE, no answer kept");
                CHECK(r->cases[0].time_ms == 1.5 && r->cases[0].memory_kb == 900, "time and memory");
                CHECK(r->cases[0].stdout_text && strcmp(r->cases[0].stdout_text, "out") == 0 &&
                              !r->cases[0].stderr_text && !r->cases[0].error,
                      "stdout kept, empty texts are NULL");
                CHECK(r->cases[0].answer && strcmp(r->cases[0].answer, "[1,0]") == 0 &&
                              !r->cases[0].answer_truncated && r->cases[0].answer_bytes == 5,
                      "a short answer is kept whole");
                struct sha256 s;
                char hex[65];
                sha256_init(&s);
                sha256_update(&s, "[1,0]", 5);
                sha256_hex(&s, hex);
                CHECK(strcmp(hex, r->cases[0].answer_sha256) == 0, "the answer's SHA-256");
                CHECK(r->compile_ms == 3, "compile time");
                judge_result_free(r);
        }
}

static void test_forward_compat(struct problem *p) {
        const char *doc =
                "JUDGE-RESULT-V1\n{\"status\":\"ok\",\"startup_ms\":12.5,\"startup_charged_ms\":0,"
                "\"future\":{\"status\":\"x\",\"cases\":[1,2]},\"cases\":[" CASE(
                        "ok", "[0,1]",
                        ",\"startup_ms\":3,\"nested\":{\"answer\":[9]}") "," CASE("ok", "[2,1]",
                                                                                  "") "," CASE("ok", "[1,0]",
                                                                                               "") "],"
                                                                                                   "\"after\""
                                                                                                   ":[[]]}";
        struct judge_result *r = NULL;
        struct judge_error e = {0};
        CHECK(read_doc(p, 3, NULL, doc, 5, &r, &e) == 0 && r->cases[0].verdict == VERDICT_AC &&
                      r->cases[1].verdict == VERDICT_AC,
              "unknown keys (startup_ms, nested objects) are skipped: %s", e.msg);
        judge_result_free(r);
}

/* Broken documents: an error of the judge (-EPROTO), never a verdict; no case is left "run". */
static void test_broken(struct problem *p) {
        static const struct {
                const char *doc, *what;
        } bad[] = {
                {"no marker at all\n{\"status\":\"ok\",\"cases\":[]}", "no marker"},
                {"JUDGE-RESULT-V1\n{\"status\":\"ok\",\"cases\":[" CASE("ok", "[1,0]", ""), "truncated"},
                {"JUDGE-RESULT-V1\n", "empty"},
                {"JUDGE-RESULT-V1\n[1,2]", "not an object"},
                {"JUDGE-RESULT-V1\n{\"status\":\"ok\",\"status\":\"ok\",\"cases\":[]}", "status twice"},
                {DOC(CASE("ok", "[1,0]", ",\"answer\":[1,0]") "," CASE("ok", "[1,2]",
                                                                       "") "," CASE("ok", "[1,0]", "")),
                 "answer twice"},
                {DOC(CASE("ok", "[1,0]", "") "," CASE("ok", "[1,2]", "")), "too few cases"},
                {DOC(CASE("ok", "[1,0]", "") "," CASE("ok", "[1,2]", "") "," CASE("ok", "[1,0]", "") "," CASE(
                         "ok", "[1,0]", "")),
                 "too many cases"},
                {"JUDGE-RESULT-V1\n{\"status\":1,\"cases\":[]}", "status of the wrong type"},
                {"JUDGE-RESULT-V1\n{\"status\":\"ok\",\"cases\":{}}", "cases of the wrong type"},
                {"JUDGE-RESULT-V1\n{\"status\":\"ok\",\"cases\":[1,2,3]}", "a case that is not an object"},
                {DOC(CASE("ok", "[1,0]", ",\"time_ms\":\"x\"") "," CASE("ok", "[1,2]",
                                                                        "") "," CASE("ok", "[1,0]", "")),
                 "time_ms of the wrong type (and twice)"},
                {DOC(CASE("weird", "[1,0]", "") "," CASE("ok", "[1,2]", "") "," CASE("ok", "[1,0]", "")),
                 "unknown status"},
                {DOC("{\"status\":\"ok\"}," CASE("ok", "[1,2]", "") "," CASE("ok", "[1,0]", "")),
                 "ok without answer"},
                {DOC(CASE("ok", "[1,0", "") "," CASE("ok", "[1,2]", "") "," CASE("ok", "[1,0]", "")),
                 "malformed answer"},
                {DOC(CASE("ok", "[1,0]", "") "," CASE("ok", "[01]", "") "," CASE("ok", "[1,0]", "")),
                 "a number with a leading zero"},
                {DOC(CASE("ok", "[\"\xff\"]", "") "," CASE("ok", "[1,2]", "") "," CASE("ok", "[1,0]", "")),
                 "bad UTF-8 in an answer"},
                {DOC(CASE("ok", "[1,0]", "") "," CASE("ok", "[1,2]", "") "," CASE("ok", "[1,0]", "")) "junk",
                 "text after the document"},
                {"JUDGE-RESULT-V1\n{\"status\":\"internal_error\",\"message\":\"harness failed: "
                 "probe\",\"cases\":[]}",
                 "the runner's internal error"},
        };
        for (size_t i = 0; i < ELEMENTSOF(bad); i++) {
                struct judge_result *r = NULL;
                struct judge_error e = {0};
                int k = read_doc(p, 3, NULL, bad[i].doc, 7, &r, &e);
                bool none_run = true;
                for (size_t c = 0; c < 3; c++)
                        none_run = none_run && !r->cases[c].run && !r->cases[c].answer;
                CHECK(k == -EPROTO && e.msg[0] && none_run, "broken document (%s): -EPROTO (%d): %s",
                      bad[i].what, k, e.msg);
                judge_result_free(r);
        }
        struct judge_result *r = NULL;
        struct judge_error e = {0};
        read_doc(p, 3, NULL, bad[ELEMENTSOF(bad) - 1].doc, 64, &r, &e);
        CHECK(strstr(e.msg, "harness failed: probe") != NULL, "the runner's message is passed on: %s", e.msg);
        judge_result_free(r);
}

static void test_markers(struct problem *p) {
        const char *doc = DOC(CASE("ok", "[9,9]", "") "," CASE("ok", "[9,9]", "") "," CASE("ok", "[9,9]", ""))
                DOC(CASE("ok", "[0,1]", "") "," CASE("ok", "[1,2]", "") "," CASE("ok", "[0,1]", "")) "\n  \n";
        struct judge_result *r = NULL;
        struct judge_error e = {0};
        int k = read_doc(p, 3, NULL, doc, 3, &r, &e);
        CHECK(k == 0 && r->cases[0].verdict == VERDICT_AC && r->cases[1].verdict == VERDICT_AC,
              "the last document counts: %s", e.msg);
        judge_result_free(r);
        doc = "JUDGE-RESULT-V\nJUDGE-JUDGE-RESULT-V1\n{\"status\":\"compile_error\",\"compile_output\":\"a."
              "cpp:1: error\","
              "\"cases\":[]}";
        k = read_doc(p, 3, NULL, doc, 1, &r, &e);
        CHECK(k == 0 && r->verdict == VERDICT_CE && r->compile_output && strstr(r->compile_output, "a.cpp:1"),
              "compile error, marker after a partial one");
        judge_result_free(r);
}

static void test_previews(struct problem *p) {
        /* 20000 numbers: the preview is 1 KiB, the hash is of the whole text */
        struct buf b, a;
        buf_init(&b, 1 << 24);
        buf_init(&a, 1 << 24);
        int k = buf_puts(&a, "[0");
        for (int i = 1; k >= 0 && i < 20000; i++)
                k = buf_printf(&a, ",%d", i % 7 ? 1 : 0);
        k = k < 0 ? k : buf_puts(&a, "]");
        k = k < 0 ? k
                  : buf_printf(
                            &b,
                            "JUDGE-RESULT-V1\n{\"status\":\"ok\",\"cases\":[{\"status\":\"ok\",\"answer\":%s,"
                            "\"stdout\":\"%s\",\"truncated\":false},",
                            a.data, "0123456789012345678901234567890123456789");
        k = k < 0 ? k : buf_puts(&b, CASE("ok", "[1,2]", "") "," CASE("ok", "[1,0]", "") "]}");
        struct judge_result *r = NULL;
        struct judge_error e = {0};
        struct resultdoc_limits lim = {.text_cap = 10};
        k = read_doc(p, 3, &lim, b.data, 1000, &r, &e);
        struct sha256 s;
        char hex[65];
        sha256_init(&s);
        sha256_update(&s, a.data, a.len);
        sha256_hex(&s, hex);
        const struct case_result *c = &r->cases[0];
        CHECK(k == 0 && c->verdict == VERDICT_WA && c->answer && c->answer_truncated &&
                      strlen(c->answer) <= 1024 && strncmp(c->answer, a.data, strlen(c->answer)) == 0 &&
                      c->answer_bytes == a.len,
              "a long answer: WA, a 1 KiB preview and its length (%zu of %zu)",
              c->answer ? strlen(c->answer) : 0, c->answer_bytes);
        CHECK(strcmp(c->answer_sha256, hex) == 0, "a long answer: SHA-256 of the whole text");
        CHECK(c->stdout_text && strcmp(c->stdout_text, "0123456789") == 0 && c->truncated,
              "stdout capped at text_cap, marked truncated");
        judge_result_free(r);
        lim = (struct resultdoc_limits){.keep_answers = true};
        k = read_doc(p, 3, &lim, b.data, 4096, &r, &e);
        CHECK(k == 0 && r->cases[0].answer && strcmp(r->cases[0].answer, a.data) == 0 &&
                      !r->cases[0].answer_truncated,
              "keep_answers keeps the whole answer");
        judge_result_free(r);

        /* over the cap: a judge error, unless the runner reported an output limit before it */
        lim = (struct resultdoc_limits){.doc_cap = 4096};
        k = read_doc(p, 3, &lim, b.data, 4096, &r, &e);
        CHECK(k == -EFBIG && !r->cases[0].run, "a document over its cap: -EFBIG (%s)", e.msg);
        judge_result_free(r);
        buf_reset(&b);
        k = buf_printf(&b,
                       "JUDGE-RESULT-V1\n{\"status\":\"ok\",\"cases\":[" CASE(
                               "ok", "[0,1]", "") ","
                                                  "{\"status\":\"output_limit\",\"answer\":null,\"error\":"
                                                  "\"over\"},{\"status\":\"not_run\","
                                                  "\"answer\":%s}]}",
                       a.data);
        k = read_doc(p, 3, &lim, b.data, 100, &r, &e);
        CHECK(k == 0 && r->cases[0].verdict == VERDICT_AC && r->cases[1].run &&
                      r->cases[1].verdict == VERDICT_OLE && !r->cases[2].run,
              "over the cap after the runner's output_limit: OLE (%d %s)", k, e.msg);
        judge_result_free(r);
        buf_free(&a);
        buf_free(&b);
}

static void test_class(void) {
        struct problem *p =
                testlib_load_problem("{\"format\":1,\"slug\":\"c\",\"title\":\"C\",\"difficulty\":\"easy\",\"limits\":{"
                     "\"time_ms\":1000,"
                     "\"memory_mb\":256},\"signature\":{\"kind\":\"class\",\"name\":\"Bag\",\"constructor\":{"
                     "\"params\":[]},"
                     "\"methods\":[{\"name\":\"add\",\"params\":[{\"name\":\"x\",\"type\":\"int\"}],"
                     "\"returns\":\"void\"},"
                     "{\"name\":\"all\",\"params\":[],\"returns\":\"int[]\"},{\"name\":\"avg\",\"params\":[],"
                     "\"returns\":"
                     "\"double\"}]},\"compare\":{\"unordered\":1,\"float_tolerance\":0.01}}",
                     "[{\"calls\":[\"Bag\",\"add\",\"add\",\"all\",\"avg\"],\"args\":[[],[1],[2],[],[]],"
                     "\"expected\":[null,null,null,[1,2],1.5]}]");
        CHECK(p != NULL, "class problem loads");
        if (!p)
                return;
        static const struct {
                const char *ans;
                enum verdict v;
        } t[] = {
                {"[null,null,null,[2,1],1.505]", VERDICT_AC},
                {"[{\"x\":1},7,\"s\",[1,2],1.5]", VERDICT_AC},
                {"[null,null,null,[2,1],1.6]", VERDICT_WA},
                {"[null,null,null,[2],1.5]", VERDICT_WA},
                {"[null,null,null,[2,1]]", VERDICT_WA},
                {"[null,null,null,[2,1],1.5,null]", VERDICT_WA},
                {"null", VERDICT_WA},
                {"{\"a\":1}", VERDICT_WA},
                {"\"x\"", VERDICT_WA},
                {"[null,null,null,[[2],1],1.5]", VERDICT_WA},
        };
        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                char doc[1024];
                snprintf(doc, sizeof doc,
                         "JUDGE-RESULT-V1\n{\"status\":\"ok\",\"cases\":[{\"status\":\"ok\",\"answer\":%s}]}",
                         t[i].ans);
                struct judge_result *r = NULL;
                struct judge_error e = {0};
                int k = read_doc(p, 1, NULL, doc, 3, &r, &e);
                CHECK(k == 0 && r->cases[0].verdict == t[i].v, "class: %s is %s (%d %s)", t[i].ans,
                      verdict_code(t[i].v), k, e.msg);
                judge_result_free(r);
        }
        /* a case whose calls name an unknown method: the problem and case do not fit, an error */
        struct test_case *c = &p->cases[0];
        yajl_val saved = c->calls->u.array.values[1];
        char eb[64];
        yajl_val bogus = yajl_tree_parse("\"nosuch\"", eb, sizeof eb);
        c->calls->u.array.values[1] = bogus;
        struct judge_result *r = NULL;
        struct judge_error e = {0};
        int k = read_doc(p, 1, NULL,
                         "JUDGE-RESULT-V1\n{\"status\":\"ok\",\"cases\":[{\"status\":\"ok\",\"answer\":[]}]}",
                         64, &r, &e);
        CHECK(k == -EPROTO && !r->cases[0].run,
              "a comparator that cannot be set up is a judge error, not WA: %s", e.msg);
        judge_result_free(r);
        c->calls->u.array.values[1] = saved;
        yajl_tree_free(bogus);
        problem_free(p);
}

static void test_wrapper(struct problem *p) {
        const char *doc = DOC(CASE("ok", "[0,1]", "") "," CASE("ok", "[1]", "") "," CASE("ok", "[0,1]", ""));
        struct judge_result *r = new_result(3);
        struct judge_error e = {0};
        int k = judge_parse_runner_output(doc, strlen(doc), p, 3, r, &e);
        CHECK(k == 0 && r->cases[0].verdict == VERDICT_AC && r->cases[1].verdict == VERDICT_WA,
              "judge_parse_runner_output reads and compares: %s", e.msg);
        judge_result_free(r);
        r = new_result(3);
        k = judge_parse_runner_output(doc, strlen(doc), NULL, 3, r, &e);
        CHECK(k == 0 && r->cases[1].verdict == VERDICT_AC,
              "judge_parse_runner_output without a problem: no comparison");
        judge_result_free(r);
}

int main(void) {
        struct problem *p = testlib_load_problem(PJ, SAMPLE);
        CHECK(p != NULL, "two-sum loads");
        if (p) {
                test_verdicts(p);
                test_forward_compat(p);
                test_broken(p);
                test_markers(p);
                test_previews(p);
                test_wrapper(p);
                problem_free(p);
        }
        test_class();
        return tap_done();
}
