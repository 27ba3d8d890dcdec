/* Unit tests for lib/problem/problem.c: the package loader and checker, on the broken packages of
 * test/problems-bad/, on in-memory packages, and on the sample problem set in problems/. */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "problem/problem.h"
#include "tap.h"
#include "testlib.h"

/* JSON written with ' for " (test readability). Returned string is static per slot. */
static char *Q(const char *s) {
        static char slots[16][8192];
        static int k;
        char *d = slots[k++ % 16];
        snprintf(d, 8192, "%s", s);
        for (char *p = d; *p; p++)
                if (*p == '\'')
                        *p = '"';
        return d;
}

static bool has_diag(const struct diag_list *l, enum diag_level level, const char *file, const char *sub) {
        for (size_t i = 0; i < l->n; i++)
                if (l->items[i].level == level && (!file || strcmp(l->items[i].file, file) == 0) &&
                    strstr(l->items[i].msg, sub))
                        return true;
        return false;
}

static void dump(const struct diag_list *l) {
        for (size_t i = 0; i < l->n; i++)
                printf("#   %s %s: %s\n", l->items[i].level == DIAG_ERROR ? "error" : "warning", l->items[i].file,
                       l->items[i].msg);
}

#define FN_PROBLEM(extra)                                                                                          \
        "{'format':1,'slug':'sum-array','title':'Sum','difficulty':'easy','limits':{'time_ms':1000,'memory_mb':"   \
        "256},'signature':{'kind':'function','name':'sumArray','params':[{'name':'nums','type':'int[]'}],"         \
        "'returns':'int'}" extra "}"

#define CLASS_PROBLEM                                                                                              \
        "{'format':1,'slug':'lru','title':'LRU','difficulty':'medium','limits':{'time_ms':1000,'memory_mb':256},"  \
        "'signature':{'kind':'class','name':'LRUCache','constructor':{'params':[{'name':'capacity','type':'int'}]}," \
        "'methods':[{'name':'get','params':[{'name':'key','type':'int'}],'returns':'int'},"                        \
        "{'name':'put','params':[{'name':'key','type':'int'},{'name':'value','type':'int'}],'returns':'void'},"    \
        "{'name':'keys','params':[],'returns':'int[]'}]}, 'compare':{'unordered':1}}"

static const char *const SAMPLE_OK = "[{'args':[[1,2,3]],'expected':6}]";
static const char *const HIDDEN_OK = "[{'name':'empty','args':[[]],'expected':0},{'args':[[-5,5,7]],'expected':7}]";

/* Load an in-memory package (JSON with ' for "); NULL pieces are missing files. */
static int mem_load(const char *pj, const char *sample, const char *hidden, struct problem **ret,
                    struct diag_list *d, struct judge_error *e) {
        char *a = pj ? strdup(Q(pj)) : NULL, *b = sample ? strdup(Q(sample)) : NULL,
             *c = hidden ? strdup(Q(hidden)) : NULL;
        struct problem_source src = {
                .problem_json = a,
                .problem_json_len = a ? strlen(a) : 0,
                .statement = "# Statement\n",
                .statement_len = 12,
                .sample = b,
                .sample_len = b ? strlen(b) : 0,
                .hidden = c,
                .hidden_len = c ? strlen(c) : 0,
        };
        struct problem *p = NULL;
        int r = problem_load_from_memory(&src, &p, d, e);
        free(a);
        free(b);
        free(c);
        if (ret)
                *ret = p;
        else
                problem_free(p);
        return r;
}

/* Expect the in-memory package to fail with an error in file containing sub. */
static void mem_bad(const char *what, const char *pj, const char *sample, const char *hidden, const char *file,
                    const char *sub) {
        struct diag_list d = { 0 };
        struct judge_error e = { 0 };
        struct problem *p = NULL;
        int r = mem_load(pj, sample, hidden, &p, &d, &e);
        bool ok = r == -EINVAL && !p && has_diag(&d, DIAG_ERROR, file, sub);
        CHECK(ok, "%s: error in %s \"%s\"", what, file, sub);
        if (!ok)
                dump(&d);
        problem_free(p);
        diag_list_free(&d);
}

/* Expect success with a warning in file containing sub. */
static void mem_warn(const char *what, const char *pj, const char *sample, const char *hidden, const char *file,
                     const char *sub) {
        struct diag_list d = { 0 };
        struct problem *p = NULL;
        int r = mem_load(pj, sample, hidden, &p, &d, NULL);
        bool ok = r == 0 && p && d.n_errors == 0 && has_diag(&d, DIAG_WARNING, file, sub);
        CHECK(ok, "%s: warning in %s \"%s\"", what, file, sub);
        if (!ok)
                dump(&d);
        problem_free(p);
        diag_list_free(&d);
}

static void bad_package(const char *name, const char *file, const char *sub) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/test/problems-bad/%s", SOURCE_ROOT, name);
        struct diag_list d = { 0 };
        struct judge_error e = { 0 };
        struct problem *p = NULL;
        int r = problem_load(dir, &p, &d, &e);
        bool ok = r == -EINVAL && !p && d.n_errors == 1 && has_diag(&d, DIAG_ERROR, file, sub) &&
                  strstr(e.msg, sub) && strncmp(e.msg, file, strlen(file)) == 0;
        CHECK(ok, "problems-bad/%s: exactly one error, %s: ...%s... [%s]", name, file, sub, e.msg);
        if (!ok)
                dump(&d);
        problem_free(p);
        diag_list_free(&d);
}

static char *json_of(const struct problem *p, const struct test_case *c) {
        struct buf b;
        buf_init(&b, 0);
        if (problem_case_args_json(p, c, &b) < 0) {
                buf_free(&b);
                return strdup("<error>");
        }
        return buf_steal(&b);
}

static void test_bad_packages(void) {
        bad_package("wrong-type-name", "problem.json", "unknown type name \"integr\"");
        bad_package("malformed-tree", "tests/hidden.json", "case 0: args[0][3]: dangling tree entry");
        bad_package("int-out-of-range", "tests/hidden.json",
                    "case 0: args[0][1]: 3000000000 is outside the 32-bit int range");
        bad_package("class-no-constructor-first", "tests/hidden.json",
                    "calls[0] must be the constructor \"LRUCache\", got \"put\"");
        bad_package("class-unknown-method", "tests/hidden.json", "calls[1]: unknown method \"fly\"");
        bad_package("class-wrong-arg-count", "tests/hidden.json", "args[1]: put takes 2 arguments, got 1");
        bad_package("function-wrong-arg-count", "tests/sample.json", "args has 2 values, sumArray takes 1 parameter");
        bad_package("slug-mismatch", "problem.json",
                    "slug \"another-slug\" does not match the directory name \"slug-mismatch\"");
        bad_package("bad-hidden-failure", "problem.json", "hidden_failure must be \"input\" or \"none\", got everything");
        bad_package("missing-statement", "statement.md", "missing");
        bad_package("missing-hidden", "tests/hidden.json", "missing");
        bad_package("empty-tests", "tests/sample.json", "no sample cases");
        bad_package("expected-wrong-type", "tests/hidden.json", "case 0: expected: expected int, got a string");

        struct judge_error e = { 0 };
        struct problem *p = NULL;
        CHECK(problem_load(SOURCE_ROOT "/test/problems-bad/does-not-exist", &p, NULL, &e) == -ENOENT && !p,
              "nonexistent directory: -ENOENT [%s]", e.msg);
        CHECK(problem_load(SOURCE_ROOT "/test/problems-bad/README.md", &p, NULL, &e) == -ENOTDIR,
              "a file is not a package");
}

static void test_good_packages(void) {
        struct diag_list d = { 0 };
        struct judge_error e = { 0 };
        _cleanup_(problem_freep) struct problem *p = NULL;
        int r = problem_load(SOURCE_ROOT "/test/problems-bad/good-function/", &p, &d, &e);
        CHECK(r == 0 && p && d.n == 0, "good-function loads with no diagnostics [%s]", e.msg);
        dump(&d);
        diag_list_free(&d);
        if (!p)
                return;
        CHECK(strcmp(p->slug, "good-function") == 0 && strcmp(p->title, "Sum of an Array") == 0 &&
                      strcmp(p->difficulty, "easy") == 0 && p->n_tags == 1 && strcmp(p->tags[0], "array") == 0,
              "metadata");
        CHECK(p->time_ms == 1000 && p->memory_mb == 256 && p->unordered == 0 && p->float_tolerance == 1e-6,
              "limits and compare");
        CHECK(p->statement && strcmp(p->statement, "Compute it.\n") == 0, "statement read");
        CHECK(!p->sig.is_class && strcmp(p->sig.name, "sumArray") == 0 && strcmp(p->sig.fn.name, "sumArray") == 0 &&
                      p->sig.fn.n_params == 1 && strcmp(p->sig.fn.params[0].name, "nums") == 0 &&
                      p->sig.fn.params[0].type->kind == TYPE_ARRAY && p->sig.output_param == -1,
              "function signature");
        CHECK(problem_answer_type(p) == p->sig.fn.returns && p->sig.fn.returns->kind == TYPE_INT, "answer type int");
        CHECK(problem_find_method(p, "sumArray") == NULL, "no methods in a function problem");
        CHECK(p->n_cases == 3 && p->n_sample == 1, "3 cases, 1 sample");
        CHECK(p->n_cases == 3 && !p->cases[0].hidden && p->cases[1].hidden && p->cases[2].hidden &&
                      p->cases[0].index == 0 && p->cases[2].index == 2 && !p->cases[0].name &&
                      p->cases[1].name && strcmp(p->cases[1].name, "empty") == 0 && !p->cases[0].calls,
              "case order, flags and names");
        if (p->n_cases == 3) {
                _cleanup_free_ char *j0 = json_of(p, &p->cases[0]);
                _cleanup_free_ char *j2 = json_of(p, &p->cases[2]);
                CHECK(strcmp(j0, "{\"args\":[[1,2,3]]}") == 0, "job args of case 0: %s", j0);
                CHECK(strcmp(j2, "{\"args\":[[-5,5,7]]}") == 0, "job args of case 2: %s", j2);
                CHECK(YAJL_IS_INTEGER(p->cases[0].expected) && p->cases[0].expected->u.number.i == 6, "expected 6");
        }

        _cleanup_(problem_freep) struct problem *q = NULL;
        r = problem_load(SOURCE_ROOT "/test/problems-bad/good-class", &q, &d, &e);
        CHECK(r == 0 && q && d.n == 0, "good-class loads with no diagnostics [%s]", e.msg);
        dump(&d);
        diag_list_free(&d);
        if (!q)
                return;
        CHECK(q->sig.is_class && strcmp(q->sig.name, "LRUCache") == 0 && strcmp(q->sig.ctor.name, "LRUCache") == 0 &&
                      q->sig.ctor.n_params == 1 && !q->sig.ctor.returns && q->sig.n_methods == 2,
              "class signature");
        const struct method *m = problem_find_method(q, "put");
        CHECK(m && m->n_params == 2 && m->returns->kind == TYPE_VOID, "find put");
        CHECK(problem_find_method(q, "LRUCache") == &q->sig.ctor, "class name finds the constructor");
        CHECK(!problem_find_method(q, "fly") && !problem_find_method(q, NULL), "unknown method");
        CHECK(problem_answer_type(q) == NULL, "no single answer type for a class problem");
        if (q->n_cases == 2) {
                _cleanup_free_ char *j = json_of(q, &q->cases[0]);
                CHECK(strcmp(j, "{\"calls\":[\"LRUCache\",\"put\",\"get\"],\"args\":[[2],[1,1],[1]]}") == 0,
                      "class job args: %s", j);
        }
}

static void test_memory_checks(void) {
        /* a good in-memory package and its defaults */
        {
                struct diag_list d = { 0 };
                struct problem *p = NULL;
                int r = mem_load(FN_PROBLEM(""), SAMPLE_OK, HIDDEN_OK, &p, &d, NULL);
                CHECK(r == 0 && p && d.n == 0 && p->float_tolerance == 1e-5 && p->unordered == 0 && p->n_cases == 3,
                      "in-memory package, default compare");
                dump(&d);
                problem_free(p);
                diag_list_free(&d);
        }
        /* many errors at once: all reported, the first one in err */
        {
                struct diag_list d = { 0 };
                struct judge_error e = { 0 };
                int r = mem_load("{'format':2,'slug':'Bad_Slug','title':'','limits':{'time_ms':0,'memory_mb':8},"
                                 "'signature':{'kind':'function','name':'1x','params':[{'name':'a','type':'integr'}],"
                                 "'returns':'int'}}",
                                 "[]", "[]", NULL, &d, &e);
                CHECK(r == -EINVAL, "broken package fails");
                CHECK(has_diag(&d, DIAG_ERROR, "problem.json", "format must be an integer in [1, 1], got 2"), "format");
                CHECK(has_diag(&d, DIAG_ERROR, "problem.json", "slug \"Bad_Slug\" does not match"), "slug pattern");
                CHECK(has_diag(&d, DIAG_ERROR, "problem.json", "title must be a non-empty string"), "title");
                CHECK(has_diag(&d, DIAG_WARNING, "problem.json", "difficulty is missing"), "difficulty warning");
                CHECK(has_diag(&d, DIAG_ERROR, "problem.json", "limits.time_ms must be an integer in [1, 60000], got 0"),
                      "time_ms");
                CHECK(has_diag(&d, DIAG_ERROR, "problem.json", "limits.memory_mb must be an integer in [16, 4096], got 8"),
                      "memory_mb");
                CHECK(has_diag(&d, DIAG_ERROR, "problem.json", "signature.name must be an identifier, got \"1x\""),
                      "signature name");
                CHECK(has_diag(&d, DIAG_ERROR, "problem.json", "signature.params[0].type: invalid type \"integr\""),
                      "param type");
                CHECK(has_diag(&d, DIAG_ERROR, "tests/sample.json", "no sample cases"), "empty sample");
                CHECK(has_diag(&d, DIAG_WARNING, "tests/hidden.json", "no hidden cases"), "empty hidden: warning");
                CHECK(d.n_errors == 8, "eight errors (got %zu)", d.n_errors);
                CHECK(strstr(e.msg, "problem.json: format") == e.msg, "err holds the first error: %s", e.msg);
                diag_list_free(&d);
        }
        /* JSON-level failures */
        mem_bad("invalid JSON", "{'format':1,", SAMPLE_OK, HIDDEN_OK, "problem.json", "invalid JSON");
        mem_bad("not an object", "[1]", SAMPLE_OK, HIDDEN_OK, "problem.json", "must be a JSON object, got an array");
        mem_bad("sample not an array", FN_PROBLEM(""), "{}", HIDDEN_OK, "tests/sample.json",
                "must be a JSON array of cases, got an object");
        mem_bad("missing problem.json", NULL, SAMPLE_OK, HIDDEN_OK, "problem.json", "missing");
        mem_bad("missing sample", FN_PROBLEM(""), NULL, HIDDEN_OK, "tests/sample.json", "missing");
        {
                char deep[3000];
                testlib_nested(deep, 1000, 1000);
                mem_bad("deep nesting", FN_PROBLEM(""), SAMPLE_OK, deep, "tests/hidden.json", "nested deeper than");
        }
        {
                struct diag_list d = { 0 };
                struct problem_source src = { .problem_json = "{\"a\":1}\0x", .problem_json_len = 9 };
                struct problem *p = NULL;
                CHECK(problem_load_from_memory(&src, &p, &d, NULL) == -EINVAL &&
                              has_diag(&d, DIAG_ERROR, "problem.json", "NUL byte") &&
                              has_diag(&d, DIAG_ERROR, "statement.md", "missing") &&
                              has_diag(&d, DIAG_ERROR, "tests/hidden.json", "missing"),
                      "NUL byte and missing files");
                diag_list_free(&d);
        }
        /* signature */
        mem_bad("kind", "{'format':1,'slug':'a','title':'A','signature':{'kind':'proc','name':'f'}}", SAMPLE_OK,
                HIDDEN_OK, "problem.json", "signature.kind must be \"function\" or \"class\", got \"proc\"");
        mem_bad("no signature", "{'format':1,'slug':'a','title':'A'}", SAMPLE_OK, HIDDEN_OK, "problem.json",
                "signature is missing");
        mem_bad("void without output_param",
                "{'format':1,'slug':'a','title':'A','signature':{'kind':'function','name':'f','params':[{'name':'m',"
                "'type':'int[][]'}],'returns':'void'}}",
                "[{'args':[[[1]]],'expected':[[1]]}]", "[]", "problem.json", "returns is void but there is no output_param");
        mem_bad("output_param out of range",
                "{'format':1,'slug':'a','title':'A','signature':{'kind':'function','name':'f','params':[{'name':'m',"
                "'type':'int[][]'}],'returns':'void','output_param':1}}",
                "[{'args':[[[1]]],'expected':[[1]]}]", "[]", "problem.json",
                "signature.output_param must be an integer in [0, 0], got 1");
        mem_bad("output_param not an array",
                "{'format':1,'slug':'a','title':'A','signature':{'kind':'function','name':'f','params':[{'name':'m',"
                "'type':'int'}],'returns':'void','output_param':0}}",
                "[{'args':[1],'expected':1}]", "[]", "problem.json", "names parameter \"m\" of type int, which is not an array");
        mem_bad("output_param with a return value",
                "{'format':1,'slug':'a','title':'A','signature':{'kind':'function','name':'f','params':[{'name':'m',"
                "'type':'int[]'}],'returns':'int','output_param':0}}",
                "[{'args':[[1]],'expected':1}]", "[]", "problem.json", "output_param is only for \"returns\": \"void\"");
        mem_bad("void param",
                "{'format':1,'slug':'a','title':'A','signature':{'kind':'function','name':'f','params':[{'name':'m',"
                "'type':'void'}],'returns':'int'}}",
                "[{'args':[null],'expected':1}]", "[]", "problem.json", "void is only a return type");
        mem_bad("duplicate param",
                "{'format':1,'slug':'a','title':'A','signature':{'kind':'function','name':'f','params':[{'name':'m',"
                "'type':'int'},{'name':'m','type':'int'}],'returns':'int'}}",
                "[{'args':[1,2],'expected':1}]", "[]", "problem.json", "duplicate parameter name \"m\"");
        mem_bad("missing returns",
                "{'format':1,'slug':'a','title':'A','signature':{'kind':'function','name':'f','params':[]}}",
                "[{'args':[],'expected':1}]", "[]", "problem.json", "signature.returns must be a type name string, got missing");
        /* in-place problem: expected is checked against the output param's type */
        {
                const char *pj = "{'format':1,'slug':'rotate','title':'Rotate','difficulty':'medium','limits':{"
                                 "'time_ms':1000,'memory_mb':256},'signature':{'kind':'function','name':'rotate',"
                                 "'params':[{'name':'matrix','type':'int[][]'}],'returns':'void','output_param':0}}";
                struct diag_list d = { 0 };
                struct problem *p = NULL;
                int r = mem_load(pj, "[{'args':[[[1,2],[3,4]]],'expected':[[3,1],[4,2]]}]", "[]", &p, &d, NULL);
                CHECK(r == 0 && p && p->sig.output_param == 0 && problem_answer_type(p) == p->sig.fn.params[0].type,
                      "in-place problem loads, answer type is the param's");
                dump(&d);
                problem_free(p);
                diag_list_free(&d);
                mem_bad("in-place expected of the wrong type", pj, "[{'args':[[[1,2],[3,4]]],'expected':null}]", "[]",
                        "tests/sample.json", "case 0: expected: expected int[][], got null");
        }
        /* class signature errors */
        mem_bad("class without constructor",
                "{'format':1,'slug':'a','title':'A','signature':{'kind':'class','name':'C','methods':[{'name':'f',"
                "'params':[],'returns':'int'}]}}",
                "[{'calls':['C','f'],'args':[[],[]],'expected':[null,1]}]", "[]", "problem.json",
                "signature.constructor must be an object");
        mem_bad("class without methods",
                "{'format':1,'slug':'a','title':'A','signature':{'kind':'class','name':'C','constructor':{'params':[]},"
                "'methods':[]}}",
                "[{'calls':['C'],'args':[[]],'expected':[null]}]", "[]", "problem.json",
                "signature.methods must be a non-empty array, got []");
        mem_bad("duplicate method",
                "{'format':1,'slug':'a','title':'A','signature':{'kind':'class','name':'C','constructor':{'params':[]},"
                "'methods':[{'name':'f','params':[],'returns':'int'},{'name':'f','params':[],'returns':'int'}]}}",
                "[{'calls':['C'],'args':[[]],'expected':[null]}]", "[]", "problem.json", "duplicate method \"f\"");
        mem_bad("method named like the class",
                "{'format':1,'slug':'a','title':'A','signature':{'kind':'class','name':'C','constructor':{'params':[]},"
                "'methods':[{'name':'C','params':[],'returns':'int'}]}}",
                "[{'calls':['C'],'args':[[]],'expected':[null]}]", "[]", "problem.json", "cannot have the class's name");
        /* class cases */
        mem_bad("void method expecting a value", CLASS_PROBLEM,
                "[{'calls':['LRUCache','put'],'args':[[1],[1,1]],'expected':[null,5]}]", "[]", "tests/sample.json",
                "case 0: expected[1] must be null (put returns nothing)");
        mem_bad("constructor expecting a value", CLASS_PROBLEM,
                "[{'calls':['LRUCache'],'args':[[1]],'expected':[1]}]", "[]", "tests/sample.json",
                "expected[0] must be null (the constructor returns nothing)");
        mem_bad("expected length", CLASS_PROBLEM,
                "[{'calls':['LRUCache','get'],'args':[[1],[1]],'expected':[null]}]", "[]", "tests/sample.json",
                "expected has 1 entries, calls has 2");
        mem_bad("args length", CLASS_PROBLEM,
                "[{'calls':['LRUCache','get'],'args':[[1]],'expected':[null,1]}]", "[]", "tests/sample.json",
                "args has 1 entries, calls has 2");
        mem_bad("method return type", CLASS_PROBLEM,
                "[{'calls':['LRUCache','get'],'args':[[1],[1]],'expected':[null,'x']}]", "[]", "tests/sample.json",
                "case 0: expected[1]: expected int, got a string");
        mem_bad("method arg type", CLASS_PROBLEM,
                "[{'calls':['LRUCache','put'],'args':[[1],[1,true]],'expected':[null,null]}]", "[]",
                "tests/sample.json", "case 0: args[1][1]: expected int, got a boolean");
        mem_bad("constructor called twice", CLASS_PROBLEM,
                "[{'calls':['LRUCache','LRUCache'],'args':[[1],[1]],'expected':[null,null]}]", "[]",
                "tests/sample.json", "calls[1]: the constructor \"LRUCache\" may only be the first call");
        mem_bad("empty calls", CLASS_PROBLEM, "[{'calls':[],'args':[],'expected':[]}]", "[]", "tests/sample.json",
                "calls must be a non-empty array");
        mem_bad("calls in a function problem", FN_PROBLEM(""), "[{'calls':['f'],'args':[[1]],'expected':1}]", "[]",
                "tests/sample.json", "\"calls\" is only for class problems");
        mem_bad("case not an object", FN_PROBLEM(""), "[[1]]", "[]", "tests/sample.json", "case 0 must be an object");
        mem_bad("missing expected", FN_PROBLEM(""), "[{'args':[[1]]}]", "[]", "tests/sample.json",
                "case 0: expected is missing");
        mem_bad("case name not a string", FN_PROBLEM(""), "[{'name':3,'args':[[1]],'expected':1}]", "[]",
                "tests/sample.json", "name must be a string");
        mem_bad("named case in message", FN_PROBLEM(""), "[{'name':'big','args':[[1.5]],'expected':1}]", "[]",
                "tests/sample.json", "case 0 (\"big\"): args[0][0]: 1.5 is not an integer");
        {
                struct problem *p = NULL;
                struct diag_list d = { 0 };
                int r = mem_load(CLASS_PROBLEM,
                                 "[{'calls':['LRUCache','put','keys','get'],'args':[[2],[1,1],[],[1]],"
                                 "'expected':[null,null,[1],1]}]",
                                 "[]", &p, &d, NULL);
                CHECK(r == 0 && p && p->unordered == 1 && p->n_cases == 1, "class with unordered 1 loads");
                dump(&d);
                problem_free(p);
                diag_list_free(&d);
        }
        /* compare */
        mem_bad("unordered too deep", FN_PROBLEM(",'compare':{'unordered':2}"), SAMPLE_OK, HIDDEN_OK, "problem.json",
                "compare.unordered must be an integer in [0, 0], got 2");
        mem_bad("negative tolerance", FN_PROBLEM(",'compare':{'float_tolerance':-1}"), SAMPLE_OK, HIDDEN_OK,
                "problem.json", "compare.float_tolerance must be a number >= 0, got -1");
        mem_bad("tolerance string", FN_PROBLEM(",'compare':{'float_tolerance':'x'}"), SAMPLE_OK, HIDDEN_OK,
                "problem.json", "got a string");
        mem_bad("tags", FN_PROBLEM(",'tags':[1]"), SAMPLE_OK, HIDDEN_OK, "problem.json", "tags[0] must be a string");
        /* warnings */
        mem_warn("duplicate case across files", FN_PROBLEM(""), SAMPLE_OK,
                 "[{'args':[[4]],'expected':4},{'args':[[1,2,3]],'expected':6}]", "tests/hidden.json",
                 "case 1 duplicates tests/sample.json case 0 (same args)");
        mem_warn("duplicate case within a file", FN_PROBLEM(""), SAMPLE_OK,
                 "[{'args':[[4]],'expected':4},{'args':[[5]],'expected':5},{'args':[[4]],'expected':4}]",
                 "tests/hidden.json", "case 2 duplicates tests/hidden.json case 0");
        mem_warn("unknown key", FN_PROBLEM(",'time_limit':5"), SAMPLE_OK, HIDDEN_OK, "problem.json",
                 "unknown key \"time_limit\" ignored");
        mem_warn("unknown case key", FN_PROBLEM(""), "[{'args':[[1]],'expected':1,'expect':2}]", HIDDEN_OK,
                 "tests/sample.json", "case 0: unknown key \"expect\"");
        mem_warn("duplicate key", FN_PROBLEM(",'title':'Again'"), SAMPLE_OK, HIDDEN_OK, "problem.json",
                 "duplicate key \"title\"");
        mem_warn("difficulty",
                 "{'format':1,'slug':'a','title':'A','difficulty':'insane','limits':{'time_ms':1,'memory_mb':16},"
                 "'signature':{'kind':'function','name':'f','params':[{'name':'nums','type':'int[]'}],'returns':'int'}}",
                 SAMPLE_OK, HIDDEN_OK, "problem.json",
                 "difficulty \"insane\" is not easy");
        mem_warn("limits missing",
                 "{'format':1,'slug':'a','title':'A','difficulty':'easy','signature':{'kind':'function','name':'f',"
                 "'params':[{'name':'nums','type':'int[]'}],'returns':'int'}}",
                 SAMPLE_OK, HIDDEN_OK, "problem.json", "limits is missing; using time_ms 1000");
        mem_warn("empty hidden", FN_PROBLEM(""), SAMPLE_OK, "[]", "tests/hidden.json", "no hidden cases");
        {
                /* duplicates: each later duplicate named once against the first */
                struct diag_list d = { 0 };
                struct problem *p = NULL;
                mem_load(FN_PROBLEM(""), "[{'args':[[9]],'expected':9}]",
                         "[{'args':[[9]],'expected':9},{'args':[[9]],'expected':9}]", &p, &d, NULL);
                CHECK(p && d.n == 2 && has_diag(&d, DIAG_WARNING, "tests/hidden.json", "case 0 duplicates tests/sample.json case 0") &&
                              has_diag(&d, DIAG_WARNING, "tests/hidden.json", "case 1 duplicates tests/sample.json case 0"),
                      "three equal cases: two warnings");
                problem_free(p);
                diag_list_free(&d);
        }
        {
                /* without a diag list the result is the same */
                struct judge_error e = { 0 };
                struct problem *p = NULL;
                CHECK(mem_load(FN_PROBLEM(""), "[]", HIDDEN_OK, &p, NULL, &e) == -EINVAL && !p &&
                              strstr(e.msg, "tests/sample.json: no sample cases"),
                      "NULL diags: %s", e.msg);
        }
}

static void test_value_json(void) {
        char eb[128];
        yajl_val v = yajl_tree_parse("{\"a\":[1.50,-0,1e3,true,false,null],\"b\\n\":\"x\\u0001\\\"y\\u00e9\",\"c\":{}}", eb,
                                     sizeof eb);
        struct buf b;
        buf_init(&b, 0);
        CHECK(v && problem_value_json(v, &b) == 0 &&
                      strcmp(b.data, "{\"a\":[1.50,-0,1e3,true,false,null],\"b\\n\":\"x\\u0001\\\"y\xc3\xa9\",\"c\":{}}") == 0,
              "value_json keeps number text, escapes strings: %s", b.data ? b.data : "");
        buf_free(&b);
        yajl_tree_free(v);

        buf_init(&b, 0);
        CHECK(problem_value_json(NULL, &b) == 0 && strcmp(b.data, "null") == 0, "NULL is null");
        buf_free(&b);

        char deep[2101];
        testlib_nested(deep, 1050, 1050);
        v = yajl_tree_parse(deep, eb, sizeof eb);
        buf_init(&b, 0);
        CHECK(v && problem_value_json(v, &b) == -ELOOP, "value_json depth cap");
        buf_free(&b);
        yajl_tree_free(v);

        v = yajl_tree_parse("[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]", eb, sizeof eb);
        buf_init(&b, 10);
        CHECK(problem_value_json(v, &b) == -ENOBUFS && b.len == 10, "value_json respects the buffer cap");
        buf_free(&b);
        yajl_tree_free(v);
}

/* Every package of the sample problem set must load without errors. */
static void test_problem_set(void) {
        DIR *d = opendir(SOURCE_ROOT "/problems");
        if (!d) {
                CHECK(true, "# SKIP no problems/ directory");
                return;
        }
        struct dirent *de;
        size_t n = 0;
        while ((de = readdir(d))) {
                if (de->d_name[0] == '.')
                        continue;
                char path[1024];
                snprintf(path, sizeof path, "%s/problems/%s", SOURCE_ROOT, de->d_name);
                struct stat st;
                if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
                        continue;
                struct diag_list dl = { 0 };
                struct judge_error e = { 0 };
                struct problem *p = NULL;
                int r = problem_load(path, &p, &dl, &e);
                CHECK(r == 0 && p && dl.n_errors == 0, "problems/%s loads (%zu warnings) [%s]", de->d_name,
                      dl.n - dl.n_errors, r < 0 ? e.msg : "");
                dump(&dl);
                problem_free(p);
                diag_list_free(&dl);
                n++;
        }
        closedir(d);
        printf("# %zu packages in problems/\n", n);
}

/* The job's signature: every type canonical, whatever problem.json spelled (issue 9). */
static void signature_is(const char *what, const char *pj, const char *sample, const char *hidden,
                         const char *want) {
        struct problem *p = NULL;
        struct buf b;
        int r = mem_load(pj, sample, hidden, &p, NULL, NULL);
        buf_init(&b, 0);
        CHECK(r == 0 && problem_signature_json(p, &b) == 0 && strcmp(b.data, want) == 0, "%s: %s", what,
              b.data ? b.data : "");
        buf_free(&b);
        problem_free(p);
}

static void test_signature_json(void) {
        signature_is("function signature with canonical types",
                     "{'format':1,'slug':'s','title':'T','difficulty':'easy','limits':{'time_ms':1000,'memory_mb':256},"
                     "'signature':{'kind':'function','name':'f','params':[{'name':'a','type':'List< Integer >'},"
                     "{'name':'b','type':'list<List<String>>'},{'name':'c','type':'character [ ]'},"
                     "{'name':'d','type':' Long'},{'name':'e','type':'List<Boolean>[]'},{'name':'g','type':'Double'},"
                     "{'name':'h','type':'TreeNode'}],'returns':'void','output_param':0}}",
                     "[{'args':[[1],[['x']],['c'],1,[[true]],0.5,[1]],'expected':[1]}]",
                     "[{'args':[[],[],[],2,[],-0.0,[]],'expected':[]}]",
                     Q("{'kind':'function','name':'f','params':[{'name':'a','type':'int[]'},"
                       "{'name':'b','type':'string[][]'},{'name':'c','type':'char[]'},"
                       "{'name':'d','type':'long'},{'name':'e','type':'bool[][]'},"
                       "{'name':'g','type':'double'},{'name':'h','type':'TreeNode'}],"
                       "'returns':'void','output_param':0}"));
        signature_is("class signature with canonical types",
                     "{'format':1,'slug':'s','title':'T','difficulty':'easy','limits':{'time_ms':1000,'memory_mb':256},"
                     "'signature':{'kind':'class','name':'C','constructor':{'params':[{'name':'n','type':'integer'}]},"
                     "'methods':[{'name':'get','params':[],'returns':'List<List<Character>>'},"
                     "{'name':'put','params':[{'name':'k','type':'String'}],'returns':'void'}]}}",
                     "[{'calls':['C','get','put'],'args':[[1],[],['x']],'expected':[null,[['a']],null]}]",
                     "[{'calls':['C','put'],'args':[[2],['y']],'expected':[null,null]}]",
                     Q("{'kind':'class','name':'C','constructor':{'params':[{'name':'n','type':'int'}]},"
                       "'methods':[{'name':'get','params':[],'returns':'char[][]'},"
                       "{'name':'put','params':[{'name':'k','type':'string'}],'returns':'void'}]}"));
}

int main(void) {
        test_bad_packages();
        test_good_packages();
        test_memory_checks();
        test_value_json();
        test_signature_json();
        test_problem_set();
        return tap_done();
}
