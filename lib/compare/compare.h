/* Host-side answer comparison: decides whether a case's answer (from the runner's result
 * document) equals the expected output, by the answer's type and the problem's compare rules. */
#pragma once

#include <stdbool.h>
#include <yajl/yajl_tree.h>

#include "base/error.h"
#include "problem/problem.h"
#include "problem/types.h"

/* Typed equality of actual against expected (expected already checked against t).
 * - int, long: exact, and the actual must be written as an integer (3.0 is not 3);
 * - double: |a-e| <= tol or |a-e| <= tol*|e| (an integer-written actual is fine);
 * - bool exact; char and string byte-wise;
 * - arrays elementwise; a null actual for an array type (also ListNode/TreeNode) equals [];
 * - TreeNode: trailing nulls on either side are ignored;
 * - the first `unordered` array levels are multisets. Each multiset is canonicalised by sorting
 *   with a total order over values (numbers by value; inner multiset levels are canonicalised
 *   first), then compared pairwise. With float tolerance inside a multiset this can reject two
 *   multisets that only match by pairing elements out of sorted order (values within tol of
 *   each other that sort differently); that is accepted as a limitation.
 * unordered is clamped to the depth of t. Malformed actual values are simply unequal. Returns
 * 1 equal, 0 not, or a negative errno when the comparison itself failed (-ENOMEM; -EINVAL for a
 * NULL type): the judge's error, never a verdict. NULL for expected/actual means JSON null.
 * streamcmp.h applies the same rules to an answer as it streams in (what the judge uses). */
int compare_answer(const struct type *t, const yajl_val expected, const yajl_val actual, int unordered,
                   double tol);

/* Compare the answer of case c. Function problems: compare_answer under problem_answer_type(p)
 * with the problem's unordered and float_tolerance. Class problems: actual must be an array with
 * one entry per call; each method call with a non-void return is compared under that method's
 * return type (unordered clamped to its depth); entries for the constructor and for void
 * methods are not looked at. *ret_equal gets the verdict. Returns 0, or a negative errno with err
 * when the comparison failed: -EINVAL when p and c do not fit together, -ENOMEM (the judge's
 * errors, never a wrong answer). */
int compare_case(const struct problem *p, const struct test_case *c, const yajl_val actual, bool *ret_equal,
                 struct judge_error *err);

/* Class problems: the answer type of each call of case c, NULL for the constructor and void
 * methods, in *ret (a new array, free()) and their count in *ret_n. Returns 0, or -EINVAL with
 * err when c's calls and expected are not arrays of one length or name an unknown method, or
 * -ENOMEM. compare_case and streamcmp_new_case share it. */
int compare_call_types(const struct problem *p, const struct test_case *c, const struct type ***ret,
                       size_t *ret_n, struct judge_error *err);
