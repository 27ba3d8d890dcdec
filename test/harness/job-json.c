/* job-json PKG: print the job of problem package PKG as the host builds it, for the harness tests
 * that run harnesses without the runner (check.py job): one JSON object, {"signature": <the
 * signature as lib/judge/judge.c sends it, canonical types>, "cases": [<each case's job line>]}. So
 * the harnesses under test see exactly the types lib/problem/types.c gives them; no second type parser
 * in the tests. The tests make ad-hoc packages (a copied problem.json, one test file), so the
 * folder's name, statement.md and submissions/ are not checked, and an empty tests/hidden.json
 * means "the sample cases only". Exits 1 (message on stderr) when the package does not load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "problem/problem.h"

static char *slurp(const char *dir, const char *name, size_t *len) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        FILE *f = fopen(path, "re");
        if (!f)
                return NULL;
        struct buf b;
        buf_init(&b, 0);
        char chunk[65536];
        size_t n;
        int r = 0;
        while (r >= 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
                r = buf_append(&b, chunk, n);
        fclose(f);
        if (r < 0 || buf_append(&b, "", 1) < 0) {
                buf_free(&b);
                return NULL;
        }
        *len = b.len - 1;
        return b.data; /* owned by the caller */
}

static bool empty_array(const char *s) {
        while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
                s++;
        if (*s++ != '[')
                return false;
        while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
                s++;
        return *s == ']';
}

int main(int argc, char **argv) {
        if (argc != 2) {
                fprintf(stderr, "usage: job-json PKG\n");
                return 2;
        }
        struct judge_error err = { 0 };
        _cleanup_(problem_freep) struct problem *p = NULL;
        struct problem_source src = { 0 };
        src.problem_json = slurp(argv[1], "problem.json", &src.problem_json_len);
        src.sample = slurp(argv[1], "tests/sample.json", &src.sample_len);
        src.hidden = slurp(argv[1], "tests/hidden.json", &src.hidden_len);
        src.statement = "# test\n";
        src.statement_len = strlen(src.statement);
        bool sample_only = src.hidden && empty_array(src.hidden);
        if (sample_only) {
                src.hidden = src.sample;
                src.hidden_len = src.sample_len;
        }
        int lr = problem_load_from_memory(&src, &p, NULL, &err);
        free((char *) src.problem_json);
        free((char *) src.sample);
        if (!sample_only)
                free((char *) src.hidden);
        if (lr < 0) {
                fprintf(stderr, "job-json: %s: %s\n", argv[1], err.msg);
                return 1;
        }
        _cleanup_buf_ struct buf b;
        buf_init(&b, 0);
        int r = buf_puts(&b, "{\"signature\":");
        if (r >= 0)
                r = problem_signature_json(p, &b);
        if (r >= 0)
                r = buf_puts(&b, ",\"cases\":[");
        size_t n_cases = sample_only ? p->n_sample : p->n_cases;
        for (size_t i = 0; r >= 0 && i < n_cases; i++) {
                if (i)
                        r = buf_puts(&b, ",");
                if (r >= 0)
                        r = problem_case_args_json(p, &p->cases[i], &b);
        }
        if (r >= 0)
                r = buf_puts(&b, "]}\n");
        if (r < 0 || fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout) != 0) {
                fprintf(stderr, "job-json: out of memory or write error\n");
                return 1;
        }
        return 0;
}
