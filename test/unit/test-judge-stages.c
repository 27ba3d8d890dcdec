/* The stages of a judgement (lib/judge/stages.h), each on its own, with no engine: prepare's
 * payload (unpacked and its job opened), collect on canned runner output with each fate of the
 * container (exited, past the deadline, OOM-killed, failed), decide on hand-built results.
 * run needs an engine: test-judge-errors covers its failures, the e2e suites its successes. */
#define _GNU_SOURCE 1
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../harness/runner/chacha20.h"
#include "judge/stages.h"
#include "tap.h"

/* ---- prepare ---- */

struct entry {
        char path[256];
        char *data;
        size_t len;
        int mode;
};

/* The tar's entries, in order; returns how many (at most max), -1 if it does not read. */
static int untar(const void *tar, size_t len, struct entry *out, int max) {
        struct archive *a = archive_read_new();
        archive_read_support_format_tar(a);
        int n = -1;
        if (archive_read_open_memory(a, tar, len) == ARCHIVE_OK) {
                struct archive_entry *e;
                n = 0;
                while (n < max && archive_read_next_header(a, &e) == ARCHIVE_OK) {
                        struct entry *x = &out[n++];
                        snprintf(x->path, sizeof x->path, "%s", archive_entry_pathname(e));
                        x->mode = (int) (archive_entry_perm(e) & 07777);
                        x->len = (size_t) archive_entry_size(e);
                        x->data = calloc(1, x->len + 1);
                        if (x->len && archive_read_data(a, x->data, x->len) != (la_ssize_t) x->len) {
                                n = -1;
                                break;
                        }
                }
        }
        archive_read_free(a);
        return n;
}

static const struct entry *find(const struct entry *es, int n, const char *path) {
        for (int i = 0; i < n; i++)
                if (strcmp(es[i].path, path) == 0)
                        return &es[i];
        return NULL;
}

/* Open the sealed job with the key the container would get. */
static char *open_job(const struct entry *job, const char *key_env) {
        uint8_t key[CHACHA20_KEY_SIZE];
        if (!job || job->len < JOBSEAL_HEADER_SIZE || memcmp(job->data, JOBSEAL_MAGIC, JOBSEAL_MAGIC_SIZE) != 0 ||
            strncmp(key_env, "JUDGE_JOB_KEY=", 14) != 0 || chacha20_unhex(key_env + 14, key, sizeof key) < 0)
                return NULL;
        size_t n = job->len - JOBSEAL_HEADER_SIZE;
        char *lines = calloc(1, n + 1);
        memcpy(lines, job->data + JOBSEAL_HEADER_SIZE, n);
        chacha20_xor(key, 1, (const uint8_t *) job->data + JOBSEAL_MAGIC_SIZE, (uint8_t *) lines, n);
        return lines;
}

static size_t count_lines(const char *s) {
        size_t n = 0;
        for (; *s; s++)
                n += *s == '\n';
        return n;
}

static void test_prepare(const struct problem *p, struct lang *py, struct lang *cpp) {
        static const char code[] = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n";
        struct judge_options o = { .image = "judge-test/none:stage", .sample_only = false };
        struct judge_plan pl = { 0 };
        struct judge_error err = { 0 };
        int k = judge_prepare(p, py, code, strlen(code), &o, &pl, &err);
        CHECK(k == 0, "prepare: python two-sum (%s)", err.msg);
        if (k < 0)
                return;
        CHECK(pl.n_cases == p->n_cases && pl.result && pl.result->n_cases == p->n_cases &&
                      strcmp(pl.result->image, o.image) == 0 && pl.result->cases[0].run == false,
              "prepare: an empty result for every case, the image named");
        CHECK(pl.o.output_limit == 4L << 20 && pl.o.stdout_cap == 64L << 10 && pl.o.max_code_bytes == 256L << 10 &&
                      pl.o.cpus == 1.0 && pl.o.pids_limit == 64,
              "prepare: the options' defaults filled in");
        long t = (long) (p->time_ms * py->time_multiplier + 0.5);
        CHECK(pl.case_time_ms == t && pl.case_wall_ms == 3 * t + 2000 &&
                      pl.deadline_ms == 2 * py->compile_time_ms + (long) p->n_cases * (3 * t + 2000) + 15000,
              "prepare: the limits (%ld ms CPU, %ld ms wall per case, %ld ms in all)", pl.case_time_ms,
              pl.case_wall_ms, pl.deadline_ms);
        CHECK(pl.doc_cap == resultdoc_cap(p->n_cases, JUDGE_ANSWER_LIMIT, 4L << 20, 64L << 10),
              "prepare: the document's cap");

        struct entry es[16] = { 0 };
        int n = untar(pl.tar, pl.tar_len, es, 16);
        CHECK(n >= 5, "prepare: the payload is a tar (%d entries)", n);
        const struct entry *conf = find(es, n, "p/runner.conf"), *job = find(es, n, "p/job.enc");
        char src_path[300];
        snprintf(src_path, sizeof src_path, "p/src/%s", py->source);
        const struct entry *src = find(es, n, src_path);
        CHECK(conf && job && src && n == 5 && find(es, n, "p/") && find(es, n, "p/src/"),
              "prepare: p/, p/src/, runner.conf, job.enc and %s, nothing else (python has no glue)", src_path);
        CHECK(src && src->len == strlen(code) && memcmp(src->data, code, src->len) == 0 && src->mode == 0444,
              "prepare: the source verbatim, read-only");
        if (conf) {
                char want[256];
                snprintf(want, sizeof want, "cases=%zu\ncase_time_ms=%ld\ncase_wall_ms=%ld\nmemory_mb=%ld\n",
                         p->n_cases, pl.case_time_ms, pl.case_wall_ms, p->memory_mb);
                CHECK(strncmp(conf->data, "workdir=/tmp/w\n", 15) == 0 && strstr(conf->data, want) &&
                              strstr(conf->data, "\nanswer_limit=33554432\n") &&
                              strstr(conf->data, "\noutput_limit=4194304\nstdout_cap=65536\n"),
                      "runner.conf: workdir, cases and limits");
                char run0[300];
                snprintf(run0, sizeof run0, "\nrun_arg=%s\n", py->run[0]);
                CHECK(strstr(conf->data, run0) != NULL, "runner.conf: the language's run line");
                tap_diag("runner.conf", conf->data);
        }
        _cleanup_free_ char *lines = open_job(job, pl.key_env);
        CHECK(lines && strncmp(lines, "{\"signature\":", 13) == 0 && strstr(lines, "\"case_count\":20}\n") &&
                      count_lines(lines) == 1 + p->n_cases,
              "job.enc: sealed; opened with the environment's key: a header and one line per case");
        CHECK(lines && strstr(lines, "[2,7,11,15]") && !strstr(lines, "expected"),
              "job.enc: the arguments, never an expected output");
        CHECK(job && !memmem(job->data, job->len, "[2,7,11,15]", 11), "job.enc: no argument in the clear");
        for (int i = 0; i < n; i++)
                free(es[i].data);
        judge_plan_clear(&pl);
        CHECK(pl.tar == NULL && pl.result == NULL, "judge_plan_clear: nothing left");

        /* the samples only; a language with glue files */
        o.sample_only = true;
        static const char cpp_code[] = "class Solution { public: std::vector<int> twoSum(); };\n";
        k = judge_prepare(p, cpp, cpp_code, strlen(cpp_code), &o, &pl, &err);
        CHECK(k == 0 && pl.n_cases == p->n_sample && pl.result->n_cases == p->n_sample,
              "prepare: sample_only sends the %zu samples (%s)", p->n_sample, err.msg);
        memset(es, 0, sizeof es);
        n = k == 0 ? untar(pl.tar, pl.tar_len, es, 16) : -1;
        conf = find(es, n, "p/runner.conf");
        int glue = 0;
        for (int i = 0; i < n; i++)
                if (strncmp(es[i].path, "p/src/", 6) == 0 && strlen(es[i].path) > 6 &&
                    strcmp(es[i].path + 6, cpp->source) != 0)
                        glue++;
        CHECK(conf && strstr(conf->data, "\ncases=3\n") && strstr(conf->data, "\ncompile_arg=") && glue > 0,
              "prepare: cpp: cases=3, a compile line, %d glue file(s) beside %s", glue, cpp->source);
        lines = (free(lines), open_job(find(es, n, "p/job.enc"), pl.key_env));
        CHECK(lines && count_lines(lines) == 4 && strstr(lines, "\"case_count\":3}"), "job.enc: 3 cases");
        for (int i = 0; i < n; i++)
                free(es[i].data);
        judge_plan_clear(&pl);

        /* the submission's faults: permanent; the judge's: kind left to judge_submission */
        o = (struct judge_options){ .image = "x", .max_code_bytes = 10 };
        err = (struct judge_error){ 0 };
        k = judge_prepare(p, py, code, strlen(code), &o, &pl, &err);
        CHECK(k == -EFBIG && err.kind == JUDGE_ERR_PERMANENT && strstr(err.msg, "over the limit of 10") && !pl.tar,
              "prepare: code over max_code_bytes is the submission's fault (%s)", err.msg);
        judge_plan_clear(&pl);
        o.max_code_bytes = 0;
        err = (struct judge_error){ 0 };
        k = judge_prepare(p, py, "a\0b", 3, &o, &pl, &err);
        CHECK(k == -EINVAL && err.kind == JUDGE_ERR_PERMANENT && strstr(err.msg, "NUL byte"),
              "prepare: a NUL byte is the submission's fault (%s)", err.msg);
        judge_plan_clear(&pl);
        char *bad_env[] = { "A=1\nmemory_mb=99999", NULL };
        char **env = py->env;
        py->env = bad_env;
        err = (struct judge_error){ 0 };
        k = judge_prepare(p, py, code, strlen(code), &o, &pl, &err);
        CHECK(k == -EINVAL && err.kind == JUDGE_ERR_UNSET && strstr(err.msg, "does not fit runner.conf"),
              "prepare: a setting with a newline does not reach runner.conf (%s)", err.msg);
        py->env = env;
        judge_plan_clear(&pl);
}

/* ---- collect ---- */

#define CASE(st, ans) "{\"status\":\"" st "\",\"time_ms\":2.5,\"memory_kb\":700,\"answer\":" ans ",\"stdout\":\"\"}"
#define DOC(cases) "noise\nJUDGE-RESULT-V1\n{\"status\":\"ok\",\"compile_time_ms\":3,\"cases\":[" cases "]}\n"

/* Collect text (the container's stdout) as run would have fed it, with the container's fate. */
static int collect(const struct problem *p, const char *text, const struct judge_run_facts *f,
                   struct judge_plan *pl, struct judge_error *err) {
        struct judge_options o = { .image = "x", .sample_only = true };
        static const char code[] = "pass\n";
        struct lang *l = NULL;
        int k = lang_load("python", &l, err);
        if (k >= 0)
                k = judge_prepare(p, l, code, strlen(code), &o, pl, err);
        lang_free(l);
        _cleanup_(resultdoc_freep) struct resultdoc *d = NULL;
        if (k >= 0)
                k = judge_collector_new(pl, &d, err);
        if (k < 0)
                return k;
        (void) resultdoc_feed(d, text, strlen(text));
        return judge_collect(d, f, pl->n_cases, pl->result, err);
}

static void test_collect(const struct problem *p) {
        struct judge_run_facts f = { .exit_code = 0 };
        struct judge_plan pl = { 0 };
        struct judge_error err = { 0 };
        int k = collect(p, DOC(CASE("ok", "[1,0]") "," CASE("ok", "[0,2]") "," CASE("runtime_error", "null")), &f,
                        &pl, &err);
        struct judge_result *r = pl.result;
        CHECK(k == 0 && r->cases[0].run && r->cases[0].verdict == VERDICT_AC && r->cases[1].verdict == VERDICT_WA &&
                      r->cases[2].verdict == VERDICT_RE && r->cases[0].time_ms == 2.5 &&
                      r->cases[0].memory_kb == 700 && r->compile_ms == 3,
              "collect: AC (any order), WA, RE, figures (%s)", err.msg);
        CHECK(k == 0 && r->cases[0].answer && strcmp(r->cases[0].answer, "[1,0]") == 0 && !r->cases[2].answer,
              "collect: the answers kept");
        judge_plan_clear(&pl);

        /* past the host's deadline: the first case not run is TLE, whatever the document */
        f = (struct judge_run_facts){ .timed_out = true, .exit_code = 137 };
        k = collect(p, DOC(CASE("ok", "[1,0]") "," CASE("ok", "[1,2]") "," CASE("not_run", "null")), &f, &pl, &err);
        r = pl.result;
        CHECK(k == 0 && r->cases[1].verdict == VERDICT_AC && r->cases[2].run && r->cases[2].verdict == VERDICT_TLE &&
                      r->cases[2].error && strstr(r->cases[2].error, "wall-clock deadline"),
              "collect: deadline: the first case not run is TLE");
        judge_plan_clear(&pl);
        k = collect(p, "JUDGE-RESULT-V1\n{\"status\":\"ok\",\"cases\":[", &f, &pl, &err);
        r = pl.result;
        CHECK(k == 0 && r->cases[0].run && r->cases[0].verdict == VERDICT_TLE && !r->cases[1].run,
              "collect: deadline, document cut short: case 1 is TLE");
        judge_plan_clear(&pl);

        /* the OOM killer took the runner: MLE on the first case */
        f = (struct judge_run_facts){ .exit_code = 137 };
        k = collect(p, "JUDGE-RESULT-V1\n{\"status\":", &f, &pl, &err);
        r = pl.result;
        CHECK(k == 0 && r->cases[0].run && r->cases[0].verdict == VERDICT_MLE && !r->cases[1].run &&
                      strcmp(r->cases[0].error, "the container ran out of memory") == 0,
              "collect: exit code 137 and a broken document: MLE");
        judge_plan_clear(&pl);
        f = (struct judge_run_facts){ .exit_code = 0, .oom_killed = true };
        k = collect(p, "", &f, &pl, &err);
        CHECK(k == 0 && pl.result->cases[0].verdict == VERDICT_MLE, "collect: OOMKilled and no document: MLE");
        judge_plan_clear(&pl);

        /* any other broken document: the judge's failure, naming the exit code and stderr */
        f = (struct judge_run_facts){ .exit_code = 3 };
        buf_init(&f.errout, 1 << 20);
        buf_puts(&f.errout, "runner: cannot exec");
        err = (struct judge_error){ 0 };
        k = collect(p, "no document here\n", &f, &pl, &err);
        CHECK(k == -EPROTO && strcmp(err.msg, "container exit code 3, stderr: runner: cannot exec: the runner "
                                              "printed no result document") == 0 &&
                      !pl.result->cases[0].run,
              "collect: no document: -EPROTO, %s", err.msg);
        judge_plan_clear(&pl);
        judge_run_facts_clear(&f);
        err = (struct judge_error){ 0 };
        k = collect(p, DOC(CASE("ok", "[1,0]")), &f, &pl, &err);
        CHECK(k == -EPROTO && strstr(err.msg, "container exit code -1: the runner reported 1 cases, 3 were sent"),
              "collect: too few cases: -EPROTO (%s)", err.msg);
        judge_plan_clear(&pl);
}

/* ---- decide ---- */

static struct judge_result *hand_built(size_t n, const enum verdict *v) {
        struct judge_result *r = calloc(1, sizeof *r);
        r->n_cases = n;
        r->cases = calloc(n, sizeof *r->cases);
        for (size_t i = 0; i < n; i++) {
                r->cases[i].run = v[i] != _VERDICT_MAX;
                r->cases[i].verdict = v[i] == _VERDICT_MAX ? VERDICT_AC : v[i];
                r->cases[i].time_ms = (double) (i + 1);
                r->cases[i].memory_kb = (long) (100 * (i + 1));
                r->cases[i].stdout_text = strdup("out");
        }
        return r;
}

static void test_decide(struct problem *p) {
        enum verdict all_ac[20], v[20];
        for (int i = 0; i < 20; i++)
                all_ac[i] = VERDICT_AC;
        struct judge_error err = { 0 };
        struct judge_result *r = hand_built(20, all_ac);
        int k = judge_decide(p, true, r, &err);
        CHECK(k == 0 && r->verdict == VERDICT_AC && strcmp(r->message, "Accepted") == 0 && r->passed == 20 &&
                      r->first_failed == -1 && r->max_time_ms == 20 && r->max_memory_kb == 2000,
              "decide: every case passed: AC, figures over all");
        judge_result_free(r);

        memcpy(v, all_ac, sizeof v);
        v[5] = VERDICT_WA;
        v[7] = VERDICT_TLE;
        r = hand_built(20, v);
        k = judge_decide(p, false, r, &err);
        CHECK(k == 0 && r->verdict == VERDICT_WA && strcmp(r->message, "Wrong Answer on hidden case 3") == 0 &&
                      r->first_failed == 5 && r->passed == 5 && r->max_time_ms == 6 && !r->stopped &&
                      r->cases[7].run && !r->cases[7].withheld,
              "decide: the first failure's verdict, a hidden case by its number: %s", r->message);
        judge_result_free(r);
        r = hand_built(20, v);
        k = judge_decide(p, true, r, &err);
        CHECK(k == 0 && r->stopped && r->cases[7].withheld && !r->cases[7].run && !r->cases[7].stdout_text &&
                      r->cases[5].run && r->cases[5].stdout_text,
              "decide: stop_at_failure withholds the cases after it");
        judge_result_free(r);

        memcpy(v, all_ac, sizeof v);
        v[1] = VERDICT_MLE;
        r = hand_built(20, v);
        free(p->cases[1].name);
        p->cases[1].name = strdup("small");
        k = judge_decide(p, false, r, &err);
        CHECK(k == 0 && strcmp(r->message, "Memory Limit Exceeded on sample case 2 (small)") == 0,
              "decide: a sample case by number and name: %s", r->message);
        judge_result_free(r);

        for (int i = 0; i < 20; i++)
                v[i] = _VERDICT_MAX; /* not run */
        r = hand_built(20, v);
        r->verdict = VERDICT_CE;
        k = judge_decide(p, true, r, &err);
        CHECK(k == 0 && r->verdict == VERDICT_CE && strcmp(r->message, "Compile Error") == 0 && r->passed == 0 &&
                      r->first_failed == -1,
              "decide: CE as the runner said");
        judge_result_free(r);

        /* no failure, yet a case not run: the judge's failure, never an IE verdict */
        memcpy(v, all_ac, sizeof v);
        v[19] = _VERDICT_MAX;
        r = hand_built(20, v);
        err = (struct judge_error){ 0 };
        k = judge_decide(p, false, r, &err);
        CHECK(k == -EIO && err.kind == JUDGE_ERR_TRANSIENT && strcmp(err.msg, "not every case was run") == 0 &&
                      r->verdict != VERDICT_IE,
              "decide: a case skipped without a failure is a transient judge error (%s)", err.msg);
        judge_result_free(r);
}

int main(void) {
        struct judge_error err = { 0 };
        struct problem *p = NULL;
        struct lang *py = NULL, *cpp = NULL;
        if (problem_load(SOURCE_ROOT "/problems/two-sum", &p, NULL, &err) < 0 || lang_load("python", &py, &err) < 0 ||
            lang_load("cpp", &cpp, &err) < 0) {
                CHECK(false, "two-sum, python and cpp load: %s", err.msg);
                return tap_done();
        }
        test_prepare(p, py, cpp);
        test_collect(p);
        test_decide(p);
        problem_free(p);
        lang_free(py);
        lang_free(cpp);
        return tap_done();
}
