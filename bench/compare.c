/* Answer comparison benchmark (run by bench/compare.sh).
 *
 *   bench-compare throughput [MB]
 *       Comparison throughput on an int[] answer of MB megabytes (default 24) and on an
 *       unordered int[] answer of the same size, streaming (lib/compare/streamcmp.c, and the whole
 *       result-document path of lib/judge/resultdoc.c with its SHA-256 and preview) against the old
 *       path in the same run (yajl tree parse of the answer + compare_answer) and against yajl's
 *       bare event parser (no tree, no comparison) as a floor for any yajl-based design. Rates
 *       are megabytes of answer per second of CPU time (best of three for the streaming ones).
 *   bench-compare host PROBLEM_DIR DOC_FILE [stream|tree]
 *       The host side of `judge run` after the container: the problem loaded, the runner's
 *       result document (a saved container stdout) read in 64 KiB pieces as the engine hands it
 *       over, compared, and the result rendered as JSON; prints the verdict and the peak RSS.
 *       "tree" runs the old path (the log buffered, a yajl tree of the document, each answer
 *       re-serialised, parsed again and compared) for the baseline. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <yajl/yajl_parse.h>
#include <yajl/yajl_tree.h>

#include "base/buf.h"
#include "compare/compare.h"
#include "judge/judge.h"
#include "judge/resultdoc.h"
#include "compare/streamcmp.h"

/* CPU time of this process: the machine is shared, and wall time would measure the neighbours. */
static double now(void) {
        struct timespec ts;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        return ru.ru_maxrss;
}

static unsigned long long rng = 88172645463325252ull;
static unsigned long long next_rand(void) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        return rng;
}

/* An int[] of about mb megabytes: single digits (ordered) or numbers below 10^6 (unordered). */
static char *make_answer(size_t mb, bool wide, size_t *ret_len) {
        size_t cap = mb * 1000000 + 64;
        char *s = malloc(cap + 16);
        size_t n = 0;
        s[n++] = '[';
        while (n < cap - 16) {
                if (n > 1)
                        s[n++] = ',';
                n += (size_t)sprintf(s + n, "%llu", wide ? next_rand() % 1000000 : next_rand() % 10);
        }
        s[n++] = ']';
        s[n] = 0;
        *ret_len = n;
        return s;
}

/* The same multiset in another order: a rotation of the elements by about a third. */
static char *rotated(const char *a, size_t n) {
        const char *cut = strchr(a + n / 3, ',');
        char *s = malloc(n + 2);
        size_t k = 0;
        s[k++] = '[';
        size_t tail = (size_t)(a + n - 1 - (cut + 1)); /* after the comma, before ']' */
        memcpy(s + k, cut + 1, tail);
        k += tail;
        s[k++] = ',';
        size_t head = (size_t)(cut - (a + 1));
        memcpy(s + k, a + 1, head);
        k += head;
        s[k++] = ']';
        s[k] = 0;
        return s;
}

static int null_cb_count;
static int cb_number(void *u, const char *s, size_t n) {
        (void)u, (void)s, (void)n;
        null_cb_count++;
        return 1;
}

static double yajl_events(const char *text, size_t n) {
        yajl_callbacks cb = {.yajl_number = cb_number};
        yajl_handle h = yajl_alloc(&cb, NULL, NULL);
        double t0 = now();
        yajl_parse(h, (const unsigned char *)text, n);
        yajl_complete_parse(h);
        double t = now() - t0;
        yajl_free(h);
        return t;
}

static double best_stream(const struct type *t, yajl_val exp, int u, const char *text, size_t n,
                          bool *ret_eq) {
        double best = 1e9;
        for (int i = 0; i < 3; i++) {
                double t0 = now();
                if (streamcmp_text(t, exp, u, 0, text, n, ret_eq) < 0) {
                        fprintf(stderr, "bench-compare: stream comparison failed\n");
                        exit(1);
                }
                double d = now() - t0;
                if (d < best)
                        best = d;
        }
        return best;
}

/* The whole reader: a result document around the answer, fed in 64 KiB pieces. */
static double best_doc(const struct problem *p, const char *answer, size_t n, enum verdict *ret_v) {
        struct buf doc;
        buf_init(&doc, n + (1 << 20));
        if (buf_puts(&doc, "JUDGE-RESULT-V1\n{\"status\":\"ok\",\"cases\":[{\"status\":\"ok\",\"time_ms\":1,"
                           "\"answer\":") < 0 ||
            buf_append(&doc, answer, n) < 0 ||
            buf_puts(&doc, ",\"stdout\":\"\",\"truncated\":false}]}\n") < 0)
                exit(1);
        double best = 1e9;
        for (int i = 0; i < 3; i++) {
                struct judge_result r = {.n_cases = 1};
                r.cases = calloc(1, sizeof *r.cases);
                struct resultdoc *d = NULL;
                double t0 = now();
                if (resultdoc_new(p, 1, NULL, &r, &d) < 0)
                        exit(1);
                for (size_t off = 0; off < doc.len; off += 65536)
                        resultdoc_feed(d, doc.data + off, doc.len - off < 65536 ? doc.len - off : 65536);
                struct judge_error e = {0};
                if (resultdoc_finish(d, &e) < 0) {
                        fprintf(stderr, "bench-compare: %s\n", e.msg);
                        exit(1);
                }
                double dt = now() - t0;
                resultdoc_free(d);
                *ret_v = r.cases[0].verdict;
                free(r.cases[0].answer);
                free(r.cases);
                if (dt < best)
                        best = dt;
        }
        buf_free(&doc);
        return best;
}

/* A one-case problem whose expected value is the given answer. */
static struct problem *problem_with(const char *expected, size_t n, int unordered) {
        char pj[600];
        snprintf(pj, sizeof pj,
                 "{\"format\":1,\"slug\":\"bench\",\"title\":\"B\",\"difficulty\":\"easy\",\"limits\":{"
                 "\"time_ms\":1000,"
                 "\"memory_mb\":256},\"signature\":{\"kind\":\"function\",\"name\":\"f\",\"params\":[{"
                 "\"name\":\"n\","
                 "\"type\":\"int\"}],\"returns\":\"int[]\"},\"compare\":{\"unordered\":%d}}",
                 unordered);
        struct buf s;
        buf_init(&s, n + 256);
        if (buf_puts(&s, "[{\"args\":[1],\"expected\":") < 0 || buf_append(&s, expected, n) < 0 ||
            buf_puts(&s, "}]") < 0)
                exit(1);
        struct problem_source src = {.problem_json = pj,
                                     .problem_json_len = strlen(pj),
                                     .statement = "x",
                                     .statement_len = 1,
                                     .sample = s.data,
                                     .sample_len = s.len,
                                     .hidden = "[]",
                                     .hidden_len = 2};
        struct problem *p = NULL;
        struct judge_error e = {0};
        if (problem_load_from_memory(&src, &p, NULL, &e) < 0) {
                fprintf(stderr, "bench-compare: %s\n", e.msg);
                exit(1);
        }
        buf_free(&s);
        return p;
}

static void throughput(size_t mb) {
        for (int unordered = 0; unordered <= 1; unordered++) {
                size_t n;
                char *exp_text = make_answer(mb, unordered, &n);
                char *act = unordered ? rotated(exp_text, n) : strdup(exp_text);
                size_t elems = 1;
                for (size_t i = 0; i < n; i++)
                        elems += exp_text[i] == ',';
                double mbs = (double)n / 1e6;
                double t_load = now();
                struct problem *p = problem_with(exp_text, n, unordered);
                t_load = now() - t_load;
                const struct type *t = problem_answer_type(p);
                yajl_val exp = p->cases[0].expected;
                free(exp_text);

                bool eq = false;
                double ts = best_stream(t, exp, unordered, act, n, &eq);
                enum verdict v;
                double td = best_doc(p, act, n, &v);
                double ty = yajl_events(act, n);
                char eb[256];
                double t0 = now();
                yajl_val a = yajl_tree_parse(act, eb, sizeof eb);
                bool old_eq = compare_answer(t, exp, a, unordered, 0) == 1;
                double tt = now() - t0;
                yajl_tree_free(a);
                const char *name = unordered ? "unordered int[] (values < 10^6, rotated)" : "int[] (digits)";
                printf("%s: %.1f MB, %zu elements (expected loaded in %.1f s)\n", name, mbs, elems, t_load);
                printf("  streamcmp (tokenize + compare)        %8.1f MB/s  %s\n", mbs / ts,
                       eq ? "equal" : "UNEQUAL");
                printf("  result document reader (+sha256)      %8.1f MB/s  %s\n", mbs / td, verdict_code(v));
                printf("  baseline: yajl tree + compare_answer  %8.1f MB/s  %s\n", mbs / tt,
                       old_eq ? "equal" : "UNEQUAL");
                printf("  floor: yajl event parser, no compare  %8.1f MB/s\n", mbs / ty);
                printf("  speed-up over the baseline            %8.1fx\n", tt / ts);
                free(act);
                problem_free(p);
        }
}

static int host(const char *dir, const char *docfile, bool tree) {
        struct problem *p = NULL;
        struct judge_error e = {0};
        if (problem_load(dir, &p, NULL, &e) < 0) {
                fprintf(stderr, "bench-compare: %s\n", e.msg);
                return 1;
        }
        long rss_loaded = peak_rss_kb();
        struct judge_result *r = calloc(1, sizeof *r);
        r->n_cases = p->n_cases;
        r->cases = calloc(p->n_cases, sizeof *r->cases);
        int fd = open(docfile, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
                perror(docfile);
                return 1;
        }
        double t0 = now();
        int k;
        if (!tree) {
                struct resultdoc *d = NULL;
                struct resultdoc_limits lim = {
                        .doc_cap = resultdoc_cap(p->n_cases, 32 << 20, 4 << 20, 64 << 10)};
                if (resultdoc_new(p, p->n_cases, &lim, r, &d) < 0)
                        return 1;
                static char piece[65536];
                ssize_t got;
                while ((got = read(fd, piece, sizeof piece)) > 0)
                        if (resultdoc_feed(d, piece, (size_t)got) < 0)
                                break;
                k = resultdoc_finish(d, &e);
                resultdoc_free(d);
        } else {
                /* the old path: the log buffered (the engine staged it, then copied it), a tree
                 * of the document, each answer re-serialised, parsed again and compared */
                struct buf stage, out;
                buf_init(&stage, (size_t)160 << 20);
                buf_init(&out, (size_t)160 << 20);
                static char piece[65536];
                ssize_t got;
                while ((got = read(fd, piece, sizeof piece)) > 0)
                        if (buf_append(&stage, piece, (size_t)got) < 0)
                                return 1;
                if (buf_append(&out, stage.data, stage.len) < 0)
                        return 1;
                buf_free(&stage);
                const char *doc = strstr(out.data, "JUDGE-RESULT-V1\n");
                char *text = strdup(doc + 16);
                char eb[256];
                yajl_val root = yajl_tree_parse(text, eb, sizeof eb);
                const char *path[] = {"cases", NULL};
                yajl_val cases = yajl_tree_get(root, path, yajl_t_array);
                k = cases && cases->u.array.len == p->n_cases ? 0 : -EPROTO;
                for (size_t i = 0; k == 0 && i < p->n_cases; i++) {
                        const char *ap[] = {"answer", NULL};
                        yajl_val ans = yajl_tree_get(cases->u.array.values[i], ap, yajl_t_any);
                        struct buf b;
                        buf_init(&b, (size_t)160 << 20);
                        if (problem_value_json(ans, &b) < 0)
                                return 1;
                        yajl_val a = yajl_tree_parse(b.data, eb, sizeof eb);
                        bool eq = false;
                        compare_case(p, &p->cases[i], a, &eq, NULL);
                        yajl_tree_free(a);
                        r->cases[i].run = true;
                        r->cases[i].verdict = eq ? VERDICT_AC : VERDICT_WA;
                        r->cases[i].answer = buf_steal(&b);
                        buf_free(&b);
                }
                yajl_tree_free(root);
                free(text);
                buf_free(&out);
        }
        close(fd);
        double dt = now() - t0;
        if (k < 0) {
                fprintf(stderr, "bench-compare: %s\n", e.msg);
                return 1;
        }
        r->first_failed = -1;
        for (size_t i = 0; i < r->n_cases; i++)
                if (r->cases[i].run && r->cases[i].verdict != VERDICT_AC) {
                        r->verdict = r->cases[i].verdict;
                        r->first_failed = (long)i;
                        break;
                }
        struct buf json;
        buf_init(&json, 256 << 20);
        if (judge_result_json(r, p, NULL, true, &json) < 0)
                return 1;
        printf("%s path: verdict %s, %.2f s, result JSON %zu bytes, peak RSS %.1f MB (%.1f MB after loading "
               "the problem)\n",
               tree ? "tree" : "stream", verdict_code(r->verdict), dt, json.len, (double)peak_rss_kb() / 1024,
               (double)rss_loaded / 1024);
        buf_free(&json);
        judge_result_free(r);
        problem_free(p);
        return 0;
}

int main(int argc, char **argv) {
        if (argc >= 2 && strcmp(argv[1], "throughput") == 0) {
                throughput(argc > 2 ? (size_t)atol(argv[2]) : 24);
                return 0;
        }
        if (argc >= 4 && strcmp(argv[1], "host") == 0)
                return host(argv[2], argv[3], argc > 4 && strcmp(argv[4], "tree") == 0);
        fprintf(stderr, "usage: bench-compare throughput [MB] | host PROBLEM_DIR DOC_FILE [stream|tree]\n");
        return 2;
}
