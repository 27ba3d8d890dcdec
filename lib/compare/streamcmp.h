/* Streaming answer comparison: the answer's JSON events (from jsonlex) are compared against the
 * expected value (a yajl tree, loaded with the problem) as they arrive, with the rules of
 * compare.h, and no tree of the answer is built.
 *
 * Ordered levels are compared in place: no memory grows with the answer. The `unordered`
 * (multiset) levels need the whole answer before they can be compared: the answer is written
 * in a compact canonical encoding (8 bytes a number, length + bytes a string, count + size an
 * array; multiset levels sorted), which can never exceed the expected value's own encoding
 * for an answer that is equal, so the encoding stops (unequal) as soon as it would. Memory is
 * then bounded by a small multiple of the expected value's size, whatever the answer's.
 *
 * Differences from compare.c, by design: within a multiset, numbers of equal value are equal
 * in the order (compare.c breaks ties by their text, which made [[1.0,3],[1,5]] and
 * [[1,3],[1,5]] pair differently; compare.c now does the same). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <yajl/yajl_tree.h>

#include "base/error.h"
#include "base/jsonlex.h"
#include "problem/problem.h"
#include "problem/types.h"

struct streamcmp;

/* A comparator for one answer of type t against expected (NULL: JSON null), with `unordered`
 * multiset levels (clamped to t's depth) and float tolerance tol. NULL if out of memory, or if
 * an unordered expected value does not fit t (it is encoded up front). */
struct streamcmp *streamcmp_new(const struct type *t, const yajl_val expected, int unordered, double tol);
/* A comparator for case c of p, as compare_case: function problems as above with the problem's
 * answer type; class problems: an array with one entry per call, non-void calls compared under
 * their return type. Returns 0 and *ret, -EINVAL (with err) when p and c do not fit together
 * (an unordered expected value that does not fit the answer's type too), -ENOMEM. */
int streamcmp_new_case(const struct problem *p, const struct test_case *c, struct streamcmp **ret,
                       struct judge_error *err);
struct streamcmp *streamcmp_free(struct streamcmp *s);
DEFINE_CLEANUP(struct streamcmp, streamcmp_free)

/* The answer's events, in order (jsonlex_ops-shaped; streamcmp_ops below forwards them). Each
 * returns 0, or -ENOMEM (or, for a class problem's call, -EINVAL: its expected value does not
 * fit the method's return type): a failure of the comparator, never a verdict. */
int streamcmp_open(struct streamcmp *s, bool object);
int streamcmp_close(struct streamcmp *s, bool object);
int streamcmp_scalar(struct streamcmp *s, enum jsonlex_scalar kind, const char *text, size_t n);
int streamcmp_string_begin(struct streamcmp *s);
int streamcmp_string_data(struct streamcmp *s, const char *p, size_t n);
int streamcmp_string_end(struct streamcmp *s);
/* jsonlex callbacks that forward to the streamcmp given as user data. */
extern const struct jsonlex_ops streamcmp_ops;

/* True once a complete value was fed. */
bool streamcmp_done(const struct streamcmp *s);
/* The verdict after a complete value: 1 equal, 0 not; -EINVAL if the value is not complete. */
int streamcmp_equal(const struct streamcmp *s);

/* Compare a whole answer text (tests, benchmarks): 0 and *ret_equal, -EBADMSG if text is not
 * one JSON value, -ENOMEM, -EINVAL (an unordered expected value that does not fit t). */
int streamcmp_text(const struct type *t, const yajl_val expected, int unordered, double tol, const char *text,
                   size_t n, bool *ret_equal);
