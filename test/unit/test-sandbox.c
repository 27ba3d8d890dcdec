/* sandbox_create_body: parse the body back with yajl and check every confining field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yajl/yajl_tree.h>

#include "engine/sandbox.h"
#include "tap.h"

static yajl_val get(yajl_val v, const char *a, const char *b, const char *c) {
        const char *path[] = { a, b, c, NULL };
        return yajl_tree_get(v, path, yajl_t_any);
}

static const char *str(yajl_val v) {
        return v && YAJL_IS_STRING(v) ? YAJL_GET_STRING(v) : "";
}

static long long num(yajl_val v) {
        return v && YAJL_IS_INTEGER(v) ? YAJL_GET_INTEGER(v) : -1;
}

static size_t alen(yajl_val v) {
        return v && YAJL_IS_ARRAY(v) ? YAJL_GET_ARRAY(v)->len : 0;
}

static yajl_val at(yajl_val v, size_t i) {
        return i < alen(v) ? YAJL_GET_ARRAY(v)->values[i] : NULL;
}

/* The ulimit named name in HostConfig.Ulimits: soft (and checks soft == hard). */
static long long ulimit(yajl_val body, const char *name) {
        yajl_val u = get(body, "HostConfig", "Ulimits", NULL);
        for (size_t i = 0; i < alen(u); i++)
                if (strcmp(str(get(at(u, i), "Name", NULL, NULL)), name) == 0) {
                        long long s = num(get(at(u, i), "Soft", NULL, NULL));
                        return s == num(get(at(u, i), "Hard", NULL, NULL)) ? s : -2;
                }
        return -1;
}

static char *read_file(const char *path) {
        FILE *f = fopen(path, "re");
        if (!f)
                return NULL;
        static char b[4096];
        size_t n = fread(b, 1, sizeof b - 1, f);
        b[n] = 0;
        fclose(f);
        return b;
}

int main(void) {
        const char *cmd[] = { "/opt/judge/runner", "/sub/p/runner.conf", NULL };
        const char *labels[] = { "judge.owner=judge", "judge.job=42", "odd=a=b\"c", NULL };
        const char *seccomp = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\"],"
                              "\"action\":\"SCMP_ACT_ERRNO\"}]}";
        struct sandbox_spec s = {
                .image = "judge/python:1",
                .cmd = cmd,
                .memory_mb = 256,
                .nano_cpus = 500000000,
                .pids_limit = 32,
                .tmpfs_mb = 48,
                .nofile = 128,
                .nproc = 512,
                .fsize_mb = 16,
                .seccomp_json = seccomp,
                .labels = labels,
                .volume = "judge-sub-0123456789abcdef",
        };
        char *json = NULL;
        struct judge_error err = { 0 };
        int r = sandbox_create_body(&s, &json, &err);
        CHECK(r == 0 && json, "body builds (%s)", err.msg);
        char ebuf[256] = "";
        yajl_val v = json ? yajl_tree_parse(json, ebuf, sizeof ebuf) : NULL;
        CHECK(v && YAJL_IS_OBJECT(v), "body is a JSON object (%s)", ebuf);

        CHECK(strcmp(str(get(v, "Image", NULL, NULL)), "judge/python:1") == 0, "Image");
        yajl_val c = get(v, "Cmd", NULL, NULL);
        CHECK(alen(c) == 2 && strcmp(str(at(c, 0)), "/opt/judge/runner") == 0 &&
                      strcmp(str(at(c, 1)), "/sub/p/runner.conf") == 0,
              "Cmd");
        CHECK(strcmp(str(get(v, "User", NULL, NULL)), "65534:65534") == 0, "User defaults to 65534:65534");
        CHECK(strcmp(str(get(v, "WorkingDir", NULL, NULL)), "/tmp") == 0, "WorkingDir defaults to /tmp");
        CHECK(alen(get(v, "Env", NULL, NULL)) == 0 && YAJL_IS_ARRAY(get(v, "Env", NULL, NULL)), "Env is []");
        CHECK(YAJL_IS_FALSE(get(v, "Tty", NULL, NULL)), "Tty false");
        CHECK(YAJL_IS_FALSE(get(v, "AttachStdout", NULL, NULL)) && YAJL_IS_FALSE(get(v, "AttachStderr", NULL, NULL)),
              "not attached");
        CHECK(strcmp(str(get(v, "Labels", "judge.owner", NULL)), "judge") == 0 &&
                      strcmp(str(get(v, "Labels", "judge.job", NULL)), "42") == 0 &&
                      strcmp(str(get(v, "Labels", "odd", NULL)), "a=b\"c") == 0,
              "Labels split at the first '=' and escaped");

        CHECK(strcmp(str(get(v, "HostConfig", "NetworkMode", NULL)), "none") == 0, "NetworkMode none");
        CHECK(YAJL_IS_TRUE(get(v, "HostConfig", "ReadonlyRootfs", NULL)), "ReadonlyRootfs");
        CHECK(YAJL_IS_FALSE(get(v, "HostConfig", "Init", NULL)), "Init false: the runner is PID 1");
        CHECK(YAJL_IS_FALSE(get(v, "HostConfig", "OomKillDisable", NULL)), "OomKillDisable false");
        CHECK(YAJL_IS_FALSE(get(v, "HostConfig", "Privileged", NULL)), "not privileged");
        CHECK(num(get(v, "HostConfig", "Memory", NULL)) == 256LL << 20, "Memory 256 MiB");
        CHECK(num(get(v, "HostConfig", "MemorySwap", NULL)) == 256LL << 20, "MemorySwap = Memory (no swap)");
        CHECK(num(get(v, "HostConfig", "NanoCpus", NULL)) == 500000000, "NanoCpus");
        CHECK(num(get(v, "HostConfig", "PidsLimit", NULL)) == 32, "PidsLimit");
        yajl_val cap = get(v, "HostConfig", "CapDrop", NULL);
        CHECK(alen(cap) == 1 && strcmp(str(at(cap, 0)), "ALL") == 0, "CapDrop [ALL]");
        yajl_val so = get(v, "HostConfig", "SecurityOpt", NULL);
        CHECK(alen(so) == 2 && strcmp(str(at(so, 0)), "no-new-privileges") == 0, "no-new-privileges");
        CHECK(strncmp(str(at(so, 1)), "seccomp=", 8) == 0 && strcmp(str(at(so, 1)) + 8, seccomp) == 0,
              "seccomp=<profile JSON text> (Docker form)");
        CHECK(strcmp(str(get(v, "HostConfig", "Tmpfs", "/tmp")), "rw,exec,nosuid,nodev,size=48m,mode=1777") == 0,
              "Tmpfs /tmp: %s", str(get(v, "HostConfig", "Tmpfs", "/tmp")));
        CHECK(ulimit(v, "nofile") == 128, "nofile 128");
        CHECK(ulimit(v, "nproc") == 512, "nproc 512");
        CHECK(ulimit(v, "fsize") == 16LL << 20, "fsize 16 MiB in bytes");
        CHECK(ulimit(v, "core") == 0, "core 0");
        yajl_val m = get(v, "HostConfig", "Mounts", NULL);
        CHECK(alen(m) == 1 && strcmp(str(get(at(m, 0), "Type", NULL, NULL)), "volume") == 0 &&
                      strcmp(str(get(at(m, 0), "Target", NULL, NULL)), "/sub") == 0 &&
                      strcmp(str(get(at(m, 0), "Source", NULL, NULL)), "judge-sub-0123456789abcdef") == 0,
              "the named volume is mounted at /sub");
        CHECK(strcmp(str(get(v, "HostConfig", "LogConfig", "Type")), "json-file") == 0, "LogConfig json-file");
        const char *lc[] = { "HostConfig", "LogConfig", "Config", "max-size", NULL };
        yajl_val ms = yajl_tree_get(v, lc, yajl_t_string);
        CHECK(strcmp(str(ms), "1024k") == 0, "log max-size 1024k");
        yajl_tree_free(v);
        free(json);

        /* Defaults, anonymous volume, no seccomp profile. */
        struct sandbox_spec d = { .image = "x", .cmd = cmd, .user = "1000:1000", .workdir = "/w" };
        r = sandbox_create_body(&d, &json, &err);
        v = r == 0 ? yajl_tree_parse(json, NULL, 0) : NULL;
        CHECK(v, "minimal spec builds");
        CHECK(num(get(v, "HostConfig", "Memory", NULL)) == 256LL << 20 &&
                      num(get(v, "HostConfig", "NanoCpus", NULL)) == 1000000000 &&
                      num(get(v, "HostConfig", "PidsLimit", NULL)) == 64,
              "default memory, CPU, pids");
        CHECK(alen(get(v, "HostConfig", "SecurityOpt", NULL)) == 1, "no seccomp option without a profile");
        yajl_val m2 = get(v, "HostConfig", "Mounts", NULL);
        CHECK(alen(m2) == 1 && !get(at(m2, 0), "Source", NULL, NULL), "anonymous volume without a name");
        CHECK(strcmp(str(get(v, "User", NULL, NULL)), "1000:1000") == 0 &&
                      strcmp(str(get(v, "WorkingDir", NULL, NULL)), "/w") == 0,
              "user and workdir override");
        CHECK(ulimit(v, "nofile") == 256 && ulimit(v, "nproc") == 1024, "default ulimits");
        yajl_tree_free(v);
        free(json);

        /* The user: numeric, never root, never a name the image's /etc/passwd would resolve. */
        const char *bad_users[] = { "0:0", "200000:0", "0:200000", "root", "nobody:nogroup", "200000", "-1:-1",
                                    "200000:200000x", ":1", "1:", "" };
        for (size_t i = 0; i < ELEMENTSOF(bad_users); i++) {
                struct sandbox_spec u = { .image = "x", .cmd = cmd, .user = bad_users[i] };
                json = NULL;
                r = sandbox_create_body(&u, &json, &err);
                CHECK(r == -EINVAL && !json, "user \"%s\" refused", bad_users[i]);
                free(json);
        }
        struct sandbox_spec u = { .image = "x", .cmd = cmd, .user = "200000:200000" };
        r = sandbox_create_body(&u, &json, &err);
        CHECK(r == 0, "user 200000:200000 accepted");
        free(json);

        /* Podman: the profile goes to a file and the body names it. */
        char dir[] = "/tmp/test-sandbox-XXXXXX";
        CHECK(mkdtemp(dir) != NULL, "temp dir");
        setenv("JUDGE_SECCOMP_DIR", dir, 1);
        s.seccomp_as_file = true;
        r = sandbox_create_body(&s, &json, &err);
        v = r == 0 ? yajl_tree_parse(json, NULL, 0) : NULL;
        so = get(v, "HostConfig", "SecurityOpt", NULL);
        const char *opt = str(at(so, 1));
        CHECK(v && strncmp(opt, "seccomp=", 8) == 0 && strncmp(opt + 8, dir, strlen(dir)) == 0,
              "seccomp=<path under JUDGE_SECCOMP_DIR>: %s", opt);
        char *content = read_file(opt + 8);
        CHECK(content && strcmp(content, seccomp) == 0, "the file holds the profile");
        struct stat st;
        CHECK(stat(opt + 8, &st) == 0 && (st.st_mode & 0777) == 0644, "the file is 0644");
        char *again = NULL;
        r = sandbox_seccomp_file(seccomp, &again, &err);
        CHECK(r == 0 && strcmp(again, opt + 8) == 0, "same profile, same file");
        char *other = NULL;
        r = sandbox_seccomp_file("{}", &other, &err);
        CHECK(r == 0 && strcmp(other, again) != 0, "another profile, another file");
        unlink(again);
        unlink(other);
        rmdir(dir);
        free(again);
        free(other);
        yajl_tree_free(v);
        free(json);

        /* Errors. */
        struct sandbox_spec bad = s;
        bad.image = NULL;
        CHECK(sandbox_create_body(&bad, &json, &err) == -EINVAL, "no image: -EINVAL");
        bad = s;
        bad.cmd = NULL;
        CHECK(sandbox_create_body(&bad, &json, &err) == -EINVAL, "no cmd: -EINVAL");
        bad = s;
        bad.memory_mb = -1;
        CHECK(sandbox_create_body(&bad, &json, &err) == -EINVAL, "negative memory: -EINVAL");
        const char *badl[] = { "novalue", NULL };
        bad = s;
        bad.labels = badl;
        CHECK(sandbox_create_body(&bad, &json, &err) == -EINVAL, "label without '=': -EINVAL (%s)", err.msg);

        char *vn = NULL, *vn2 = NULL;
        CHECK(sandbox_volume_name(&vn, &err) == 0 && strlen(vn) == 26 && strncmp(vn, "judge-sub-", 10) == 0,
              "volume name %s", vn ? vn : "");
        CHECK(sandbox_volume_name(&vn2, &err) == 0 && strcmp(vn, vn2) != 0, "volume names differ");
        free(vn);
        free(vn2);
        return tap_done();
}
