/* What LeetCode's C environment has in effect before the user's code: the usual headers,
 * uthash (LeetCode includes it by default), and the two node types with LeetCode's exact
 * definitions. The compile step passes it with -include to every translation unit, so the
 * user's solution.c keeps its own file name and line numbers in compiler messages. */
#ifndef JUDGE_LEETCODE_H
#define JUDGE_LEETCODE_H

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if __has_include(<uthash.h>)
#include <uthash.h>
#endif

struct ListNode {
        int val;
        struct ListNode *next;
};

struct TreeNode {
        int val;
        struct TreeNode *left;
        struct TreeNode *right;
};

#endif
