/* Check reports for CI: a list of suites (one per problem), each a list of test cases (one per
 * check and per judged solution) that passed, failed or were skipped, with warnings. Written as
 * JUnit XML (what CI servers render) or as one JSON document with the same content.
 *
 * Every string is copied in; any of them may come from a problem package or a solution, so the
 * writers escape everything (XML: markup characters, characters XML 1.0 forbids, invalid UTF-8). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

enum report_status { REPORT_PASS, REPORT_FAIL, REPORT_SKIP, _REPORT_STATUS_MAX };

struct report_case {
        char *name;            /* "problem.json", "submissions/accepted/sol.py" */
        enum report_status status;
        char *message;         /* why it failed or was skipped; NULL when it passed */
        char **warnings;
        size_t n_warnings;
        double time_s;         /* wall time spent on the check, seconds */
        /* For judged solutions (JSON only; NULL / negative when not applicable): */
        char *lang, *expected, *verdict;
        double slowest_ms;
        long memory_kb;
};

struct report_suite {
        char *name;            /* the problem's slug (the JUnit classname of its cases) */
        char *path;            /* where it was read from, NULL if unknown */
        struct report_case **cases;
        size_t n_cases;
};

struct report {
        struct report_suite **suites;
        size_t n_suites;
        bool werror;           /* warnings count as failures (JUnit: a failure element) */
};

struct report *report_new(void);
struct report *report_free(struct report *r);
DEFINE_CLEANUP(struct report, report_free)

/* Add a suite / a case; the result is owned by r and stays valid until report_free. NULL on
 * allocation failure. A new case passes until report_case_fail / report_case_skip says otherwise. */
struct report_suite *report_suite_add(struct report *r, const char *name, const char *path);
struct report_case *report_case_add(struct report_suite *s, const char *name);
/* Mark c failed with a message (a second failure appends "; " and its message). */
void report_case_fail(struct report_case *c, const char *fmt, ...) _printf_(2, 3);
/* Mark c skipped (unless it already failed) with a reason. */
void report_case_skip(struct report_case *c, const char *fmt, ...) _printf_(2, 3);
void report_case_warn(struct report_case *c, const char *fmt, ...) _printf_(2, 3);
/* Set the string fields of a judged solution (each may be NULL). */
void report_case_set_solution(struct report_case *c, const char *lang, const char *expected, const char *verdict,
                              double slowest_ms, long memory_kb);

/* Whether c counts as failed: it failed, or (with r->werror) it has warnings. */
bool report_case_failed(const struct report *r, const struct report_case *c);
/* Totals over the whole report. */
struct report_totals {
        size_t cases, failed, skipped, warnings;
};
void report_totals(const struct report *r, struct report_totals *ret);

/* Append r as JUnit XML to out: <testsuites> with one <testsuite name=SLUG> per suite, one
 * <testcase classname=SLUG name=NAME time=SECONDS> per case, holding <failure message=...> (with
 * the warnings too when werror), or <skipped message=...>, and the warnings in <system-out>.
 * Returns 0 or a negative errno from the buffer. */
int report_junit(const struct report *r, struct buf *out);
/* Append r as one JSON document: {"ok":bool,"totals":{...},"problems":[{"slug","path","checks":[
 * {"name","status":"pass"|"fail"|"skip","message","warnings":[...],"time_s", and for solutions
 * "lang","expected","verdict","slowest_ms","memory_kb"}]}]}. Returns 0 or a negative errno. */
int report_json(const struct report *r, struct buf *out);

/* Append s (n bytes) to out escaped for XML text and attribute values: & < > " ' as entities,
 * tab/newline/carriage return as character references (so attributes keep them), other
 * characters XML 1.0 forbids (control characters, U+FFFE/U+FFFF) and invalid UTF-8 as U+FFFD. */
int report_xml_escape(struct buf *out, const char *s, size_t n);

/* Write data to path atomically (a temporary file in the same directory, then rename). */
int report_write_file(const char *path, const char *data, size_t len, struct judge_error *err);
