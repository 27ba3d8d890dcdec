/* The container create body that confines a submission; see sandbox.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* asprintf */
#endif
#include "engine/sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "base/buf.h"

#define SANDBOX_BODY_MAX ((size_t) 4 << 20)
#define SANDBOX_SECCOMP_MAX ((size_t) 1 << 20)

/* The body is one buf: its error is sticky (buf.h), so the appends below are checked once, at
 * the end. */
static void put(struct buf *j, const char *s) {
        buf_puts(j, s);
}

static void putf(struct buf *j, const char *fmt, long v) {
        buf_printf(j, fmt, v);
}

static void put_str(struct buf *j, const char *s) {
        buf_json_string(j, s, strlen(s));
}

static void put_strn(struct buf *j, const char *s, size_t n) {
        buf_json_string(j, s, n);
}

static void put_strv(struct buf *j, const char *const *v) {
        put(j, "[");
        for (size_t i = 0; v && v[i]; i++) {
                if (i)
                        put(j, ",");
                put_str(j, v[i]);
        }
        put(j, "]");
}

static void put_ulimit(struct buf *j, const char *name, long v, bool comma) {
        if (comma)
                put(j, ",");
        put(j, "{\"Name\":");
        put_str(j, name);
        putf(j, ",\"Soft\":%ld", v);
        putf(j, ",\"Hard\":%ld}", v);
}

/* "uid:gid", both decimal and non-zero: a name would be looked up in the image's /etc/passwd
 * (which the image controls), and root is never the submission's. */
static bool user_ok(const char *u) {
        char *end = NULL;
        if (*u < '0' || *u > '9')
                return false;
        unsigned long uid = strtoul(u, &end, 10);
        if (*end != ':' || end[1] < '0' || end[1] > '9')
                return false;
        unsigned long gid = strtoul(end + 1, &end, 10);
        return !*end && uid && gid && uid < 4294967295UL && gid < 4294967295UL;
}

static long dflt(long v, long d) {
        return v ? v : d;
}

int sandbox_create_body(const struct sandbox_spec *s, char **ret_json, struct judge_error *err) {
        if (!s->image || !*s->image)
                return judge_err(err, -EINVAL, "sandbox: no image");
        if (!s->cmd || !s->cmd[0])
                return judge_err(err, -EINVAL, "sandbox: no command");
        const long lim[] = { s->memory_mb, s->nano_cpus, s->pids_limit, s->tmpfs_mb, s->nofile,
                             s->nproc,     s->fsize_mb,  s->log_max_kb };
        for (size_t i = 0; i < ELEMENTSOF(lim); i++)
                if (lim[i] < 0)
                        return judge_err(err, -EINVAL, "sandbox: negative limit");
        if (s->user && !user_ok(s->user))
                return judge_err(err, -EINVAL, "sandbox: user '%s' is not a non-root numeric uid:gid", s->user);
        for (size_t i = 0; s->labels && s->labels[i]; i++)
                if (!strchr(s->labels[i], '=') || s->labels[i][0] == '=')
                        return judge_err(err, -EINVAL, "sandbox: label '%s' is not key=value", s->labels[i]);

        _cleanup_free_ char *seccomp_file = NULL;
        const char *seccomp_path = s->seccomp_path;
        if (!seccomp_path && s->seccomp_json && s->seccomp_as_file) {
                int r = sandbox_seccomp_file(s->seccomp_json, &seccomp_file, err);
                if (r < 0)
                        return r;
                seccomp_path = seccomp_file;
        }

        long mem = dflt(s->memory_mb, 256) << 20;
        _cleanup_buf_ struct buf j;
        buf_init(&j, SANDBOX_BODY_MAX);

        put(&j, "{\"Image\":");
        put_str(&j, s->image);
        put(&j, ",\"Cmd\":");
        put_strv(&j, s->cmd);
        put(&j, ",\"WorkingDir\":");
        put_str(&j, s->workdir ? s->workdir : "/tmp");
        put(&j, ",\"User\":");
        put_str(&j, s->user ? s->user : "65534:65534");
        put(&j, ",\"Env\":");
        put_strv(&j, s->env);
        put(&j, ",\"Labels\":{");
        for (size_t i = 0; s->labels && s->labels[i]; i++) {
                const char *eq = strchr(s->labels[i], '=');
                if (i)
                        put(&j, ",");
                put_strn(&j, s->labels[i], (size_t) (eq - s->labels[i]));
                put(&j, ":");
                put_str(&j, eq + 1);
        }
        put(&j, "}");
        put(&j, ",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false");
        put(&j, ",\"Tty\":false,\"OpenStdin\":false,\"NetworkDisabled\":true");

        put(&j, ",\"HostConfig\":{\"NetworkMode\":\"none\",\"ReadonlyRootfs\":true,\"Init\":false");
        put(&j, ",\"Privileged\":false,\"AutoRemove\":false,\"OomKillDisable\":false");
        putf(&j, ",\"Memory\":%ld", mem);
        putf(&j, ",\"MemorySwap\":%ld", mem); /* equal to Memory: no swap */
        putf(&j, ",\"NanoCpus\":%ld", dflt(s->nano_cpus, 1000000000L));
        putf(&j, ",\"PidsLimit\":%ld", dflt(s->pids_limit, 64));
        put(&j, ",\"CapDrop\":[\"ALL\"],\"SecurityOpt\":[\"no-new-privileges\"");
        if (seccomp_path || s->seccomp_json) {
                _cleanup_free_ char *opt = NULL;
                if (asprintf(&opt, "seccomp=%s", seccomp_path ? seccomp_path : s->seccomp_json) < 0)
                        return judge_err(err, -ENOMEM, "out of memory");
                put(&j, ",");
                put_str(&j, opt);
        }
        put(&j, "]");
        putf(&j, ",\"Tmpfs\":{\"/tmp\":\"rw,exec,nosuid,nodev,size=%ldm,mode=1777\"}", dflt(s->tmpfs_mb, 64));
        put(&j, ",\"Ulimits\":[");
        put_ulimit(&j, "nofile", dflt(s->nofile, 256), false);
        put_ulimit(&j, "nproc", dflt(s->nproc, 1024), true);
        put_ulimit(&j, "fsize", dflt(s->fsize_mb, 64) << 20, true);
        put_ulimit(&j, "core", 0, true);
        put(&j, "]");
        put(&j, ",\"Mounts\":[{\"Type\":\"volume\",\"Target\":\"/sub\"");
        if (s->volume) {
                put(&j, ",\"Source\":");
                put_str(&j, s->volume);
        }
        put(&j, "}]");
        putf(&j, ",\"LogConfig\":{\"Type\":\"json-file\",\"Config\":{\"max-size\":\"%ldk\",\"max-file\":\"1\"}}",
             dflt(s->log_max_kb, 1024));
        put(&j, "}}");

        int r = buf_err(&j);
        if (r < 0)
                return judge_err(err, r, "sandbox: create body: %s", strerror(-r));
        *ret_json = buf_steal(&j);
        return 0;
}

/* FNV-1a 64: names the profile file by its content (not a security boundary: the content is
 * compared before reuse). */
static uint64_t fnv1a(const char *s, size_t n) {
        uint64_t h = 0xcbf29ce484222325ULL;
        for (size_t i = 0; i < n; i++) {
                h ^= (unsigned char) s[i];
                h *= 0x100000001b3ULL;
        }
        return h;
}

static int mkdir_p(const char *dir) {
        _cleanup_free_ char *d = strdup(dir);
        if (!d)
                return -ENOMEM;
        for (char *p = d + 1; *p; p++)
                if (*p == '/') {
                        *p = 0;
                        if (mkdir(d, 0755) < 0 && errno != EEXIST)
                                return -errno;
                        *p = '/';
                }
        if (mkdir(d, 0755) < 0 && errno != EEXIST)
                return -errno;
        return 0;
}

/* 1 if file path holds exactly json, 0 otherwise. */
static int same_content(const char *path, const char *json, size_t n) {
        _cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return 0;
        struct stat st;
        if (fstat(fd, &st) < 0 || (size_t) st.st_size != n)
                return 0;
        _cleanup_free_ char *b = malloc(n + 1);
        if (!b)
                return 0;
        size_t got = 0;
        while (got < n) {
                ssize_t k = read(fd, b + got, n - got);
                if (k <= 0)
                        return 0;
                got += (size_t) k;
        }
        return memcmp(b, json, n) == 0;
}

int sandbox_seccomp_file(const char *json, char **ret_path, struct judge_error *err) {
        size_t n = strlen(json);
        if (n == 0 || n > SANDBOX_SECCOMP_MAX)
                return judge_err(err, -EINVAL, "seccomp profile is empty or larger than %zu bytes",
                                 SANDBOX_SECCOMP_MAX);
        const char *dir = getenv("JUDGE_SECCOMP_DIR");
        if (!dir || !*dir)
                dir = "/run/judge/seccomp";
        int r = mkdir_p(dir);
        if (r < 0)
                return judge_err(err, r, "cannot create %s: %s", dir, strerror(-r));
        _cleanup_free_ char *path = NULL, *tmp = NULL;
        uint64_t h = fnv1a(json, n);
        if (asprintf(&path, "%s/seccomp-%016" PRIx64 ".json", dir, h) < 0 ||
            asprintf(&tmp, "%s/.seccomp-%016" PRIx64 ".%ld.tmp", dir, h, (long) getpid()) < 0)
                return judge_err(err, -ENOMEM, "out of memory");
        if (!same_content(path, json, n)) {
                _cleanup_close_ int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
                if (fd < 0)
                        return judge_err(err, -errno, "cannot write %s: %s", tmp, strerror(errno));
                size_t done = 0;
                while (done < n) {
                        ssize_t k = write(fd, json + done, n - done);
                        if (k < 0) {
                                r = -errno;
                                unlink(tmp);
                                return judge_err(err, r, "cannot write %s: %s", tmp, strerror(-r));
                        }
                        done += (size_t) k;
                }
                if (fchmod(fd, 0644) < 0 || rename(tmp, path) < 0) {
                        r = -errno;
                        unlink(tmp);
                        return judge_err(err, r, "cannot install %s: %s", path, strerror(-r));
                }
        }
        *ret_path = TAKE_PTR(path);
        return 0;
}

int sandbox_volume_name(char **ret, struct judge_error *err) {
        uint64_t x;
        if (getrandom(&x, sizeof x, 0) != (ssize_t) sizeof x)
                return judge_err(err, -errno ? -errno : -EIO, "getrandom: %s", strerror(errno));
        char *s;
        if (asprintf(&s, "judge-sub-%016" PRIx64, x) < 0)
                return judge_err(err, -ENOMEM, "out of memory");
        *ret = s;
        return 0;
}
