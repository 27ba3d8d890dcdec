/* A failure inside the comparison is the judge's error, never Wrong Answer: every allocation of
 * the comparison (compare.c's tree comparison, streamcmp, the result document reader) is made
 * to fail in turn, and an answer that equals the expected one must then come out equal or as
 * an error, never unequal; an expected value that does not fit the answer's type (a broken
 * problem set) is an error too.
 *
 * Built with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc (test/unit/meson.build): the
 * library's own allocations go through the wrappers below (yajl's and libc's inner ones do not). */
#define _GNU_SOURCE 1
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"
#include "compare/streamcmp.h"
#include "judge/judge.h"
#include "judge/resultdoc.h"
#include "tap.h"
#include "testlib.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

static long fail_at = -1, n_allocs;

static bool fails(void) {
        return fail_at >= 0 && n_allocs++ == fail_at;
}
void *__wrap_malloc(size_t n) {
        return fails() ? NULL : __real_malloc(n);
}
void *__wrap_calloc(size_t n, size_t size) {
        return fails() ? NULL : __real_calloc(n, size);
}
void *__wrap_realloc(void *p, size_t n) {
        return fails() ? NULL : __real_realloc(p, n);
}

/* Run f with its k-th allocation failing; false when f made k allocations or fewer (done). */
static bool arm(long k) {
        n_allocs = 0;
        fail_at = k;
        return true;
}
static bool disarm(void) {
        bool hit = n_allocs > fail_at;
        fail_at = -1;
        return hit;
}

#define J testlib_json

#define HEAD                                                                                               \
        "{\"format\":1,\"slug\":\"p\",\"title\":\"P\",\"difficulty\":\"easy\",\"limits\":{\"time_ms\":1000," \
        "\"memory_mb\":256},"

/* Function problem: string[][] with both levels unordered. */
static const char *PF = HEAD "\"signature\":{\"kind\":\"function\",\"name\":\"f\",\"params\":[{\"name\":\"n\","
                             "\"type\":\"int\"}],\"returns\":\"string[][]\"},\"compare\":{\"unordered\":2}}";
static const char *SF = "[{\"args\":[1],\"expected\":[[\"a\",\"b\"],[\"c\",\"d\",\"e\"],[]]},"
                        "{\"args\":[2],\"expected\":[[\"x\"]]}]";
static const char *AF[] = { "[[],[\"e\",\"c\",\"d\"],[\"b\",\"a\"]]", "[[\"x\"]]" };

/* Class problem: an unordered int[] and a double per call. */
static const char *PC = HEAD "\"signature\":{\"kind\":\"class\",\"name\":\"Bag\",\"constructor\":{\"params\":[]},"
                             "\"methods\":[{\"name\":\"add\",\"params\":[{\"name\":\"x\",\"type\":\"int\"}],"
                             "\"returns\":\"void\"},{\"name\":\"all\",\"params\":[],\"returns\":\"int[]\"},"
                             "{\"name\":\"avg\",\"params\":[],\"returns\":\"double\"}]},"
                             "\"compare\":{\"unordered\":1,\"float_tolerance\":0.01}}";
static const char *SC = "[{\"calls\":[\"Bag\",\"add\",\"add\",\"all\",\"avg\"],\"args\":[[],[1],[2],[],[]],"
                        "\"expected\":[null,null,null,[1,2],1.5]}]";
static const char *AC_[] = { "[null,null,null,[2,1],1.5]" };

/* compare_case with every allocation failing in turn: equal, or an error; never unequal. */
static void sweep_compare_case(const char *what, const struct problem *p, const char *const *answers) {
        long failed = 0, wrong = 0, errors = 0, silent = 0;
        for (size_t i = 0; i < p->n_cases; i++) {
                yajl_val a = J(answers[i]);
                bool eq = false;
                struct judge_error e = { 0 };
                CHECK(compare_case(p, &p->cases[i], a, &eq, &e) == 0 && eq, "%s case %zu: equal", what, i);
                for (long k = 0; arm(k); k++) {
                        eq = false;
                        e = (struct judge_error){ 0 };
                        int r = compare_case(p, &p->cases[i], a, &eq, &e);
                        if (!disarm())
                                break;
                        failed++;
                        if (r == 0 && !eq)
                                wrong++;
                        errors += r < 0;
                        silent += r < 0 && !e.msg[0];
                }
                yajl_tree_free(a);
        }
        CHECK(failed > 0 && wrong == 0 && errors > 0 && silent == 0,
              "%s: compare_case under %ld allocation failures: %ld unequal (want 0), %ld errors (%ld without a "
              "message)",
              what, failed, wrong, errors, silent);
}

/* streamcmp_text likewise. */
static void sweep_streamcmp(const char *what, const struct problem *p, const char *const *answers) {
        long failed = 0, wrong = 0;
        const struct type *t = problem_answer_type(p);
        for (size_t i = 0; i < p->n_cases; i++) {
                for (long k = 0; arm(k); k++) {
                        bool eq = false;
                        int r = streamcmp_text(t, p->cases[i].expected, p->unordered, p->float_tolerance, answers[i],
                                               strlen(answers[i]), &eq);
                        if (!disarm())
                                break;
                        failed++;
                        if (r == 0 && !eq)
                                wrong++;
                }
        }
        CHECK(failed > 0 && wrong == 0, "%s: streamcmp_text under %ld allocation failures: %ld unequal (want 0)",
              what, failed, wrong);
}

/* The runner's document with every case ok and its answer. */
static void doc_of(const char *const *answers, size_t n, char *out, size_t size) {
        size_t o = (size_t) snprintf(out, size, "JUDGE-RESULT-V1\n{\"status\":\"ok\",\"cases\":[");
        for (size_t i = 0; i < n; i++)
                o += (size_t) snprintf(out + o, size - o, "%s{\"status\":\"ok\",\"time_ms\":1,\"memory_kb\":1,"
                                                          "\"answer\":%s,\"stdout\":\"\",\"stderr\":\"\"}",
                                       i ? "," : "", answers[i]);
        snprintf(out + o, size - o, "]}\n");
}

static struct judge_result *new_result(size_t n) {
        struct judge_result *r = calloc(1, sizeof *r);
        r->n_cases = n;
        r->cases = calloc(n, sizeof *r->cases);
        return r;
}

/* judge_parse_runner_output (the collect stage on a buffer) likewise: AC, or an error with no
 * case run; never WA. */
static void sweep_parse(const char *what, const struct problem *p, const char *const *answers) {
        char doc[2048];
        doc_of(answers, p->n_cases, doc, sizeof doc);
        long failed = 0, wrong = 0, bad_error = 0;
        for (long k = 0;; k++) {
                struct judge_result *r = new_result(p->n_cases);
                struct judge_error e = { 0 };
                arm(k);
                int rc = judge_parse_runner_output(doc, strlen(doc), p, p->n_cases, r, &e);
                bool hit = disarm();
                if (hit)
                        failed++;
                for (size_t i = 0; i < p->n_cases; i++) {
                        if (rc == 0 && r->cases[i].verdict != VERDICT_AC)
                                wrong++;
                        if (rc < 0 && r->cases[i].run)
                                bad_error++;
                }
                if (rc < 0 && !e.msg[0])
                        bad_error++;
                if (!hit)
                        CHECK(rc == 0 && wrong == 0, "%s: the document reads, every case AC (%s)", what, e.msg);
                judge_result_free(r);
                if (!hit)
                        break;
        }
        CHECK(failed > 0 && wrong == 0 && bad_error == 0,
              "%s: the runner's document under %ld allocation failures: %ld WA (want 0), %ld errors without a "
              "message or with a case run",
              what, failed, wrong, bad_error);
}

/* An expected value that does not fit the answer's type (the problem set is broken: problem_load
 * checks them) is the judge's error, whether the answer is compared ordered or unordered. */
static void test_broken_expected(void) {
        struct problem *p = testlib_load_problem(PF, SF);
        if (!p) {
                CHECK(false, "problem loads");
                return;
        }
        yajl_val own = p->cases[1].expected; /* a node of the problem's tree */
        yajl_val bad = p->cases[1].expected = J("[[1]]"); /* string[][] expected */
        const struct type *t = problem_answer_type(p);
        bool eq = true;
        int r = streamcmp_text(t, p->cases[1].expected, 2, 0, "[[\"x\"]]", 7, &eq);
        CHECK(r == -EINVAL, "streamcmp_text: an expected value that does not fit: -EINVAL (got %d, equal %d)", r, eq);
        struct streamcmp *s = NULL;
        struct judge_error e = { 0 };
        r = streamcmp_new_case(p, &p->cases[1], &s, &e);
        CHECK(r == -EINVAL && !s && strstr(e.msg, "case 1") && strstr(e.msg, "expected"),
              "streamcmp_new_case: -EINVAL: %s", e.msg);
        streamcmp_free(s);
        char doc[1024];
        doc_of(AF, 2, doc, sizeof doc);
        struct judge_result *res = new_result(2);
        e = (struct judge_error){ 0 };
        r = judge_parse_runner_output(doc, strlen(doc), p, 2, res, &e);
        CHECK(r < 0 && !res->cases[1].run && strstr(e.msg, "expected"),
              "the runner's document: a judge error, not WA (%d: %s; case 1 %s)", r, e.msg,
              res->cases[1].run ? verdict_code(res->cases[1].verdict) : "not run");
        judge_result_free(res);
        p->cases[1].expected = own;
        yajl_tree_free(bad);
        problem_free(p);
}

int main(void) {
        struct problem *pf = testlib_load_problem(PF, SF), *pc = testlib_load_problem(PC, SC);
        if (!pf || !pc) {
                CHECK(false, "the problems load");
                return tap_done();
        }
        sweep_compare_case("string[][] unordered 2", pf, AF);
        sweep_compare_case("class, unordered", pc, AC_);
        sweep_streamcmp("string[][] unordered 2", pf, AF);
        sweep_parse("string[][] unordered 2", pf, AF);
        sweep_parse("class, unordered", pc, AC_);
        /* compare_answer itself: 1, 0, or the error */
        const struct type *t = problem_answer_type(pf);
        yajl_val a = J(AF[0]);
        long wrong = 0, failed = 0;
        for (long k = 0; arm(k); k++) {
                int r = compare_answer(t, pf->cases[0].expected, a, 2, 0);
                if (!disarm())
                        break;
                failed++;
                wrong += r == 0;
        }
        CHECK(failed > 0 && wrong == 0, "compare_answer under %ld allocation failures: %ld unequal (want 0)", failed,
              wrong);
        CHECK(compare_answer(NULL, a, a, 0, 0) == -EINVAL, "compare_answer: no type: -EINVAL");
        yajl_tree_free(a);
        test_broken_expected();
        problem_free(pf);
        problem_free(pc);
        return tap_done();
}
