#include "judge/judge.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <yajl/yajl_tree.h>

#include "lang/codegen.h"
#include "engine/images.h"
#include "engine/jobseal.h"
#include "engine/payload.h"
#include "judge/resultdoc.h"
#include "engine/sandbox.h"

/* Bytes the harness may send on the answer channel in all (runner.conf answer_limit). The
 * runner's document holds every answer and each case's capped output (resultdoc_cap): the
 * container's log must hold it whole. The host reads it as a stream and keeps none of it. */
#define ANSWER_LIMIT ((long) 32 << 20)
#define COMPILE_OUTPUT_CAP (64 << 10)

static const struct {
        const char *code, *name, *folder;
} verdicts[_VERDICT_MAX] = {
        [VERDICT_AC] = { "AC", "Accepted", "accepted" },
        [VERDICT_WA] = { "WA", "Wrong Answer", "wrong_answer" },
        [VERDICT_TLE] = { "TLE", "Time Limit Exceeded", "time_limit_exceeded" },
        [VERDICT_MLE] = { "MLE", "Memory Limit Exceeded", "memory_limit_exceeded" },
        [VERDICT_RE] = { "RE", "Runtime Error", "runtime_error" },
        [VERDICT_CE] = { "CE", "Compile Error", "compile_error" },
        [VERDICT_OLE] = { "OLE", "Output Limit Exceeded", "output_limit_exceeded" },
        [VERDICT_IE] = { "IE", "Internal Error", "internal_error" },
};

const char *verdict_code(enum verdict v) {
        return v < _VERDICT_MAX ? verdicts[v].code : "IE";
}

const char *verdict_name(enum verdict v) {
        return v < _VERDICT_MAX ? verdicts[v].name : "Internal Error";
}

int verdict_parse(const char *s, enum verdict *ret) {
        for (int v = 0; v < _VERDICT_MAX; v++)
                if (strcasecmp(s, verdicts[v].code) == 0 || strcmp(s, verdicts[v].folder) == 0) {
                        *ret = (enum verdict) v;
                        return 0;
                }
        return -EINVAL;
}

struct judge_result *judge_result_free(struct judge_result *r) {
        if (!r)
                return NULL;
        for (size_t i = 0; i < r->n_cases; i++) {
                struct case_result *c = &r->cases[i];
                free(c->answer);
                free(c->stdout_text);
                free(c->stderr_text);
                free(c->error);
        }
        free(r->cases);
        free(r->message);
        free(r->compile_output);
        free(r->image);
        free(r);
        return NULL;
}

static double now_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

/* JUDGE_TRACE=1: how long each engine step takes, on stderr (for tuning, never parsed). */
static void trace_step(const char *step, double *t) {
        static int on = -1;
        if (on < 0)
                on = getenv("JUDGE_TRACE") != NULL;
        double n = now_ms();
        if (on)
                fprintf(stderr, "trace: %-14s %7.1f ms\n", step, n - *t);
        *t = n;
}

/* ---- the runner's result document ---- */

int judge_parse_runner_output(const char *logs, size_t len, const struct problem *p, size_t n_cases,
                              struct judge_result *r, struct judge_error *err) {
        struct resultdoc_limits lim = { .doc_cap = len + 1 };
        _cleanup_(resultdoc_freep) struct resultdoc *d = NULL;
        int k = resultdoc_new(p, n_cases, &lim, r, &d);
        if (k < 0)
                return judge_err(err, k, "out of memory");
        (void) resultdoc_feed(d, logs ? logs : "", len); /* what went wrong, finish says */
        return resultdoc_finish(d, err);
}

/* ---- building the payload ---- */

static int conf_line(struct buf *b, const char *key, const char *value) {
        if (strchr(value, '\n'))
                return -EINVAL;
        return buf_printf(b, "%s=%s\n", key, value);
}

static int runner_conf(const struct problem *p, const struct lang *l, size_t n_cases, long case_time_ms,
                       long case_wall_ms, const struct judge_options *o, struct buf *b) {
        int r = conf_line(b, "workdir", "/tmp/w");
        for (char **a = l->compile; r >= 0 && a && *a; a++)
                r = conf_line(b, "compile_arg", *a);
        if (r >= 0)
                r = buf_printf(b, "compile_time_ms=%ld\ncompile_memory_mb=%ld\n", l->compile_time_ms,
                               l->compile_memory_mb);
        for (char **a = l->run; r >= 0 && *a; a++)
                r = conf_line(b, "run_arg", *a);
        for (char **a = l->env; r >= 0 && a && *a; a++)
                r = conf_line(b, "env", *a);
        if (r >= 0)
                r = buf_printf(b,
                               "cases=%zu\ncase_time_ms=%ld\ncase_wall_ms=%ld\nmemory_mb=%ld\n"
                               "output_limit=%ld\nstdout_cap=%ld\nanswer_limit=%ld\nstack_mb=%ld\n"
                               "nproc=%d\nnofile=%d\nfsize_mb=%d\n",
                               n_cases, case_time_ms, case_wall_ms, p->memory_mb, o->output_limit, o->stdout_cap,
                               ANSWER_LIMIT, p->memory_mb, 256, 256, 64);
        if (r >= 0)
                r = buf_printf(b, "startup_allowance_ms=%ld\n", l->startup_allowance_ms);
        return r;
}

/* The job lines (docs/internals.md, "The job"): a header line with the signature (canonical types,
 * problem_signature_json) and the number
 * of cases, then one line per case with its arguments (never its expected output), each a
 * compact JSON object (no raw newline: strings are re-escaped). The first JOBSEAL_HEADER_BYTES
 * of b are a placeholder that jobseal_seal() turns into job.enc's header. */
static int job_lines(const struct problem *p, size_t n_cases, struct buf *b) {
        static const char placeholder[JOBSEAL_HEADER_BYTES];
        int r = buf_append(b, placeholder, sizeof placeholder);
        if (r >= 0)
                r = buf_puts(b, "{\"signature\":");
        if (r >= 0)
                r = problem_signature_json(p, b);
        if (r >= 0)
                r = buf_printf(b, ",\"case_count\":%zu}\n", n_cases);
        for (size_t i = 0; r >= 0 && i < n_cases; i++) {
                r = problem_case_args_json(p, &p->cases[i], b);
                if (r >= 0)
                        r = buf_puts(b, "\n");
        }
        return r;
}

static void random_hex(char *out, size_t n) {
        unsigned char raw[16] = { 0 };
        int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
                if (read(fd, raw, sizeof raw) < 0)
                        raw[0] = (unsigned char) getpid();
                close(fd);
        }
        for (size_t i = 0; i < sizeof raw && 2 * i + 2 < n; i++)
                snprintf(out + 2 * i, 3, "%02x", raw[i]);
}

/* The verdict is the first failing case's (cases run in order, samples first). The figures
 * (passed, time, memory) count the cases up to that one: the runner keeps running later cases
 * (Wrong Answer is decided here, on the host), but a submission stops at its first failure.
 * With r->stopped those later cases are withheld: their results are dropped. */
static void finish_verdict(const struct problem *p, struct judge_result *r) {
        r->first_failed = -1;
        r->passed = 0;
        for (size_t i = 0; i < r->n_cases; i++) {
                struct case_result *c = &r->cases[i];
                if (!c->run)
                        continue;
                if (r->first_failed >= 0) {
                        if (r->stopped) {
                                free(c->answer);
                                free(c->stdout_text);
                                free(c->stderr_text);
                                free(c->error);
                                *c = (struct case_result){ .withheld = true };
                        }
                        continue;
                }
                if (c->time_ms > r->max_time_ms)
                        r->max_time_ms = c->time_ms;
                if (c->memory_kb > r->max_memory_kb)
                        r->max_memory_kb = c->memory_kb;
                if (c->verdict == VERDICT_AC)
                        r->passed++;
                else
                        r->first_failed = (long) i;
        }
        if (r->verdict == VERDICT_CE) {
                r->message = strdup("Compile Error");
                return;
        }
        if (r->first_failed < 0) {
                /* Every case ran and passed, or (defensively) none did. */
                bool all = r->passed == r->n_cases;
                r->verdict = all ? VERDICT_AC : VERDICT_IE;
                r->message = strdup(all ? "Accepted" : "not every case was run");
                return;
        }
        const struct test_case *tc = &p->cases[r->first_failed];
        r->verdict = r->cases[r->first_failed].verdict;
        char msg[512];
        /* a hidden case by its number only: its name may describe the input */
        snprintf(msg, sizeof msg, "%s on %s case %zu%s%s%s", verdict_name(r->verdict), tc->hidden ? "hidden" : "sample",
                 tc->hidden ? (size_t) r->first_failed - p->n_sample + 1 : (size_t) r->first_failed + 1,
                 tc->name && !tc->hidden ? " (" : "", tc->name && !tc->hidden ? tc->name : "",
                 tc->name && !tc->hidden ? ")" : "");
        r->message = strdup(msg);
}

/* Everything one judgement owns on the engine, removed on every path. */
struct sandbox_guard {
        struct engine *e;
        char *container;
        char *volume;
};

static void sandbox_guard_release(struct sandbox_guard *g) {
        if (g->container)
                (void) engine_container_remove(g->e, g->container, NULL);
        if (g->volume)
                (void) engine_volume_remove(g->e, g->volume, NULL);
        free(g->container);
        free(g->volume);
}

/* The engine's stdout stream goes to the result document reader; stopped: the reader refused
 * more (broken or oversize document), which resultdoc_finish then explains. */
struct doc_sink {
        struct resultdoc *d;
        bool stopped;
};

static int doc_sink_feed(void *u, const char *p, size_t n) {
        struct doc_sink *s = u;
        int k = resultdoc_feed(s->d, p, n);
        if (k < 0)
                s->stopped = true;
        return k;
}

static int judge_submission_once(struct engine *e, const struct problem *p, const struct lang *l, const char *code,
                                 size_t code_len, const struct judge_options *opts, struct judge_result **ret,
                                 struct judge_error *err) {
        struct judge_options o = opts ? *opts : (struct judge_options){ 0 };
        if (!o.output_limit)
                o.output_limit = 4L << 20;
        if (!o.stdout_cap)
                o.stdout_cap = 64L << 10;
        if (!o.max_code_bytes)
                o.max_code_bytes = 256L << 10;
        if (o.cpus <= 0)
                o.cpus = 1.0;
        if (!o.pids_limit)
                o.pids_limit = 64;
        double t0 = now_ms();

        /* The submission's own faults: final. Every other failure below is the judge's. */
        if ((long) code_len > o.max_code_bytes)
                return judge_err_kind(err, JUDGE_ERR_PERMANENT, -EFBIG,
                                      "the submission is %zu bytes, over the limit of %ld", code_len, o.max_code_bytes);
        if (memchr(code, 0, code_len))
                return judge_err_kind(err, JUDGE_ERR_PERMANENT, -EINVAL,
                                      "the submission contains a NUL byte: not a source file");

        _cleanup_(judge_result_freep) struct judge_result *r = calloc(1, sizeof *r);
        if (!r)
                return -ENOMEM;
        size_t n_cases = o.sample_only ? p->n_sample : p->n_cases;
        r->n_cases = n_cases;
        r->cases = calloc(n_cases ? n_cases : 1, sizeof *r->cases);
        if (!r->cases)
                return -ENOMEM;

        int k;
        if (o.image)
                r->image = strdup(o.image);
        else if ((k = images_ref(l, &r->image, err)) < 0)
                return k;
        if ((k = engine_image_exists(e, r->image, err)) < 0)
                return k; /* the engine's messages name it */
        if (k == 0)
                return judge_err_kind(err, JUDGE_ERR_ENGINE, -ENOENT,
                                      "engine at %s: the %s image %s is missing: run 'judge images build %s "
                                      "--engine unix://%s'",
                                      engine_socket_path(e), l->name, r->image, l->name, engine_socket_path(e));

        /* Limits. The CPU limit is per case and per language; the wall limit catches sleeping. */
        long case_time_ms = lround((double) p->time_ms * l->time_multiplier);
        /* The wall limit only catches sleeping and blocking, but the runner counts time spent
         * waiting for a CPU as wall time: on a loaded host (2 cores, load 7-17) cases were killed
         * at 2x + 1 s of wall with 360-880 ms of CPU used, a TLE that depends on the load. */
        long case_wall_ms = 3 * case_time_ms + 2000;
        long deadline_ms = 2 * l->compile_time_ms + (long) n_cases * case_wall_ms + 15000;
        if (deadline_ms > 30L * 60 * 1000)
                deadline_ms = 30L * 60 * 1000;
        if (o.deadline_ms > 0)
                deadline_ms = o.deadline_ms;

        /* The result document's cap, from the answer and output caps: past it, the document is
         * broken (resultdoc.h). The json-file log driver stores it escaped again (up to 6x). */
        size_t doc_cap = resultdoc_cap(n_cases, ANSWER_LIMIT, o.output_limit, o.stdout_cap);

        /* The payload: conf, job (arguments only, never expected outputs), sources. */
        _cleanup_buf_ struct buf conf, job;
        buf_init(&conf, 1 << 20);
        buf_init(&job, (size_t) 256 << 20);
        if (runner_conf(p, l, n_cases, case_time_ms, case_wall_ms, &o, &conf) < 0)
                return judge_err(err, -EINVAL, "%s: a language setting does not fit runner.conf", l->name);
        if (job_lines(p, n_cases, &job) < 0)
                return judge_err(err, -EFBIG, "the test cases of %s are too large", p->slug);
        /* Sealed: only the runner gets the key (in the container's environment). */
        char key_env[JOBSEAL_ENV_SIZE];
        if ((k = jobseal_seal(job.data, job.len, key_env, err)) < 0)
                return k;
        const char *env[] = { key_env, NULL };

        struct codegen_file *glue = NULL;
        size_t n_glue = 0;
        if ((k = codegen_glue(p, l->name, &glue, &n_glue, err)) < 0)
                return k;
        struct payload_file files[16];
        size_t nf = 0;
        char src_path[300];
        snprintf(src_path, sizeof src_path, "p/src/%s", l->source);
        files[nf++] = (struct payload_file){ .path = "p/runner.conf", .data = conf.data, .len = conf.len };
        files[nf++] = (struct payload_file){ .path = "p/job.enc", .data = job.data, .len = job.len };
        files[nf++] = (struct payload_file){ .path = src_path, .data = code, .len = code_len };
        char glue_paths[8][300];
        for (size_t i = 0; i < n_glue && i < 8; i++) {
                snprintf(glue_paths[i], sizeof glue_paths[i], "p/src/%s", glue[i].path);
                files[nf++] = (struct payload_file){ .path = glue_paths[i], .data = glue[i].text,
                                                     .len = strlen(glue[i].text) };
        }
        void *tar = NULL;
        size_t tar_len = 0;
        k = payload_build(files, nf, &tar, &tar_len, err);
        codegen_files_free(glue, n_glue);
        _cleanup_free_ void *tar_owned = tar;
        if (k < 0)
                return k;

        /* The sandbox. */
        char rnd[33] = { 0 }, id_label[128], volume[64], slug_label[128], lang_label[64];
        random_hex(rnd, sizeof rnd);
        snprintf(id_label, sizeof id_label, "judge.submission=%s", o.submission_id ? o.submission_id : rnd);
        snprintf(slug_label, sizeof slug_label, "judge.problem=%s", p->slug);
        snprintf(lang_label, sizeof lang_label, "judge.lang=%s", l->name);
        snprintf(volume, sizeof volume, "judge-sub-%.24s", rnd);
        const char *labels[] = { "judge.owner=judge", id_label, slug_label, lang_label, NULL };
        const char *cmd[] = { "/opt/judge/runner", "/sub/p/runner.conf", NULL };
        char seccomp_path[4200];
        snprintf(seccomp_path, sizeof seccomp_path, "%s/seccomp-profiles/judge.json", lang_data_dir());
        _cleanup_free_ char *seccomp_json = NULL;
        if ((k = read_file_capped(seccomp_path, 1 << 20, &seccomp_json, NULL, err)) < 0)
                return judge_err_prefix(err, "the seccomp profile");
        /* Its own uid, held until the container is gone (declared before the guard, so released
         * after it on every path). */
        struct uid_range range = o.uid_range;
        if (!range.last && (k = uid_range_default(&range, err)) < 0)
                return k;
        _cleanup_(uid_lease_release) struct uid_lease lease = UID_LEASE_NULL;
        if ((k = uid_lease_acquire(&range, &lease, err)) < 0)
                return k;
        static bool noted;
        if (lease.note && !noted) {
                noted = true;
                fprintf(stderr, "judge: note: %s\n", lease.note);
        }
        char user[32];
        snprintf(user, sizeof user, "%u:%u", lease.uid, lease.uid);
        long mem_mb = p->memory_mb + l->memory_extra_mb;
        if (l->compile && l->compile_memory_mb > mem_mb)
                mem_mb = l->compile_memory_mb;
        struct sandbox_spec spec = {
                .image = r->image,
                .cmd = cmd,
                .workdir = "/tmp",
                .user = user,
                .memory_mb = mem_mb,
                .nano_cpus = lround(o.cpus * 1e9),
                .pids_limit = o.pids_limit,
                .tmpfs_mb = 256,
                .nofile = 256,
                .nproc = 256,
                .fsize_mb = 64,
                .log_max_kb = (long) ((6 * doc_cap + ((size_t) 1 << 20)) >> 10),
                .seccomp_json = seccomp_json,
                .seccomp_as_file = engine_is_podman(e),
                .labels = labels,
                .volume = volume,
                .env = env,
        };
        _cleanup_free_ char *body = NULL;
        if ((k = sandbox_create_body(&spec, &body, err)) < 0)
                return k;

        double tt = now_ms();
        trace_step("prepare", &tt);
        _cleanup_(sandbox_guard_release) struct sandbox_guard g = { .e = e };
        if ((k = engine_volume_create(e, volume, labels, err)) < 0)
                return k;
        g.volume = strdup(volume);
        trace_step("volume create", &tt);
        if ((k = engine_container_create(e, body, NULL, &g.container, err)) < 0)
                return k;
        trace_step("create", &tt);
        if ((k = engine_container_put_archive(e, g.container, "/sub", tar, tar_len, err)) < 0)
                return k;
        trace_step("put archive", &tt);
        if ((k = engine_container_start(e, g.container, err)) < 0)
                return k;
        trace_step("start", &tt);
        int exit_code = -1;
        k = engine_container_wait(e, g.container, deadline_ms, &exit_code, err);
        trace_step("wait", &tt);
        bool timed_out = k == -ETIMEDOUT;
        if (timed_out) {
                if ((k = engine_container_kill(e, g.container, err)) < 0)
                        return k;
                (void) engine_container_wait(e, g.container, 10000, &exit_code, NULL);
        } else if (k < 0)
                return k;

        struct engine_state st = { 0 };
        if ((k = engine_container_inspect(e, g.container, &st, err)) < 0)
                return k;
        /* The result document, read as it streams in and compared on the fly: expected outputs
         * never left the host, and nothing of the size of the answers is kept. */
        struct resultdoc_limits lim = {
                .doc_cap = doc_cap,
                .text_cap = (size_t) o.stdout_cap,
                .texts_total = (size_t) o.output_limit,
                .keep_answers = o.keep_answers,
        };
        _cleanup_(resultdoc_freep) struct resultdoc *rd = NULL;
        if ((k = resultdoc_new(p, n_cases, &lim, r, &rd)) < 0)
                return judge_err(err, k, "out of memory");
        struct doc_sink sink = { .d = rd };
        _cleanup_buf_ struct buf errout;
        buf_init(&errout, 1 << 20);
        k = engine_container_logs_stream(e, g.container, doc_sink_feed, &sink, 1 << 20, &errout, err);
        if (k < 0 && !sink.stopped)
                return k;
        trace_step("inspect+logs", &tt);

        if (timed_out) {
                /* The host's hard deadline: past it the verdict is TLE, whatever ran. */
                size_t i = 0;
                struct judge_error perr = { 0 };
                if (resultdoc_finish(rd, &perr) >= 0)
                        while (i < n_cases && r->cases[i].run)
                                i++;
                if (i < n_cases) {
                        r->cases[i].run = true;
                        r->cases[i].verdict = VERDICT_TLE;
                        free(r->cases[i].error);
                        r->cases[i].error = strdup("the judgement's wall-clock deadline passed: the container was killed");
                }
        } else {
                k = resultdoc_finish(rd, err);
                if (k < 0 && (st.oom_killed || exit_code == 137)) {
                        /* The cgroup's OOM killer took the runner itself (Podman does not set
                         * OOMKilled: a SIGKILL that the judge did not send is taken as one). */
                        for (size_t i = 0; i < n_cases; i++)
                                r->cases[i].run = false;
                        r->cases[0].run = true;
                        r->cases[0].verdict = VERDICT_MLE;
                        r->cases[0].error = strdup("the container ran out of memory");
                } else if (k < 0) {
                        const char *tail = errout.len > 400 ? errout.data + errout.len - 400 : errout.data;
                        return judge_err_prefix(err, "container exit code %d%s%s", exit_code, tail ? ", stderr: " : "",
                                                tail ? tail : "");
                }
        }

        r->stopped = o.stop_at_failure;
        finish_verdict(p, r);
        sandbox_guard_release(&g);
        g = (struct sandbox_guard){ .e = e };
        trace_step("remove", &tt);
        r->wall_ms = now_ms() - t0;
        *ret = TAKE_PTR(r);
        return 0;
}

int judge_submission(struct engine *e, const struct problem *p, const struct lang *l, const char *code,
                     size_t code_len, const struct judge_options *opts, struct judge_result **ret,
                     struct judge_error *err) {
        struct judge_error e1 = { 0 };
        int r = judge_submission_once(e, p, l, code, code_len, opts, ret, &e1);
        if (r >= 0)
                return r;
        /* Not the submission's fault unless said so where it arose (the checks above): the host,
         * the engine, the runner, the problem set. */
        if (!e1.code)
                judge_err(&e1, r, "%s", strerror(-r));
        judge_err_classify(&e1, r, JUDGE_ERR_TRANSIENT);
        if (err)
                *err = e1;
        return r;
}

int judge_remove_labelled(struct engine *e, const char *label, struct judge_error *err) {
        _cleanup_(engine_strv_freep) char **ids = NULL, **vols = NULL;
        int k = engine_container_list(e, label, &ids, err);
        if (k < 0)
                return k;
        int n = 0;
        for (char **id = ids; id && *id; id++) {
                if ((k = engine_container_remove(e, *id, err)) < 0)
                        return k;
                n++;
        }
        /* Volumes after containers: a volume still mounted cannot go. */
        if ((k = engine_volume_list(e, label, &vols, err)) < 0)
                return k;
        for (char **v = vols; v && *v; v++) {
                if ((k = engine_volume_remove(e, *v, err)) < 0)
                        return k;
                n++;
        }
        return n;
}

/* ---- the result as JSON ---- */

static int json_str_or_null(struct buf *b, const char *s) {
        return s ? buf_json_string(b, s, strlen(s)) : buf_puts(b, "null");
}

static int case_input_json(const struct test_case *tc, struct buf *b) {
        int k = buf_puts(b, ",\"input\":{");
        if (k >= 0 && tc->calls) {
                k = buf_puts(b, "\"calls\":");
                if (k >= 0)
                        k = problem_value_json(tc->calls, b);
                if (k >= 0)
                        k = buf_puts(b, ",");
        }
        if (k >= 0)
                k = buf_puts(b, "\"args\":");
        if (k >= 0)
                k = problem_value_json(tc->args, b);
        return k >= 0 ? buf_puts(b, "}") : k;
}

int judge_result_json(const struct judge_result *r, const struct problem *p, const struct lang *l, bool admin,
                      struct buf *b) {
        int k = buf_printf(b, "{\"verdict\":\"%s\",\"verdict_name\":\"%s\",\"message\":", verdict_code(r->verdict),
                           verdict_name(r->verdict));
        if (k >= 0)
                k = json_str_or_null(b, r->message);
        /* wall_ms covers every case the runner ran, withheld ones too: for admins only */
        if (k >= 0)
                k = buf_printf(b, ",\"problem\":\"%s\",\"language\":\"%s\",\"passed\":%zu,\"total\":%zu,"
                                  "\"time_ms\":%.3f,\"memory_kb\":%ld,",
                               p->slug, l ? l->name : "", r->passed, r->n_cases, r->max_time_ms, r->max_memory_kb);
        if (k >= 0 && admin)
                k = buf_printf(b, "\"wall_ms\":%.1f,", r->wall_ms);
        if (k >= 0)
                k = buf_printf(b, "\"compile_ms\":%.1f,\"startup_ms\":%.1f,\"compile_output\":", r->compile_ms,
                               r->startup_ms);
        if (k >= 0)
                k = json_str_or_null(b, r->verdict == VERDICT_CE ? r->compile_output : NULL);
        if (k >= 0)
                k = buf_printf(b, ",\"first_failed\":%ld,\"cases\":[", r->first_failed);
        bool first = true;
        for (size_t i = 0; k >= 0 && i < r->n_cases; i++) {
                const struct case_result *c = &r->cases[i];
                const struct test_case *tc = &p->cases[i];
                bool failing = (long) i == r->first_failed;
                /* after the first failure: withheld (admins see them unless the result stopped) */
                bool after = r->first_failed >= 0 && (long) i > r->first_failed;
                bool withheld = c->withheld || (after && !admin);
                /* The user's view: sample cases in full; hidden ones only the failing one, or all
                 * of them (figures only) when every case passed. */
                if (!admin && tc->hidden && !failing && (withheld || r->verdict != VERDICT_AC))
                        continue;
                bool details = admin || !tc->hidden; /* input, expected, actual, stdout, stderr */
                k = buf_printf(b, "%s{\"index\":%zu,\"hidden\":%s,\"name\":", first ? "" : ",", i,
                               tc->hidden ? "true" : "false");
                first = false;
                if (k >= 0)
                        k = json_str_or_null(b, !tc->hidden || admin ? tc->name : NULL);
                if (k >= 0 && withheld) {
                        k = buf_puts(b, ",\"status\":\"withheld\"}");
                        continue;
                }
                if (k >= 0)
                        k = buf_printf(b, ",\"status\":\"%s\",\"time_ms\":%.3f,\"memory_kb\":%ld",
                                       c->run ? verdict_code(c->verdict) : "skipped", c->time_ms, c->memory_kb);
                /* a failing hidden case's input, if the problem allows it */
                bool show_input = details || (failing && !p->hidden_failure_none);
                if (k >= 0 && show_input && (failing || (details && !admin && c->run)))
                        k = case_input_json(tc, b);
                if (k >= 0 && details && (failing || (!admin && c->run))) {
                        k = buf_puts(b, ",\"expected\":");
                        if (k >= 0)
                                k = problem_value_json(tc->expected, b);
                        if (k >= 0)
                                k = buf_puts(b, ",\"actual\":");
                        if (k >= 0)
                                k = buf_puts(b, c->answer && !c->answer_truncated ? c->answer : "null");
                        if (k >= 0 && c->answer && c->answer_truncated) {
                                k = buf_puts(b, ",\"actual_preview\":");
                                if (k >= 0)
                                        k = buf_json_string(b, c->answer, strlen(c->answer));
                        }
                        if (k >= 0 && c->answer)
                                k = buf_printf(b, ",\"actual_truncated\":%s,\"actual_bytes\":%zu,\"actual_sha256\":\"%s\"",
                                               c->answer_truncated ? "true" : "false", c->answer_bytes,
                                               c->answer_sha256);
                }
                if (k >= 0 && c->run && details) {
                        k = buf_puts(b, ",\"stdout\":");
                        if (k >= 0)
                                k = json_str_or_null(b, c->stdout_text);
                        if (k >= 0)
                                k = buf_puts(b, ",\"stderr\":");
                        if (k >= 0)
                                k = json_str_or_null(b, c->stderr_text);
                        if (k >= 0)
                                k = buf_printf(b, ",\"truncated\":%s", c->truncated ? "true" : "false");
                }
                /* A runtime error's message is the user's own text and may spell out the input:
                 * for a hidden case, shown only where the input is. */
                if (k >= 0 && c->run && (details || (failing && (show_input || c->verdict != VERDICT_RE)))) {
                        k = buf_puts(b, ",\"error\":");
                        if (k >= 0)
                                k = json_str_or_null(b, c->error);
                }
                if (k >= 0)
                        k = buf_puts(b, "}");
        }
        if (k >= 0)
                k = buf_puts(b, "]}");
        return k;
}
