#include "base/parse.h"

#include "base/jsontree.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int parse_long_long(const char *s, long long min, long long max, long long *ret) {
        if (!s || !*s || !(*s == '-' || *s == '+' || (*s >= '0' && *s <= '9')))
                return -EINVAL;
        char *end = NULL;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (end == s || *end || (end == s + 1 && (*s == '-' || *s == '+')))
                return -EINVAL;
        if (errno == ERANGE || v < min || v > max)
                return -ERANGE;
        *ret = v;
        return 0;
}

int parse_double(const char *s, double min, double max, double *ret) {
        if (!s || !*s || s[strspn(s, "0123456789+-.eE")] || !strpbrk(s, "0123456789"))
                return -EINVAL;
        char *end = NULL;
        errno = 0;
        double v = strtod(s, &end);
        if (end == s || *end)
                return -EINVAL;
        if (errno == ERANGE || !isfinite(v) || v < min || v > max)
                return -ERANGE;
        *ret = v;
        return 0;
}

int parse_long(const char *s, long min, long max, long *ret) {
        long long v = 0;
        int r = parse_long_long(s, min, max, &v);
        if (r < 0)
                return r;
        *ret = (long) v;
        return 0;
}

int json_nesting(const char *s, size_t len, int max) {
        int depth = 0, deepest = 0;
        bool in_str = false;
        for (size_t i = 0; i < len; i++) {
                char c = s[i];
                if (in_str) {
                        if (c == '\\')
                                i++;
                        else if (c == '"')
                                in_str = false;
                } else if (c == '"')
                        in_str = true;
                else if (c == '[' || c == '{') {
                        if (++depth > max)
                                return -ELOOP;
                        if (depth > deepest)
                                deepest = depth;
                } else if ((c == ']' || c == '}') && depth > 0)
                        depth--;
        }
        return deepest;
}

yajl_val json_parse_bounded(const char *s, size_t len, int max_depth, char *errbuf, size_t errlen) {
        if (errlen)
                errbuf[0] = 0;
        if (memchr(s, 0, len)) {
                snprintf(errbuf, errlen, "NUL byte in the JSON text");
                return NULL;
        }
        if (json_nesting(s, len, max_depth) < 0) {
                snprintf(errbuf, errlen, "JSON nested deeper than %d levels", max_depth);
                return NULL;
        }
        yajl_val v = json_tree_parse(s, len, errbuf, errlen);
        if (!v) {
                /* yajl's message spans lines (message, context, caret): keep it on one line */
                for (char *q = errbuf; errlen && *q; q++)
                        if (*q == '\n' || *q == '\r')
                                *q = ' ';
                size_t n = errlen ? strlen(errbuf) : 0;
                while (n && errbuf[n - 1] == ' ')
                        errbuf[--n] = 0;
                if (errlen && !errbuf[0])
                        snprintf(errbuf, errlen, "parse error");
        }
        return v;
}
