/* The C harness of the judge (docs/internals.md): this header and judge.c, compiled to judge.o
 * when the image is built and linked into every submission.
 *
 * C has neither overloading nor reflection, so the host generates the glue (main.c, by
 * lib/lang/codegen_c.c) from the signature: for every function or method a "prep" that decodes
 * one call's arguments into a struct (before the case's clock starts) and a "run" that calls
 * the user's function with LeetCode's C conventions (sizes, returnSize, returnColumnSizes),
 * encodes the result with judge_put_* and hands what it returned to judge_own_* to be freed.
 * This file does the rest: JSON, the answer channel, the clock, and freeing.
 *
 * Freeing: the user's code may free what it was given, or return a string literal, an input,
 * or a pointer into the middle of a block, so the harness frees a pointer only when it knows
 * the block is live: malloc and friends are wrapped, and a block is freed at the end of a case
 * only if it was an input, or was allocated during one of the user's calls of this case, and
 * has not been freed since. */
#ifndef JUDGE_HARNESS_H
#define JUDGE_HARNESS_H

#include "leetcode.h"

#include <stddef.h>

/* A parsed JSON value (read only for the glue). */
struct judge_json;

/* Element types of LeetCode's C representations. */
enum judge_type {
        JUDGE_INT,    /* int */
        JUDGE_LONG,   /* long long */
        JUDGE_DOUBLE, /* double */
        JUDGE_BOOL,   /* bool */
        JUDGE_CHAR,   /* char */
        JUDGE_STRING, /* char *, NUL-terminated */
        JUDGE_LIST,   /* struct ListNode * */
        JUDGE_TREE,   /* struct TreeNode * */
};

/* The answer of one case being built. */
struct judge_out;

/* One function or method of the signature. prep decodes a call's arguments (args: the JSON
 * array) into a new struct, before the clock; run calls the user's code on *obj (the design
 * object; unused for a function problem) between judge_begin and judge_end, and encodes the
 * result (null for void) into out. */
struct judge_method {
        const char *name;
        void *(*prep)(const struct judge_json *args);
        void (*run)(void **obj, void *prepared, struct judge_out *out);
};

/* ---- for prep: decoding (a bad job sends an X line and exits 2) -------------------------- */

/* A zeroed struct of size n for the arguments of a call that must have n_args arguments. */
void *judge_args_alloc(const struct judge_json *args, size_t n_args, size_t size);
/* Argument i of args. */
const struct judge_json *judge_arg(const struct judge_json *args, size_t i);
int judge_int(const struct judge_json *v);
long long judge_long(const struct judge_json *v);
double judge_double(const struct judge_json *v);
bool judge_bool(const struct judge_json *v);
char judge_char(const struct judge_json *v);
/* A malloc'd copy, NUL-terminated. */
char *judge_string(const struct judge_json *v);
/* Every node malloc'd on its own (the user may free nodes). [] is NULL. */
struct ListNode *judge_list(const struct judge_json *v);
struct TreeNode *judge_tree(const struct judge_json *v);
/* An array of depth 1 (T*, *ret_size) or 2 (T**, *ret_size rows, *ret_col_sizes their lengths;
 * ret_col_sizes NULL for depth 1). char arrays are also NUL-terminated. */
void *judge_array(const struct judge_json *v, enum judge_type t, int depth, int *ret_size,
                  int **ret_col_sizes);

/* ---- for run: the clock, encoding, freeing ------------------------------------------------ */

/* Start and stop the clock around the user's call (and track its allocations). */
void judge_begin(void);
void judge_end(void);

void judge_put_null(struct judge_out *o);
void judge_put_int(struct judge_out *o, long long v);
void judge_put_double(struct judge_out *o, double v); /* like Python's repr; NaN, inf: null */
void judge_put_bool(struct judge_out *o, bool v);
void judge_put_char(struct judge_out *o, char v);
void judge_put_string(struct judge_out *o, const char *s); /* NULL: null */
/* A cycle is the user's runtime error ("Found cycle in the ListNode"). */
void judge_put_list(struct judge_out *o, const struct ListNode *v);
void judge_put_tree(struct judge_out *o, const struct TreeNode *v);
/* Depth 1: size elements at p. Depth 2: size rows, row k has col_sizes[k] elements. A negative
 * size, or NULL where elements are due, is the user's runtime error. */
void judge_put_array(struct judge_out *o, const void *p, enum judge_type t, int depth, int size,
                     const int *col_sizes);

/* Free these at the end of the case, if still live (see the top of this file). */
void judge_own(void *p);
void judge_own_list(struct ListNode *v);
void judge_own_tree(struct TreeNode *v);
void judge_own_array(void *p, enum judge_type t, int depth, int size, const int *col_sizes);

/* ---- main() ----------------------------------------------------------------------------- */

/* A function problem: every case is one call of fn. Returns main's exit status. */
int judge_run_function(const struct judge_method *fn);
/* A class problem: the first call of a case is ctor (which sets *obj), then methods by name;
 * free_obj (the user's xxxFree, may be NULL) ends the case. */
int judge_run_class(const struct judge_method *ctor, const struct judge_method *methods, size_t n_methods,
                    void (*free_obj)(void *obj));

#endif
