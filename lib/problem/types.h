/* The type language of PROBLEM-FORMAT.md: int, long, double, bool, char, string, T[] (any depth),
 * list<T>, ListNode, TreeNode, void, plus LeetCode's alias spellings. Parsing, printing and
 * checking a JSON value against a type. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yajl/yajl_tree.h>

#include "base/buf.h"
#include "base/error.h"

enum type_kind {
        TYPE_INT,    /* 32-bit signed */
        TYPE_LONG,   /* 64-bit signed */
        TYPE_DOUBLE,
        TYPE_BOOL,
        TYPE_CHAR,   /* one-character string */
        TYPE_STRING,
        TYPE_ARRAY,  /* T[] or list<T>; elem set */
        TYPE_LIST_NODE,
        TYPE_TREE_NODE,
        TYPE_VOID,
        _TYPE_KIND_MAX,
};

struct type {
        enum type_kind kind;
        struct type *elem; /* TYPE_ARRAY only */
        bool spelled_list; /* written list<T> rather than T[] (both have the same JSON form) */
};

/* Parse a type name ("int[][]", "list<list<String>>", "TreeNode", "integer"...). Surrounding
 * whitespace is allowed. On success *ret owns a new type tree (free with type_free). */
int type_parse(const char *s, struct type **ret, struct judge_error *err);
struct type *type_free(struct type *t);
DEFINE_CLEANUP(struct type, type_free)
/* Canonical name: "int[][]", "TreeNode"... list<T> prints as T[]. */
int type_format(const struct type *t, struct buf *out);
/* Array nesting depth (int[][] is 2, int is 0). */
int type_depth(const struct type *t);
/* The innermost element type (int for int[][]). */
const struct type *type_base(const struct type *t);

/* Check that JSON value v has the form of type t (ints within 32 bits, level-order trees
 * well formed, one-character chars...). On failure returns -EINVAL and err says where, using
 * path as the prefix (e.g. "args[0][3]"). TYPE_VOID accepts only null. */
int type_check_value(const struct type *t, const yajl_val v, const char *path, struct judge_error *err);

/* The integer value of a JSON number written in integer syntax ("3", "-12"; not "3.0" or
 * "3e0"). Returns 0, -EINVAL when v is not a number in integer syntax, -ERANGE when it does not
 * fit in 64 bits. ret may be NULL. */
int type_json_int(const yajl_val v, long long *ret);
/* The double value of a JSON number. Returns 0, -EINVAL when v is not a number, -ERANGE when
 * it overflows a double (1e999). ret may be NULL. */
int type_json_double(const yajl_val v, double *ret);
/* Number of UTF-8 code points in s[0..n), or SIZE_MAX when s is not well-formed UTF-8 in its
 * lead/continuation structure. */
size_t type_utf8_chars(const char *s, size_t n);
