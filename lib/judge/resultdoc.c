/* Streaming reader of the runner's result document; see resultdoc.h. */
#include "judge/resultdoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/jsonlex.h"
#include "base/sha256.h"
#include "compare/streamcmp.h"

/* Keys the reader knows. To read a new field: add it here, to its table below, and handle it
 * in on_scalar / the string handlers (numbers arrive as text: see top_number). */
enum tkey { TK_OTHER, TK_STATUS, TK_MESSAGE, TK_COMPILE_OUTPUT, TK_COMPILE_TIME, TK_STARTUP, TK_CASES, _TK_MAX };
enum ckey {
        CK_OTHER,
        CK_STATUS,
        CK_TIME,
        CK_MEMORY,
        CK_ANSWER,
        CK_STDOUT,
        CK_STDERR,
        CK_TRUNCATED,
        CK_ERROR,
        _CK_MAX
};

static const char *const top_keys[_TK_MAX] = {
        [TK_STATUS] = "status",
        [TK_MESSAGE] = "message",
        [TK_COMPILE_OUTPUT] = "compile_output",
        [TK_COMPILE_TIME] = "compile_time_ms",
        [TK_STARTUP] = "startup_ms",
        [TK_CASES] = "cases",
};
static const char *const case_keys[_CK_MAX] = {
        [CK_STATUS] = "status", [CK_TIME] = "time_ms",  [CK_MEMORY] = "memory_kb",    [CK_ANSWER] = "answer",
        [CK_STDOUT] = "stdout", [CK_STDERR] = "stderr", [CK_TRUNCATED] = "truncated", [CK_ERROR] = "error",
};

enum phase { PH_SCAN, PH_DOC, PH_AFTER };

struct textcap { /* a decoded string, capped */
        struct buf b;
        bool on;
};

struct resultdoc {
        const struct problem *p;
        size_t n_cases;
        struct resultdoc_limits lim;
        struct judge_result *r;

        enum phase phase;
        size_t marker_matched;
        bool junk_after;
        size_t doc_bytes;
        bool over_cap, broken;
        struct judge_error err;

        struct jsonlex lex;
        int depth;      /* 1: in the top object; 2: in "cases"; 3: in a case object */
        enum tkey tkey; /* key of the top-level value being read */
        enum ckey ckey; /* key of the case value being read */
        bool seen_top[_TK_MAX], seen_case[_CK_MAX];
        bool cases_seen, in_cases;
        size_t ci;     /* the case being read */
        size_t n_done; /* complete case objects */
        size_t texts_kept;

        struct textcap str; /* the string value being read */
        char status[32];
        bool have_status;
        struct buf message, compile_output;
        double compile_ms;
        double startup_ms;

        /* the case being read */
        char cstatus[32];
        bool have_cstatus;
        double time_ms, memory_kb;
        bool truncated, cut; /* the runner's flag; the host cut stdout or stderr */
        char *out, *errtext, *errmsg;
        /* its answer */
        bool in_answer;
        int answer_depth; /* depth at which the answer value sits */
        struct streamcmp *cmp;
        struct sha256 sha;
        size_t answer_bytes;
        struct buf preview;
        bool seen_ola; /* a complete case reported output_limit (for the over-cap rule) */
};

static const struct jsonlex_ops doc_ops;

static int broken(struct resultdoc *d, const char *fmt, ...) _printf_(2, 3);
static int broken(struct resultdoc *d, const char *fmt, ...) {
        if (!d->broken) {
                va_list ap;
                va_start(ap, fmt);
                vsnprintf(d->err.msg, sizeof d->err.msg, fmt, ap);
                va_end(ap);
                d->err.code = -EPROTO;
        }
        d->broken = true;
        return -EPROTO;
}

/* A failure of the reader or the comparator itself, not of the document (out of memory, an
 * expected value that does not fit): the judge's error with its own code, never a verdict. */
static int failed(struct resultdoc *d, int code, const char *fmt, ...) _printf_(3, 4);
static int failed(struct resultdoc *d, int code, const char *fmt, ...) {
        if (!d->broken) {
                va_list ap;
                va_start(ap, fmt);
                vsnprintf(d->err.msg, sizeof d->err.msg, fmt, ap);
                va_end(ap);
                d->err.code = code;
        }
        d->broken = true;
        return code;
}

/* r from an answer's event to the comparator. */
static int cmp_result(struct resultdoc *d, int r) {
        if (r < 0)
                return failed(d, r, "case %zu: the answer could not be compared: %s", d->ci, strerror(-r));
        return r;
}

size_t resultdoc_cap(size_t n_cases, long answer_limit, long output_limit, long stdout_cap) {
        size_t out =
                (size_t)(output_limit > 0 ? output_limit : 0) + 2 * (size_t)(stdout_cap > 0 ? stdout_cap : 0);
        return (size_t)(answer_limit > 0 ? answer_limit : 0) + 6 * out + 6 * ((size_t)64 << 10) +
               n_cases * ((size_t)24 << 10) + ((size_t)1 << 20);
}

static void current_clear(struct resultdoc *d) {
        free(d->out);
        free(d->errtext);
        free(d->errmsg);
        d->out = d->errtext = d->errmsg = NULL;
        d->cmp = streamcmp_free(d->cmp);
        buf_reset(&d->preview);
        d->have_cstatus = false;
        d->time_ms = d->memory_kb = 0;
        d->truncated = d->cut = false;
        d->answer_bytes = 0;
        d->in_answer = false;
        memset(d->seen_case, 0, sizeof d->seen_case);
}

/* Back to "no document yet": a later marker starts over (the last document counts). */
static void doc_reset(struct resultdoc *d) {
        for (size_t i = 0; i < d->n_cases; i++)
                case_result_clear(&d->r->cases[i]);
        free(d->r->compile_output);
        d->r->compile_output = NULL;
        current_clear(d);
        jsonlex_free(&d->lex);
        jsonlex_init(&d->lex, &doc_ops, d, d->lim.doc_cap);
        d->depth = 0;
        d->doc_bytes = 0;
        d->over_cap = d->broken = d->cases_seen = d->in_cases = d->have_status = d->seen_ola = false;
        d->err = (struct judge_error){0};
        memset(d->seen_top, 0, sizeof d->seen_top);
        d->ci = d->n_done = d->texts_kept = 0;
        d->compile_ms = 0;
        d->startup_ms = 0;
        buf_reset(&d->message);
        buf_reset(&d->compile_output);
        d->str.on = false;
}

int resultdoc_new(const struct problem *p, size_t n_cases, const struct resultdoc_limits *lim,
                  struct judge_result *r, struct resultdoc **ret) {
        if (!r || !ret || (n_cases && !r->cases))
                return -EINVAL;
        struct resultdoc *d = calloc(1, sizeof *d);
        if (!d)
                return -ENOMEM;
        d->p = p;
        d->n_cases = n_cases;
        d->r = r;
        if (lim)
                d->lim = *lim;
        if (!d->lim.doc_cap)
                d->lim.doc_cap = (size_t)64 << 20;
        if (!d->lim.answer_preview)
                d->lim.answer_preview = 1024;
        if (!d->lim.text_cap)
                d->lim.text_cap = 64 << 10;
        if (!d->lim.texts_total)
                d->lim.texts_total = 4 << 20;
        buf_init(&d->message, 4 << 10);
        buf_init(&d->compile_output, 64 << 10);
        buf_init(&d->preview, d->lim.keep_answers ? d->lim.doc_cap : d->lim.answer_preview);
        buf_init(&d->str.b, d->lim.text_cap);
        jsonlex_init(&d->lex, &doc_ops, d, d->lim.doc_cap);
        *ret = d;
        return 0;
}

struct resultdoc *resultdoc_free(struct resultdoc *d) {
        if (!d)
                return NULL;
        current_clear(d);
        jsonlex_free(&d->lex);
        buf_free(&d->message);
        buf_free(&d->compile_output);
        buf_free(&d->preview);
        buf_free(&d->str.b);
        free(d);
        return NULL;
}

/* ---- values ---- */

static int lookup(const char *const *table, size_t n, const char *k, size_t len, bool full) {
        if (!full)
                return 0;
        for (size_t i = 1; i < n; i++)
                if (strlen(table[i]) == len && memcmp(table[i], k, len) == 0)
                        return (int)i;
        return 0;
}

static double number_of(const char *text, size_t n) {
        char t[64];
        if (n >= sizeof t)
                return 0; /* no count of milliseconds or kilobytes is written that long */
        memcpy(t, text, n);
        t[n] = 0;
        return strtod(t, NULL);
}

/* Strings the reader keeps are collected in d->str (capped at its buf's cap: the rest is
 * dropped, and the cut is moved back to a UTF-8 character boundary). */
static char *str_take(struct resultdoc *d, bool *ret_cut) {
        struct buf *b = &d->str.b;
        bool cut = b->truncated;
        if (cut)
                while (b->len > 0 && ((unsigned char)b->data[b->len - 1] & 0xC0) == 0x80)
                        b->len--;
        if (cut && b->len > 0 && (unsigned char)b->data[b->len - 1] >= 0xC0)
                b->len--;
        if (ret_cut)
                *ret_cut = cut;
        d->str.on = false;
        if (b->len == 0) {
                buf_reset(b);
                return NULL;
        }
        char *s = strndup(b->data, b->len);
        buf_reset(b);
        return s ? s : (char *)-1;
}

/* str_take into a fixed field (cut to its size; "" for an empty string). */
static int str_take_into(struct resultdoc *d, char *dst, size_t size) {
        char *s = str_take(d, NULL);
        if (s == (char *)-1)
                return -ENOMEM;
        snprintf(dst, size, "%s", s ? s : "");
        free(s);
        return 0;
}

static bool in_case_value(const struct resultdoc *d) {
        return d->depth == 3 && d->in_cases;
}

static int want_type(struct resultdoc *d, bool ok, const char *what) {
        if (ok)
                return 0;
        return broken(d, "the runner's result document: %s has the wrong type", what);
}

/* A top-level or case value that is a scalar (or a string's end). kind: 's' string, 'n' number,
 * 'b' bool, 0 null, 'c' container. */
static int top_value(struct resultdoc *d, char kind, const char *text, size_t n) {
        int r = 0;
        switch (d->tkey) {
        case TK_STATUS:
                if ((r = want_type(d, kind == 's', "status")) < 0)
                        return r;
                if ((r = str_take_into(d, d->status, sizeof d->status)) < 0)
                        return r;
                d->have_status = true;
                return 0;
        case TK_MESSAGE:
                r = want_type(d, kind == 's', "message");
                break;
        case TK_COMPILE_OUTPUT:
                r = want_type(d, kind == 's', "compile_output");
                break;
        case TK_COMPILE_TIME:
                if ((r = want_type(d, kind == 'n', "compile_time_ms")) == 0)
                        d->compile_ms = number_of(text, n);
                break;
        case TK_STARTUP:
                if ((r = want_type(d, kind == 'n', "startup_ms")) == 0)
                        d->startup_ms = number_of(text, n);
                break;
        case TK_CASES:
                r = want_type(d, kind == 'c', "cases");
                break;
        default:
                break;
        }
        return r;
}

static int case_value(struct resultdoc *d, char kind, const char *text, size_t n) {
        int r = 0;
        char *s;
        switch (d->ckey) {
        case CK_STATUS:
                if ((r = want_type(d, kind == 's', "a case's status")) < 0)
                        return r;
                if ((r = str_take_into(d, d->cstatus, sizeof d->cstatus)) < 0)
                        return r;
                d->have_cstatus = true;
                return 0;
        case CK_TIME:
        case CK_MEMORY:
                if ((r = want_type(d, kind == 'n',
                                   d->ckey == CK_TIME ? "a case's time_ms" : "a case's memory_kb")) < 0)
                        return r;
                *(d->ckey == CK_TIME ? &d->time_ms : &d->memory_kb) = number_of(text, n);
                return 0;
        case CK_TRUNCATED:
                if ((r = want_type(d, kind == 'b', "a case's truncated")) < 0)
                        return r;
                d->truncated = n == 4; /* "true" */
                return 0;
        case CK_STDOUT:
        case CK_STDERR:
        case CK_ERROR: {
                if ((r = want_type(d, kind == 's', case_keys[d->ckey])) < 0)
                        return r;
                bool cut;
                s = str_take(d, &cut);
                if (s == (char *)-1)
                        return -ENOMEM;
                char **slot = d->ckey == CK_STDOUT   ? &d->out
                              : d->ckey == CK_STDERR ? &d->errtext
                                                     : &d->errmsg;
                free(*slot);
                *slot = s;
                if (cut && d->ckey != CK_ERROR)
                        d->cut = true;
                if (s && d->ckey != CK_ERROR)
                        d->texts_kept += strlen(s);
                return 0;
        }
        default:
                return 0;
        }
}

static const struct {
        const char *status;
        enum verdict v;
        bool run;
} statuses[] = {
        {"ok", VERDICT_AC, true},
        {"runtime_error", VERDICT_RE, true},
        {"time_limit", VERDICT_TLE, true},
        {"memory_limit", VERDICT_MLE, true},
        {"output_limit", VERDICT_OLE, true},
        {"not_run", VERDICT_AC, false},
};

/* A case object is complete: its verdict and what is kept of it. */
static int case_done(struct resultdoc *d) {
        struct case_result *c = &d->r->cases[d->ci];
        size_t k;
        if (!d->have_cstatus)
                return broken(d, "case %zu: unknown status", d->ci);
        for (k = 0; k < ELEMENTSOF(statuses); k++)
                if (strcmp(d->cstatus, statuses[k].status) == 0)
                        break;
        if (k == ELEMENTSOF(statuses))
                return broken(d, "case %zu: unknown status", d->ci);
        case_result_clear(c);
        c->verdict = statuses[k].v;
        c->run = statuses[k].run;
        c->time_ms = d->time_ms;
        c->memory_kb = (long)d->memory_kb;
        c->truncated = d->truncated || d->cut;
        c->stdout_text = TAKE_PTR(d->out);
        c->stderr_text = TAKE_PTR(d->errtext);
        c->error = TAKE_PTR(d->errmsg);
        if (c->verdict == VERDICT_OLE)
                d->seen_ola = true;
        if (c->run && c->verdict == VERDICT_AC) {
                if (!d->seen_case[CK_ANSWER])
                        return broken(d, "case %zu: no answer", d->ci);
                if (d->cmp) {
                        int eq = streamcmp_equal(d->cmp);
                        if (eq < 0)
                                return broken(d, "case %zu: the answer could not be compared", d->ci);
                        if (!eq)
                                c->verdict = VERDICT_WA;
                }
                struct buf *b = &d->preview;
                c->answer_bytes = d->answer_bytes;
                c->answer_truncated = d->answer_bytes > b->len;
                if (c->answer_truncated) /* cut at a character boundary */
                        while (b->len > 0 && ((unsigned char)b->data[b->len - 1] & 0xC0) == 0x80)
                                b->len--;
                if (c->answer_truncated && b->len > 0 && (unsigned char)b->data[b->len - 1] >= 0xC0)
                        b->len--;
                c->answer = strndup(b->data ? b->data : "", b->len);
                if (!c->answer)
                        return -ENOMEM;
                sha256_hex(&d->sha, c->answer_sha256);
        }
        current_clear(d);
        d->n_done++;
        d->ci++;
        return 0;
}

/* ---- events ---- */

static int on_key(void *u, const char *k, size_t n, bool full) {
        struct resultdoc *d = u;
        if (d->depth == 1) {
                d->tkey = (enum tkey)lookup(top_keys, _TK_MAX, k, n, full);
                if (d->tkey && d->seen_top[d->tkey])
                        return broken(d, "the runner's result document has \"%s\" twice", top_keys[d->tkey]);
                d->seen_top[d->tkey] = true;
        } else if (in_case_value(d)) {
                d->ckey = (enum ckey)lookup(case_keys, _CK_MAX, k, n, full);
                if (d->ckey && d->seen_case[d->ckey])
                        return broken(d, "case %zu has \"%s\" twice", d->ci, case_keys[d->ckey]);
                d->seen_case[d->ckey] = true;
                if (d->ckey == CK_ANSWER) {
                        d->in_answer = true;
                        d->answer_depth = d->depth;
                        sha256_init(&d->sha);
                        d->answer_bytes = 0;
                        buf_reset(&d->preview);
                        if (d->p) {
                                struct judge_error e = {0};
                                int r = streamcmp_new_case(d->p, &d->p->cases[d->ci], &d->cmp, &e);
                                if (r < 0) /* p and its case do not fit: -EPROTO, as ever */
                                        return broken(d, "%s", e.msg);
                        }
                        jsonlex_capture_next(&d->lex);
                }
        }
        return 0;
}

static int on_raw(void *u, const char *p, size_t n) {
        struct resultdoc *d = u;
        if (!d->in_answer)
                return 0;
        sha256_update(&d->sha, p, n);
        d->answer_bytes += n;
        if (!d->preview.truncated && buf_append(&d->preview, p, n) == -ENOMEM)
                return -ENOMEM;
        return 0;
}

/* An answer event: to the comparator; returns whether the answer value is now complete. */
static bool answer_event_done(struct resultdoc *d) {
        if (d->depth == d->answer_depth) {
                d->in_answer = false;
                return true;
        }
        return false;
}

static int on_open(void *u, bool object) {
        struct resultdoc *d = u;
        if (d->in_answer) {
                d->depth++;
                return d->cmp ? cmp_result(d, streamcmp_open(d->cmp, object)) : 0;
        }
        if (d->depth == 0 && !object)
                return broken(d, "the runner's result document is not an object");
        if (d->depth == 1 && d->tkey == TK_CASES) {
                if (object)
                        return want_type(d, false, "cases");
                d->cases_seen = d->in_cases = true;
        } else if (d->depth == 1 && d->tkey != TK_OTHER)
                return want_type(d, false, top_keys[d->tkey]);
        else if (d->depth == 2 && d->in_cases) {
                if (!object)
                        return broken(d, "case %zu is not an object", d->ci);
                if (d->ci >= d->n_cases)
                        return broken(d, "the runner reported more than the %zu cases sent", d->n_cases);
                current_clear(d);
        } else if (in_case_value(d) && d->ckey != CK_OTHER)
                return want_type(d, false, case_keys[d->ckey]);
        d->depth++;
        return 0;
}

static int on_close(void *u, bool object) {
        struct resultdoc *d = u;
        d->depth--;
        if (d->in_answer) {
                int r = d->cmp ? cmp_result(d, streamcmp_close(d->cmp, object)) : 0;
                (void)answer_event_done(d);
                return r;
        }
        if (d->depth == 2 && d->in_cases && object)
                return case_done(d);
        if (d->depth == 1 && d->in_cases)
                d->in_cases = false; /* the count is checked at the end, once the status is known */
        return 0;
}

static int on_scalar(void *u, enum jsonlex_scalar kind, const char *text, size_t n) {
        struct resultdoc *d = u;
        if (d->in_answer) {
                int r = d->cmp ? cmp_result(d, streamcmp_scalar(d->cmp, kind, text, n)) : 0;
                (void)answer_event_done(d);
                return r;
        }
        char k = kind == JSONLEX_NUMBER ? 'n' : kind == JSONLEX_NULL ? 0 : 'b';
        if (d->depth == 0)
                return broken(d, "the runner's result document is not an object");
        if (d->depth == 1)
                return top_value(d, k, text, n);
        if (in_case_value(d))
                return case_value(d, k, text, n);
        if (d->depth == 2 && d->in_cases)
                return broken(d, "case %zu is not an object", d->ci);
        return 0;
}

static int on_string_begin(void *u) {
        struct resultdoc *d = u;
        if (d->in_answer)
                return d->cmp ? cmp_result(d, streamcmp_string_begin(d->cmp)) : 0;
        if (d->depth == 0)
                return broken(d, "the runner's result document is not an object");
        if (d->depth == 2 && d->in_cases)
                return broken(d, "case %zu is not an object", d->ci);
        buf_reset(&d->str.b);
        d->str.b.max = d->lim.text_cap;
        if (d->depth == 1)
                d->str.on = d->tkey == TK_STATUS || d->tkey == TK_MESSAGE || d->tkey == TK_COMPILE_OUTPUT;
        else if (in_case_value(d)) {
                d->str.on = d->ckey == CK_STATUS || d->ckey == CK_STDOUT || d->ckey == CK_STDERR ||
                            d->ckey == CK_ERROR;
                /* the user's output kept in all cases together is capped too */
                if ((d->ckey == CK_STDOUT || d->ckey == CK_STDERR)) {
                        size_t left =
                                d->texts_kept < d->lim.texts_total ? d->lim.texts_total - d->texts_kept : 0;
                        if (left < d->str.b.max)
                                d->str.b.max = left ? left : 1;
                }
        }
        if (d->depth == 1 && d->tkey == TK_MESSAGE)
                d->str.b.max = d->message.max;
        if (d->depth == 1 && d->tkey == TK_COMPILE_OUTPUT)
                d->str.b.max = d->compile_output.max;
        return 0;
}

static int on_string_data(void *u, const char *p, size_t n) {
        struct resultdoc *d = u;
        if (d->in_answer)
                return d->cmp ? cmp_result(d, streamcmp_string_data(d->cmp, p, n)) : 0;
        if (d->str.on && !d->str.b.truncated && buf_append(&d->str.b, p, n) == -ENOMEM)
                return -ENOMEM;
        return 0;
}

static int on_string_end(void *u) {
        struct resultdoc *d = u;
        if (d->in_answer) {
                int r = d->cmp ? cmp_result(d, streamcmp_string_end(d->cmp)) : 0;
                (void)answer_event_done(d);
                return r;
        }
        int r = 0;
        if (d->depth == 1) {
                if (d->tkey == TK_MESSAGE || d->tkey == TK_COMPILE_OUTPUT) {
                        struct buf *dst = d->tkey == TK_MESSAGE ? &d->message : &d->compile_output;
                        bool cut;
                        char *s = str_take(d, &cut);
                        if (s == (char *)-1)
                                return -ENOMEM;
                        buf_reset(dst);
                        if (s && buf_puts(dst, s) == -ENOMEM)
                                r = -ENOMEM;
                        free(s);
                        return r;
                }
                return top_value(d, 's', NULL, 0);
        }
        if (in_case_value(d))
                return case_value(d, 's', NULL, 0);
        d->str.on = false;
        return 0;
}

static const struct jsonlex_ops doc_ops = {
        .open = on_open,
        .close = on_close,
        .key = on_key,
        .scalar = on_scalar,
        .string_begin = on_string_begin,
        .string_data = on_string_data,
        .string_end = on_string_end,
        .raw = on_raw,
};

/* ---- the byte stream ---- */

/* Look for the marker in p[0, n); returns the offset just past it, or n (state kept across
 * pieces in d->marker_matched; the marker's first byte does not recur in it, so a failed
 * partial match restarts at the current byte). */
static size_t find_marker(struct resultdoc *d, const char *p, size_t n, bool *ret_found) {
        static const char m[] = RESULTDOC_MARKER;
        const size_t ml = sizeof m - 1;
        *ret_found = false;
        for (size_t i = 0; i < n; i++) {
                if (p[i] == m[d->marker_matched])
                        d->marker_matched++;
                else
                        d->marker_matched = p[i] == m[0];
                if (d->marker_matched == ml) {
                        d->marker_matched = 0;
                        *ret_found = true;
                        return i + 1;
                }
        }
        return n;
}

int resultdoc_feed(struct resultdoc *d, const char *p, size_t n) {
        while (n > 0) {
                if (d->broken || d->over_cap)
                        return d->over_cap ? -EFBIG : -EPROTO;
                if (d->phase == PH_SCAN || d->phase == PH_AFTER) {
                        bool found;
                        size_t k = find_marker(d, p, n, &found);
                        if (d->phase == PH_AFTER)
                                for (size_t i = 0; i < k && !d->junk_after; i++)
                                        if (!strchr(" \t\r\n", p[i]) || !p[i])
                                                d->junk_after = true;
                        p += k, n -= k;
                        if (found) {
                                doc_reset(d);
                                d->junk_after = false;
                                d->phase = PH_DOC;
                        }
                        continue;
                }
                size_t take = n;
                if (take > d->lim.doc_cap - d->doc_bytes)
                        take = d->lim.doc_cap - d->doc_bytes;
                if (take == 0) {
                        d->over_cap = true;
                        return -EFBIG;
                }
                size_t used = 0;
                int r = jsonlex_feed(&d->lex, p, take, &used);
                d->doc_bytes += used;
                if (r == -EBADMSG)
                        r = broken(d, "the runner's result document is not valid JSON: %s", d->lex.err);
                if (r == -ENOMEM)
                        failed(d, r, "out of memory reading the runner's result document");
                if (r < 0) {
                        if (!d->broken)
                                broken(d, "the runner's result document: %s", strerror(-r));
                        return r == -ENOMEM ? r : -EPROTO;
                }
                p += used, n -= used;
                if (jsonlex_done(&d->lex)) {
                        d->phase = PH_AFTER;
                        d->marker_matched = 0;
                }
        }
        return 0;
}

static int fail_reset(struct resultdoc *d, int code, struct judge_error *err) {
        for (size_t i = 0; i < d->n_cases; i++)
                case_result_clear(&d->r->cases[i]);
        if (err && d->err.msg[0])
                return judge_err(err, code, "%s", d->err.msg);
        return judge_err(err, code, "the runner's result document is broken");
}

int resultdoc_finish(struct resultdoc *d, struct judge_error *err) {
        if (d->over_cap) {
                if (d->seen_ola) {
                        /* The runner reported an output limit: the cases up to it stand, the rest
                         * were not run (or not read). */
                        bool after = false;
                        for (size_t i = 0; i < d->n_cases; i++) {
                                struct case_result *c = &d->r->cases[i];
                                if (after || i >= d->n_done) {
                                        case_result_clear(c);
                                        continue;
                                }
                                if (c->run && c->verdict == VERDICT_OLE)
                                        after = true;
                        }
                        return 0;
                }
                snprintf(d->err.msg, sizeof d->err.msg,
                         "the runner's result document is over its cap of %zu bytes", d->lim.doc_cap);
                return fail_reset(d, -EFBIG, err);
        }
        if (d->broken) /* the document's fault (-EPROTO), or the reader's own (failed) */
                return fail_reset(d, d->err.code ? d->err.code : -EPROTO, err);
        if (d->phase == PH_SCAN)
                return fail_reset(d, broken(d, "the runner printed no result document"), err);
        if (d->phase == PH_DOC)
                return fail_reset(
                        d, broken(d, "the runner's result document is not valid JSON: it ends early"), err);
        if (d->junk_after)
                return fail_reset(d, broken(d, "the runner's result document is followed by other text"),
                                  err);
        if (!d->have_status)
                return fail_reset(d, broken(d, "the runner's result document has no status"), err);
        free(d->r->compile_output);
        d->r->compile_output = d->compile_output.len ? strdup(d->compile_output.data) : NULL;
        d->r->compile_ms = d->compile_ms;
        d->r->startup_ms = d->startup_ms;
        if (strcmp(d->status, "compile_error") == 0) {
                d->r->verdict = VERDICT_CE;
                return 0;
        }
        if (strcmp(d->status, "ok") != 0)
                return fail_reset(
                        d, broken(d, "the runner failed: %s", d->message.len ? d->message.data : d->status),
                        err);
        if (!d->cases_seen || d->n_done != d->n_cases)
                return fail_reset(
                        d, broken(d, "the runner reported %zu cases, %zu were sent", d->n_done, d->n_cases),
                        err);
        return 0;
}
