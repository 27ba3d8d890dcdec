/* parse_long and the JSON nesting cap (lib/base/parse.c). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "tap.h"

static char *nested(size_t n, const char *open, const char *close) {
        size_t lo = strlen(open), lc = strlen(close);
        char *s = malloc(n * (lo + lc) + 1);
        char *p = s;
        for (size_t i = 0; i < n; i++, p += lo)
                memcpy(p, open, lo);
        for (size_t i = 0; i < n; i++, p += lc)
                memcpy(p, close, lc);
        *p = 0;
        return s;
}

int main(void) {
        long v = 7;
        CHECK(parse_long("42", 1, 100, &v) == 0 && v == 42, "42 in [1, 100]");
        CHECK(parse_long("-1", -5, 5, &v) == 0 && v == -1, "-1 in [-5, 5]");
        v = 7;
        CHECK(parse_long("0", 1, 100, &v) == -ERANGE && v == 7, "0 below min: -ERANGE, *ret untouched");
        CHECK(parse_long("-1", 0, LONG_MAX, &v) == -ERANGE, "negative: -ERANGE");
        CHECK(parse_long("101", 1, 100, &v) == -ERANGE, "above max: -ERANGE");
        CHECK(parse_long("99999999999999999999999", 0, LONG_MAX, &v) == -ERANGE, "overflow: -ERANGE");
        const char *bad[] = {"", "abc", "5x", " 5", "5 ", "-", "+", "1e9", "0x10", "--1", NULL};
        for (int i = 0; bad[i]; i++)
                CHECK(parse_long(bad[i], LONG_MIN, LONG_MAX, &v) == -EINVAL, "'%s' is not a number: -EINVAL",
                      bad[i]);
        CHECK(parse_long(NULL, 0, 1, &v) == -EINVAL, "NULL: -EINVAL");

        long long ll = 7;
        CHECK(parse_long_long("9223372036854775807", 0, LLONG_MAX, &ll) == 0 && ll == LLONG_MAX, "LLONG_MAX");
        CHECK(parse_long_long("-9223372036854775808", LLONG_MIN, 0, &ll) == 0 && ll == LLONG_MIN, "LLONG_MIN");
        ll = 7;
        CHECK(parse_long_long("9223372036854775808", 0, LLONG_MAX, &ll) == -ERANGE && ll == 7,
              "one past LLONG_MAX: -ERANGE, *ret untouched");
        CHECK(parse_long_long("0", 1, LLONG_MAX, &ll) == -ERANGE && ll == 7, "0 below min: -ERANGE");
        CHECK(parse_long_long("524289", 0, 524288, &ll) == -ERANGE, "a Content-Length past the cap: -ERANGE");
        for (int i = 0; bad[i]; i++)
                CHECK(parse_long_long(bad[i], LLONG_MIN, LLONG_MAX, &ll) == -EINVAL && ll == 7,
                      "long long '%s' is not a number: -EINVAL", bad[i]);
        CHECK(parse_long_long(NULL, 0, 1, &ll) == -EINVAL, "long long NULL: -EINVAL");

        double d = 7;
        CHECK(parse_double("1733400000.123456", 0, 1e12, &d) == 0 && d > 1733400000.12 && d < 1733400000.13,
              "an epoch with a fraction");
        CHECK(parse_double("-2", -5, 5, &d) == 0 && d == -2, "-2 in [-5, 5]");
        CHECK(parse_double("1e3", 0, 1e4, &d) == 0 && d == 1000, "1e3");
        d = 7;
        CHECK(parse_double("1e999", 0, HUGE_VAL, &d) == -ERANGE && d == 7, "overflow: -ERANGE, *ret untouched");
        CHECK(parse_double("11", 0, 10, &d) == -ERANGE, "above max: -ERANGE");
        const char *badd[] = {"", "abc", "1.5x", " 1", "1 ", "-", ".", "e5", "nan", "inf", "0x10", "1..2", NULL};
        for (int i = 0; badd[i]; i++)
                CHECK(parse_double(badd[i], -HUGE_VAL, HUGE_VAL, &d) == -EINVAL && d == 7,
                      "double '%s' is not a number: -EINVAL", badd[i]);

        CHECK(json_nesting("{\"a\":[1,[2]]}", 13, 64) == 3, "depth 3");
        CHECK(json_nesting("\"[[[[\"", 6, 2) == 0, "brackets in strings do not count");
        CHECK(json_nesting("[\"\\\"[[[\"]", 9, 1) == 1, "escaped quote inside a string");
        char *deep = nested(262139, "[", "]");
        CHECK(json_nesting(deep, strlen(deep), 64) == -ELOOP, "262139 deep: -ELOOP");
        char eb[128];
        yajl_val t = json_parse_bounded(deep, strlen(deep), 64, eb, sizeof eb);
        CHECK(!t && strstr(eb, "nested deeper than 64"), "bounded parse refuses it: %s", eb);
        free(deep);
        deep = nested(32, "{\"k\":[", "]}");
        t = json_parse_bounded(deep, strlen(deep), 64, eb, sizeof eb);
        CHECK(t != NULL, "64 deep objects parse");
        yajl_tree_free(t);
        free(deep);
        t = json_parse_bounded("{\"a\":\0}", 7, 64, eb, sizeof eb);
        CHECK(!t && strstr(eb, "NUL"), "NUL byte: %s", eb);
        t = json_parse_bounded("{\"a\":", 5, 64, eb, sizeof eb);
        CHECK(!t && eb[0] && !strchr(eb, '\n'), "yajl's error on one line: %s", eb);
        return tap_done();
}
