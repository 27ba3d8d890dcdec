/* The stages of one judgement, in the order judge_submission runs them (internal to lib/judge):
 *
 *   prepare  the submission checked, the limits, the payload (runner.conf, the sealed job, the
 *            source and its glue files, as one tar) and an empty result: no engine needed;
 *   run      the image checked, the sandboxed container created, started, waited for, its
 *            stdout streamed into the collector, the container removed;
 *   collect  the runner's result document (read by the collector, resultdoc.h) into case
 *            results, with what the container's fate says (the host's deadline, the OOM killer);
 *   decide   the verdict, message and figures from the case results.
 *
 * Each stage returns 0 or a negative errno with err set; a verdict is never an error, and an
 * error is never a verdict (judge.h). The failures that are the submission's own are said so
 * where they arise (JUDGE_ERR_PERMANENT, in prepare); judge_submission classifies the rest. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/error.h"
#include "engine/engine.h"
#include "engine/jobseal.h"
#include "judge/judge.h"
#include "judge/resultdoc.h"
#include "lang/lang.h"
#include "problem/problem.h"

/* Bytes the harness may send on the answer channel in all (runner.conf answer_limit). The
 * runner's document holds every answer and each case's capped output (resultdoc_cap): the
 * container's log must hold it whole. The host reads it as a stream and keeps none of it. */
#define JUDGE_ANSWER_LIMIT ((long) 32 << 20)

/* What prepare makes and the later stages read. Owns result, image and tar. */
struct judge_plan {
        const struct problem *p;
        const struct lang *l;
        struct judge_options o;        /* the caller's, defaults filled in (judge.h) */
        size_t n_cases;                /* the cases sent: the samples only with o.sample_only */
        long case_time_ms, case_wall_ms;
        long deadline_ms;              /* the host's hard wall-clock deadline for the container */
        size_t doc_cap;                /* the result document's cap (resultdoc_cap) */
        char key_env[JOBSEAL_ENV_SIZE]; /* the job's key, for the container's environment only */
        void *tar;                     /* the payload, unpacked at /sub: p/runner.conf, p/job.enc,
                                        * p/src/<source>, p/src/<glue files> */
        size_t tar_len;
        struct judge_result *result;   /* n_cases not run, image named */
};

/* Fill in the options' defaults, check the submission, name the image (o->image, else
 * images_ref), compute the limits and build the payload for code (code_len bytes, in language
 * l) against p's cases (the samples only with o->sample_only). Touches no engine. Returns 0
 * with *ret filled (judge_plan_clear frees it), or a negative errno with err: the submission's
 * own faults with kind JUDGE_ERR_PERMANENT (-EFBIG over o->max_code_bytes, -EINVAL a NUL byte);
 * the judge's (-EINVAL a language setting that does not fit runner.conf, -EFBIG cases over the
 * job's cap, the seal, glue or tar failing, -ENOMEM) with the kind left to the caller. */
int judge_prepare(const struct problem *p, const struct lang *l, const char *code, size_t code_len,
                  const struct judge_options *opts, struct judge_plan *ret, struct judge_error *err);
/* Free what pl owns (result included, unless taken); pl may be zeroed or half-filled. */
void judge_plan_clear(struct judge_plan *pl);

/* The collector for pl: a result document reader (resultdoc.h) filling pl->result, comparing
 * the answers against pl->p's cases, under pl's caps. Returns 0 and *ret, or -ENOMEM. */
int judge_collector_new(const struct judge_plan *pl, struct resultdoc **ret, struct judge_error *err);

/* What run saw of the container, for collect. */
struct judge_run_facts {
        bool timed_out;   /* the host's deadline passed: the judge killed the container */
        int exit_code;    /* the runner's, -1 if unknown */
        bool oom_killed;  /* the engine says the OOM killer struck */
        struct buf errout; /* the container's stderr (capped at 1 MiB) */
};
/* Free what f owns; f may be zeroed. */
void judge_run_facts_clear(struct judge_run_facts *f);

/* Run pl's payload on e: check its image is there (JUDGE_ERR_ENGINE if not), take a uid lease,
 * create the sandboxed container and its volume (labelled judge.owner, judge.submission,
 * judge.problem, judge.lang), put the payload in, start it, wait up to pl->deadline_ms (then
 * kill it), and stream its stdout into collector (fed as it arrives; the collector refusing
 * more is not an error here: collect says what it means). The container, its volume and the
 * lease are gone on return, on every path the engine allows. Returns 0 and *ret (zeroed first;
 * judge_run_facts_clear frees it), or the engine's failure (negative errno, err set). */
int judge_run(struct engine *e, const struct judge_plan *pl, struct resultdoc *collector,
              struct judge_run_facts *ret, struct judge_error *err);

/* Finish the collector d (fed by judge_run) into r's n_cases case results, as the container's
 * fate f says: past the host's deadline, the first case not run is TLE (whatever the document
 * says); a broken document from a runner the OOM killer took (oom_killed, or exit code 137) is
 * MLE on the first case; any other broken document is the judge's failure (-EPROTO or -EFBIG,
 * err naming the exit code and the tail of the container's stderr). Returns 0 when r's cases
 * (or r->verdict CE) hold the runner's results. */
int judge_collect(struct resultdoc *d, const struct judge_run_facts *f, size_t n_cases,
                  struct judge_result *r, struct judge_error *err);

/* The verdict of r from its case results: CE as the runner said, else the first failing
 * case's verdict (cases run in order, samples first), else AC when every case ran and passed.
 * Sets r->first_failed, passed, max_time_ms, max_memory_kb (counting the cases up to the
 * first failure), message (one line; a hidden case by its number only) and stopped; with
 * stop_at_failure the cases after the first failure are withheld (their results dropped).
 * Returns 0, or -EIO with kind JUDGE_ERR_TRANSIENT when no case failed yet not every case ran
 * (the runner skipped some): a failure of the judge, never a verdict (there is no IE verdict
 * from the core). */
int judge_decide(const struct problem *p, bool stop_at_failure, struct judge_result *r,
                 struct judge_error *err);
