/* json_tree_parse builds the tree yajl_tree_parse builds (types, keys in order, strings, number
 * text and flags), rejects what it rejects, and grows arrays geometrically: a 200,000-element
 * array is parsed with a bounded number of reallocations' worth of copying. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yajl/yajl_tree.h>

#include "base/jsontree.h"
#include "tap.h"

static bool same(yajl_val a, yajl_val b) {
        if (!a || !b)
                return a == b;
        if (a->type != b->type)
                return false;
        switch (a->type) {
        case yajl_t_string:
                return strcmp(a->u.string, b->u.string) == 0;
        case yajl_t_number:
                if (strcmp(a->u.number.r, b->u.number.r) != 0 || a->u.number.flags != b->u.number.flags)
                        return false;
                if ((a->u.number.flags & YAJL_NUMBER_INT_VALID) && a->u.number.i != b->u.number.i)
                        return false;
                if ((a->u.number.flags & YAJL_NUMBER_DOUBLE_VALID) &&
                    memcmp(&a->u.number.d, &b->u.number.d, sizeof(double)) != 0)
                        return false;
                return true;
        case yajl_t_object:
                if (a->u.object.len != b->u.object.len)
                        return false;
                for (size_t i = 0; i < a->u.object.len; i++)
                        if (strcmp(a->u.object.keys[i], b->u.object.keys[i]) != 0 ||
                            !same(a->u.object.values[i], b->u.object.values[i]))
                                return false;
                return true;
        case yajl_t_array:
                if (a->u.array.len != b->u.array.len)
                        return false;
                for (size_t i = 0; i < a->u.array.len; i++)
                        if (!same(a->u.array.values[i], b->u.array.values[i]))
                                return false;
                return true;
        default:
                return true;
        }
}

static void check_same(const char *text) {
        char e1[256] = "", e2[256] = "";
        yajl_val a = yajl_tree_parse(text, e1, sizeof e1);
        yajl_val b = json_tree_parse(text, strlen(text), e2, sizeof e2);
        if (!a)
                CHECK(!b && e2[0], "rejected like yajl_tree_parse: %.60s (%s)", text, e2);
        else
                CHECK(same(a, b), "the same tree as yajl_tree_parse: %.60s", text);
        yajl_tree_free(a);
        yajl_tree_free(b);
}

int main(void) {
        static const char *const docs[] = {
                "[]", "{}", "null", "true", "false", "0", "-0", "12", "-12", "3.0", "1e3", "-1.5e-7",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                "1e999", "123456789012345678901234567890",
                "\"\"", "\"a\\u00e9\\n\\\"\"", "\"\\ud83d\\ude00\"",
                "[1,[2,[3,[4,[]]]],{\"a\":{\"b\":[null,true,false]}}]",
                "{\"a\":1,\"a\":2,\"b\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}",
                "[3,9,20,null,null,15,7]",
                "/* comment */ [1, 2] // another",
                "[1,2", "{\"a\"}", "{\"a\":}", "[1,]", "nul", "", "   ", "[1] [2]", "\"\\x\"", "{1:2}",
        };
        for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
                check_same(docs[i]);

        /* Many keys in one object, many elements in one array: past every growth step. */
        size_t n = 200000;
        char *big = malloc(n * 12 + 64), *q = big;
        q += sprintf(q, "{\"k\":[");
        for (size_t i = 0; i < n; i++)
                q += sprintf(q, "%s%zu", i ? "," : "", i * 7);
        q += sprintf(q, "],\"z\":{");
        for (size_t i = 0; i < 1000; i++)
                q += sprintf(q, "%s\"k%zu\":%zu", i ? "," : "", i, i);
        sprintf(q, "}}");
        clock_t t0 = clock();
        char eb[64];
        yajl_val v = json_tree_parse(big, strlen(big), eb, sizeof eb);
        double secs = (double) (clock() - t0) / CLOCKS_PER_SEC;
        yajl_val k = v && YAJL_IS_OBJECT(v) ? v->u.object.values[0] : NULL;
        CHECK(k && YAJL_IS_ARRAY(k) && k->u.array.len == n && k->u.array.values[n - 1]->u.number.i == (long long) (n - 1) * 7,
              "a 200,000-element array: every element, in order");
        CHECK(v && v->u.object.len == 2 && v->u.object.values[1]->u.object.len == 1000 &&
                      strcmp(v->u.object.values[1]->u.object.keys[999], "k999") == 0,
              "a 1,000-key object: every key, in order");
        /* yajl_tree_parse itself is quadratic in the array's length (under sanitizers, minutes
         * for this one): compared with it on a prefix-sized document instead. */
        char *mid = malloc(64 + 5000 * 40), *m = mid;
        m += sprintf(m, "[");
        for (size_t i = 0; i < 5000; i++)
                m += sprintf(m, "%s{\"v\":%zu,\"s\":\"x%zu\"}", i ? "," : "", i, i);
        sprintf(m, "]");
        mid = realloc(mid, strlen(mid) + 1);
        yajl_val a = yajl_tree_parse(mid, eb, sizeof eb);
        yajl_val b = json_tree_parse(mid, strlen(mid), eb, sizeof eb);
        CHECK(a && same(a, b), "the same tree as yajl_tree_parse on a 5,000-object array");
        yajl_tree_free(b);
        free(mid);
        printf("# json_tree_parse: %.3f s of CPU for %zu bytes\n", secs, strlen(big));
        yajl_tree_free(a);
        yajl_tree_free(v);
        free(big);
        return tap_done();
}
