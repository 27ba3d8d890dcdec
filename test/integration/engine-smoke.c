/* Integration test of engine + sandbox + payload against real engines: every URL given as an
 * argument, else in $JUDGE_TEST_ENGINES (space-separated). With none it fails, saying so.
 *
 * Per engine: imports a tiny image made here (a static busybox, judge-test/busybox:1), then
 * runs containers through the whole cycle with the real sandbox body (named labelled volume,
 * payload PUT into /sub, start, wait, logs, inspect, remove) and checks the confinement: the
 * payload reads back, / and /sub/p are not writable, the user is 65534, there is no network
 * interface but lo, a seccomp profile denies what it names, memory over the limit is
 * OOM-killed, a wait past its deadline gives -ETIMEDOUT and kill works, image builds report
 * success and failure, and nothing labelled is left behind. Prints TAP. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../unit/tap.h"
#include "engine/engine.h"
#include "engine/payload.h"
#include "engine/sandbox.h"

#define IMAGE_REPO "judge-test/busybox"
#define IMAGE_TAG "1"
#define IMAGE IMAGE_REPO ":" IMAGE_TAG

static char run_label[64]; /* judge.run=<pid>: this process's containers and volumes only */

static double now_ms(void) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void archive_write_freep(struct archive **a) {
        if (*a)
                archive_write_free(*a);
}

static int add_entry(struct archive *a, const char *name, mode_t type, mode_t perm, const void *data, size_t len,
                     const char *link) {
        struct archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, name);
        archive_entry_set_filetype(e, type);
        archive_entry_set_perm(e, perm);
        archive_entry_set_size(e, type == AE_IFREG ? (la_int64_t) len : 0);
        archive_entry_set_uid(e, 0);
        archive_entry_set_gid(e, 0);
        if (link)
                archive_entry_set_symlink(e, link);
        int r = archive_write_header(a, e);
        archive_entry_free(e);
        if (r != ARCHIVE_OK)
                return -1;
        if (type == AE_IFREG && len && archive_write_data(a, data, len) != (la_ssize_t) len)
                return -1;
        return 0;
}

/* A root filesystem: /bin/busybox (static, from the host) and applet links, empty mount points. */
static int make_rootfs(const char *path, struct judge_error *err) {
        const char *bb = access("/bin/busybox", R_OK) == 0 ? "/bin/busybox" : "/usr/bin/busybox";
        FILE *f = fopen(bb, "rbe");
        if (!f)
                return judge_err(err, -ENOENT, "no %s: install the busybox-static package", bb);
        struct stat st;
        fstat(fileno(f), &st);
        _cleanup_free_ char *data = malloc((size_t) st.st_size);
        size_t n = data ? fread(data, 1, (size_t) st.st_size, f) : 0;
        fclose(f);
        if (n != (size_t) st.st_size)
                return judge_err(err, -EIO, "cannot read %s", bb);

        _cleanup_(archive_write_freep) struct archive *a = archive_write_new();
        archive_write_set_format_pax_restricted(a);
        if (archive_write_open_filename(a, path) != ARCHIVE_OK)
                return judge_err(err, -EIO, "%s: %s", path, archive_error_string(a));
        const char *dirs[] = { "bin", "dev", "etc", "proc", "sys", "tmp", "sub" };
        for (size_t i = 0; i < ELEMENTSOF(dirs); i++)
                if (add_entry(a, dirs[i], AE_IFDIR, strcmp(dirs[i], "tmp") ? 0755 : 01777, NULL, 0, NULL) < 0)
                        return judge_err(err, -EIO, "tar: %s", archive_error_string(a));
        if (add_entry(a, "bin/busybox", AE_IFREG, 0755, data, n, NULL) < 0)
                return judge_err(err, -EIO, "tar: %s", archive_error_string(a));
        const char *applets[] = { "sh", "id", "cat", "echo", "mkdir", "touch", "head", "dd", "ls", "sleep", "true",
                                  "false", "grep", "wc", "tr" };
        for (size_t i = 0; i < ELEMENTSOF(applets); i++) {
                char name[64];
                snprintf(name, sizeof name, "bin/%s", applets[i]);
                if (add_entry(a, name, AE_IFLNK, 0777, NULL, 0, "busybox") < 0)
                        return judge_err(err, -EIO, "tar: %s", archive_error_string(a));
        }
        const char passwd[] = "root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n";
        if (add_entry(a, "etc/passwd", AE_IFREG, 0644, passwd, strlen(passwd), NULL) < 0 ||
            archive_write_close(a) != ARCHIVE_OK)
                return judge_err(err, -EIO, "tar: %s", archive_error_string(a));
        return 0;
}

struct run_result {
        int exit_code;
        bool oom_killed;
        bool timed_out;
        int wait_r;      /* what the first wait returned */
        int kill_r;
        double ms;       /* create to remove */
        struct buf out, err;
};

struct run_opts {
        const char *seccomp;
        long memory_mb;
        long timeout_ms;
};

/* One container's whole life. Returns < 0 only when the judge side fails. */
static int run(struct engine *e, const char *script, const struct run_opts *o, struct run_result *res,
               struct judge_error *err) {
        double t0 = now_ms();
        *res = (struct run_result){ .exit_code = -1 };
        buf_init(&res->out, 1 << 20);
        buf_init(&res->err, 1 << 20);
        const char *cmd[] = { "/bin/sh", "-c", script, NULL };
        const char *labels[] = { "judge.owner=judge-smoke", run_label, NULL };
        _cleanup_free_ char *volume = NULL, *body = NULL;
        int r = sandbox_volume_name(&volume, err);
        if (r < 0)
                return r;
        struct sandbox_spec spec = {
                .image = IMAGE,
                .cmd = cmd,
                .memory_mb = o->memory_mb ? o->memory_mb : 64,
                .pids_limit = 32,
                .tmpfs_mb = 16,
                .nofile = 256,
                .nproc = 1024,
                .fsize_mb = 8,
                .seccomp_json = o->seccomp,
                .seccomp_as_file = engine_is_podman(e),
                .volume = volume,
                .labels = labels,
        };
        r = sandbox_create_body(&spec, &body, err);
        if (r < 0)
                return r;

        const char hello[] = "hello from the payload\n";
        const struct payload_file files[] = {
                { "p/hello.txt", hello, strlen(hello), false },
                { "p/src/run.sh", "#!/bin/sh\necho run.sh ran\n", 26, true },
        };
        _cleanup_free_ void *tar = NULL;
        size_t tar_len = 0;
        r = payload_build(files, ELEMENTSOF(files), &tar, &tar_len, err);
        if (r < 0)
                return r;

        r = engine_volume_create(e, volume, labels, err);
        if (r < 0)
                return r;
        _cleanup_(engine_container_guard_release) struct engine_container_guard g = { .engine = e };
        r = engine_container_create(e, body, NULL, &g.id, err);
        if (r >= 0)
                r = engine_container_put_archive(e, g.id, "/sub", tar, tar_len, err);
        if (r >= 0)
                r = engine_container_start(e, g.id, err);
        if (r >= 0) {
                res->wait_r = engine_container_wait(e, g.id, o->timeout_ms ? o->timeout_ms : 30000, &res->exit_code,
                                                    err);
                if (res->wait_r == -ETIMEDOUT) {
                        res->timed_out = true;
                        res->kill_r = engine_container_kill(e, g.id, err);
                        r = engine_container_wait(e, g.id, 20000, &res->exit_code, err);
                } else
                        r = res->wait_r;
        }
        struct engine_state st = { 0 };
        if (r >= 0)
                r = engine_container_inspect(e, g.id, &st, err);
        if (r >= 0) {
                res->oom_killed = st.oom_killed;
                r = engine_container_logs(e, g.id, 1 << 20, &res->out, &res->err, err);
        }
        /* Remove explicitly (the guard would too) so that its result is checked. */
        int rm = engine_container_remove(e, g.id, r < 0 ? NULL : err);
        if (rm >= 0)
                free(TAKE_PTR(g.id));
        int rv = engine_volume_remove(e, volume, r < 0 || rm < 0 ? NULL : err);
        res->ms = now_ms() - t0;
        if (r < 0)
                return r;
        return rm < 0 ? rm : rv;
}

static void result_free(struct run_result *res) {
        buf_free(&res->out);
        buf_free(&res->err);
}

static const char *s(const struct buf *b) {
        return b->data ? b->data : "";
}

static void diag(const struct run_result *res) {
        printf("#   exit %d oom %d, %.0f ms; stdout: %.300s; stderr: %.300s\n", res->exit_code, res->oom_killed,
               res->ms, s(&res->out), s(&res->err));
}

static void progress(const char *line, _unused_ void *userdata) {
        printf("#     build: %s\n", line);
}

static void test_engine(const char *url) {
        struct judge_error err = { 0 };
        struct engine *e = NULL;
        printf("# engine %s\n", url);
        int r = engine_open(url, &e, &err);
        CHECK(r == 0, "[%s] open (%s)", url, r < 0 ? err.msg : "ok");
        if (r < 0)
                return;
        char *desc = NULL;
        r = engine_ping(e, &desc, &err);
        CHECK(r == 0, "[%s] ping: %s", url, r == 0 ? desc : err.msg);
        free(desc);
        if (r < 0) {
                engine_free(e);
                return;
        }
        const char *tag = engine_is_podman(e) ? "podman" : "docker";

        /* The image: imported once per engine from a rootfs made here. */
        r = engine_image_exists(e, IMAGE, &err);
        if (r == 0) {
                char path[] = "/tmp/judge-smoke-rootfs-XXXXXX";
                int fd = mkstemp(path);
                if (fd >= 0)
                        close(fd);
                r = fd < 0 ? -errno : make_rootfs(path, &err);
                if (r >= 0)
                        r = engine_image_import(e, path, IMAGE_REPO, IMAGE_TAG, &err);
                unlink(path);
                CHECK(r == 0, "[%s] import the busybox rootfs as %s (%s)", tag, IMAGE, r < 0 ? err.msg : "ok");
                r = engine_image_exists(e, IMAGE, &err);
        }
        CHECK(r == 1, "[%s] image %s exists", tag, IMAGE);
        if (r != 1) {
                engine_free(e);
                return;
        }
        if (engine_is_podman(e))
                CHECK(engine_image_exists(e, IMAGE_REPO ":latest", &err) == 0,
                      "[%s] no stray :latest name left by the import", tag);

        struct run_result res;
        struct run_opts o = { 0 };

        r = run(e, "cat /sub/p/hello.txt; /sub/p/src/run.sh; echo to-stderr >&2", &o, &res, &err);
        CHECK(r == 0 && res.exit_code == 0, "[%s] a container's whole life (%s)", tag, r < 0 ? err.msg : "ok");
        CHECK(strcmp(s(&res.out), "hello from the payload\nrun.sh ran\n") == 0,
              "[%s] payload read back from /sub, executable ran (stdout %s)", tag, s(&res.out));
        CHECK(strcmp(s(&res.err), "to-stderr\n") == 0, "[%s] stderr demultiplexed", tag);
        printf("#   one container: %.0f ms\n", res.ms);
        result_free(&res);

        r = run(e, "touch /x && echo WROTE-ROOT; echo x > /etc/passwd && echo WROTE-ETC; true", &o, &res, &err);
        CHECK(r == 0 && !strstr(s(&res.out), "WROTE") && strstr(s(&res.err), "Read-only file system"),
              "[%s] writes to / fail (read-only rootfs)", tag);
        if (strstr(s(&res.out), "WROTE"))
                diag(&res);
        result_free(&res);

        r = run(e,
                "touch /sub/p/new && echo WROTE1; echo x >> /sub/p/hello.txt && echo WROTE2; "
                "mkdir /sub/p/d && echo WROTE3; touch /sub/new && echo WROTE4; cat /sub/p/hello.txt",
                &o, &res, &err);
        CHECK(r == 0 && !strstr(s(&res.out), "WROTE") && strcmp(s(&res.out), "hello from the payload\n") == 0,
              "[%s] /sub and /sub/p are not writable by the user", tag);
        if (r != 0 || strstr(s(&res.out), "WROTE"))
                diag(&res);
        result_free(&res);

        r = run(e, "id -u; id -g", &o, &res, &err);
        CHECK(r == 0 && strcmp(s(&res.out), "65534\n65534\n") == 0, "[%s] runs as 65534:65534 (%s)", tag,
              s(&res.out));
        result_free(&res);

        r = run(e, "grep : /proc/net/dev | while read l; do echo \"${l%%:*}\"; done", &o, &res, &err);
        CHECK(r == 0 && strcmp(s(&res.out), "lo\n") == 0, "[%s] no network interface but lo (%s)", tag, s(&res.out));
        result_free(&res);

        r = run(e, "mkdir /tmp/d && echo MKDIR-OK; echo data > /tmp/f && cat /tmp/f", &o, &res, &err);
        CHECK(r == 0 && strcmp(s(&res.out), "MKDIR-OK\ndata\n") == 0, "[%s] /tmp is a writable tmpfs (control)", tag);
        result_free(&res);
        struct run_opts sec = { .seccomp = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":"
                                           "[\"mkdir\",\"mkdirat\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}" };
        r = run(e, "mkdir /tmp/d && echo MKDIR-OK; echo data > /tmp/f && cat /tmp/f", &sec, &res, &err);
        CHECK(r == 0 && strcmp(s(&res.out), "data\n") == 0 && strstr(s(&res.err), "Operation not permitted"),
              "[%s] a seccomp profile denying mkdir takes effect (%s)", tag, r < 0 ? err.msg : s(&res.err));
        result_free(&res);

        struct run_opts mem = { .memory_mb = 32 };
        r = run(e, "x=aaaaaaaaaaaaaaaa; while :; do x=\"$x$x\"; done", &mem, &res, &err);
        CHECK(r == 0 && res.exit_code == 137, "[%s] memory over the limit is killed (exit %d)", tag, res.exit_code);
        if (engine_is_podman(e) && !res.oom_killed) {
                /* Measured on this host (cgroup v1/v2 hybrid, Podman 4.3.1, conmon 2.1.6): the kernel's
                 * memory cgroup OOM killer kills the process, but State.OOMKilled stays false, also
                 * with `podman run` directly. Reported as a TAP TODO, not hidden. */
                tap_n++;
                printf("not ok %d - [%s] State.OOMKilled is set # TODO Podman/conmon does not report "
                       "OOMKilled on this host's hybrid cgroup layout\n", tap_n, tag);
        } else
                CHECK(res.oom_killed, "[%s] State.OOMKilled is set", tag);
        if (r != 0 || res.exit_code != 137)
                diag(&res);
        result_free(&res);

        struct run_opts slow = { .timeout_ms = 1500 };
        double t0 = now_ms();
        r = run(e, "echo started; sleep 60", &slow, &res, &err);
        double dt = now_ms() - t0;
        CHECK(r == 0 && res.timed_out && res.wait_r == -ETIMEDOUT, "[%s] wait past its deadline: -ETIMEDOUT", tag);
        CHECK(res.kill_r == 0 && res.exit_code == 137 && strcmp(s(&res.out), "started\n") == 0,
              "[%s] then kill works (exit %d)", tag, res.exit_code);
        CHECK(dt < 15000, "[%s] the whole timed-out run took %.0f ms", tag, dt);
        result_free(&res);

        /* Builds: one good, one failing. */
        const char good_df[] = "FROM " IMAGE "\nCOPY f /f\nRUN cat /f\n";
        const char bad_df[] = "FROM " IMAGE "\nRUN echo failing; exit 3\n";
        struct payload_file ctx[] = { { "Dockerfile", good_df, strlen(good_df), false }, { "f", "built\n", 6, false } };
        _cleanup_free_ void *tar = NULL;
        size_t tl;
        r = payload_build(ctx, 2, &tar, &tl, &err);
        if (r >= 0)
                r = engine_image_build(e, tar, tl, "judge-test/built:1", progress, NULL, &err);
        CHECK(r == 0, "[%s] image build (%s)", tag, r < 0 ? err.msg : "ok");
        CHECK(engine_image_exists(e, "judge-test/built:1", &err) == 1, "[%s] built image exists", tag);
        CHECK(engine_image_tag(e, "judge-test/built:1", "judge-test/built", "2", &err) == 0 &&
                      engine_image_exists(e, "judge-test/built:2", &err) == 1,
              "[%s] image tag", tag);
        err = (struct judge_error){ 0 };
        CHECK(engine_image_remove(e, "judge-test/built:2", &err) == 0 &&
                      engine_image_remove(e, "judge-test/built:1", &err) == 0 &&
                      engine_image_exists(e, "judge-test/built:1", &err) == 0,
              "[%s] image remove", tag);
        free(tar);
        tar = NULL;
        ctx[0] = (struct payload_file){ "Dockerfile", bad_df, strlen(bad_df), false };
        r = payload_build(ctx, 1, &tar, &tl, &err);
        err = (struct judge_error){ 0 };
        if (r >= 0)
                r = engine_image_build(e, tar, tl, "judge-test/broken:1", progress, NULL, &err);
        CHECK(r < 0 && err.msg[0], "[%s] a failing build fails: %s", tag, err.msg);
        (void) engine_image_remove(e, "judge-test/broken:1", NULL);

        /* Nothing of this run is left behind. */
        char **ids = NULL, **vols = NULL;
        r = engine_container_list(e, run_label, &ids, &err);
        CHECK(r == 0 && ids && !ids[0], "[%s] no container with label %s left", tag, run_label);
        r = engine_volume_list(e, run_label, &vols, &err);
        CHECK(r == 0 && vols && !vols[0], "[%s] no volume with label %s left", tag, run_label);
        engine_strv_free(ids);
        engine_strv_free(vols);

        /* The label filters themselves work: a labelled volume is found, then gone. */
        const char *vl[] = { "judge.owner=judge-smoke", run_label, NULL };
        r = engine_volume_create(e, "judge-smoke-probe", vl, &err);
        r = r < 0 ? r : engine_volume_list(e, run_label, &vols, &err);
        CHECK(r == 0 && vols && vols[0] && strcmp(vols[0], "judge-smoke-probe") == 0 && !vols[1],
              "[%s] volume list by label finds a labelled volume", tag);
        vols = engine_strv_free(vols);
        CHECK(engine_volume_remove(e, "judge-smoke-probe", &err) == 0 &&
                      engine_volume_remove(e, "judge-smoke-probe", &err) == 0,
              "[%s] volume remove, twice", tag);
        engine_free(e);
}

int main(int argc, char **argv) {
        setvbuf(stdout, NULL, _IOLBF, 0);
        snprintf(run_label, sizeof run_label, "judge.run=smoke-%ld", (long) getpid());
        int n = 0;
        for (int i = 1; i < argc; i++, n++)
                test_engine(argv[i]);
        if (argc < 2) {
                const char *env = getenv("JUDGE_TEST_ENGINES");
                _cleanup_free_ char *copy = env ? strdup(env) : NULL;
                char *save = NULL;
                for (char *u = copy ? strtok_r(copy, " \t\n", &save) : NULL; u; u = strtok_r(NULL, " \t\n", &save), n++)
                        test_engine(u);
        }
        if (n == 0) {
                printf("Bail out! no container engine given: set JUDGE_TEST_ENGINES to engine URLs, e.g. "
                       "JUDGE_TEST_ENGINES='unix:///run/docker.sock unix:///run/podman/podman.sock' "
                       "(scripts/engines.sh start starts both)\n");
                return 1;
        }
        return tap_done();
}
