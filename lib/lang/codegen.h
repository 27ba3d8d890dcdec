/* Code generation from a problem's signature: the glue files a compiled language needs beside
 * the user's solution (cpp: main.cpp calling the harness in judge.hpp), and the LeetCode-style
 * starter code shown in the editor. Languages: those of the table in lib/lang/languages.c. */
#pragma once

#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "problem/problem.h"

struct codegen_file {
        char *path; /* relative to the payload's src/, e.g. "main.cpp" */
        char *text;
};

/* The glue files for lang, to be placed beside the user's solution in src/. On success
 * *ret_files owns an array of *ret_n files (free with codegen_files_free); python needs none
 * (*ret_files NULL, *ret_n 0). Returns 0, -EINVAL for an unknown language or a signature
 * name that is not an identifier, -ENOMEM. */
int codegen_glue(const struct problem *p, const char *lang, struct codegen_file **ret_files, size_t *ret_n,
                 struct judge_error *err);
/* Free n files and the array; accepts NULL. Returns NULL. */
struct codegen_file *codegen_files_free(struct codegen_file *files, size_t n);

/* Append the empty solution LeetCode's editor starts from (type hints, node definitions in
 * comments, the "will be instantiated and called as such" note of design problems) to out.
 * Returns 0, -EINVAL for an unknown language or a bad name, or the buffer's error. */
int codegen_stub(const struct problem *p, const char *lang, struct buf *out, struct judge_error *err);
