/* Unit tests for lib/validate/report.c: XML escaping of hostile strings, the JUnit and JSON documents. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "validate/report.h"
#include "tap.h"

static char *escape(const char *s, size_t n) {
        struct buf b;
        buf_init(&b, 0);
        if (report_xml_escape(&b, s, n) < 0) {
                buf_free(&b);
                return strdup("<error>");
        }
        return buf_steal(&b);
}

static void test_escape(void) {
        char *e = escape("a<b>&\"c'", 8);
        CHECK(strcmp(e, "a&lt;b&gt;&amp;&quot;c&apos;") == 0, "markup characters [%s]", e);
        free(e);
        e = escape("x\ty\nz\r", 6);
        CHECK(strcmp(e, "x&#9;y&#10;z&#13;") == 0, "tab, newline, CR as references (attributes keep them) [%s]", e);
        free(e);
        e = escape("a\x01" "b\x1b" "c", 5);
        CHECK(strcmp(e, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c") == 0, "control characters become U+FFFD");
        free(e);
        e = escape("nul\0byte", 8);
        CHECK(strcmp(e, "nul\xef\xbf\xbd" "byte") == 0, "NUL becomes U+FFFD");
        free(e);
        e = escape("caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80", 14);
        CHECK(strcmp(e, "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80") == 0, "valid UTF-8 kept [%s]", e);
        free(e);
        e = escape("\xff\xc0\x80\xed\xa0\x80\xef\xbf\xbe!", 10);
        CHECK(strcmp(e, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!") == 0,
              "invalid UTF-8, overlong, surrogate and U+FFFE replaced [%s]", e);
        free(e);
        e = escape("trunc\xe2\x9c", 7);
        CHECK(strncmp(e, "trunc\xef\xbf\xbd", 8) == 0, "a truncated sequence at the end is replaced");
        free(e);
}

static struct report *sample_report(bool werror) {
        struct report *r = report_new();
        r->werror = werror;
        struct report_suite *s = report_suite_add(r, "two-sum", "problems/two-sum");
        struct report_case *c = report_case_add(s, "problem.json");
        c->time_s = 0.0123;
        c = report_case_add(s, "tests/hidden.json");
        report_case_fail(c, "case 3: args[0]: expected int, got \"<script>&\"");
        report_case_fail(c, "second");
        c = report_case_add(s, "submissions/accepted/sol.py");
        report_case_set_solution(c, "python", "AC", "AC", 612.5, 10240);
        report_case_warn(c, "slowest case took 612 ms, over half the 1000 ms limit");
        c->time_s = 1.5;
        c = report_case_add(s, "submissions/accepted/Sol.java");
        report_case_skip(c, "skipped: language not available");
        struct report_suite *t = report_suite_add(r, "evil\"]]><x>", NULL);
        c = report_case_add(t, "name with \x01 control & <tag>");
        report_case_fail(c, "bad \xff byte");
        return r;
}

static void test_junit(void) {
        struct report *r = sample_report(false);
        struct buf b;
        buf_init(&b, 0);
        CHECK(report_junit(r, &b) == 0, "junit written");
        CHECK(strstr(b.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ") == b.data, "XML declaration, testsuites");
        CHECK(strstr(b.data, "tests=\"5\" failures=\"2\" errors=\"0\" skipped=\"1\""), "totals on testsuites");
        CHECK(strstr(b.data, "<testsuite name=\"two-sum\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"1\""),
              "suite per problem with counts");
        CHECK(strstr(b.data, "<testcase classname=\"two-sum\" name=\"problem.json\" time=\"0.012\"/>"),
              "a passing check is an empty testcase with a time in seconds");
        CHECK(strstr(b.data, "<failure message=\"case 3: args[0]: expected int, got &quot;&lt;script&gt;&amp;&quot;; second\""),
              "failure message escaped, two failures joined");
        CHECK(strstr(b.data, "<skipped message=\"skipped: language not available\"/>"), "skipped");
        CHECK(strstr(b.data, "<system-out>warning: slowest case took 612 ms"), "warnings in system-out");
        CHECK(strstr(b.data, "name=\"evil&quot;]]&gt;&lt;x&gt;\""), "suite name escaped");
        CHECK(!strchr(b.data, '\x01') && !strchr(b.data, '\xff'), "no control or invalid bytes in the output");
        CHECK(strstr(b.data, "name=\"submissions/accepted/sol.py\" time=\"1.500\""), "solution testcase with time");
        buf_free(&b);
        report_free(r);

        r = sample_report(true);
        buf_init(&b, 0);
        CHECK(report_junit(r, &b) == 0, "junit written with werror");
        CHECK(strstr(b.data, "tests=\"5\" failures=\"3\""), "with werror, a warning is a failure");
        CHECK(strstr(b.data, "<failure message=\"warning: slowest case took 612 ms"), "the warning is the failure message");
        buf_free(&b);
        report_free(r);
}

static void test_json(void) {
        struct report *r = sample_report(false);
        struct buf b;
        buf_init(&b, 0);
        CHECK(report_json(r, &b) == 0, "json written");
        char errbuf[256];
        yajl_val doc = yajl_tree_parse(b.data, errbuf, sizeof errbuf);
        CHECK(doc != NULL, "json parses [%s]", doc ? "" : errbuf);
        if (doc) {
                const char *ok_path[] = { "ok", NULL };
                const char *failed_path[] = { "totals", "failed", NULL };
                const char *problems_path[] = { "problems", NULL };
                yajl_val ok = yajl_tree_get(doc, ok_path, yajl_t_any);
                yajl_val failed = yajl_tree_get(doc, failed_path, yajl_t_number);
                yajl_val probs = yajl_tree_get(doc, problems_path, yajl_t_array);
                CHECK(ok && YAJL_IS_FALSE(ok), "ok is false");
                CHECK(failed && YAJL_GET_INTEGER(failed) == 2, "two failed");
                CHECK(probs && probs->u.array.len == 2, "two problems");
                if (probs && probs->u.array.len == 2) {
                        const char *checks_path[] = { "checks", NULL };
                        yajl_val checks = yajl_tree_get(probs->u.array.values[0], checks_path, yajl_t_array);
                        CHECK(checks && checks->u.array.len == 4, "four checks in two-sum");
                        if (checks && checks->u.array.len == 4) {
                                yajl_val sol = checks->u.array.values[2];
                                const char *v[] = { "verdict", NULL }, *ms[] = { "slowest_ms", NULL },
                                           *mem[] = { "memory_kb", NULL }, *w[] = { "warnings", NULL };
                                yajl_val verdict = yajl_tree_get(sol, v, yajl_t_string);
                                yajl_val slow = yajl_tree_get(sol, ms, yajl_t_number);
                                yajl_val kb = yajl_tree_get(sol, mem, yajl_t_number);
                                yajl_val warns = yajl_tree_get(sol, w, yajl_t_array);
                                const char *vs = verdict ? YAJL_GET_STRING(verdict) : NULL;
                                CHECK(vs && strcmp(vs, "AC") == 0, "verdict of a solution");
                                CHECK(slow && YAJL_GET_DOUBLE(slow) > 612 && kb && YAJL_GET_INTEGER(kb) == 10240,
                                      "slowest case and memory of a solution");
                                CHECK(warns && warns->u.array.len == 1, "its warning");
                        }
                }
                yajl_tree_free(doc);
        }
        buf_free(&b);
        report_free(r);
}

/* A report over the buffer's cap fails with -ENOBUFS, whatever the cap, and what the buffer holds
 * is a prefix of the whole document (never one with a piece missing in the middle). */
static void test_cap(bool junit) {
        struct report *r = sample_report(true);
        struct buf whole;
        buf_init(&whole, 0);
        int q = junit ? report_junit(r, &whole) : report_json(r, &whole);
        bool all_fail = true, all_prefix = true;
        for (size_t cap = 1; q == 0 && cap < whole.len; cap++) {
                struct buf b;
                buf_init(&b, cap);
                int k = junit ? report_junit(r, &b) : report_json(r, &b);
                all_fail &= k == -ENOBUFS && buf_err(&b) == -ENOBUFS;
                all_prefix &= b.len <= cap && memcmp(b.data, whole.data, b.len) == 0;
                buf_free(&b);
        }
        CHECK(q == 0 && all_fail, "%s: every cap under %zu bytes fails with -ENOBUFS", junit ? "junit" : "json",
              whole.len);
        CHECK(q == 0 && all_prefix, "%s: what is kept is a prefix of the document", junit ? "junit" : "json");
        struct buf b;
        buf_init(&b, whole.len);
        q = junit ? report_junit(r, &b) : report_json(r, &b);
        CHECK(q == 0 && b.len == whole.len, "%s: a cap of exactly its size holds it", junit ? "junit" : "json");
        buf_free(&b);
        buf_free(&whole);
        report_free(r);
}

int main(void) {
        test_escape();
        test_junit();
        test_json();
        test_cap(true);
        test_cap(false);
        struct report *r = report_new();
        struct buf b;
        buf_init(&b, 0);
        CHECK(report_junit(r, &b) == 0 && strstr(b.data, "tests=\"0\""), "an empty report is valid JUnit");
        buf_free(&b);
        report_free(r);
        return tap_done();
}
