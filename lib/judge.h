/* Judging one submission: payload, one sandboxed container, the runner's result document,
 * host-side comparison, verdicts. This is the worker path shared by `judge run`, `judge
 * validate` and judged's workers. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "engine.h"
#include "error.h"
#include "lang.h"
#include "problem.h"

enum verdict {
        VERDICT_AC,
        VERDICT_WA,
        VERDICT_TLE,
        VERDICT_MLE,
        VERDICT_RE,
        VERDICT_CE,
        VERDICT_OLE,
        VERDICT_IE,
        _VERDICT_MAX,
};

const char *verdict_code(enum verdict v); /* "AC" */
const char *verdict_name(enum verdict v); /* "Accepted" */
/* From a code ("TLE") or a submissions/ folder name ("time_limit_exceeded"); -EINVAL if neither. */
int verdict_parse(const char *s, enum verdict *ret);

struct case_result {
        bool run;           /* false: not run (an earlier case failed in a way that stops the run) */
        enum verdict verdict;
        double time_ms;     /* CPU time of the user's call */
        long memory_kb;     /* peak RSS so far */
        char *answer;       /* the encoded answer (JSON text), NULL if none */
        char *stdout_text;  /* the user's stdout during the case (capped) */
        char *stderr_text;
        bool truncated;
        char *error;        /* runtime error message, limit details */
};

struct judge_result {
        enum verdict verdict;
        char *message;          /* one line for people: "Wrong Answer on hidden case 4", ... */
        char *compile_output;   /* CE: the compiler's message (capped) */
        double compile_ms;
        double startup_ms;      /* CPU of the runtime's boot (exec to the B line); charged over the allowance */
        struct case_result *cases; /* one per problem case, in run order */
        size_t n_cases;
        long first_failed;      /* index of the case that decided the verdict, -1 if AC or CE */
        size_t passed;
        double max_time_ms;
        long max_memory_kb;
        double wall_ms;         /* whole judgement, container life included */
        char *image;
};

struct judge_result *judge_result_free(struct judge_result *r);
DEFINE_CLEANUP(struct judge_result, judge_result_free)

struct judge_options {
        long output_limit;      /* bytes of user stdout+stderr before OLE; 0 = 4 MiB */
        long stdout_cap;        /* bytes of stdout shown per case; 0 = 64 KiB */
        long max_code_bytes;    /* 0 = 256 KiB */
        double cpus;            /* CPU cap of the container; 0 = 1.0 */
        long pids_limit;        /* 0 = 64 */
        bool sample_only;       /* run the sample cases only */
        const char *submission_id; /* label value, NULL = generated */
        const char *image;      /* override the image reference (tests) */
        long deadline_ms;       /* override the host's hard wall-clock deadline (tests); 0 = computed */
};

/* Judge code (code_len bytes, language l) against every case of p in a fresh container on e.
 * A verdict, whatever it is, is a success: returns 0 and *ret. A failure of the judge itself
 * (engine down, image missing, runner crash) returns a negative errno with err set: the caller
 * reports IE and may retry. Bad input (oversize code) is -EFBIG/-EINVAL with a clear message.
 * The container and its volume are removed on every path. */
int judge_submission(struct engine *e, const struct problem *p, const struct lang *l, const char *code,
                     size_t code_len, const struct judge_options *o, struct judge_result **ret,
                     struct judge_error *err);

/* Remove every container and volume on e carrying label ("key=value"): what an earlier,
 * crashed attempt at the same judgement left behind (judged calls it before each attempt,
 * `judge gc` with judge.owner=judge). Returns the number removed, or a negative errno. */
int judge_remove_labelled(struct engine *e, const char *label, struct judge_error *err);

/* The result as one JSON document. With admin false, hidden cases' input, expected and actual
 * output and stdout are withheld. */
int judge_result_json(const struct judge_result *r, const struct problem *p, const struct lang *l, bool admin,
                      struct buf *out);

/* Parse a runner result document (the JSON line after JUDGE-RESULT-V1) into r's cases; used by
 * judge_submission and unit tests. n_cases is what the problem expects. */
int judge_parse_runner_output(const char *logs, size_t len, size_t n_cases, struct judge_result *r,
                              struct judge_error *err);
