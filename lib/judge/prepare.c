/* The prepare stage (stages.h): the submission checked, the limits, the payload. No engine. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/images.h"
#include "engine/jobseal.h"
#include "engine/payload.h"
#include "judge/stages.h"
#include "lang/codegen.h"

/* key=value; a value with a newline would smuggle in a second key: -EINVAL, nothing appended. */
static int conf_line(struct buf *b, const char *key, const char *value) {
        if (strchr(value, '\n'))
                return -EINVAL;
        return buf_printf(b, "%s=%s\n", key, value);
}

/* runner.conf (docs/internals.md): the language's commands and the limits. -EINVAL when a
 * language setting does not fit a line, else the buffer's error. */
static int runner_conf(const struct judge_plan *pl, struct buf *b) {
        const struct lang *l = pl->l;
        const struct judge_options *o = &pl->o;
        int bad = conf_line(b, "workdir", "/tmp/w");
        for (char **a = l->compile; a && *a; a++)
                if (conf_line(b, "compile_arg", *a) < 0)
                        bad = -EINVAL;
        buf_printf(b, "compile_time_ms=%ld\ncompile_memory_mb=%ld\n", l->compile_time_ms,
                   l->compile_memory_mb);
        for (char **a = l->run; *a; a++)
                if (conf_line(b, "run_arg", *a) < 0)
                        bad = -EINVAL;
        for (char **a = l->env; a && *a; a++)
                if (conf_line(b, "env", *a) < 0)
                        bad = -EINVAL;
        buf_printf(b,
                   "cases=%zu\ncase_time_ms=%ld\ncase_wall_ms=%ld\nmemory_mb=%ld\n"
                   "output_limit=%ld\nstdout_cap=%ld\nanswer_limit=%ld\nstack_mb=%ld\n"
                   "nproc=%d\nnofile=%d\nfsize_mb=%d\n",
                   pl->n_cases, pl->case_time_ms, pl->case_wall_ms, pl->p->memory_mb, o->output_limit,
                   o->stdout_cap, JUDGE_ANSWER_LIMIT, pl->p->memory_mb, 256, 256, 64);
        buf_printf(b, "startup_allowance_ms=%ld\n", l->startup_allowance_ms);
        return bad < 0 ? bad : buf_err(b);
}

/* The job lines (docs/internals.md, "The job"): a header line with the signature (canonical types,
 * problem_signature_json) and the number of cases, then one line per case with its arguments
 * (never its expected output), each a compact JSON object (no raw newline: strings are
 * re-escaped). The first JOBSEAL_HEADER_BYTES of b are a placeholder that jobseal_seal() turns
 * into job.enc's header. */
static int job_lines(const struct problem *p, size_t n_cases, struct buf *b) {
        static const char placeholder[JOBSEAL_HEADER_BYTES];
        buf_append(b, placeholder, sizeof placeholder);
        buf_puts(b, "{\"signature\":");
        int r = problem_signature_json(p, b);
        buf_printf(b, ",\"case_count\":%zu}\n", n_cases);
        for (size_t i = 0; r >= 0 && i < n_cases; i++) {
                r = problem_case_args_json(p, &p->cases[i], b);
                buf_puts(b, "\n");
        }
        return r < 0 ? r : buf_err(b);
}

/* The tar of runner.conf, the sealed job, the source and its glue files. */
static int build_payload(struct judge_plan *pl, const char *code, size_t code_len, const struct buf *conf,
                         const struct buf *job, struct judge_error *err) {
        struct codegen_file *glue = NULL;
        size_t n_glue = 0;
        int k = codegen_glue(pl->p, pl->l->name, &glue, &n_glue, err);
        if (k < 0)
                return k;
        struct payload_file files[16];
        size_t nf = 0;
        char src_path[300];
        snprintf(src_path, sizeof src_path, "p/src/%s", pl->l->source);
        files[nf++] = (struct payload_file){ .path = "p/runner.conf", .data = conf->data, .len = conf->len };
        files[nf++] = (struct payload_file){ .path = "p/job.enc", .data = job->data, .len = job->len };
        files[nf++] = (struct payload_file){ .path = src_path, .data = code, .len = code_len };
        char glue_paths[8][300];
        for (size_t i = 0; i < n_glue && i < 8; i++) {
                snprintf(glue_paths[i], sizeof glue_paths[i], "p/src/%s", glue[i].path);
                files[nf++] = (struct payload_file){ .path = glue_paths[i], .data = glue[i].text,
                                                     .len = strlen(glue[i].text) };
        }
        k = payload_build(files, nf, &pl->tar, &pl->tar_len, err);
        codegen_files_free(glue, n_glue);
        return k;
}

/* The CPU limit is per case and per language; the wall limit catches sleeping. */
static void plan_limits(struct judge_plan *pl) {
        const struct lang *l = pl->l;
        pl->case_time_ms = lround((double) pl->p->time_ms * l->time_multiplier);
        /* The wall limit only catches sleeping and blocking, but the runner counts time spent
         * waiting for a CPU as wall time: on a loaded host (2 cores, load 7-17) cases were killed
         * at 2x + 1 s of wall with 360-880 ms of CPU used, a TLE that depends on the load. */
        pl->case_wall_ms = 3 * pl->case_time_ms + 2000;
        pl->deadline_ms = 2 * l->compile_time_ms + (long) pl->n_cases * pl->case_wall_ms + 15000;
        if (pl->deadline_ms > 30L * 60 * 1000)
                pl->deadline_ms = 30L * 60 * 1000;
        if (pl->o.deadline_ms > 0)
                pl->deadline_ms = pl->o.deadline_ms;
        /* The result document's cap, from the answer and output caps: past it, the document is
         * broken (resultdoc.h). */
        pl->doc_cap = resultdoc_cap(pl->n_cases, JUDGE_ANSWER_LIMIT, pl->o.output_limit, pl->o.stdout_cap);
}

static void options_defaults(struct judge_options *o) {
        if (!o->output_limit)
                o->output_limit = 4L << 20;
        if (!o->stdout_cap)
                o->stdout_cap = 64L << 10;
        if (!o->max_code_bytes)
                o->max_code_bytes = 256L << 10;
        if (o->cpus <= 0)
                o->cpus = 1.0;
        if (!o->pids_limit)
                o->pids_limit = 64;
}

int judge_prepare(const struct problem *p, const struct lang *l, const char *code, size_t code_len,
                  const struct judge_options *opts, struct judge_plan *ret, struct judge_error *err) {
        struct judge_plan *pl = ret;
        *pl = (struct judge_plan){ .p = p, .l = l, .o = opts ? *opts : (struct judge_options){ 0 } };
        options_defaults(&pl->o);

        /* The submission's own faults: final. Every other failure is the judge's. */
        if ((long) code_len > pl->o.max_code_bytes)
                return judge_err_kind(err, JUDGE_ERR_PERMANENT, -EFBIG,
                                      "the submission is %zu bytes, over the limit of %ld", code_len,
                                      pl->o.max_code_bytes);
        if (memchr(code, 0, code_len))
                return judge_err_kind(err, JUDGE_ERR_PERMANENT, -EINVAL,
                                      "the submission contains a NUL byte: not a source file");

        struct judge_result *r = pl->result = calloc(1, sizeof *r);
        if (!r)
                return -ENOMEM;
        pl->n_cases = pl->o.sample_only ? p->n_sample : p->n_cases;
        r->n_cases = pl->n_cases;
        r->cases = calloc(pl->n_cases ? pl->n_cases : 1, sizeof *r->cases);
        if (!r->cases)
                return -ENOMEM;
        int k;
        if (pl->o.image)
                r->image = strdup(pl->o.image);
        else if ((k = images_ref(l, &r->image, err)) < 0)
                return k;
        plan_limits(pl);

        /* The payload: conf, job (arguments only, never expected outputs), sources. */
        _cleanup_buf_ struct buf conf, job;
        buf_init(&conf, 1 << 20);
        buf_init(&job, (size_t) 256 << 20);
        if (runner_conf(pl, &conf) < 0)
                return judge_err(err, -EINVAL, "%s: a language setting does not fit runner.conf", l->name);
        if (job_lines(p, pl->n_cases, &job) < 0)
                return judge_err(err, -EFBIG, "the test cases of %s are too large", p->slug);
        /* Sealed: only the runner gets the key (in the container's environment). */
        if ((k = jobseal_seal(job.data, job.len, pl->key_env, err)) < 0)
                return k;
        return build_payload(pl, code, code_len, &conf, &job, err);
}

void judge_plan_clear(struct judge_plan *pl) {
        free(pl->tar);
        judge_result_free(pl->result);
        *pl = (struct judge_plan){ 0 };
}
