/* A minimal TAP producer for unit tests: CHECK(cond, "what") prints ok/not ok lines. */
#pragma once
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

/* Print a test's description on one line: TAP has no multi-line descriptions, and values shown
 * in them (user output) may hold newlines. */
static inline void tap_describe(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void tap_describe(const char *fmt, ...) {
        char line[1024];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(line, sizeof line, fmt, ap);
        va_end(ap);
        for (char *c = line; *c; c++)
                if (*c == '\n' || *c == '\r')
                        *c = '|';
        printf("%s\n", line);
}

#define CHECK(cond, ...)                                                                           \
        do {                                                                                       \
                int _ok = !!(cond);                                                                \
                tap_n++;                                                                           \
                if (!_ok)                                                                          \
                        tap_failed++;                                                              \
                printf("%s %d - ", _ok ? "ok" : "not ok", tap_n);                                  \
                tap_describe(__VA_ARGS__);                                                         \
                if (!_ok)                                                                          \
                        printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond);            \
        } while (0)

/* Diagnostics: every line of text printed as a TAP comment ("# ..."). */
static inline void tap_diag(const char *label, const char *text) {
        printf("# %s\n", label);
        for (const char *p = text ? text : "(null)"; *p;) {
                const char *nl = strchr(p, '\n');
                int len = nl ? (int) (nl - p) : (int) strlen(p);
                printf("#   %.*s\n", len, p);
                p += len + (nl ? 1 : 0);
        }
}

static inline int tap_done(void) {
        printf("1..%d\n", tap_n);
        return tap_failed ? 1 : 0;
}
