/* Clocks: the monotonic time for intervals and cache ages, and absolute deadlines for
 * pthread_cond_timedwait. */
#pragma once

#include <time.h>

/* Seconds on CLOCK_MONOTONIC (nanosecond resolution), for intervals and ages. */
double mono_now_s(void);

/* Milliseconds on CLOCK_MONOTONIC. */
double mono_now_ms(void);

/* The time ms milliseconds (>= 0) from now on clock (CLOCK_REALTIME for a condition variable with
 * default attributes, CLOCK_MONOTONIC for one set with pthread_condattr_setclock), normalized
 * (tv_nsec below 1e9): the abstime for pthread_cond_timedwait. */
struct timespec clock_after_ms(clockid_t clock, long ms);
