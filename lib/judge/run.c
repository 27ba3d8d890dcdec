/* The run stage (stages.h): one sandboxed container, its stdout streamed into the collector. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/sandbox.h"
#include "engine/uid.h"
#include "judge/stages.h"

/* JUDGE_TRACE=1: how long each engine step takes, on stderr (for tuning, never parsed). */
static void trace_step(const char *step, double *t) {
        static int on = -1;
        if (on < 0)
                on = getenv("JUDGE_TRACE") != NULL;
        double n = mono_now_ms();
        if (on)
                fprintf(stderr, "trace: %-14s %7.1f ms\n", step, n - *t);
        *t = n;
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
        *g = (struct sandbox_guard){ .e = g->e };
}

/* The engine's stdout stream goes to the collector; stopped: the collector refused more
 * (broken or oversize document), which resultdoc_finish then explains. */
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

/* The labels and names of one container: its volume's name and the label values. */
struct sandbox_names {
        char rnd[33], id_label[128], volume[64], slug_label[128], lang_label[64];
        const char *labels[5];
};

static void sandbox_names(const struct judge_plan *pl, struct sandbox_names *n) {
        *n = (struct sandbox_names){ 0 };
        random_hex(n->rnd, sizeof n->rnd);
        snprintf(n->id_label, sizeof n->id_label, "judge.submission=%s",
                 pl->o.submission_id ? pl->o.submission_id : n->rnd);
        snprintf(n->slug_label, sizeof n->slug_label, "judge.problem=%s", pl->p->slug);
        snprintf(n->lang_label, sizeof n->lang_label, "judge.lang=%s", pl->l->name);
        snprintf(n->volume, sizeof n->volume, "judge-sub-%.24s", n->rnd);
        n->labels[0] = "judge.owner=judge";
        n->labels[1] = n->id_label;
        n->labels[2] = n->slug_label;
        n->labels[3] = n->lang_label;
        n->labels[4] = NULL;
}

/* The body of POST /containers/create for pl, running as the lease's uid. */
static int sandbox_body(struct engine *e, const struct judge_plan *pl, const struct sandbox_names *n,
                        const char *seccomp_json, const struct uid_lease *lease, char **ret_body,
                        struct judge_error *err) {
        const struct lang *l = pl->l;
        const char *cmd[] = { "/opt/judge/runner", "/sub/p/runner.conf", NULL };
        const char *env[] = { pl->key_env, NULL };
        char user[32];
        snprintf(user, sizeof user, "%u:%u", lease->uid, lease->uid);
        long mem_mb = pl->p->memory_mb + l->memory_extra_mb;
        if (l->compile && l->compile_memory_mb > mem_mb)
                mem_mb = l->compile_memory_mb;
        struct sandbox_spec spec = {
                .image = pl->result->image,
                .cmd = cmd,
                .workdir = "/tmp",
                .user = user,
                .memory_mb = mem_mb,
                .nano_cpus = lround(pl->o.cpus * 1e9),
                .pids_limit = pl->o.pids_limit,
                .tmpfs_mb = 256,
                .nofile = 256,
                .nproc = 256,
                .fsize_mb = 64,
                /* The json-file log driver stores the document escaped again (up to 6x). */
                .log_max_kb = (long) ((6 * pl->doc_cap + ((size_t) 1 << 20)) >> 10),
                .seccomp_json = seccomp_json,
                .seccomp_as_file = engine_is_podman(e),
                .labels = n->labels,
                .volume = n->volume,
                .env = env,
        };
        return sandbox_create_body(&spec, ret_body, err);
}

/* Start the container and wait for it, up to the deadline (then kill it). */
static int container_lifetime(struct engine *e, const struct judge_plan *pl, struct sandbox_guard *g,
                              struct judge_run_facts *f, double *tt, struct judge_error *err) {
        int k = engine_container_put_archive(e, g->container, "/sub", pl->tar, pl->tar_len, err);
        if (k < 0)
                return k;
        trace_step("put archive", tt);
        if ((k = engine_container_start(e, g->container, err)) < 0)
                return k;
        trace_step("start", tt);
        k = engine_container_wait(e, g->container, pl->deadline_ms, &f->exit_code, err);
        trace_step("wait", tt);
        f->timed_out = k == -ETIMEDOUT;
        if (f->timed_out) {
                if ((k = engine_container_kill(e, g->container, err)) < 0)
                        return k;
                (void) engine_container_wait(e, g->container, 10000, &f->exit_code, NULL);
        } else if (k < 0)
                return k;
        return 0;
}

int judge_run(struct engine *e, const struct judge_plan *pl, struct resultdoc *collector,
              struct judge_run_facts *ret, struct judge_error *err) {
        struct judge_run_facts *f = ret;
        *f = (struct judge_run_facts){ .exit_code = -1 };
        buf_init(&f->errout, 1 << 20);
        const struct lang *l = pl->l;
        const char *image = pl->result->image;
        int k = engine_image_exists(e, image, err);
        if (k < 0)
                return k; /* the engine's messages name it */
        if (k == 0)
                return judge_err_kind(err, JUDGE_ERR_ENGINE, -ENOENT,
                                      "engine at %s: the %s image %s is missing: run 'judge images build %s "
                                      "--engine unix://%s'",
                                      engine_socket_path(e), l->name, image, l->name, engine_socket_path(e));

        struct sandbox_names n;
        sandbox_names(pl, &n);
        char seccomp_path[4200];
        snprintf(seccomp_path, sizeof seccomp_path, "%s/seccomp-profiles/judge.json", lang_data_dir());
        _cleanup_free_ char *seccomp_json = NULL;
        if ((k = read_file_capped(seccomp_path, 1 << 20, &seccomp_json, NULL, err)) < 0)
                return judge_err_prefix(err, "the seccomp profile");
        /* Its own uid, held until the container is gone (declared before the guard, so released
         * after it on every path). */
        struct uid_range range = pl->o.uid_range;
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
        _cleanup_free_ char *body = NULL;
        if ((k = sandbox_body(e, pl, &n, seccomp_json, &lease, &body, err)) < 0)
                return k;

        double tt = mono_now_ms();
        trace_step("prepare", &tt);
        _cleanup_(sandbox_guard_release) struct sandbox_guard g = { .e = e };
        if ((k = engine_volume_create(e, n.volume, n.labels, err)) < 0)
                return k;
        g.volume = strdup(n.volume);
        trace_step("volume create", &tt);
        if ((k = engine_container_create(e, body, NULL, &g.container, err)) < 0)
                return k;
        trace_step("create", &tt);
        if ((k = container_lifetime(e, pl, &g, f, &tt, err)) < 0)
                return k;

        struct engine_state st = { 0 };
        if ((k = engine_container_inspect(e, g.container, &st, err)) < 0)
                return k;
        f->oom_killed = st.oom_killed;
        /* The result document, read as it streams in and compared on the fly: expected outputs
         * never left the host, and nothing of the size of the answers is kept. */
        struct doc_sink sink = { .d = collector };
        k = engine_container_logs_stream(e, g.container, doc_sink_feed, &sink, 1 << 20, &f->errout, err);
        if (k < 0 && !sink.stopped)
                return k;
        trace_step("inspect+logs", &tt);
        sandbox_guard_release(&g);
        trace_step("remove", &tt);
        return 0;
}

void judge_run_facts_clear(struct judge_run_facts *f) {
        buf_free(&f->errout);
        *f = (struct judge_run_facts){ .exit_code = -1 };
}
