/* Entry points of the per-language code generators (lib/codegen_<lang>.c), dispatched from
 * codegen_glue and codegen_stub in lib/codegen.c. Same contracts as those two functions
 * (codegen.h), for one language each; each checks the signature itself. */
#pragma once

#include <stddef.h>

#include "buf.h"
#include "codegen.h"
#include "error.h"
#include "problem.h"

/* c: main.c (decode, call with LeetCode's C conventions, encode, free) and judge_proto.h (the
 * user's function's prototype, -include'd into solution.c so a wrong signature is a compile
 * error there). */
int codegen_c_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                   struct judge_error *err);
int codegen_c_stub(const struct problem *p, struct buf *out, struct judge_error *err);

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
/* The identifier and return-type checks of the java and javascript generators (codegen_java.c). */
int codegen_java_check_signature(const struct signature *s, struct judge_error *err);

/* javascript: no glue (*ret_n 0); the harness looks the user's function or class up by name. */
int codegen_javascript_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                            struct judge_error *err);
int codegen_javascript_stub(const struct problem *p, struct buf *out, struct judge_error *err);

/* Whether any parameter or return type of the signature (constructor and methods included)
 * mentions kind k, e.g. TYPE_TREE_NODE: the generators emit node definitions only when used.
 * One walk for every language (codegen.c). */
bool codegen_signature_uses(const struct signature *s, enum type_kind k);

/* The glue of a language that needs one generated file: path, with text taken from the buffer
 * (which is reset). Sets *ret_files and *ret_n as codegen_glue does. */
int codegen_one_file(const char *path, struct buf *text, struct codegen_file **ret_files, size_t *ret_n,
                     struct judge_error *err);
