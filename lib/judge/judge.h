/* Judging one submission: payload, one sandboxed container, the runner's result document,
 * host-side comparison, verdicts. This is the worker path shared by `judge run`, `judge
 * validate` and judged's workers. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "engine/engine.h"
#include "base/error.h"
#include "lang/lang.h"
#include "problem/problem.h"
#include "engine/uid.h"

enum verdict {
        VERDICT_AC,
        VERDICT_WA,
        VERDICT_TLE,
        VERDICT_MLE,
        VERDICT_RE,
        VERDICT_CE,
        VERDICT_OLE,
        /* Internal Error: never a verdict of the core (judge_submission never returns it; its
         * failures are errors with a kind). Kept as a status the service may record as final
         * (judged, after its retries) and for reading reports and submissions/ folders. */
        VERDICT_IE,
        _VERDICT_MAX,
};

const char *verdict_code(enum verdict v); /* "AC" */
const char *verdict_name(enum verdict v); /* "Accepted" */
/* From a code ("TLE") or a submissions/ folder name ("time_limit_exceeded"); -EINVAL if neither. */
int verdict_parse(const char *s, enum verdict *ret);

struct case_result {
        bool run;           /* false: not run (an earlier case failed in a way that stops the run) */
        bool withheld;      /* after the first failure of a result that stops there: not reported
                             * (run false, nothing kept), though the runner did run it */
        enum verdict verdict;
        double time_ms;     /* CPU time of the user's call */
        long memory_kb;     /* peak RSS so far */
        char *answer;       /* the answer's JSON text (status ok only, else NULL): whole, or when
                             * answer_truncated its first bytes (1 KiB, cut at a character) */
        bool answer_truncated;
        size_t answer_bytes;    /* length of the whole answer text */
        char answer_sha256[65]; /* hex SHA-256 of the whole answer text, "" if no answer */
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
        bool stopped;           /* cases after first_failed are withheld (judge_options.stop_at_failure) */
        size_t passed;          /* cases passed before the first failure (all of them if AC) */
        double max_time_ms;     /* over the cases up to the first failure */
        long max_memory_kb;
        double wall_ms;         /* whole judgement, container life included */
        char *image;
};

/* Free what a case result owns (answer, stdout, stderr, error) and zero it. */
void case_result_clear(struct case_result *c);
struct judge_result *judge_result_free(struct judge_result *r);
DEFINE_CLEANUP(struct judge_result, judge_result_free)

struct judge_options {
        long output_limit;      /* bytes of user stdout+stderr before OLE; 0 = 4 MiB */
        long stdout_cap;        /* bytes of stdout shown per case; 0 = 64 KiB */
        long max_code_bytes;    /* 0 = 256 KiB */
        double cpus;            /* CPU cap of the container; 0 = 1.0 */
        long pids_limit;        /* 0 = 64 */
        bool sample_only;       /* run the sample cases only */
        bool stop_at_failure;   /* report cases up to the first failure only, withhold the rest
                                 * (`judge run` without --all); judged keeps them all for admins
                                 * and withholds them in the user's view (judge_result_json) */
        const char *submission_id; /* label value, NULL = generated */
        const char *image;      /* override the image reference (tests) */
        long deadline_ms;       /* override the host's hard wall-clock deadline (tests); 0 = computed */
        bool keep_answers;      /* keep each answer whole in case_result.answer (reference solutions
                                 * whose answers become custom cases' expected outputs) */
        struct uid_range uid_range; /* the container's uid:gid comes from here; unset = uid_range_default() */
};

/* Judge code (code_len bytes, language l) against every case of p in a fresh container on e.
 * A verdict, whatever it is, is a success: returns 0 and *ret. Any failure returns a negative
 * errno with err set, and err->kind says whose it is (decide by the kind, never the errno):
 * JUDGE_ERR_PERMANENT only for the submission's own bad input (oversize code, a NUL byte), final;
 * JUDGE_ERR_ENGINE for the engine (unreachable, an HTTP error, an oversize answer, the image
 * missing); JUDGE_ERR_TRANSIENT for the rest of the judge (host, runner, problem set). Those two
 * are the judge's failures: retry (elsewhere), never the submission's verdict. (*ret)->verdict
 * is never VERDICT_IE: a runner that skipped a case without a failure, or an answer that could
 * not be compared, is a JUDGE_ERR_TRANSIENT error. The stages are in judge/stages.h.
 * The container and its volume are removed on every path the engine allows. */
int judge_submission(struct engine *e, const struct problem *p, const struct lang *l, const char *code,
                     size_t code_len, const struct judge_options *o, struct judge_result **ret,
                     struct judge_error *err);

/* Remove every container and volume on e carrying label ("key=value"): what an earlier,
 * crashed attempt at the same judgement left behind (judged calls it before each attempt,
 * `judge gc` with judge.owner=judge). Returns the number removed, or a negative errno. */
int judge_remove_labelled(struct engine *e, const char *label, struct judge_error *err);

/* The result as one JSON document. With admin true: every case reported (withheld ones, see
 * stop_at_failure, as status "withheld"), the failing case with its input, expected and actual
 * output. With admin false, the user's view (docs/service.md): stopped at the first failure;
 * sample cases in full; of hidden cases only the failing one, with its status and, if the problem
 * allows ("hidden_failure": "input"), its input; never a hidden case's expected or actual output,
 * stdout or stderr (every hidden case is listed, status and figures only, when all passed). */
int judge_result_json(const struct judge_result *r, const struct problem *p, const struct lang *l, bool admin,
                      struct buf *out);

/* Read a runner result document (the JSON line after JUDGE-RESULT-V1) from a buffer into r's
 * cases (n_cases, what was sent), comparing each case's answer against p's (AC or WA; p NULL:
 * no comparison, AC) as resultdoc.h does; judge_submission reads the engine's stream the same
 * way. Returns 0, or -EPROTO/-EFBIG (a broken or oversize document), -ENOMEM/-EINVAL (the
 * comparison itself failed): judge errors, never a verdict. */
int judge_parse_runner_output(const char *logs, size_t len, const struct problem *p, size_t n_cases,
                              struct judge_result *r, struct judge_error *err);
