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
int codegen_c_stub(const struct problem *p, struct buf *out, struct judge_error *err);
/* C's handler check: arrays nested deeper than 2 are -EOPNOTSUPP. */
int codegen_c_check(const struct signature *s, struct judge_error *err);

/* go: main.go (package main: ListNode/TreeNode when used, and main() handing the user's
 * function, or Constructor and method expressions, to the reflective harness). */
int codegen_go_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                    struct judge_error *err);
int codegen_go_stub(const struct problem *p, struct buf *out, struct judge_error *err);

/* rust: main.rs (the harness's prelude! with ListNode/TreeNode when used, Solution, the user's
 * solution.rs by include!, and main() preparing each call by method name; the types come from
 * the user's declarations by inference in harness/rust/judge_harness.rs). */
int codegen_rust_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                      struct judge_error *err);
int codegen_rust_stub(const struct problem *p, struct buf *out, struct judge_error *err);

/* java: jvm.args (-Xmx from the problem's memory limit, the stack of the thread the user's
 * calls run on); the harness (harness/java) finds methods by reflection. */
int codegen_java_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                      struct judge_error *err);
int codegen_java_stub(const struct problem *p, struct buf *out, struct judge_error *err);

/* javascript: no glue; the harness looks the user's function or class up by name. */
int codegen_javascript_stub(const struct problem *p, struct buf *out, struct judge_error *err);

/* cpp: main.cpp (includes judge.hpp and the user's solution.cpp; main() hands Solution's
 * method, or the design class's constructor and methods, to the harness). */
int codegen_cpp_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                     struct judge_error *err);
int codegen_cpp_stub(const struct problem *p, struct buf *out, struct judge_error *err);

/* python: no glue; the harness imports solution.py. */
int codegen_python_stub(const struct problem *p, struct buf *out, struct judge_error *err);

/* The checks every language gets (codegen_glue and codegen_stub run it before the generator):
 * the signature's, methods' and parameters' names are identifiers (problem_is_identifier),
 * parameters have a non-void type, functions and methods a return type. 0 or -EINVAL with a
 * "codegen: ..." message. */
int codegen_check_signature(const struct signature *s, struct judge_error *err);

/* An output buffer that remembers its first error, so generators need not check every line:
 * codegen_put appends printf-style text unless r is already negative, and sets r to the
 * first error (-ENOMEM, or the buffer's -E2BIG). */
struct codegen_out {
        struct buf *b;
        int r;
};
void codegen_put(struct codegen_out *o, const char *fmt, ...) _printf_(2, 3);

/* Plain argument names, comma-separated without spaces as in LeetCode's usage comments. */
int codegen_arg_names(const struct method *m, struct buf *out);

/* Whether any parameter or return type of the signature (constructor and methods included)
 * mentions kind k, e.g. TYPE_TREE_NODE: the generators emit node definitions only when used.
 * One walk for every language (codegen.c). */
bool codegen_signature_uses(const struct signature *s, enum type_kind k);

/* The glue of a language that needs one generated file: path, with text taken from the buffer
 * (which is reset). Sets *ret_files and *ret_n as codegen_glue does. */
int codegen_one_file(const char *path, struct buf *text, struct codegen_file **ret_files, size_t *ret_n,
                     struct judge_error *err);
