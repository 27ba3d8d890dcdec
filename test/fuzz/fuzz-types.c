/* Fuzz target for the type language: type_parse / type_format round trip, and value checking and
 * comparison of a JSON value under the parsed type.
 *
 * Input: a type name, optionally followed by a newline and a JSON value. Invariants: the canonical
 * name of a parsed type parses to the same canonical name and depth; a value that type-checks
 * compares equal to itself under every unordered level.
 *
 * Built with -DJUDGE_LIBFUZZER and -fsanitize=fuzzer it is a libFuzzer target; otherwise main()
 * (replay.c) replays every corpus file given as arguments (meson test, suite 'fuzz'). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"
#include "problem/types.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        if (size > 1 << 20)
                return 0;
        char *s = malloc(size + 1);
        if (!s)
                return 0;
        memcpy(s, data, size);
        s[size] = 0;
        char *json = strchr(s, '\n');
        if (json)
                *json++ = 0;

        struct type *t = NULL;
        struct judge_error e = { 0 };
        int r = type_parse(s, &t, &e);
        if (r < 0) {
                if (t || !e.msg[0])
                        abort();
                free(s);
                return 0;
        }
        struct buf a, b;
        buf_init(&a, 0);
        buf_init(&b, 0);
        if (type_format(t, &a) < 0)
                abort();
        struct type *t2 = NULL;
        if (type_parse(a.data, &t2, &e) < 0)
                abort();
        if (type_format(t2, &b) < 0 || strcmp(a.data, b.data) != 0 || type_depth(t) != type_depth(t2) ||
            type_base(t)->kind != type_base(t2)->kind)
                abort();
        type_free(t2);
        buf_free(&a);
        buf_free(&b);

        if (json) {
                char eb[128];
                yajl_val v = yajl_tree_parse(json, eb, sizeof eb);
                if (v) {
                        int ok = type_check_value(t, v, "v", &e);
                        for (int u = 0; u <= type_depth(t) + 1; u++) {
                                bool eq = compare_answer(t, v, v, u, 1e-5) == 1;
                                if (ok == 0 && !eq)
                                        abort();
                        }
                        yajl_tree_free(v);
                }
        }
        type_free(t);
        free(s);
        return 0;
}
