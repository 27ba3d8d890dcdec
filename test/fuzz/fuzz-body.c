/* Fuzz target for judged's request body parser: json_parse_bounded (lib/base/parse.c) with the API's
 * nesting cap, as POST .../submissions, .../run, /users and /competitions call it.
 *
 * Invariants: text nested deeper than the cap never reaches yajl (NULL, and a message naming
 * the nesting unless a NUL byte was found first); any other refusal has a one-line message; a tree that comes
 * back is freed without trouble, its depth is within the cap, and its compact form (problem_value_json)
 * parses again under the same cap, printing reaching a fixed point.
 *
 * Built with -DJUDGE_LIBFUZZER and -fsanitize=fuzzer it is a libFuzzer target; otherwise main()
 * (replay.c) replays every corpus file given as arguments (meson test, suite 'fuzz'). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "problem/problem.h"

#define BODY_NESTING_MAX 64 /* cmd/judged/api.c */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int depth_of(yajl_val v) {
        int d = 0;
        if (YAJL_IS_ARRAY(v))
                for (size_t i = 0; i < v->u.array.len; i++) {
                        int k = depth_of(v->u.array.values[i]);
                        d = k > d ? k : d;
                }
        else if (YAJL_IS_OBJECT(v))
                for (size_t i = 0; i < v->u.object.len; i++) {
                        int k = depth_of(v->u.object.values[i]);
                        d = k > d ? k : d;
                }
        else
                return 0;
        return d + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        if (size > 1 << 20) /* judged's body cap is 512 KiB by default, 64 MiB at most */
                return 0;
        const char *s = (const char *)data;
        char eb[512];
        int nest = json_nesting(s, size, BODY_NESTING_MAX);
        yajl_val v = json_parse_bounded(s, size, BODY_NESTING_MAX, eb, sizeof eb);
        if (nest == -ELOOP && (v || (!memchr(s, 0, size) && !strstr(eb, "nested deeper than"))))
                abort();
        if (!v) {
                if (!eb[0] || strchr(eb, '\n'))
                        abort();
                return 0;
        }
        if (depth_of(v) > BODY_NESTING_MAX)
                abort();
        struct buf a, b;
        buf_init(&a, 8 << 20);
        buf_init(&b, 8 << 20);
        if (problem_value_json(v, &a) < 0)
                abort();
        /* the compact form parses again; from there printing is a fixed point (the first print may
         * still change text: invalid UTF-8 becomes \ufffd escapes, which then read back as U+FFFD) */
        yajl_val w = json_parse_bounded(a.data, a.len, BODY_NESTING_MAX, eb, sizeof eb);
        if (!w || problem_value_json(w, &b) < 0)
                abort();
        buf_reset(&a);
        yajl_val x = json_parse_bounded(b.data, b.len, BODY_NESTING_MAX, eb, sizeof eb);
        if (!x || problem_value_json(x, &a) < 0 || a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
                abort();
        yajl_tree_free(x);
        yajl_tree_free(w);
        yajl_tree_free(v);
        buf_free(&a);
        buf_free(&b);
        return 0;
}
