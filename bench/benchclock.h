/* The clock of the load generators (bench/httpload.c, bench/lbwrite.c): header-only, since
 * httpload is built on its own by the scripts (gcc bench/httpload.c). Needs -lm. */
#pragma once

#include <math.h>
#include <time.h>

/* Seconds on CLOCK_MONOTONIC. */
static inline double now(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Sleeps until now() reaches t (at once when it has). */
static inline void sleep_until(double t) {
        double d = t - now();
        if (d <= 0)
                return;
        struct timespec ts = { .tv_sec = (time_t) d, .tv_nsec = (long) ((d - floor(d)) * 1e9) };
        nanosleep(&ts, NULL);
}
