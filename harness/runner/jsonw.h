/* JSON output for the runner: a growable document buffer, string escaping that survives
 * arbitrary user bytes, and a syntax check for JSON the harness sends. The runner cannot use
 * lib/ (it links curl), so this is its own small copy. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct jsonw {
        char *data;
        size_t len;
        size_t alloc;
        bool oom; /* an allocation failed: the document is incomplete */
};

/* Append n raw bytes (already valid JSON text). Never fails: on ENOMEM sets w->oom. */
void jsonw_raw(struct jsonw *w, const void *p, size_t n);
void jsonw_puts(struct jsonw *w, const char *s);
void jsonw_printf(struct jsonw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append p[0..n) as a quoted JSON string. Control characters are escaped, invalid UTF-8
 * (stray bytes, overlong forms, surrogates, truncated sequences) becomes U+FFFD. */
void jsonw_string(struct jsonw *w, const void *p, size_t n);
void jsonw_free(struct jsonw *w);

/* True if p[0..n) is exactly one JSON value (optional surrounding whitespace), with valid
 * UTF-8 in its strings and nesting no deeper than 512. */
bool jsonw_valid(const char *p, size_t n);
/* True if p[0..n) is exactly one JSON string literal (optional surrounding whitespace). */
bool jsonw_valid_string(const char *p, size_t n);
