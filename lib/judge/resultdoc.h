/* The runner's result document (docs/internals.md), read as a stream: the bytes of the
 * container's stdout go in as they arrive; the marker line is found, the JSON after it is
 * tokenized (jsonlex) without building a tree, and each case's answer is compared against the
 * expected value (streamcmp) while it is read. What is kept per case is bounded: a preview of
 * the answer and its SHA-256, capped stdout/stderr/error. Memory does not grow with the
 * document, only (for `unordered` answers) with the expected value.
 *
 * Unknown keys, at the top level and in cases, are skipped (forward compatibility); a known key
 * twice, a value of the wrong type, a case count other than the one sent, or malformed JSON is
 * a broken document: an error of the judge, never a verdict. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "judge/judge.h"
#include "problem/problem.h"

#define RESULTDOC_MARKER "JUDGE-RESULT-V1\n"

struct resultdoc_limits {
        size_t doc_cap;        /* bytes of the document after the marker (0: 64 MiB) */
        size_t answer_preview; /* bytes of each answer's text kept (0: 1 KiB) */
        size_t text_cap;       /* bytes kept of each case's stdout, stderr and error (0: 64 KiB) */
        size_t texts_total;    /* bytes kept of all cases' stdout+stderr together (0: 4 MiB) */
        bool keep_answers;     /* keep every answer whole, up to doc_cap (reference solutions) */
};

struct resultdoc;

/* A reader filling r (whose cases array has n_cases zeroed entries). With p non-NULL each case
 * with status ok is compared against p->cases[i] (AC or WA); with p NULL its verdict is AC. */
int resultdoc_new(const struct problem *p, size_t n_cases, const struct resultdoc_limits *lim,
                  struct judge_result *r, struct resultdoc **ret);
struct resultdoc *resultdoc_free(struct resultdoc *d);
DEFINE_CLEANUP(struct resultdoc, resultdoc_free)

/* Feed the next n bytes of the container's stdout. Returns 0, or a negative errno once the
 * document is broken or over its cap (stop feeding; resultdoc_finish says what it means). */
int resultdoc_feed(struct resultdoc *d, const char *p, size_t n);
/* After the last byte. Returns 0 when r holds the runner's verdicts (r->verdict CE, or per-case
 * verdicts); -EPROTO (no document, malformed, runner failed: err says which), -EFBIG (over
 * the cap, and no case reported output_limit), or -ENOMEM / -EINVAL when the reader or the
 * comparator failed (out of memory; an expected value that does not fit the answer's type):
 * all of them the judge's errors, never a verdict. A document over the cap in which the runner
 * reported a case's output_limit is that case's OLE: 0, later cases not run. On failure every
 * case of r is reset to "not run". */
int resultdoc_finish(struct resultdoc *d, struct judge_error *err);

/* The cap on a result document for a run: every answer (answer_limit bytes of channel in all),
 * the user's output as escaped JSON (up to 6 bytes per byte), the compiler's message and each
 * case's fixed part. */
size_t resultdoc_cap(size_t n_cases, long answer_limit, long output_limit, long stdout_cap);
