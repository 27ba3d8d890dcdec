/* Unit tests for lib/compare/streamcmp.c and lib/base/jsonlex.c: the streaming comparator gives compare.c's
 * verdict on every rule, fed whole or a byte at a time, and yajl's string decoding. */
#define _GNU_SOURCE 1
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"
#include "compare/streamcmp.h"
#include "tap.h"
#include "testlib.h"

#define J testlib_json

/* Feed text to a comparator in pieces of `piece` bytes: 1 equal, 0 not, < 0 error. */
static int stream_pieces(const struct type *t, yajl_val e, int u, double tol, const char *text,
                         size_t piece) {
        struct streamcmp *s = streamcmp_new(t, e, u, tol);
        if (!s)
                return -ENOMEM;
        struct jsonlex x;
        jsonlex_init(&x, &streamcmp_ops, s, 0);
        size_t n = strlen(text), off = 0;
        int r = 0;
        while (r == 0 && off < n && !jsonlex_done(&x)) {
                size_t k = n - off < piece ? n - off : piece, used = 0;
                r = jsonlex_feed(&x, text + off, k, &used);
                off += used;
        }
        if (r == 0)
                r = jsonlex_end(&x);
        if (r == 0)
                r = jsonlex_done(&x) && streamcmp_done(s) ? streamcmp_equal(s) : -EBADMSG;
        jsonlex_free(&x);
        streamcmp_free(s);
        return r;
}

static int n_diff;

/* Both comparators, whole and byte by byte, against want (-1: whatever compare.c says). */
static void cmp(const char *type, const char *exp, const char *act, int u, double tol, int want) {
        struct type *t = NULL;
        if (type_parse(type, &t, NULL) < 0)
                printf("# bad type %s\n", type);
        yajl_val e = J(exp), a = J(act);
        int tree = compare_answer(t, e, a, u, tol);
        bool whole = false;
        int rw = streamcmp_text(t, e, u, tol, act, strlen(act), &whole);
        int r1 = stream_pieces(t, e, u, tol, act, 1), r7 = stream_pieces(t, e, u, tol, act, 7);
        bool ok = rw == 0 && (int)whole == tree && r1 == tree && r7 == tree && (want < 0 || tree == want);
        if (want >= 0 || !ok)
                CHECK(ok, "%s u=%d tol=%g: %s vs %s: tree %d, stream %d/%d/%d", type, u, tol, exp, act, tree,
                      rw < 0 ? rw : whole, r1, r7);
        if (!ok)
                n_diff++;
        yajl_tree_free(e);
        yajl_tree_free(a);
        type_free(t);
}

#define EQ(t, e, a) cmp(t, e, a, 0, 1e-5, 1)
#define NE(t, e, a) cmp(t, e, a, 0, 1e-5, 0)

static void test_rules(void) {
        EQ("int", "3", "3");
        NE("int", "3", "4");
        NE("int", "3", "3.0");
        NE("int", "3", "3e0");
        NE("int", "3", "\"3\"");
        NE("int", "3", "null");
        NE("int", "3", "[3]");
        NE("int", "3", "{\"a\":3}");
        EQ("int", "0", "-0");
        EQ("long", "9223372036854775807", "9223372036854775807");
        EQ("long", "-9223372036854775808", "-9223372036854775808");
        NE("long", "9223372036854775807", "9223372036854775808");
        EQ("double", "0.1", "0.100001");
        NE("double", "0.1", "0.2");
        EQ("double", "2", "2.0");
        EQ("double", "1e300", "1e300");
        NE("double", "1", "1e999");
        cmp("double", "0", "1e-400", 0, 1e-5, -1);
        cmp("double", "0.3", "0.30000000000000004441", 0, 0, -1);
        cmp("double", "123456789012345678", "123456789012345678.0", 0, 0, 1);
        EQ("bool", "true", "true");
        NE("bool", "true", "false");
        NE("bool", "true", "1");
        EQ("string", "\"abc\"", "\"abc\"");
        NE("string", "\"abc\"", "\"abd\"");
        NE("string", "\"abc\"", "\"ab\"");
        NE("string", "\"ab\"", "\"abc\"");
        EQ("string", "\"\\u00e9\"", "\"\xc3\xa9\"");
        EQ("string", "\"\xf0\x9f\x98\x80\"", "\"\\ud83d\\ude00\"");
        EQ("char", "\"a\"", "\"a\"");
        EQ("int[]", "[1,2,3]", "[1,2,3]");
        NE("int[]", "[1,2,3]", "[1,2]");
        NE("int[]", "[1,2]", "[1,2,3]");
        EQ("int[]", "[]", "null");
        EQ("int[]", "[]", "[]");
        NE("int[]", "[1]", "null");
        NE("int[]", "[1]", "[[1]]");
        EQ("int[][]", "[[1],[]]", "[[1],null]");
        EQ("ListNode", "[]", "null");
        NE("ListNode", "[1]", "[null]");
        EQ("TreeNode", "[1,null,2]", "[1,null,2,null,null]");
        EQ("TreeNode", "[1,null,2,null,null]", "[1,null,2]");
        NE("TreeNode", "[1,null,2]", "[1,2]");
        NE("TreeNode", "[1,null,2]", "[1,null]");
        EQ("TreeNode", "[]", "[null]");
        NE("TreeNode", "[1]", "[null,1]");
        NE("TreeNode", "[1]", "[[1]]");
        EQ("void", "null", "null");
        /* unordered */
        cmp("int[]", "[1,2,2,3]", "[2,3,1,2]", 1, 0, 1);
        cmp("int[]", "[1,2,2,3]", "[2,3,1,1]", 1, 0, 0);
        cmp("int[]", "[1,2]", "[2,1,3]", 1, 0, 0);
        cmp("int[]", "[]", "null", 1, 0, 1);
        cmp("int[]", "[1]", "[1.0]", 1, 0, 0);
        cmp("int[]", "[1]", "[5000000000]", 1, 0, 0);
        cmp("long[]", "[5000000000,1]", "[1,5000000000]", 1, 0, 1);
        cmp("int[][]", "[[1,2],[3]]", "[[3],[2,1]]", 2, 0, 1);
        cmp("int[][]", "[[1,2],[3]]", "[[3],[2,1]]", 1, 0, 0);
        cmp("int[][]", "[[1,2],[3]]", "[[3],[1,2]]", 1, 0, 1);
        cmp("int[][]", "[[1,2],[3]]", "[[3],[1,2]]", 5, 0, 1);
        cmp("string[][]", "[[\"eat\",\"tea\"],[\"bat\"]]", "[[\"bat\"],[\"tea\",\"eat\"]]", 2, 0, 1);
        cmp("string[]", "[\"a\",\"b\"]", "[\"b\",\"a\",\"a\"]", 1, 0, 0);
        cmp("double[]", "[1.5,2.5]", "[2.50001,1.49999]", 1, 1e-4, 1);
        cmp("double[][]", "[[1,3],[1,5]]", "[[1.0,3],[1,5]]", 1, 0, 1);
        cmp("double[][]", "[[1,3],[1,5]]", "[[1,5],[1.0,3]]", 1, 0, 1);
        cmp("bool[]", "[true,false]", "[false,true]", 1, 0, 1);
        cmp("TreeNode[]", "[[1,2],[3]]", "[[3,null],[1,2]]", 1, 0, 1);
        cmp("TreeNode[]", "[[1,2],[3]]", "[[3,null,4],[1,2]]", 1, 0, 0);
        cmp("ListNode[]", "[[1,2],[]]", "[null,[1,2]]", 1, 0, 1);
        cmp("int[]", "[1,2]", "{\"a\":[1,2]}", 1, 0, 0);
        cmp("int[]", "[1,2]", "[1,{\"a\":2}]", 1, 0, 0);
        cmp("int[]", "[1,2]", "\"[1,2]\"", 1, 0, 0);
        cmp("int[]", "[1,2]", "7", 1, 0, 0);
}

/* yajl's decoding of escapes, quirks included: the streaming decoder agrees. */
static void test_strings(void) {
        const char *s[] = {
                "\"plain\"",
                "\"tab\\tnl\\nq\\\"bs\\\\sl\\/\"",
                "\"\\u0041\\u00e9\\u4e2d\"",
                "\"\\ud83d\\ude00\"",
                "\"\\ud800\"",
                "\"\\ud800x\"",
                "\"\\ud800\\n\"",
                "\"\\ud800\\u0041\"",
                "\"\\udc00\"",
                "\"a\\u0000b\"",
                "\"\\ud800\xc3\xa9z\"",
                "\"\\uDBFF\\uDFFF\"",
                "\"\xe4\xb8\xad\"",
                "\"\\ud800\\\"\"",
        };
        for (size_t i = 0; i < ELEMENTSOF(s); i++)
                cmp("string", s[i], s[i], 0, 0, 1);
        EQ("string", "\"a\\u0000b\"", "\"a\\u0000c\""); /* compare.c compares C strings */
}

/* Malformed answers are errors of the tokenizer, not unequal. */
static void test_malformed(void) {
        struct type *t = NULL;
        type_parse("int[]", &t, NULL);
        yajl_val e = J("[1]");
        const char *bad[] = {
                "[1,]",       "[01]", "[1 2]", "[\"\x80\"]", "[\"\xed\xa0\x80\"]", "[\"\xc0\xaf\"]", "[1",
                "[-]",        "[1.]", "[.5]",  "[tru]",      "[\"a\\x\"]",         "[\"\\u12\"]",    "{1:2}",
                "[\"a\tb\"]", "]",    "[1]]"};
        for (size_t i = 0; i < ELEMENTSOF(bad); i++) {
                bool eq = true;
                int r = streamcmp_text(t, e, 0, 0, bad[i], strlen(bad[i]), &eq);
                CHECK(r == -EBADMSG, "malformed answer %s is an error (%d)", bad[i], r);
        }
        /* nesting: the runner allows 512 levels; the tokenizer allows more */
        char deep[3000];
        size_t n = testlib_nested(deep, 1000, 1000);
        bool eq = true;
        CHECK(streamcmp_text(t, e, 0, 0, deep, n, &eq) == 0 && !eq,
              "1000 levels of nesting: unequal, no error");
        n = testlib_nested(deep, 1100, 0);
        CHECK(streamcmp_text(t, e, 0, 0, deep, n, &eq) == -EBADMSG, "1100 levels: an error");
        yajl_tree_free(e);
        type_free(t);
}

/* Random values over small alphabets (so that multisets collide), every rule at once. */
static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n) {
        rnd_state = rnd_state * 1103515245u + 12345u;
        return (rnd_state >> 16) % n;
}

static void gen(const char *type, int depth, char *out, size_t *len, size_t cap) {
        if (*len + 64 > cap)
                return;
        if (depth > 0) {
                if (rnd(12) == 0) {
                        *len += (size_t)snprintf(out + *len, cap - *len, "null");
                        return;
                }
                unsigned n = rnd(5);
                out[(*len)++] = '[';
                for (unsigned i = 0; i < n; i++) {
                        if (i)
                                out[(*len)++] = ',';
                        gen(type, depth - 1, out, len, cap);
                }
                out[(*len)++] = ']';
                out[*len] = 0;
                return;
        }
        static const char *ints[] = {"0", "1", "-1", "2", "3", "2147483647", "-0", "1.0", "7"};
        static const char *dbls[] = {"0", "1", "1.0", "0.5", "-0.0", "1e-3", "2.5", "1.000001", "-3"};
        static const char *strs[] = {"\"a\"", "\"b\"", "\"ab\"", "\"\"", "\"\\u0061\"", "\"\xc3\xa9\""};
        static const char *bools[] = {"true", "false"};
        const char *v;
        if (strcmp(type, "int") == 0)
                v = ints[rnd(ELEMENTSOF(ints))];
        else if (strcmp(type, "double") == 0)
                v = dbls[rnd(ELEMENTSOF(dbls))];
        else if (strcmp(type, "string") == 0)
                v = strs[rnd(ELEMENTSOF(strs))];
        else
                v = bools[rnd(2)];
        if (rnd(40) == 0)
                v = "\"x\"";
        *len += (size_t)snprintf(out + *len, cap - *len, "%s", v);
}

static void test_random(void) {
        static const char *base[] = {"int", "double", "string", "bool"};
        char e[4096], a[4096], tname[64];
        n_diff = 0;
        int runs = 0;
        for (int i = 0; i < 4000; i++) {
                const char *b = base[rnd(4)];
                int depth = 1 + (int)rnd(3);
                snprintf(tname, sizeof tname, "%s%s%s%s", b, "[]", depth > 1 ? "[]" : "",
                         depth > 2 ? "[]" : "");
                size_t ne = 0, na = 0;
                gen(b, depth, e, &ne, sizeof e);
                e[ne] = 0;
                if (strstr(e, "\"x\"") || strstr(e, "1.0") || strstr(e, "-0") || strcmp(e, "null") == 0)
                        continue; /* the expected value must fit the type (the loader checks it) */
                if (rnd(3) == 0) {
                        /* a shuffled copy: often equal under unordered */
                        memcpy(a, e, ne + 1);
                        na = ne;
                        for (size_t k = 0; k + 1 < na; k++)
                                if (k > 0 && strchr("[,", a[k - 1]) && a[k] >= '0' && a[k] <= '3' &&
                                    a[k + 1] == ',' && k + 3 < na && strchr(",]", a[k + 3]) && rnd(3) == 0) {
                                        char c = a[k];
                                        a[k] = a[k + 2] >= '0' && a[k + 2] <= '3' ? a[k + 2] : a[k];
                                        if (a[k] != c)
                                                a[k + 2] = c;
                                }
                } else {
                        gen(b, depth, a, &na, sizeof a);
                        a[na] = 0;
                }
                runs++;
                cmp(tname, e, a, (int)rnd(4), rnd(2) ? 0 : 1e-3, -1);
        }
        CHECK(n_diff == 0, "random values: streaming and tree comparison agree on all %d (%d differ)", runs,
              n_diff);
}

int main(void) {
        test_rules();
        test_strings();
        test_malformed();
        test_random();
        return tap_done();
}
