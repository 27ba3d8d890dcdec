/* Entry points of the per-language code generators (lib/codegen_<lang>.c), registered in the
 * language table (lib/lang/languages.c, struct lang_handler in lang.h) and called from codegen_glue
 * and codegen_stub (lib/lang/codegen.c). Same contracts as those two functions (codegen.h), for one
 * language each; the signature is checked before (codegen_check_signature and the handler's
 * check), so a generator may assume identifiers, types and return types are there. */
#pragma once

#include <stddef.h>

#include "base/buf.h"
#include "lang/codegen.h"
#include "base/error.h"
#include "problem/problem.h"

/* c: main.c (decode, call with LeetCode's C conventions, encode, free) and judge_proto.h (the
 * user's function's prototype, -include'd into solution.c so a wrong signature is a compile
 * error there). */
int codegen_c_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                   struct judge_error *err);
int codegen_c_stub(const struct problem *p, struct buf *out);
/* C's handler check: arrays nested deeper than 2 are -EOPNOTSUPP. */
int codegen_c_check(const struct signature *s, struct judge_error *err);

/* go: main.go (package main: ListNode/TreeNode when used, and main() handing the user's
 * function, or Constructor and method expressions, to the reflective harness). */
int codegen_go_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                    struct judge_error *err);
int codegen_go_stub(const struct problem *p, struct buf *out);

/* rust: main.rs (the harness's prelude! with ListNode/TreeNode when used, Solution, the user's
 * solution.rs by include!, and main() preparing each call by method name; the types come from
 * the user's declarations by inference in harness/rust/judge_harness.rs). */
int codegen_rust_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                      struct judge_error *err);
int codegen_rust_stub(const struct problem *p, struct buf *out);

/* java: jvm.args (-Xmx from the problem's memory limit, the stack of the thread the user's
 * calls run on); the harness (harness/java) finds methods by reflection. */
int codegen_java_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                      struct judge_error *err);
int codegen_java_stub(const struct problem *p, struct buf *out);

/* javascript: no glue; the harness looks the user's function or class up by name. */
int codegen_javascript_stub(const struct problem *p, struct buf *out);

/* cpp: main.cpp (includes judge.hpp and the user's solution.cpp; main() hands Solution's
 * method, or the design class's constructor and methods, to the harness). */
int codegen_cpp_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                     struct judge_error *err);
int codegen_cpp_stub(const struct problem *p, struct buf *out);

/* python: no glue; the harness imports solution.py. */
int codegen_python_stub(const struct problem *p, struct buf *out);

/* The checks every language gets (codegen_glue and codegen_stub run it before the generator):
 * the signature's, methods' and parameters' names are identifiers (problem_is_identifier),
 * parameters have a non-void type, functions and methods a return type. 0 or -EINVAL with a
 * "codegen: ..." message. */
int codegen_check_signature(const struct signature *s, struct judge_error *err);

/* Plain argument names, comma-separated without spaces as in LeetCode's usage comments. */
int codegen_arg_names(const struct method *m, struct buf *out);
/* The argument names of m separated by sep, each written by name (NULL: as it is). Returns
 * out's error (buf_err). */
int codegen_arg_list(const struct method *m, const char *sep, void (*name)(const char *n, struct buf *out),
                     struct buf *out);

/* Fail out with r (a generator's own error, such as a type it cannot spell: -EINVAL) as an
 * append would: the error sticks (buf.h), later appends are no-ops. Returns out's error, the
 * first one. */
int codegen_fail(struct buf *out, int r);

/* LeetCode's commented node definitions above a starter: list when the signature uses
 * ListNode, tree when it uses TreeNode. Returns out's error. */
int codegen_node_defs(const struct signature *s, const char *list, const char *tree, struct buf *out);

/* How a language spells LeetCode's closing comment of a design class's starter code: "Your X
 * object will be instantiated and called as such:", the constructor's call, then a call of
 * each method, its result kept when it has one. In new_obj and result, $C stands for the class,
 * $T for the result's type (written by type) and $N for the method's number (from 1). */
struct codegen_usage {
        const char *line;     /* each line's start: " * ", "# " */
        const char *new_obj;  /* up to the constructor's arguments: "$C* obj = new $C(" */
        const char *ctor_sep; /* between the constructor's arguments */
        const char *result;   /* before a non-void call: "$T param_$N = " */
        int (*type)(const struct type *t, struct buf *out);
        const char *call;                                    /* "obj." or "obj->" */
        void (*method_name)(const char *n, struct buf *out); /* NULL: as it is */
        void (*arg_name)(const char *n, struct buf *out);    /* NULL: as it is */
        const char *arg_sep;                                 /* between a method's arguments */
        const char *end;                                     /* after a call's arguments */
        const char *close; /* after the last call: the comment's end, or "" */
};
/* The comment's lines from "Your X object" on (the language writes the comment's opening).
 * Returns out's error. */
int codegen_usage(const struct signature *s, const struct codegen_usage *u, struct buf *out);

/* Whether any parameter or return type of the signature (constructor and methods included)
 * mentions kind k, e.g. TYPE_TREE_NODE: the generators emit node definitions only when used.
 * One walk for every language (codegen.c). */
bool codegen_signature_uses(const struct signature *s, enum type_kind k);

/* The glue of a language that needs one generated file: path, with the text write appends to a
 * buffer (capped at 1 MiB; write returns the buffer's error). Sets *ret_files and *ret_n as
 * codegen_glue does; a failure of write is "codegen: generating <path> failed". */
int codegen_glue_file(const struct problem *p, const char *path,
                      int (*write)(const struct problem *p, struct buf *out), struct codegen_file **ret_files,
                      size_t *ret_n, struct judge_error *err);
