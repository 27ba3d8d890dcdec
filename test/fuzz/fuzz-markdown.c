/* Fuzz target for the statement renderer (lib/web/markdown.c): any bytes as a statement.
 *
 * Invariants: markdown_to_html succeeds (or fails with -ENOBUFS under the small cap of the second
 * call, leaving its buffer empty); its output passes test/unit/htmlcheck.h (only allowed tags and
 * attributes, nested and closed, URLs with allowed schemes, no "<script", "javascript:",
 * " on...="); and rendering is deterministic.
 *
 * Built with -DJUDGE_LIBFUZZER and -fsanitize=fuzzer it is a libFuzzer target; otherwise main()
 * (replay.c) replays every corpus file given as arguments (meson test, suite 'fuzz'). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/htmlcheck.h"
#include "web/markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        if (size > MARKDOWN_MAX_INPUT)
                return 0;
        struct buf a, b;
        struct judge_error e = { 0 };
        buf_init(&a, 0);
        if (markdown_to_html((const char *) data, size, &a, &e) < 0) {
                fprintf(stderr, "fuzz-markdown: %s\n", e.msg);
                abort();
        }
        const char *why = html_check(a.data, a.len);
        if (why) {
                fprintf(stderr, "fuzz-markdown: %s\n--- output:\n%s\n", why, a.data);
                abort();
        }
        /* Again, under a cap: the same HTML if it fits, else -ENOBUFS and nothing appended. */
        buf_init(&b, 256);
        int r = markdown_to_html((const char *) data, size, &b, &e);
        if (a.len <= 256 ? r != 0 || b.len != a.len || memcmp(a.data, b.data, a.len) != 0
                         : r != -ENOBUFS || b.len != 0)
                abort();
        buf_free(&a);
        buf_free(&b);
        return 0;
}
