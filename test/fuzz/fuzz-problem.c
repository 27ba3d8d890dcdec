/* Fuzz target for the problem loader and checker (problem_load_from_memory), and for answer
 * comparison on whatever the loader accepts.
 *
 * Input: problem.json, tests/sample.json, tests/hidden.json and statement.md separated by lines
 * "=====\n"; missing parts are missing files. Invariants checked on an accepted package: every
 * case's expected answer compares equal to itself and to its own re-serialisation, and the job
 * arguments serialise to JSON that parses again.
 *
 * Built with -DJUDGE_LIBFUZZER and -fsanitize=fuzzer it is a libFuzzer target; otherwise main()
 * (replay.c) replays every corpus file given as arguments (meson test, suite 'fuzz'). */
#define _GNU_SOURCE 1
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"
#include "problem/problem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static yajl_val reparse(const yajl_val v) {
        struct buf b;
        buf_init(&b, 1 << 24);
        yajl_val r = NULL;
        if (problem_value_json(v, &b) == 0) {
                char eb[128];
                r = yajl_tree_parse(b.data, eb, sizeof eb);
                if (!r)
                        abort(); /* what we write must parse */
        }
        buf_free(&b);
        return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        static const char sep[] = "=====\n";
        const char *part[4] = { NULL };
        size_t len[4] = { 0 };
        const char *p = (const char *) data, *end = p + size;
        for (int i = 0; i < 4 && p <= end; i++) {
                const char *s = memmem(p, (size_t) (end - p), sep, sizeof sep - 1);
                part[i] = p;
                len[i] = s ? (size_t) (s - p) : (size_t) (end - p);
                if (!s) {
                        p = end + 1;
                        break;
                }
                p = s + sizeof sep - 1;
        }
        struct problem_source src = {
                .problem_json = part[0], .problem_json_len = len[0],
                .sample = part[1],       .sample_len = len[1],
                .hidden = part[2],       .hidden_len = len[2],
                .statement = part[3] ? part[3] : "statement",
                .statement_len = part[3] ? len[3] : 9,
        };
        struct diag_list d = { 0 };
        struct judge_error e = { 0 };
        struct problem *pr = NULL;
        int r = problem_load_from_memory(&src, &pr, &d, &e);
        if (r < 0 && (pr || d.n_errors == 0 || !e.msg[0]))
                abort(); /* a failure always explains itself */
        if (r == 0 && (!pr || d.n_errors != 0))
                abort();
        for (size_t i = 0; i < d.n; i++)
                if (!d.items[i].file || !d.items[i].msg)
                        abort();
        diag_list_free(&d);
        if (!pr)
                return 0;

        if (pr->n_sample > pr->n_cases)
                abort();
        for (size_t i = 0; i < pr->n_cases; i++) {
                const struct test_case *c = &pr->cases[i];
                if (c->index != i || c->hidden != (i >= pr->n_sample))
                        abort();
                struct buf b;
                buf_init(&b, 1 << 24);
                if (problem_case_args_json(pr, c, &b) == 0) {
                        char eb[128];
                        yajl_val v = yajl_tree_parse(b.data, eb, sizeof eb);
                        if (!v)
                                abort();
                        yajl_tree_free(v);
                }
                buf_free(&b);

                bool eq = false;
                if (compare_case(pr, c, c->expected, &eq, &e) < 0 || !eq)
                        abort(); /* an expected answer equals itself */
                yajl_val again = reparse(c->expected);
                if (again && (compare_case(pr, c, again, &eq, &e) < 0 || !eq))
                        abort(); /* and survives serialisation */
                yajl_tree_free(again);
                /* against another case's answer: any verdict, no crash */
                const struct test_case *o = &pr->cases[(i + 1) % pr->n_cases];
                (void) compare_case(pr, c, o->expected, &eq, &e);
                (void) compare_case(pr, c, o->args, &eq, &e);
        }
        problem_free(pr);
        return 0;
}
