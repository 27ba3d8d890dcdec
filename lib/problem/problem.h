/* A problem package (PROBLEM-FORMAT.md): problem.json, statement.md, tests/sample.json,
 * tests/hidden.json, submissions/<expected>/. Loading checks it against the contract. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <yajl/yajl_tree.h>

#include "base/error.h"
#include "problem/types.h"

/* The format's identifier, [A-Za-z_][A-Za-z0-9_]{0,63}: signature, method and parameter names.
 * The one identifier check for every language (names end up in generated source). */
bool problem_is_identifier(const char *s);

struct param {
        char *name;
        struct type *type;
};

struct method {
        char *name;           /* as in problem.json, e.g. "maxDepth", "get", "LRUCache" */
        struct param *params;
        size_t n_params;
        struct type *returns; /* NULL for a constructor */
};

struct signature {
        bool is_class;        /* "kind": "class" */
        char *name;           /* function name, or class name */
        struct method fn;     /* function problems: name = signature.name */
        int output_param;     /* function problems with returns void: index of the answer arg, else -1 */
        struct method ctor;   /* class problems: name = class name, returns NULL */
        struct method *methods;
        size_t n_methods;
};

struct test_case {
        char *name;           /* "name" if given, else NULL */
        bool hidden;          /* from tests/hidden.json */
        size_t index;         /* position in run order: sample cases first, then hidden */
        yajl_val args;        /* array: function args; class: one array of args per call */
        yajl_val calls;       /* class problems: array of method names (first = constructor); else NULL */
        yajl_val expected;    /* function: the return value; class: one entry per call */
};

enum diag_level { DIAG_WARNING, DIAG_ERROR, _DIAG_LEVEL_MAX };

struct diag {
        enum diag_level level;
        char *file;           /* path relative to the package, e.g. "tests/hidden.json" */
        char *msg;
};

struct diag_list {
        struct diag *items;
        size_t n;
        size_t n_errors;
};

void diag_add(struct diag_list *l, enum diag_level level, const char *file, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
void diag_list_free(struct diag_list *l);

struct problem {
        char *dir;            /* the package directory as given */
        char *slug, *title, *difficulty;
        char **tags;
        size_t n_tags;
        char *statement;      /* statement.md contents */
        long time_ms;         /* CPU limit per case in C/C++ */
        long memory_mb;
        int unordered;        /* compare.unordered (0 default) */
        double float_tolerance; /* compare.float_tolerance (1e-5 default) */
        bool hidden_failure_none; /* "hidden_failure": "none": non-admins see nothing of a failing
                                   * hidden case (default "input": its input) */
        struct signature sig;
        struct test_case *cases; /* sample cases first (file order), then hidden */
        size_t n_cases;
        size_t n_sample;
        yajl_val doc;         /* problem.json tree (owned) */
        yajl_val sample_doc, hidden_doc; /* test files' trees (owned; cases point into them) */
};

/* Load and check the package in dir. Every violation of the contract is added to diags (if
 * non-NULL) with its file and reason; duplicate cases are warnings. Returns 0 and a problem in
 * *ret when there is no error; otherwise -EINVAL (err holds the first error) and *ret untouched. */
int problem_load(const char *dir, struct problem **ret, struct diag_list *diags, struct judge_error *err);
struct problem *problem_free(struct problem *p);
DEFINE_CLEANUP(struct problem, problem_free)

/* The return type that the answer of a case is compared under: the function's return type,
 * or the output_param's type for an in-place problem. For class problems see method lookup. */
const struct type *problem_answer_type(const struct problem *p);
/* Find a class method by name, NULL if unknown. */
const struct method *problem_find_method(const struct problem *p, const char *name);

/* The package's files as bytes, for problem_load_from_memory (archives, fuzzing). A NULL
 * pointer means the file is missing; the bytes need not be NUL-terminated. */
struct problem_source {
        const char *dir;          /* directory name: p->dir and the slug check; NULL: no slug check */
        const char *problem_json;
        size_t problem_json_len;
        const char *statement;
        size_t statement_len;
        const char *sample;       /* tests/sample.json */
        size_t sample_len;
        const char *hidden;       /* tests/hidden.json */
        size_t hidden_len;
};

/* Same checks as problem_load, on files given as bytes (nothing is read from disk, so
 * submissions/ is not looked at). Same return convention as problem_load; the bytes are
 * copied, the caller keeps ownership of src. */
int problem_load_from_memory(const struct problem_source *src, struct problem **ret, struct diag_list *diags,
                             struct judge_error *err);

/* Append the case's job line to out: {"args":[...]} for a function problem,
 * {"calls":[...],"args":[...]} for a class problem (never the expected output). Returns 0 or a
 * negative errno from the buffer (-ENOBUFS past its cap). */
int problem_case_args_json(const struct problem *p, const struct test_case *c, struct buf *out);
/* Append the signature as the job carries it (docs/internals.md, "The job"): compact JSON with
 * "kind", "name", then "params"/"returns"/"output_param" (function) or "constructor"/"methods"
 * (class), every type in its canonical spelling (type_format: "int[][]", "string", "TreeNode"),
 * whatever alias or spacing problem.json used. Other keys of problem.json are not carried.
 * Returns 0 or a negative errno from the buffer. */
int problem_signature_json(const struct problem *p, struct buf *out);
/* Append v to out as compact JSON. Numbers keep their original text (yajl's u.number.r), strings
 * are re-escaped (buf_json_string), object keys keep their order. NULL is written as null.
 * Returns 0, -ELOOP past 1000 levels of nesting, or a negative errno from the buffer. */
int problem_value_json(const yajl_val v, struct buf *out);
