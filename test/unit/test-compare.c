/* Unit tests for lib/compare/compare.c: typed answer comparison. */
#define _GNU_SOURCE 1
#include <string.h>

#include "compare/compare.h"
#include "tap.h"
#include "testlib.h"

#define J testlib_json_kept

static void cmp(const char *type, const char *exp, const char *act, int unordered, double tol, bool want) {
        struct type *t = NULL;
        if (type_parse(type, &t, NULL) < 0)
                printf("# bad type %s\n", type);
        int got = compare_answer(t, J(exp), J(act), unordered, tol);
        CHECK(got == (int) want, "%s u=%d tol=%g: %s %s %s", type, unordered, tol, exp, want ? "==" : "!=",
              act ? act : "(NULL)");
        type_free(t);
}

#define EQ(t, e, a) cmp(t, e, a, 0, 1e-5, true)
#define NE(t, e, a) cmp(t, e, a, 0, 1e-5, false)

static void test_scalars(void) {
        EQ("int", "3", "3");
        NE("int", "3", "4");
        NE("int", "3", "3.0");   /* strict: a double printed where an int is expected is wrong */
        NE("int", "3", "3e0");
        NE("int", "3", "\"3\"");
        NE("int", "3", "null");
        NE("int", "3", NULL);
        NE("int", "3", "[3]");
        EQ("int", "0", "-0");
        EQ("long", "9223372036854775807", "9223372036854775807");
        NE("long", "9223372036854775807", "9223372036854775806");
        EQ("long", "-9223372036854775808", "-9223372036854775808");
        NE("long", "1", "99999999999999999999");
        EQ("double", "1.0", "1");
        EQ("double", "0.5", "0.500001");
        NE("double", "0.5", "0.50002");
        EQ("double", "1000000", "1000001");           /* relative: 1e-6 <= 1e-5 */
        NE("double", "1000000", "1000100");
        EQ("double", "1e-300", "0");                   /* absolute */
        EQ("double", "2.0", "2.0");
        cmp("double", "2.0", "2.0", 0, 0, true);
        cmp("double", "2.0", "2.0000001", 0, 0, false);
        NE("double", "2.0", "1e999");
        NE("double", "2.0", "\"2.0\"");
        NE("double", "2.0", "true");
        cmp("double", "1.0", "1.5", 0, -1, false);     /* negative tolerance treated as 0 */
        EQ("bool", "true", "true");
        NE("bool", "true", "false");
        NE("bool", "false", "0");
        NE("bool", "false", "null");
        EQ("char", "\"a\"", "\"a\"");
        NE("char", "\"a\"", "\"A\"");
        NE("char", "\"a\"", "97");
        EQ("string", "\"h\\u00e9llo\"", "\"h\xc3\xa9llo\"");
        NE("string", "\"abc\"", "\"abc \"");
        NE("string", "\"\"", "null");
        EQ("void", "null", "null");
        EQ("void", "null", NULL);
        NE("void", "null", "0");
        CHECK(compare_answer(NULL, J("1"), J("1"), 0, 0) == -EINVAL, "NULL type: an error, never equal");
}

static void test_arrays(void) {
        EQ("int[]", "[1,2,3]", "[1,2,3]");
        NE("int[]", "[1,2,3]", "[1,3,2]");
        NE("int[]", "[1,2,3]", "[1,2]");
        NE("int[]", "[1,2]", "[1,2,3]");
        EQ("int[]", "[]", "[]");
        EQ("int[]", "[]", "null");          /* Go's nil slice */
        EQ("int[]", "[]", NULL);
        NE("int[]", "[1]", "null");
        NE("int[]", "[1]", "{}");
        NE("int[]", "[1]", "1");
        EQ("int[][]", "[[1],[]]", "[[1],null]"); /* nil inner slice */
        NE("int[][]", "[[1],[2]]", "[[1],[2,3]]");
        EQ("double[]", "[0.1,0.2]", "[0.1000001,0.2]");
        EQ("string[]", "[\"a\",\"b\"]", "[\"a\",\"b\"]");
        NE("string[]", "[\"a\",\"b\"]", "[\"a\",[\"b\"]]");
        /* unordered */
        cmp("int[]", "[0,1]", "[1,0]", 1, 1e-5, true);
        cmp("int[]", "[0,1]", "[1,0]", 0, 1e-5, false);
        cmp("int[]", "[1,1,2]", "[1,2,2]", 1, 1e-5, false);
        cmp("int[]", "[1,1,2]", "[2,1,1]", 1, 1e-5, true);
        cmp("int[]", "[1,2]", "[2,1,1]", 1, 1e-5, false);
        cmp("int[]", "[]", "null", 1, 1e-5, true);
        cmp("int[]", "[1]", "[1.0]", 1, 1e-5, false);
        cmp("int[]", "[3,-1,2147483647,-2147483648]", "[-2147483648,2147483647,3,-1]", 1, 1e-5, true);
        /* unordered 1 on int[][]: outer multiset, inner ordered */
        cmp("int[][]", "[[1,2],[3,4]]", "[[3,4],[1,2]]", 1, 1e-5, true);
        cmp("int[][]", "[[1,2],[3,4]]", "[[4,3],[1,2]]", 1, 1e-5, false);
        /* unordered 2: inner multisets too (group anagrams) */
        cmp("string[][]", "[[\"bat\"],[\"nat\",\"tan\"],[\"ate\",\"eat\",\"tea\"]]",
            "[[\"eat\",\"tea\",\"ate\"],[\"tan\",\"nat\"],[\"bat\"]]", 2, 1e-5, true);
        cmp("string[][]", "[[\"bat\"],[\"nat\",\"tan\"],[\"ate\",\"eat\",\"tea\"]]",
            "[[\"eat\",\"tea\",\"ate\"],[\"tan\",\"nat\"],[\"bat\"]]", 1, 1e-5, false);
        cmp("string[][]", "[[\"a\",\"b\"],[\"c\"]]", "[[\"c\"],[\"b\",\"a\"],[]]", 2, 1e-5, false);
        cmp("string[][]", "[[\"a\",\"b\"],[\"c\"]]", "[[\"a\"],[\"b\",\"c\"]]", 2, 1e-5, false);
        cmp("int[][]", "[[1,1],[2]]", "[[2],[1,1]]", 2, 1e-5, true);
        cmp("int[][]", "[[],[1]]", "[[1],null]", 2, 1e-5, true);
        /* unordered clamped to the type's depth */
        cmp("int[]", "[1,2]", "[2,1]", 5, 1e-5, true);
        cmp("int", "1", "1", 3, 1e-5, true);
        /* unordered doubles with tolerance: sort then pairwise */
        cmp("double[]", "[1.0,2.0,3.0]", "[3.000001,0.999999,2.0]", 1, 1e-5, true);
        cmp("double[]", "[1.0,2.0]", "[2.1,1.0]", 1, 1e-5, false);
        /* malformed actual inside an unordered array: unequal, no crash */
        cmp("int[][]", "[[1],[2]]", "[[2],3]", 2, 1e-5, false);
        cmp("int[][]", "[[1],[2]]", "[{\"a\":1},[1]]", 2, 1e-5, false);
        cmp("int[]", "[1,2]", "[\"1\",2]", 1, 1e-5, false);
        cmp("int[]", "[1,2]", "[true,null]", 1, 1e-5, false);
        cmp("string[]", "[\"a\"]", "[null]", 1, 1e-5, false);
        /* a larger multiset */
        {
                char e[4096], a[4096];
                size_t ne = 0, na = 0;
                ne += (size_t) snprintf(e + ne, sizeof e - ne, "[");
                na += (size_t) snprintf(a + na, sizeof a - na, "[");
                for (int i = 0; i < 300; i++) {
                        ne += (size_t) snprintf(e + ne, sizeof e - ne, "%s%d", i ? "," : "", (i * 7919) % 101);
                        na += (size_t) snprintf(a + na, sizeof a - na, "%s%d", i ? "," : "", ((299 - i) * 7919) % 101);
                }
                snprintf(e + ne, sizeof e - ne, "]");
                snprintf(a + na, sizeof a - na, "]");
                cmp("int[]", e, a, 1, 0, true);
                cmp("int[]", e, a, 0, 0, false);
        }
}

static void test_nodes(void) {
        EQ("ListNode", "[1,2,3]", "[1,2,3]");
        NE("ListNode", "[1,2,3]", "[1,2]");
        EQ("ListNode", "[]", "null");
        EQ("ListNode", "[]", "[]");
        NE("ListNode", "[1]", "[1.0]");
        NE("ListNode", "[1]", "[null]");
        EQ("TreeNode", "[3,9,20,null,null,15,7]", "[3,9,20,null,null,15,7]");
        EQ("TreeNode", "[1,null,2]", "[1,null,2,null,null]"); /* trailing nulls ignored */
        EQ("TreeNode", "[1,null,2,null,null]", "[1,null,2]");
        NE("TreeNode", "[1,null,2]", "[1,2]");
        NE("TreeNode", "[1,null,2]", "[1,2,null]");
        EQ("TreeNode", "[]", "null");
        EQ("TreeNode", "[]", "[null]");
        NE("TreeNode", "[1]", "[null,1]");
        NE("TreeNode", "[1]", "[\"1\"]");
        EQ("ListNode[]", "[[1,2],[]]", "[[1,2],null]");
        cmp("TreeNode[]", "[[1,2],[3]]", "[[3,null],[1,2]]", 1, 0, true);
        cmp("TreeNode[]", "[[1,2],[3]]", "[[3,null,4],[1,2]]", 1, 0, false);
}

static void test_cases(void) {
        struct problem *p = testlib_load_problem("{\"format\":1,\"slug\":\"two-sum\",\"title\":\"Two Sum\",\"difficulty\":\"easy\","
                                 "\"limits\":{\"time_ms\":1000,\"memory_mb\":256},\"signature\":{\"kind\":\"function\","
                                 "\"name\":\"twoSum\",\"params\":[{\"name\":\"nums\",\"type\":\"int[]\"},{\"name\":"
                                 "\"target\",\"type\":\"int\"}],\"returns\":\"int[]\"},\"compare\":{\"unordered\":1}}",
                                 "[{\"args\":[[2,7,11,15],9],\"expected\":[0,1]}]");
        CHECK(p != NULL, "two-sum loads");
        if (p) {
                bool eq = false;
                struct judge_error e = { 0 };
                CHECK(compare_case(p, &p->cases[0], J("[1,0]"), &eq, &e) == 0 && eq, "two-sum any order");
                CHECK(compare_case(p, &p->cases[0], J("[0,2]"), &eq, &e) == 0 && !eq, "two-sum wrong");
                CHECK(compare_case(p, &p->cases[0], NULL, &eq, &e) == 0 && !eq, "two-sum missing answer");
                CHECK(compare_case(p, &p->cases[0], J("\"garbage\""), &eq, &e) == 0 && !eq, "two-sum garbage");
                CHECK(compare_case(p, NULL, NULL, &eq, &e) == -EINVAL, "NULL case: -EINVAL");
                problem_free(p);
        }

        p = testlib_load_problem("{\"format\":1,\"slug\":\"rotate\",\"title\":\"Rotate\",\"difficulty\":\"easy\",\"limits\":{\"time_ms\":"
                 "1000,\"memory_mb\":256},\"signature\":{\"kind\":\"function\",\"name\":\"rotate\",\"params\":[{\"name\":"
                 "\"matrix\",\"type\":\"int[][]\"}],\"returns\":\"void\",\"output_param\":0}}",
                 "[{\"args\":[[[1,2],[3,4]]],\"expected\":[[3,1],[4,2]]}]");
        CHECK(p != NULL, "rotate loads");
        if (p) {
                bool eq = false;
                CHECK(compare_case(p, &p->cases[0], J("[[3,1],[4,2]]"), &eq, NULL) == 0 && eq, "in-place answer");
                CHECK(compare_case(p, &p->cases[0], J("[[1,2],[3,4]]"), &eq, NULL) == 0 && !eq, "in-place unchanged");
                problem_free(p);
        }

        p = testlib_load_problem("{\"format\":1,\"slug\":\"c\",\"title\":\"C\",\"difficulty\":\"easy\",\"limits\":{\"time_ms\":1000,"
                 "\"memory_mb\":256},\"signature\":{\"kind\":\"class\",\"name\":\"Bag\",\"constructor\":{\"params\":[]},"
                 "\"methods\":[{\"name\":\"add\",\"params\":[{\"name\":\"x\",\"type\":\"int\"}],\"returns\":\"void\"},"
                 "{\"name\":\"all\",\"params\":[],\"returns\":\"int[]\"},{\"name\":\"avg\",\"params\":[],\"returns\":"
                 "\"double\"}]},\"compare\":{\"unordered\":1,\"float_tolerance\":0.01}}",
                 "[{\"calls\":[\"Bag\",\"add\",\"add\",\"all\",\"avg\"],\"args\":[[],[1],[2],[],[]],"
                 "\"expected\":[null,null,null,[1,2],1.5]}]");
        CHECK(p != NULL, "class problem loads");
        if (p) {
                bool eq = false;
                struct judge_error e = { 0 };
                const struct test_case *c = &p->cases[0];
                CHECK(compare_case(p, c, J("[null,null,null,[2,1],1.505]"), &eq, &e) == 0 && eq,
                      "class: unordered per call, tolerance");
                CHECK(compare_case(p, c, J("[null,null,null,[2,1],1.6]"), &eq, &e) == 0 && !eq, "class: avg wrong");
                CHECK(compare_case(p, c, J("[null,null,null,[2],1.5]"), &eq, &e) == 0 && !eq, "class: all wrong");
                CHECK(compare_case(p, c, J("[null,null,null,[2,1]]"), &eq, &e) == 0 && !eq, "class: too short");
                CHECK(compare_case(p, c, J("[null,null,null,[2,1],1.5,null]"), &eq, &e) == 0 && !eq,
                      "class: too long");
                CHECK(compare_case(p, c, J("[1,2,3,[1,2],1.5]"), &eq, &e) == 0 && eq,
                      "class: constructor/void entries are not looked at");
                CHECK(compare_case(p, c, J("{}"), &eq, &e) == 0 && !eq, "class: not an array");
                CHECK(compare_case(p, c, NULL, &eq, &e) == 0 && !eq, "class: missing");
                problem_free(p);
        }
}

int main(void) {
        test_scalars();
        test_arrays();
        test_nodes();
        test_cases();
        testlib_json_free_kept();
        return tap_done();
}
