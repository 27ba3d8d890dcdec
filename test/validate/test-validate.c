/* Unit tests for lib/validate/validate.c up to the engine: adding packages, sets and archives,
 * which solutions are wanted, and the report of a run that judges nothing (--no-judge). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate/validate.h"
#include "tap.h"

#define DIR SOURCE_ROOT "/test/validate"

static const struct report_case *find_case(const struct report *rep, const char *suite, const char *name) {
        for (size_t i = 0; i < rep->n_suites; i++)
                for (size_t j = 0; strcmp(rep->suites[i]->name, suite) == 0 && j < rep->suites[i]->n_cases; j++)
                        if (strcmp(rep->suites[i]->cases[j]->name, name) == 0)
                                return rep->suites[i]->cases[j];
        return NULL;
}

static void test_package(void) {
        struct validate v;
        validate_init(&v, NULL);
        validate_want_langs(&v);
        CHECK(validate_add_path(&v, DIR "/good") == 0 && v.n_pkgs == 1 && v.n_fails == 0,
              "a set with one package: one package, no failure");
        const struct validate_package *pkg = v.n_pkgs ? v.pkgs[0] : NULL;
        CHECK(pkg && strcmp(pkg->name, "sum-array") == 0 && pkg->p && strcmp(pkg->display, DIR "/good/sum-array") == 0,
              "named by its folder, loaded, shown by the path given");
        CHECK(pkg && pkg->n_sols == 5 && pkg->n_accepted == 2, "five solutions, two accepted (%zu, %zu)",
              pkg ? pkg->n_sols : 0, pkg ? pkg->n_accepted : 0);
        bool ordered = pkg && pkg->n_sols == 5 && strcmp(pkg->sols[0].rel, "submissions/accepted/loop.cpp") == 0 &&
                       strcmp(pkg->sols[1].rel, "submissions/accepted/solution.py") == 0 &&
                       strcmp(pkg->sols[4].folder, "runtime_error") == 0 && pkg->sols[4].expected == VERDICT_RE;
        CHECK(ordered, "solutions by folder order, then by name, with their expected verdict");
        CHECK(validate_wanted(&v) == 5, "all five wanted with no --lang (%zu)", validate_wanted(&v));

        validate_lang(&v, "python")->named = true;
        v.lang_filter = true;
        validate_want_langs(&v);
        CHECK(validate_wanted(&v) == 3, "--lang python: three wanted (%zu)", validate_wanted(&v));
        CHECK(validate_lang(&v, "cobol") == NULL, "no slot for an unknown language");
        v.no_judge = true;
        CHECK(validate_wanted(&v) == 0, "--no-judge: none wanted");

        struct report *rep = report_new();
        CHECK(rep && validate_report(&v, rep) == 0, "report built");
        const struct report_case *c = rep ? find_case(rep, "sum-array", "submissions/accepted/solution.py") : NULL;
        CHECK(c && c->status == REPORT_SKIP && strcmp(c->message, "not judged (--no-judge)") == 0 &&
                      strcmp(c->lang, "python") == 0 && strcmp(c->expected, "AC") == 0,
              "a solution not judged is skipped, with its language and expected verdict");
        c = rep ? find_case(rep, "sum-array", "problem.json") : NULL;
        CHECK(c && c->status == REPORT_PASS, "the package's files pass");
        report_free(rep);
        validate_free(&v);
}

static void test_failures(void) {
        struct validate v;
        validate_init(&v, NULL);
        validate_want_langs(&v);
        CHECK(validate_add_path(&v, DIR "/traversal.tar.gz") == 0 && v.n_pkgs == 0 && v.n_fails == 1,
              "a hostile archive: a failure, no package");
        CHECK(v.n_fails == 1 && strcmp(v.fails[0].check, "archive") == 0 && strcmp(v.fails[0].name, "traversal.tar.gz") == 0,
              "named by the archive, check 'archive' (%s)", v.n_fails ? v.fails[0].msg : "");
        CHECK(validate_add_path(&v, DIR "/good/sum-array/tests") == 0 && v.n_fails == 2 &&
                      strstr(v.fails[1].msg, "no problem packages in it"),
              "a directory with no package in it: a failure");
        struct report *rep = report_new();
        CHECK(rep && validate_report(&v, rep) == 0 && rep->n_suites == 2, "each failure its own suite");
        struct report_totals t;
        if (rep)
                report_totals(rep, &t);
        CHECK(rep && t.failed == 2, "both failing");
        report_free(rep);
        validate_free(&v);
}

int main(void) {
        test_package();
        test_failures();
        return tap_done();
}
