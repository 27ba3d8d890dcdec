/* Checked parsing of values that come from outside: numbers on command lines, in environment
 * variables and query strings, and JSON text with a cap on nesting. */
#pragma once

#include <stddef.h>
#include <yajl/yajl_tree.h>

/* A decimal integer in [min, max], the whole string (no sign-only, no trailing text, no
 * leading space). 0 with *ret; -EINVAL if s is not a number (NULL or empty included), -ERANGE
 * if it is one outside [min, max]. *ret is untouched on failure. */
int parse_long(const char *s, long min, long max, long *ret);
/* parse_long for long long values (ids, byte counts), with the same rules and returns. */
int parse_long_long(const char *s, long long min, long long max, long long *ret);
/* A decimal floating-point number in [min, max], the whole string: digits, one '.', an exponent
 * ("1.5", "-2", "1e3"); no leading space, hex, "inf" or "nan". 0 with *ret; -EINVAL if s is not
 * one (NULL or empty included), -ERANGE if it overflows or lies outside [min, max]. *ret is
 * untouched on failure. */
int parse_double(const char *s, double min, double max, double *ret);

/* Nesting depth of JSON text (arrays and objects; brackets inside strings do not count),
 * stopping as soon as it exceeds max: returns the depth (<= max), or -ELOOP past max. The text
 * need not be valid JSON: this runs before the parser, which it protects (yajl's tree is built
 * and freed recursively, so depth costs stack). */
int json_nesting(const char *s, size_t len, int max);

/* Parse JSON text of len bytes (no NUL inside) into a yajl tree, refusing nesting deeper than
 * max_depth before any tree is built. Returns the tree (free with yajl_tree_free), or NULL with
 * a one-line message in errbuf: "nested deeper than N levels", "NUL byte", or yajl's. */
yajl_val json_parse_bounded(const char *s, size_t len, int max_depth, char *errbuf, size_t errlen);
