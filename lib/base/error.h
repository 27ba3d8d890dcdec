/* Error context: fallible functions return int (>= 0 success, negative errno on failure) and,
 * when given a non-NULL struct judge_error, describe the failure in it once. */
#pragma once

#include <stdbool.h>

#include "base/macro.h"

/* Where a failure comes from, decided where it arises (not guessed later from the errno): whether
 * another attempt can help, and whose fault it is. */
enum judge_error_kind {
        JUDGE_ERR_UNSET,     /* not classified: callers treat it as TRANSIENT */
        JUDGE_ERR_TRANSIENT, /* the judge's own side (host, runner, problem set): another attempt,
                              * maybe on another worker, can succeed; never the submission's verdict */
        JUDGE_ERR_ENGINE,    /* a TRANSIENT failure of the container engine: unreachable, timed out,
                              * 4xx/5xx, an oversize or malformed answer, the image missing */
        JUDGE_ERR_PERMANENT, /* the submission's own input is unacceptable (oversize code, not a
                              * source file, unknown language): final, retrying cannot help */
        _JUDGE_ERR_KIND_MAX,
};

struct judge_error {
        int code;                  /* negative errno, 0 when unset */
        enum judge_error_kind kind;
        char msg[1024];            /* human-readable, no trailing newline */
};

/* Fill err (if non-NULL) with a formatted message and return code (negative errno).
 * Passing a positive errno is accepted and negated. The kind becomes JUDGE_ERR_UNSET. */
int judge_err(struct judge_error *err, int code, const char *fmt, ...) _printf_(3, 4);
/* judge_err with a kind. */
int judge_err_kind(struct judge_error *err, enum judge_error_kind kind, int code, const char *fmt, ...)
        _printf_(4, 5);
/* Classify an error already described in err when it has no kind yet (kind UNSET); an existing
 * kind is kept (the place where the error arose knew better). Returns code, for
 * `return judge_err_classify(err, k, JUDGE_ERR_TRANSIENT);`. NULL-safe. */
int judge_err_classify(struct judge_error *err, int code, enum judge_error_kind kind);
/* True when err says the submission itself is at fault (retrying cannot help). */
bool judge_err_is_permanent(const struct judge_error *err);
/* "transient", "engine", "permanent" or "unset". */
const char *judge_err_kind_name(enum judge_error_kind kind);

/* Prefix an existing message with more context: "context: old message". Returns err->code. */
int judge_err_prefix(struct judge_error *err, const char *fmt, ...) _printf_(2, 3);
