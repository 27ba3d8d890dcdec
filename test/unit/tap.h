/* A minimal TAP producer for unit tests: CHECK(cond, "what") prints ok/not ok lines. */
#pragma once
#include <stdio.h>

static int tap_n, tap_failed;

#define CHECK(cond, ...)                                                                           \
        do {                                                                                       \
                int _ok = !!(cond);                                                                \
                tap_n++;                                                                           \
                if (!_ok)                                                                          \
                        tap_failed++;                                                              \
                printf("%s %d - ", _ok ? "ok" : "not ok", tap_n);                                  \
                printf(__VA_ARGS__);                                                               \
                printf("\n");                                                                      \
                if (!_ok)                                                                          \
                        printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond);            \
        } while (0)

static inline int tap_done(void) {
        printf("1..%d\n", tap_n);
        return tap_failed ? 1 : 0;
}
