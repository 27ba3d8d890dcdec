/* Error context: fallible functions return int (>= 0 success, negative errno on failure) and,
 * when given a non-NULL struct judge_error, describe the failure in it once. */
#pragma once

#include "macro.h"

struct judge_error {
        int code;       /* negative errno, 0 when unset */
        char msg[1024]; /* human-readable, no trailing newline */
};

/* Fill err (if non-NULL) with a formatted message and return code (negative errno).
 * Passing a positive errno is accepted and negated. */
int judge_err(struct judge_error *err, int code, const char *fmt, ...) _printf_(3, 4);

/* Prefix an existing message with more context: "context: old message". Returns err->code. */
int judge_err_prefix(struct judge_error *err, const char *fmt, ...) _printf_(2, 3);
