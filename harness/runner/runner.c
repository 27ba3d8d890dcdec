/* judge-runner: PID 1 of every judging container (docs/internals.md, "The runner's limits").
 *
 * It reads runner.conf, copies the submission into a private workdir, runs the optional compile
 * step, then supervises the language harness case by case: CPU and wall clocks per case, RSS,
 * output and answer volume. Whatever the harness or the user's code does, it ends by printing
 * "JUDGE-RESULT-V1\n" and one line of JSON on its own stdout and exiting 0.
 *
 * Static, libc + libseccomp only. Nothing the harness sends is trusted for more than display. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "acct.h"
#include "conf.h"
#include "job.h"
#include "jsonw.h"

#define COMPILE_OUTPUT_CAP (64 * 1024)
#define STDERR_TAIL 2048
#define POLL_MS 5
#define READ_CHUNK 65536
#define IDLE_WALL_MS 10000 /* harness start-up or work between cases, beyond case_wall_ms */
#define GRACE_MS 1000      /* after the last case (or E/M), time for the harness to exit */
#define CPU_BACKSTOP_S 10  /* RLIMIT_CPU slack over cases * case_time */

#define TAKE(fd)                                                                                             \
        ({                                                                                                   \
                int _fd_ = (fd);                                                                             \
                (fd) = -1;                                                                                   \
                _fd_;                                                                                        \
        })

enum case_status {
        CASE_NOT_RUN,
        CASE_OK,
        CASE_RUNTIME_ERROR,
        CASE_TIME_LIMIT,
        CASE_MEMORY_LIMIT,
        CASE_OUTPUT_LIMIT,
        _CASE_STATUS_MAX
};

static const char *const case_status_name[_CASE_STATUS_MAX] = {
        [CASE_NOT_RUN] = "not_run",
        [CASE_OK] = "ok",
        [CASE_RUNTIME_ERROR] = "runtime_error",
        [CASE_TIME_LIMIT] = "time_limit",
        [CASE_MEMORY_LIMIT] = "memory_limit",
        [CASE_OUTPUT_LIMIT] = "output_limit",
};

/* A byte buffer that keeps the first `cap` bytes appended and counts the rest. */
struct capbuf {
        char *data;
        size_t len, cap;
        bool over;
};

struct case_result {
        enum case_status status;
        double time_ms;
        long long memory_kb;
        char *answer; /* validated JSON text from the R line, or NULL */
        size_t answer_len;
        struct capbuf out, err;
        struct jsonw error; /* the "error" member, already JSON (a string literal) */
};

struct result {
        const char *status;   /* "ok", "compile_error", "internal_error" */
        struct jsonw message; /* raw text, escaped when printed */
        struct jsonw notes;   /* raw text, escaped when printed */
        struct capbuf compile_output;
        double compile_time_ms, time_ms;
        double startup_ms, startup_charged_ms; /* runtime boot (exec to B), and the part charged */
        long long memory_kb;
        struct case_result *cases;
        size_t n_cases;
};

static long clk_tck;
static struct acct sub_acct; /* where the submission's CPU and memory are read (acct.h) */

/* ---------- small helpers ---------- */

static int64_t now_ns(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void capbuf_add(struct capbuf *b, const char *p, size_t n) {
        size_t room = b->cap > b->len ? b->cap - b->len : 0;
        size_t take = n < room ? n : room;
        if (take < n)
                b->over = true;
        if (take == 0)
                return;
        if (!b->data) {
                b->data = malloc(b->cap);
                if (!b->data) {
                        b->over = true;
                        return;
                }
        }
        memcpy(b->data + b->len, p, take);
        b->len += take;
}

static void set_internal(struct result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_internal(struct result *r, const char *fmt, ...) {
        char tmp[1024];
        va_list ap;
        if (strcmp(r->status, "internal_error") == 0)
                return; /* keep the first cause */
        va_start(ap, fmt);
        vsnprintf(tmp, sizeof(tmp), fmt, ap);
        va_end(ap);
        r->status = "internal_error";
        r->message.len = 0;
        jsonw_puts(&r->message, tmp);
}

static void add_note(struct result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_note(struct result *r, const char *fmt, ...) {
        char tmp[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(tmp, sizeof(tmp), fmt, ap);
        va_end(ap);
        if (r->notes.len)
                jsonw_puts(&r->notes, "; ");
        jsonw_puts(&r->notes, tmp);
}

static const char *signal_name(int sig) {
        const char *abbrev = sigabbrev_np(sig);
        static char buf[32];
        snprintf(buf, sizeof(buf), "SIG%s", abbrev ? abbrev : "?");
        return buf;
}

/* Read a small /proc file into buf (NUL-terminated); returns the length or -errno. */
static ssize_t read_small(const char *path, char *buf, size_t size) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        ssize_t n = read(fd, buf, size - 1);
        int e = errno;
        close(fd);
        if (n < 0)
                return -e;
        buf[n] = '\0';
        return n;
}

/* Fields of /proc/<pid>/stat after the command name, which may itself contain ") ". */
struct proc_stat {
        int ppid, pgrp;
        char state;                   /* 'R' running or waiting for a CPU, 'S', 'D', ... */
        unsigned long long cpu_ticks; /* utime + stime */
        long long rss_pages;
};

static int proc_stat_read(pid_t pid, struct proc_stat *ret) {
        char path[64], buf[1024];
        snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
        if (read_small(path, buf, sizeof(buf)) < 0)
                return -ESRCH;
        char *p = strrchr(buf, ')');
        if (!p)
                return -EINVAL;
        /* After ") ": state(3) ppid(4) pgrp(5) ... utime(14) stime(15) ... rss(24) */
        char state;
        unsigned long long ut, st;
        long long rss;
        int ppid, pgrp;
        if (sscanf(p + 2,
                   "%c %d %d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %*d %*d %*d %*d %*d %*d %*u %*u %lld",
                   &state, &ppid, &pgrp, &ut, &st, &rss) != 6)
                return -EINVAL;
        *ret = (struct proc_stat){.ppid = ppid, .pgrp = pgrp, .state = state, .cpu_ticks = ut + st, .rss_pages = rss};
        return 0;
}

/* ---------- seccomp: the runner's own, small filter, inherited by both steps ---------- */

/* The container profile (seccomp-profiles/judge.json) is the main wall; this filter adds what a
 * syscall allowlist cannot say, and stands on its own when the runner runs elsewhere. */
static void seccomp_setup(struct result *r) {
        scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
        int k = 0;
        if (!ctx) {
                add_note(r, "runner seccomp filter not loaded: seccomp_init failed");
                return;
        }
        /* Other ABIs (i386 int 0x80, x32) would bypass the argument checks below. */
        if (k >= 0)
                k = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
        /* No network: only AF_UNIX sockets (some runtimes use socketpair-like helpers). EACCES
         * rather than EPERM so the failure reads as "not allowed here". */
        if (k >= 0)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(socket), 1,
                                     SCMP_A0(SCMP_CMP_NE, AF_UNIX));
        /* No looking into or steering other processes (the runner runs as the same uid). */
        if (k >= 0)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ptrace), 0);
        if (k >= 0)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(process_vm_readv), 0);
        if (k >= 0)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(process_vm_writev), 0);
        /* personality: everything above ADDR_NO_RANDOMIZE|UNAME26 (0x20008) changes the
         * memory layout rules (READ_IMPLIES_EXEC, MMAP_PAGE_ZERO, ADDR_LIMIT_*) and is refused.
         * This also refuses the 0xffffffff query, which none of our runtimes makes. */
        if (k >= 0)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(personality), 1,
                                     SCMP_A0(SCMP_CMP_GT, 0x20008));
        /* The runner runs as the same uid as the user's code, so without these the code could
         * lower the runner's rlimits (prlimit64 on pid 1), renice it or everything of the uid
         * (setpriority PRIO_PROCESS 1, PRIO_PGRP, PRIO_USER), pin it to a CPU or change its
         * scheduling class, or its I/O priority. A process may still do all of it to itself
         * (pid 0, which is what glibc's setrlimit, nice and sched_setaffinity(0, ...) pass). */
        static const int pid_first[] = {SCMP_SYS(prlimit64),          SCMP_SYS(sched_setaffinity),
                                        SCMP_SYS(sched_setscheduler), SCMP_SYS(sched_setparam),
                                        SCMP_SYS(sched_setattr),      SCMP_SYS(migrate_pages),
                                        SCMP_SYS(move_pages)};
        for (size_t i = 0; k >= 0 && i < sizeof(pid_first) / sizeof(pid_first[0]); i++)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), pid_first[i], 1, SCMP_A0(SCMP_CMP_NE, 0));
        /* setpriority(which, who, prio) and ioprio_set(which, who, prio): only "this process". */
        if (k >= 0)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(setpriority), 1,
                                     SCMP_A0(SCMP_CMP_NE, PRIO_PROCESS));
        if (k >= 0)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(setpriority), 1,
                                     SCMP_A1(SCMP_CMP_NE, 0));
        if (k >= 0)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioprio_set), 1,
                                     SCMP_A0(SCMP_CMP_NE, 1 /* IOPRIO_WHO_PROCESS */));
        if (k >= 0)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioprio_set), 1,
                                     SCMP_A1(SCMP_CMP_NE, 0));
        /* By pidfd, which a filter cannot resolve: taking another process's fds or advising
         * its memory (both also need ptrace rights, which PR_SET_DUMPABLE 0 denies). */
        if (k >= 0)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(pidfd_getfd), 0);
        if (k >= 0)
                k = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(process_madvise), 0);
        if (k < 0) {
                add_note(r, "runner seccomp filter not loaded: rule setup failed: %s", strerror(-k));
                seccomp_release(ctx);
                return;
        }
        k = seccomp_load(ctx);
        if (k < 0)
                add_note(r, "runner seccomp filter not loaded: %s", strerror(-k));
        seccomp_release(ctx);
}

/* ---------- workdir ---------- */

static int copy_file(int sfd, const char *name, int ddirfd, mode_t mode) {
        int in = openat(sfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (in < 0)
                return -errno;
        int out = openat(ddirfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
        if (out < 0) {
                int e = -errno;
                close(in);
                return e;
        }
        char buf[65536];
        int ret = 0;
        for (;;) {
                ssize_t n = read(in, buf, sizeof(buf));
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0) {
                        ret = n < 0 ? -errno : 0;
                        break;
                }
                for (ssize_t off = 0; off < n;) {
                        ssize_t w = write(out, buf + off, (size_t)(n - off));
                        if (w < 0 && errno == EINTR)
                                continue;
                        if (w < 0) {
                                ret = -errno;
                                goto done;
                        }
                        off += w;
                }
        }
done:
        close(in);
        if (close(out) < 0 && ret == 0)
                ret = -errno;
        return ret;
}

/* Copy the regular files and directories under src into dst (which exists), depth-capped. */
static int copy_tree(int sfd, int dfd, int depth, char *errbuf, size_t errlen) {
        if (depth > 8)
                return 0;
        int fd2 = dup(sfd);
        if (fd2 < 0)
                return -errno;
        DIR *d = fdopendir(fd2);
        if (!d) {
                close(fd2);
                return -errno;
        }
        int ret = 0;
        struct dirent *de;
        while (ret == 0 && (de = readdir(d))) {
                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                        continue;
                struct stat st;
                if (fstatat(sfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
                        continue;
                if (S_ISREG(st.st_mode)) {
                        /* Owner rw, keep an exec bit if the payload set one. */
                        ret = copy_file(sfd, de->d_name, dfd, 0600 | (st.st_mode & 0100 ? 0100 : 0));
                        if (ret < 0)
                                snprintf(errbuf, errlen, "copying %s: %s", de->d_name, strerror(-ret));
                } else if (S_ISDIR(st.st_mode)) {
                        if (mkdirat(dfd, de->d_name, 0700) < 0 && errno != EEXIST) {
                                ret = -errno;
                                snprintf(errbuf, errlen, "mkdir %s: %s", de->d_name, strerror(errno));
                                break;
                        }
                        int s2 = openat(sfd, de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
                        int d2 = openat(dfd, de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
                        if (s2 >= 0 && d2 >= 0)
                                ret = copy_tree(s2, d2, depth + 1, errbuf, errlen);
                        if (s2 >= 0)
                                close(s2);
                        if (d2 >= 0)
                                close(d2);
                }
        }
        closedir(d);
        return ret;
}

static int prepare_workdir(const struct conf *c, const char *srcdir, char *errbuf, size_t errlen) {
        if (mkdir(c->workdir, 0700) < 0 && errno != EEXIST) {
                snprintf(errbuf, errlen, "mkdir %s: %s", c->workdir, strerror(errno));
                return -errno;
        }
        int sfd = open(srcdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (sfd < 0) {
                if (errno == ENOENT)
                        return 0; /* nothing to copy */
                snprintf(errbuf, errlen, "open %s: %s", srcdir, strerror(errno));
                return -errno;
        }
        int dfd = open(c->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0) {
                int e = errno;
                close(sfd);
                snprintf(errbuf, errlen, "open %s: %s", c->workdir, strerror(e));
                return -e;
        }
        int r = copy_tree(sfd, dfd, 0, errbuf, errlen);
        close(sfd);
        close(dfd);
        return r;
}

/* ---------- starting a step ---------- */

struct step {
        char *const *argv;
        char *const *envp;
        const char *workdir;
        long long cpu_s;             /* RLIMIT_CPU soft limit; hard is +2 s */
        long long stack_mb;          /* 0: leave as is */
        const struct conf *c;        /* nproc, nofile, fsize_mb */
        int fd_out, fd_err, fd_chan; /* become 1, 2, 3 (fd_chan -1: none) */
        int fd_job;                  /* becomes 4 (-1: none; needs fd_chan) */
};

static void child_setrlimit(int res, rlim_t soft, rlim_t hard) {
        struct rlimit rl = {soft, hard};
        if (setrlimit(res, &rl) < 0) {
                /* Cannot raise a hard limit we do not have: lowering the soft one still helps. */
                struct rlimit cur;
                if (getrlimit(res, &cur) == 0) {
                        rl.rlim_cur = soft < cur.rlim_max ? soft : cur.rlim_max;
                        rl.rlim_max = cur.rlim_max;
                        (void)setrlimit(res, &rl);
                }
        }
}

/* Put fd at target with close-on-exec cleared (dup2 onto itself would keep the flag). */
static int child_move_fd(int fd, int target) {
        if (fd == target)
                return fcntl(fd, F_SETFD, 0);
        return dup2(fd, target) < 0 ? -1 : 0;
}

_Noreturn static void child_exec(const struct step *s, int errfd) {
        int e;
        const char *what = "setup";
        int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);

        setpgid(0, 0);
        /* Order matters: every source fd is >= 3 and still intact when it is copied. */
        errfd = fcntl(errfd, F_DUPFD_CLOEXEC, 64);
        if (errfd < 0)
                _exit(127);
        /* The job's pipe out of the way of 3 and 4 first (it is copied last). */
        int fd_job = s->fd_job >= 0 ? fcntl(s->fd_job, F_DUPFD_CLOEXEC, 64) : -1;
        if (devnull < 0 || child_move_fd(devnull, 0) < 0 || child_move_fd(s->fd_out, 1) < 0 ||
            child_move_fd(s->fd_err, 2) < 0 || (s->fd_chan >= 0 && child_move_fd(s->fd_chan, 3) < 0) ||
            (s->fd_job >= 0 && (fd_job < 0 || child_move_fd(fd_job, 4) < 0))) {
                what = "dup2";
                goto fail;
        }
        int first = s->fd_job >= 0 ? 5 : s->fd_chan >= 0 ? 4 : 3;
        /* Everything else closed, except the exec-error pipe (close-on-exec). */
        if (syscall(SYS_close_range, first, errfd - 1, 0) < 0 ||
            syscall(SYS_close_range, errfd + 1, ~0U, 0) < 0) {
                for (int fd = first; fd < 65536; fd++)
                        if (fd != errfd)
                                close(fd);
        }
        if (chdir(s->workdir) < 0) {
                what = "chdir";
                goto fail;
        }
        signal(SIGPIPE, SIG_DFL);
        child_setrlimit(RLIMIT_CORE, 0, 0);
        if (s->cpu_s > 0)
                child_setrlimit(RLIMIT_CPU, (rlim_t)s->cpu_s, (rlim_t)s->cpu_s + 2);
        if (s->stack_mb > 0)
                child_setrlimit(RLIMIT_STACK, (rlim_t)s->stack_mb << 20, (rlim_t)s->stack_mb << 20);
        child_setrlimit(RLIMIT_NPROC, (rlim_t)s->c->nproc, (rlim_t)s->c->nproc);
        child_setrlimit(RLIMIT_NOFILE, (rlim_t)s->c->nofile, (rlim_t)s->c->nofile);
        child_setrlimit(RLIMIT_FSIZE, (rlim_t)s->c->fsize_mb << 20, (rlim_t)s->c->fsize_mb << 20);

        /* Under memory pressure the kernel should pick the user's process, never the runner.
         * /proc/self of a non-dumpable process belongs to root, so become dumpable first (exec
         * would do it anyway; only fds 0-3 and the error pipe are open by now). */
        prctl(PR_SET_DUMPABLE, 1);
        int ofd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
        if (ofd >= 0) {
                (void)!write(ofd, "1000", 4);
                close(ofd);
        }

        what = "exec";
        const char *prog = s->argv[0];
        if (strchr(prog, '/')) {
                execve(prog, s->argv, s->envp);
                goto fail;
        }
        /* PATH comes from the conf's env, not from the runner's own environment. */
        const char *path = "/usr/local/bin:/usr/bin:/bin";
        for (char *const *ep = s->envp; *ep; ep++)
                if (strncmp(*ep, "PATH=", 5) == 0)
                        path = *ep + 5;
        int saved = ENOENT;
        while (*path) {
                const char *colon = strchrnul(path, ':');
                char full[PATH_MAX];
                int dl = (int)(colon - path);
                if (snprintf(full, sizeof(full), "%.*s/%s", dl, dl ? path : ".", prog) < (int)sizeof(full)) {
                        execve(full, s->argv, s->envp);
                        if (errno != ENOENT && errno != ENOTDIR)
                                saved = errno;
                }
                path = *colon ? colon + 1 : colon;
        }
        errno = saved;
fail:
        e = errno;
        {
                char msg[256];
                int n = snprintf(msg, sizeof(msg), "%s %s: %s", what, s->argv[0], strerror(e));
                (void)!write(errfd, msg, n > 0 ? (size_t)n : 0);
        }
        _exit(127);
}

/* Fork and exec the step; returns the pid (also its process group) or -errno with errbuf set. */
static pid_t step_start(const struct step *s, char *errbuf, size_t errlen) {
        int ep[2];
        if (pipe2(ep, O_CLOEXEC) < 0) {
                snprintf(errbuf, errlen, "pipe: %s", strerror(errno));
                return -errno;
        }
        pid_t pid = fork();
        if (pid < 0) {
                int e = errno;
                close(ep[0]);
                close(ep[1]);
                snprintf(errbuf, errlen, "fork: %s", strerror(e));
                return -e;
        }
        if (pid == 0) {
                close(ep[0]);
                child_exec(s, ep[1]);
        }
        setpgid(pid, pid); /* also here, so killpg works however the race goes */
        close(ep[1]);
        char msg[256];
        ssize_t n;
        do
                n = read(ep[0], msg, sizeof(msg) - 1);
        while (n < 0 && errno == EINTR);
        close(ep[0]);
        if (n > 0) {
                msg[n] = '\0';
                snprintf(errbuf, errlen, "%s", msg);
                kill(pid, SIGKILL);
                waitpid(pid, NULL, 0);
                return -ENOEXEC;
        }
        return pid;
}

/* ---------- process cleanup ---------- */

/* Kill every process left: as PID 1, everything in the container; elsewhere, everything that
 * was reparented to us (we are a child subreaper), repeatedly, so forks in flight are caught. */
static void kill_everything(pid_t pgid) {
        if (pgid > 0)
                kill(-pgid, SIGKILL);
        if (getpid() == 1) {
                kill(-1, SIGKILL);
                while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
                        ;
                return;
        }
        pid_t self = getpid();
        for (int round = 0; round < 500; round++) {
                bool found = false;
                DIR *d = opendir("/proc");
                struct dirent *de;
                while (d && (de = readdir(d))) {
                        char *end;
                        long pid = strtol(de->d_name, &end, 10);
                        struct proc_stat ps;
                        if (*end || pid <= 0 || proc_stat_read((pid_t)pid, &ps) < 0)
                                continue;
                        if (ps.ppid == self) {
                                kill((pid_t)pid, SIGKILL);
                                found = true;
                        }
                }
                if (d)
                        closedir(d);
                bool children = false;
                for (;;) {
                        pid_t w = waitpid(-1, NULL, WNOHANG);
                        if (w > 0)
                                continue;
                        children = w == 0;
                        break;
                }
                if (!found && !children)
                        return;
                usleep(1000);
        }
}

/* ---------- compile step ---------- */

/* Sum of RSS (KiB) of the processes in process group pgid. */
/* RSS of the process group PGID in KB; *runnable tells whether any of its processes is running
 * or waiting for a CPU (state R), as opposed to sleeping or blocked. */
static long long pgrp_rss_kb(pid_t pgid, bool *runnable) {
        long long total = 0;
        long page_kb = sysconf(_SC_PAGESIZE) / 1024;
        DIR *d = opendir("/proc");
        struct dirent *de;
        *runnable = false;
        while (d && (de = readdir(d))) {
                char *end;
                long pid = strtol(de->d_name, &end, 10);
                struct proc_stat ps;
                if (*end || pid <= 0 || proc_stat_read((pid_t)pid, &ps) < 0)
                        continue;
                if (ps.pgrp == pgid) {
                        total += ps.rss_pages * page_kb;
                        *runnable = *runnable || ps.state == 'R';
                }
        }
        if (d)
                closedir(d);
        return total;
}

/* Returns true if compilation succeeded; otherwise r is a compile_error or internal_error. */
static bool run_compile(const struct conf *c, struct result *r) {
        char errbuf[512] = "";
        int pp[2];
        if (pipe2(pp, O_CLOEXEC) < 0) {
                set_internal(r, "pipe: %s", strerror(errno));
                return false;
        }
        struct step s = {
                .argv = c->compile_argv,
                .envp = c->env,
                .workdir = c->workdir,
                .cpu_s = (c->compile_time_ms + 999) / 1000,
                .c = c,
                .fd_out = pp[1],
                .fd_err = pp[1],
                .fd_chan = -1,
                .fd_job = -1,
        };
        int64_t start = now_ns();
        pid_t pid = step_start(&s, errbuf, sizeof(errbuf));
        close(pp[1]);
        if (pid < 0) {
                close(pp[0]);
                set_internal(r, "compile step: %s", errbuf);
                return false;
        }
        fcntl(pp[0], F_SETFL, O_NONBLOCK);

        /* The compile step's clocks. CPU: RLIMIT_CPU of each process (cpu_s above). Wall: what
         * counts is the time the compiler spends neither running nor waiting for a CPU (blocked,
         * sleeping): a compile starved by a loaded host (2 cores, load 25: a 40 s wall limit
         * made a 3 s g++ compile a Compile Error) is not the submission's fault. A hard cap of
         * ten times the CPU limit (at least a minute) bounds what a compile can cost the host. */
        int64_t blocked_limit = (int64_t)c->compile_time_ms * 1000000,
                hard_deadline = start + (c->compile_time_ms > 6000 ? (int64_t)c->compile_time_ms * 10 : 60000) * 1000000;
        int64_t blocked_ns = 0, last_scan = start;
        const char *killed_for = NULL;
        int status = 0;
        bool exited = false, pipe_open = true;
        int64_t next_mem = 0;
        char buf[READ_CHUNK];

        while (!exited) {
                if (pipe_open) {
                        struct pollfd pfd = {.fd = pp[0], .events = POLLIN};
                        poll(&pfd, 1, 10);
                        ssize_t n = read(pp[0], buf, sizeof(buf));
                        if (n > 0)
                                capbuf_add(&r->compile_output, buf, (size_t)n);
                        else if (n == 0)
                                pipe_open = false;
                } else
                        usleep(10000);
                pid_t w;
                int st;
                while ((w = waitpid(-1, &st, WNOHANG)) > 0)
                        if (w == pid) {
                                status = st;
                                exited = true;
                        }
                if (exited)
                        break;
                int64_t now = now_ns();
                if (now > hard_deadline || blocked_ns > blocked_limit)
                        killed_for = "time";
                else if (now >= next_mem) {
                        next_mem = now + 20 * 1000000;
                        bool runnable;
                        if (pgrp_rss_kb(pid, &runnable) > c->compile_memory_mb * 1024)
                                killed_for = "memory";
                        if (!runnable)
                                blocked_ns += now - last_scan;
                        last_scan = now;
                }
                if (killed_for) {
                        kill(-pid, SIGKILL);
                        waitpid(pid, &status, 0);
                        exited = true;
                }
        }
        /* The compiler is gone; take what is left in the pipe, without waiting for stragglers. */
        for (int i = 0; pipe_open && i < 1024; i++) {
                ssize_t n = read(pp[0], buf, sizeof(buf));
                if (n <= 0)
                        break;
                capbuf_add(&r->compile_output, buf, (size_t)n);
        }
        close(pp[0]);
        kill(-pid, SIGKILL);
        r->compile_time_ms = (double)(now_ns() - start) / 1e6;

        char note[160] = "";
        if (killed_for && strcmp(killed_for, "time") == 0)
                snprintf(note, sizeof(note), "\n[judge] compilation exceeded its time limit (%lld ms)",
                         c->compile_time_ms);
        else if (killed_for)
                snprintf(note, sizeof(note), "\n[judge] compilation exceeded its memory limit (%lld MB)",
                         c->compile_memory_mb);
        else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
                snprintf(note, sizeof(note), "\n[judge] compilation exceeded its time limit (%lld ms)",
                         c->compile_time_ms);
        else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
                snprintf(note, sizeof(note), "\n[judge] the compiler was killed (out of memory?)");
        else if (WIFSIGNALED(status))
                snprintf(note, sizeof(note), "\n[judge] the compiler was killed by signal %d (%s)",
                         WTERMSIG(status), signal_name(WTERMSIG(status)));
        else if (WEXITSTATUS(status) != 0)
                snprintf(note, sizeof(note), "\n[judge] the compiler exited with status %d",
                         WEXITSTATUS(status));
        if (!note[0])
                return true;
        /* Room for the note even when the compiler filled the cap. */
        if (r->compile_output.len + strlen(note) > r->compile_output.cap)
                r->compile_output.len = r->compile_output.cap - strlen(note);
        capbuf_add(&r->compile_output, note, strlen(note));
        r->status = "compile_error";
        return false;
}

/* ---------- run step ---------- */

struct run {
        const struct conf *c;
        struct result *r;
        const struct acct *acct;
        pid_t pid;
        int fd[3];      /* stdout, stderr, channel read ends; -1 once closed */
        long long done; /* cases reported (R/E/M) */
        bool booted;    /* B seen (or S 0 without one): the user's code is loaded from here on */
        bool running;   /* S done seen, no R/E/M yet */
        bool stop;      /* verdict reached: kill and finish */
        bool killed_by_us;
        bool finishing; /* all cases reported, or E/M: waiting for the harness to exit */
        int64_t case_start_ns, idle_since_ns, finish_deadline_ns, chan_eof_ns;
        /* User CPU (acct_cpu_ns, kept monotonic): at the harness's start, the latest sample, and
         * where the current case's charge starts (the end of the previous case; for case 0 the
         * B line, moved back by the boot time over the allowance). */
        int64_t cpu_start_ns, cpu_ns, case_base_ns;
        int64_t busy_ns, busy_checked_ns; /* last seen with a runnable thread; last looked */
        long long mem_base_kb;      /* container memory before the harness started */
        long long oom_base;         /* the cgroup's OOM kills before the harness started */
        long long hwm_kb;           /* the submission's peak memory so far */
        bool oom_killed;            /* the cgroup's OOM killer struck during the run */
        long long out_total, chan_total;
        char *line; /* channel line being assembled */
        size_t line_len, line_cap;
        char tail[STDERR_TAIL]; /* last bytes of the user's stderr, a ring */
        size_t tail_total;
};

static struct case_result *run_target(struct run *u) {
        if (u->r->n_cases == 0)
                return NULL;
        return &u->r->cases[u->done < (long long)u->r->n_cases ? u->done : (long long)u->r->n_cases - 1];
}

/* CPU charged to case `done` so far: everything since the end of the previous case. Before the
 * runtime booted, the boot time over the language's allowance. */
static double run_case_cpu_ms(struct run *u) {
        int64_t ns;
        if (!u->booted) {
                ns = u->cpu_ns - u->cpu_start_ns - u->c->startup_allowance_ms * 1000000;
                if (ns < 0)
                        ns = 0;
        } else
                ns = u->cpu_ns - u->case_base_ns;
        return (double)ns / 1e6;
}

/* End case `done` with a non-ok verdict and stop the run. */
static void run_fail_case(struct run *u, enum case_status st, const char *msg, size_t msglen) {
        if (u->stop || u->finishing || u->done >= (long long)u->r->n_cases) {
                u->stop = true;
                return;
        }
        struct case_result *cr = &u->r->cases[u->done];
        cr->status = st;
        cr->time_ms = run_case_cpu_ms(u);
        cr->memory_kb = u->hwm_kb > 0 ? u->hwm_kb : 0;
        cr->error.len = 0;
        jsonw_string(&cr->error, msg, msglen);
        u->done++;
        u->running = false;
        u->stop = true;
}

static void run_fail_casef(struct run *u, enum case_status st, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static void run_fail_casef(struct run *u, enum case_status st, const char *fmt, ...) {
        char tmp[1200];
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
        va_end(ap);
        run_fail_case(u, st, tmp, n < 0 ? 0 : (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

/* The channel is the harness's, but the user's code runs in the same process and can reach its
 * fd (or fork copies of the harness): a line out of protocol is blamed on the submission as a
 * runtime error of the current case, never on the judge. Once every verdict is in, later lines
 * change nothing and are ignored. */
static void run_protocol_error(struct run *u, const char *what, const char *line, size_t len) {
        if (u->done >= (long long)u->r->n_cases || u->finishing)
                return;
        run_fail_casef(u, CASE_RUNTIME_ERROR,
                       "Runtime error: the answer channel was corrupted (%s: '%.*s'); did the "
                       "solution write to the harness's file descriptors or fork?",
                       what, (int)(len > 80 ? 80 : len), line);
}

/* Account user output from stream 0 (stdout) or 1 (stderr) to the current case. */
static void run_output(struct run *u, int stream, const char *p, size_t n) {
        u->out_total += (long long)n;
        struct case_result *cr = run_target(u);
        if (cr && !u->finishing)
                capbuf_add(stream == 0 ? &cr->out : &cr->err, p, n);
        if (stream == 1)
                for (size_t i = 0; i < n; i++)
                        u->tail[u->tail_total++ % STDERR_TAIL] = p[i];
        if (u->out_total > u->c->output_limit)
                run_fail_casef(u, CASE_OUTPUT_LIMIT, "Output limit exceeded: more than %lld bytes written",
                               u->c->output_limit);
}

/* Read once from stream k (0 stdout, 1 stderr); returns bytes read, 0 at EOF/EAGAIN. */
static ssize_t run_read_output(struct run *u, int k) {
        char buf[READ_CHUNK];
        if (u->fd[k] < 0)
                return 0;
        ssize_t n = read(u->fd[k], buf, sizeof(buf));
        if (n > 0) {
                run_output(u, k, buf, (size_t)n);
                return n;
        }
        if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                close(u->fd[k]);
                u->fd[k] = -1;
        }
        return 0;
}

/* Everything the harness wrote before its R/E/M line is already in the pipes: take it all so
 * it is attributed to the case that just ended. Bounded by the output limit. */
static void run_drain_output(struct run *u) {
        for (int k = 0; k < 2; k++)
                while (!u->stop && run_read_output(u, k) > 0)
                        ;
}

/* Take the submission's CPU and memory now (see acct.h). */
static void run_sample(struct run *u) {
        int64_t now = now_ns();
        int64_t cpu = acct_cpu_ns(u->acct, u->pid);
        if (cpu > u->cpu_ns)
                u->cpu_ns = cpu;
        if (now - u->busy_checked_ns >= 50 * 1000000LL) {
                u->busy_checked_ns = now;
                if (acct_runnable(u->acct, u->pid))
                        u->busy_ns = now;
        }
        long long hwm = acct_hwm_kb(u->pid);
        if (hwm > u->hwm_kb)
                u->hwm_kb = hwm;
        long long mem = acct_mem_kb(u->acct);
        if (mem >= 0 && u->mem_base_kb >= 0 && mem - u->mem_base_kb > u->hwm_kb)
                u->hwm_kb = mem - u->mem_base_kb;
        long long oom = acct_oom_kills(u->acct);
        if (oom > u->oom_base && u->oom_base >= 0)
                u->oom_killed = true;
}

/* Memory or CPU over its limit for case `done` (memory first: a case over both is MLE, so the
 * verdict does not depend on which the sampling saw first). Returns true if the case ended. */
static bool run_check_limits(struct run *u) {
        if (u->finishing || u->stop || u->done >= (long long)u->r->n_cases)
                return false;
        if (u->oom_killed)
                run_fail_casef(u, CASE_MEMORY_LIMIT, "Memory limit exceeded (a process was killed by the "
                                                     "kernel's OOM killer)");
        else if (u->hwm_kb > u->c->memory_mb * 1024)
                run_fail_casef(u, CASE_MEMORY_LIMIT, "Memory limit exceeded (%lld MB)", u->c->memory_mb);
        else if (run_case_cpu_ms(u) > (double)u->c->case_time_ms)
                run_fail_casef(u, CASE_TIME_LIMIT, "Time limit exceeded (%lld ms of CPU time%s)",
                               u->c->case_time_ms,
                               !u->booted ? " before the first case: static initialisers and start-up code count"
                               : !u->running ? " between cases"
                                             : "");
        else
                return false;
        return true;
}

/* The runtime booted: what it used up to here is start-up, free up to the allowance. */
static void run_booted(struct run *u) {
        run_sample(u);
        int64_t boot = u->cpu_ns - u->cpu_start_ns, over = boot - u->c->startup_allowance_ms * 1000000;
        if (over < 0)
                over = 0;
        u->r->startup_ms = (double)boot / 1e6;
        u->r->startup_charged_ms = (double)over / 1e6;
        u->case_base_ns = u->cpu_ns - over;
        u->booted = true;
}

/* Parse "<i> " at *p; returns false unless it is a decimal index equal to want. */
static bool parse_index(const char **p, const char *end, long long want) {
        const char *q = *p;
        long long v = 0;
        if (q >= end || *q < '0' || *q > '9')
                return false;
        while (q < end && *q >= '0' && *q <= '9') {
                if (v > 1000000)
                        return false;
                v = v * 10 + (*q++ - '0');
        }
        if (v != want)
                return false;
        *p = q;
        return true;
}

static bool parse_u64(const char **p, const char *end, unsigned long long *ret) {
        const char *q = *p;
        unsigned long long v = 0;
        if (q >= end || *q < '0' || *q > '9')
                return false;
        while (q < end && *q >= '0' && *q <= '9') {
                if (v > ULLONG_MAX / 10 - 10)
                        return false;
                v = v * 10 + (unsigned long long)(*q++ - '0');
        }
        *ret = v;
        *p = q;
        return true;
}

static void run_line(struct run *u, const char *line, size_t len) {
        const char *end = line + len, *p = line + 2;
        struct result *r = u->r;
        if (u->finishing || u->done >= (long long)r->n_cases)
                return; /* every verdict is in: nothing a late line says can change them */
        if (len == 1 && line[0] == 'B') {
                if (u->booted)
                        run_protocol_error(u, "unexpected B line", line, len);
                else
                        run_booted(u);
                return;
        }
        if (len < 2 || line[1] != ' ') {
                run_protocol_error(u, "malformed line", line, len);
                return;
        }
        switch (line[0]) {
        case 'S':
                if (u->running || !parse_index(&p, end, u->done) || p != end) {
                        run_protocol_error(u, "unexpected S line", line, len);
                        return;
                }
                if (!u->booted)
                        run_booted(u); /* no B line: start-up ends here, which charges no less */
                run_sample(u);
                if (run_check_limits(u))
                        return;
                u->running = true;
                u->case_start_ns = now_ns();
                return;
        case 'R':
        case 'E':
        case 'M': {
                unsigned long long cpu_us = 0;
                if (!u->running || !parse_index(&p, end, u->done) || p >= end || *p++ != ' ' ||
                    !parse_u64(&p, end, &cpu_us) || p >= end || *p++ != ' ') {
                        run_protocol_error(u, "unexpected result line", line, len);
                        return;
                }
                if (line[0] == 'R' && !jsonw_valid(p, (size_t)(end - p))) {
                        run_protocol_error(u, "answer is not valid JSON", line, len);
                        return;
                }
                run_drain_output(u);
                if (u->stop)
                        return; /* the drain hit the output limit */
                /* The case is charged everything up to this line, whoever sent it. */
                run_sample(u);
                if (run_check_limits(u))
                        return;
                struct case_result *cr = &r->cases[u->done];
                cr->time_ms = run_case_cpu_ms(u);
                cr->memory_kb = u->hwm_kb > 0 ? u->hwm_kb : 0;
                if (line[0] == 'R') {
                        cr->status = CASE_OK;
                        cr->answer = malloc((size_t)(end - p) + 1);
                        if (cr->answer) {
                                memcpy(cr->answer, p, (size_t)(end - p));
                                cr->answer_len = (size_t)(end - p);
                        }
                } else {
                        cr->status = line[0] == 'E' ? CASE_RUNTIME_ERROR : CASE_MEMORY_LIMIT;
                        if (jsonw_valid_string(p, (size_t)(end - p)))
                                jsonw_raw(&cr->error, p, (size_t)(end - p));
                        else
                                jsonw_string(&cr->error, p, (size_t)(end - p));
                }
                u->done++;
                u->running = false;
                u->case_base_ns = u->cpu_ns;
                u->idle_since_ns = now_ns();
                if (line[0] != 'R' || u->done == (long long)r->n_cases) {
                        u->finishing = true;
                        u->finish_deadline_ns = now_ns() + (int64_t)GRACE_MS * 1000000;
                }
                return;
        }
        case 'X':
                /* The harness's own failure report, or the user's code writing one: they cannot be
                 * told apart (same process, same fd), so it is the submission's runtime error. */
                run_fail_casef(u, CASE_RUNTIME_ERROR, "Runtime error: the harness stopped: %.*s",
                               (int)(end - p > 1000 ? 1000 : end - p), p);
                return;
        default:
                run_protocol_error(u, "unknown message", line, len);
        }
}

static void run_read_channel(struct run *u) {
        char buf[READ_CHUNK];
        if (u->fd[2] < 0)
                return;
        ssize_t n = read(u->fd[2], buf, sizeof(buf));
        if (n <= 0) {
                if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                        close(u->fd[2]);
                        u->fd[2] = -1;
                        u->chan_eof_ns = now_ns();
                }
                return;
        }
        u->chan_total += n;
        if (u->chan_total > u->c->answer_limit) {
                run_fail_casef(u, CASE_OUTPUT_LIMIT, "Output limit exceeded: answers larger than %lld bytes",
                               u->c->answer_limit);
                return;
        }
        for (ssize_t i = 0; i < n && !u->stop; i++) {
                if (buf[i] != '\n') {
                        if (u->line_len + 1 > u->line_cap) {
                                size_t nc = u->line_cap ? u->line_cap * 2 : 4096;
                                char *l = realloc(u->line, nc);
                                if (!l) {
                                        set_internal(u->r, "out of memory reading the channel");
                                        u->stop = true;
                                        return;
                                }
                                u->line = l;
                                u->line_cap = nc;
                        }
                        u->line[u->line_len++] = buf[i];
                        continue;
                }
                run_line(u, u->line, u->line_len);
                u->line_len = 0;
        }
}

/* The harness is gone before reporting every case: say why, for case `done`. */
static void run_explain_exit(struct run *u, int status, const struct rusage *ru) {
        if (u->done >= (long long)u->r->n_cases || u->stop || u->finishing)
                return; /* every verdict is in already */
        if (ru->ru_maxrss > u->hwm_kb)
                u->hwm_kb = ru->ru_maxrss;
        run_sample(u);

        char what[128];
        long long cpu_s = (long long)(((double)ru->ru_utime.tv_sec + (double)ru->ru_stime.tv_sec));
        long long backstop = u->c->cases * u->c->case_time_ms / 1000 + CPU_BACKSTOP_S;
        if (WIFSIGNALED(status)) {
                int sig = WTERMSIG(status);
                if (sig == SIGKILL && !u->oom_killed && u->hwm_kb <= u->c->memory_mb * 1024 &&
                    (cpu_s >= backstop || run_case_cpu_ms(u) > (double)u->c->case_time_ms)) {
                        run_fail_casef(u, CASE_TIME_LIMIT, "Time limit exceeded (total CPU time of the run)");
                        return;
                }
                if (sig == SIGKILL) {
                        u->oom_killed = true;
                        run_check_limits(u);
                        return;
                }
                if (run_check_limits(u))
                        return;
                if (sig == SIGXCPU) {
                        run_fail_casef(u, CASE_TIME_LIMIT, "Time limit exceeded (total CPU time of the run)");
                        return;
                }
                snprintf(what, sizeof(what), "Runtime error: killed by signal %d (%s)", sig,
                         signal_name(sig));
        } else if (run_check_limits(u))
                return;
        else if (WEXITSTATUS(status) != 0)
                snprintf(what, sizeof(what), "Runtime error: exited with status %d", WEXITSTATUS(status));
        else
                snprintf(what, sizeof(what), "Runtime error: the program exited before the case finished");

        /* The message, then the last of stderr. */
        struct jsonw m = {0};
        jsonw_puts(&m, what);
        size_t tl = u->tail_total < STDERR_TAIL ? u->tail_total : STDERR_TAIL;
        if (tl) {
                jsonw_puts(&m, "\n");
                size_t start = u->tail_total - tl;
                for (size_t i = 0; i < tl; i++)
                        jsonw_raw(&m, &u->tail[(start + i) % STDERR_TAIL], 1);
        }
        run_fail_case(u, CASE_RUNTIME_ERROR, m.data ? m.data : what, m.data ? m.len : strlen(what));
        jsonw_free(&m);
}

static void run_harness(const struct conf *c, struct result *r, struct job *job) {
        char errbuf[512] = "";
        int pout[2] = {-1, -1}, perr[2] = {-1, -1}, pch[2] = {-1, -1}, job_rd = -1;
        struct run u = {.c = c, .r = r, .fd = {-1, -1, -1}};

        if (pipe2(pout, O_CLOEXEC) < 0 || pipe2(perr, O_CLOEXEC) < 0 || pipe2(pch, O_CLOEXEC) < 0 ||
            (job_rd = job_feed_open(job)) < 0) {
                set_internal(r, "pipe: %s", strerror(job_rd < -1 ? -job_rd : errno));
                job_rd = -1;
                goto out;
        }

        /* env + JUDGE_JOB_FD + JUDGE_CHANNEL_FD */
        char **envp = calloc(c->n_env + 3, sizeof(char *));
        if (!envp) {
                set_internal(r, "out of memory");
                goto out;
        }
        for (size_t i = 0; i < c->n_env; i++)
                envp[i] = c->env[i];
        envp[c->n_env] = (char *)"JUDGE_JOB_FD=4";
        envp[c->n_env + 1] = (char *)"JUDGE_CHANNEL_FD=3";

        long long cpu_s = (c->cases * c->case_time_ms + c->startup_allowance_ms + 999) / 1000 + CPU_BACKSTOP_S;
        struct step s = {
                .argv = c->run_argv,
                .envp = envp,
                .workdir = c->workdir,
                .cpu_s = cpu_s,
                .stack_mb = c->stack_mb,
                .c = c,
                .fd_out = pout[1],
                .fd_err = perr[1],
                .fd_chan = pch[1],
                .fd_job = job_rd,
        };
        /* The baseline: what the container holds and has used before the harness exists. */
        u.acct = &sub_acct;
        u.cpu_start_ns = sub_acct.cpu_kind == ACCT_PROC ? 0 : acct_cpu_ns(&sub_acct, 0);
        u.cpu_ns = u.cpu_start_ns;
        u.mem_base_kb = acct_mem_kb(&sub_acct);
        u.oom_base = acct_oom_kills(&sub_acct);
        u.busy_ns = now_ns();
        u.pid = step_start(&s, errbuf, sizeof(errbuf));
        free(envp);
        close(pout[1]);
        close(perr[1]);
        close(pch[1]);
        close(job_rd);
        pout[1] = perr[1] = pch[1] = job_rd = -1;
        if (u.pid < 0) {
                set_internal(r, "run step: %s", errbuf);
                goto out;
        }
        u.fd[0] = TAKE(pout[0]);
        u.fd[1] = TAKE(perr[0]);
        u.fd[2] = TAKE(pch[0]);
        for (int k = 0; k < 3; k++)
                fcntl(u.fd[k], F_SETFL, O_NONBLOCK);
        u.idle_since_ns = now_ns();

        int status = 0;
        struct rusage ru = {0};
        bool exited = false;
        while (!exited && !u.stop) {
                struct pollfd pfd[4];
                int nfds = 0;
                for (int k = 0; k < 3; k++)
                        if (u.fd[k] >= 0)
                                pfd[nfds++] = (struct pollfd){.fd = u.fd[k], .events = POLLIN};
                if (job_feed_pending(job))
                        pfd[nfds++] = (struct pollfd){.fd = job->fd, .events = POLLOUT};
                if (nfds)
                        poll(pfd, (nfds_t)nfds, POLL_MS);
                else
                        usleep(POLL_MS * 1000);

                run_read_output(&u, 0);
                run_read_output(&u, 1);
                if (!u.stop)
                        run_read_channel(&u);
                /* Case i goes down the job pipe only once case i-1 has answered. */
                if (!u.stop && !u.finishing)
                        job_feed_allow(job, u.done);
                job_feed_pump(job);

                /* Reap the harness and any orphan handed to us (we are PID 1 or a subreaper). */
                pid_t w;
                int st;
                struct rusage wru;
                while ((w = wait4(-1, &st, WNOHANG, &wru)) > 0)
                        if (w == u.pid) {
                                status = st;
                                ru = wru;
                                exited = true;
                        }
                if (exited) {
                        /* Its last words may still be in the pipes (bounded by the limits). */
                        for (int i = 0; i < 4096 && !u.stop && u.fd[2] >= 0; i++) {
                                long long before = u.chan_total;
                                run_read_channel(&u);
                                if (u.chan_total == before)
                                        break;
                        }
                        if (!u.stop)
                                run_drain_output(&u);
                        break;
                }
                if (u.stop)
                        break;

                run_sample(&u);
                if (run_check_limits(&u))
                        break;
                /* Wall time ends a case only when it is clearly not computing (none of its
                 * threads runnable, even waiting for a CPU, for half a second): a busy case on a
                 * loaded machine is judged by its CPU time alone, so verdicts do not depend on
                 * the load. Four times the limit ends it anyway (the host's deadline is further
                 * still). */
                int64_t now = now_ns();
                bool idle = now - u.busy_ns > 500 * 1000000LL;
                int64_t wall_limit = (int64_t)c->case_wall_ms * 1000000,
                        idle_limit = (int64_t)(IDLE_WALL_MS + c->case_wall_ms) * 1000000;
                if (u.running && now - u.case_start_ns > wall_limit && (idle || now - u.case_start_ns > 4 * wall_limit))
                        run_fail_casef(&u, CASE_TIME_LIMIT,
                                       "Time limit exceeded (%lld ms of wall time; sleeping or blocked?)",
                                       c->case_wall_ms);
                else if (u.finishing && now > u.finish_deadline_ns)
                        u.stop = true; /* verdicts are in; the harness just does not exit */
                else if (!u.running && !u.finishing && now - u.idle_since_ns > idle_limit &&
                         (idle || now - u.idle_since_ns > 4 * idle_limit))
                        run_fail_casef(&u, CASE_TIME_LIMIT,
                                       "Time limit exceeded (no case started within %lld ms)",
                                       IDLE_WALL_MS + c->case_wall_ms);
                else if (u.fd[2] < 0 && !u.finishing && now - u.chan_eof_ns > 500 * 1000000LL)
                        /* Closed by the user's code (the harness, when it fails, exits: that is
                         * explained by its exit status, which is why this waits a little). */
                        run_fail_casef(&u, CASE_RUNTIME_ERROR,
                                       "Runtime error: the answer channel was closed before every case was "
                                       "answered; did the solution close the harness's file descriptors?");
        }

        if (!exited) {
                u.killed_by_us = true;
                kill(-u.pid, SIGKILL);
                while (wait4(u.pid, &status, 0, &ru) < 0 && errno == EINTR)
                        ;
        } else
                run_explain_exit(&u, status, &ru);
        kill(-u.pid, SIGKILL);
        r->memory_kb = ru.ru_maxrss;
        if (u.hwm_kb > r->memory_kb)
                r->memory_kb = u.hwm_kb;
        /* A case the harness finished before the runner could sample it: the final peak is the
         * best bound there is. */
        for (size_t i = 0; i < r->n_cases; i++)
                if (r->cases[i].status != CASE_NOT_RUN && r->cases[i].memory_kb == 0)
                        r->cases[i].memory_kb = r->memory_kb;

out:
        for (int k = 0; k < 3; k++)
                if (u.fd[k] >= 0)
                        close(u.fd[k]);
        int fds[] = {pout[0], pout[1], perr[0], perr[1], pch[0], pch[1], job_rd};
        for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
                if (fds[i] >= 0)
                        close(fds[i]);
        free(u.line);
        if (u.pid > 0)
                kill_everything(u.pid);
}

/* ---------- the result document ---------- */

static void print_result(struct result *r) {
        struct jsonw w = {0};
        jsonw_puts(&w, "JUDGE-RESULT-V1\n{\"status\":");
        jsonw_string(&w, r->status, strlen(r->status));
        jsonw_puts(&w, ",\"message\":");
        jsonw_string(&w, r->message.data ? r->message.data : "", r->message.len);
        jsonw_puts(&w, ",\"compile_output\":");
        jsonw_string(&w, r->compile_output.data ? r->compile_output.data : "", r->compile_output.len);
        jsonw_printf(&w, ",\"compile_time_ms\":%.3f", r->compile_time_ms);
        double total = 0;
        for (size_t i = 0; i < r->n_cases; i++)
                total += r->cases[i].time_ms;
        jsonw_printf(&w, ",\"time_ms\":%.3f,\"memory_kb\":%lld", total, r->memory_kb);
        jsonw_printf(&w, ",\"startup_ms\":%.3f,\"startup_charged_ms\":%.3f", r->startup_ms,
                     r->startup_charged_ms);
        if (r->notes.len) {
                jsonw_puts(&w, ",\"notes\":");
                jsonw_string(&w, r->notes.data, r->notes.len);
        }
        jsonw_puts(&w, ",\"cases\":[");
        for (size_t i = 0; i < r->n_cases; i++) {
                struct case_result *cr = &r->cases[i];
                jsonw_puts(&w, i ? ",{\"status\":\"" : "{\"status\":\"");
                jsonw_puts(&w, case_status_name[cr->status]);
                jsonw_printf(&w, "\",\"time_ms\":%.3f,\"memory_kb\":%lld,\"answer\":", cr->time_ms,
                             cr->memory_kb);
                if (cr->answer)
                        jsonw_raw(&w, cr->answer, cr->answer_len);
                else
                        jsonw_puts(&w, "null");
                jsonw_puts(&w, ",\"stdout\":");
                jsonw_string(&w, cr->out.data ? cr->out.data : "", cr->out.len);
                jsonw_puts(&w, ",\"stderr\":");
                jsonw_string(&w, cr->err.data ? cr->err.data : "", cr->err.len);
                jsonw_printf(&w,
                             ",\"truncated\":%s,\"error\":", cr->out.over || cr->err.over ? "true" : "false");
                if (cr->error.len)
                        jsonw_raw(&w, cr->error.data, cr->error.len);
                else
                        jsonw_puts(&w, "\"\"");
                jsonw_puts(&w, "}");
        }
        jsonw_puts(&w, "]}\n");
        if (w.oom) {
                /* Tell the host something it can parse rather than a torn document. */
                static const char fallback[] = "JUDGE-RESULT-V1\n{\"status\":\"internal_error\",\"message\":"
                                               "\"runner out of memory writing the result\",\"cases\":[]}\n";
                jsonw_free(&w);
                jsonw_raw(&w, fallback, sizeof(fallback) - 1);
        }
        for (size_t off = 0; w.data && off < w.len;) {
                ssize_t n = write(STDOUT_FILENO, w.data + off, w.len - off);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0)
                        break;
                off += (size_t)n;
        }
        jsonw_free(&w);
}

int main(int argc, char **argv) {
        struct result r = {.status = "ok"};
        struct conf c = {0};
        struct job job;
        char errbuf[512] = "";

        /* Before anything else: the key leaves the environment (and children never get it). */
        job_take_key(&job);

        /* Keep 0, 1 and 2 taken, so no pipe of ours can land there by accident. */
        for (;;) {
                int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
                if (fd >= 3)
                        close(fd);
                if (fd < 0 || fd >= 3)
                        break;
        }
        /* Same uid as the user's code: without this it could open /proc/1/fd/... and /proc/1/mem. */
        prctl(PR_SET_DUMPABLE, 0);
        /* Outside a container, orphans of the harness come to us so we can end them too. */
        prctl(PR_SET_CHILD_SUBREAPER, 1);
        signal(SIGPIPE, SIG_IGN);
        clk_tck = sysconf(_SC_CLK_TCK);
        if (clk_tck <= 0)
                clk_tck = 100;
        r.compile_output.cap = COMPILE_OUTPUT_CAP;
        {
                /* First, while the runner is still alone in its cgroup. */
                char note[400];
                acct_init(&sub_acct, note, sizeof(note));
                if (note[0])
                        add_note(&r, "%s", note);
        }

        if (argc != 2) {
                set_internal(&r, "usage: judge-runner /path/to/runner.conf");
                goto print;
        }
        if (conf_load(argv[1], &c, errbuf, sizeof(errbuf)) < 0) {
                set_internal(&r, "%s", errbuf);
                goto print;
        }
        r.n_cases = (size_t)c.cases;
        r.cases = calloc(r.n_cases ? r.n_cases : 1, sizeof(struct case_result));
        if (!r.cases) {
                r.n_cases = 0;
                set_internal(&r, "out of memory");
                goto print;
        }
        for (size_t i = 0; i < r.n_cases; i++)
                r.cases[i].out.cap = r.cases[i].err.cap = (size_t)c.stdout_cap;

        /* The src directory and job.enc sit next to runner.conf (/sub/p in a container). */
        char confdir[PATH_MAX], srcdir[PATH_MAX + 8], jobpath[PATH_MAX + 16];
        snprintf(confdir, sizeof(confdir), "%s", argv[1]);
        char *slash = strrchr(confdir, '/');
        if (slash == confdir)
                confdir[1] = '\0';
        else if (slash)
                *slash = '\0';
        else
                snprintf(confdir, sizeof(confdir), ".");
        snprintf(srcdir, sizeof(srcdir), "%s/src", confdir);
        snprintf(jobpath, sizeof(jobpath), "%s/job.enc", confdir);

        seccomp_setup(&r);
        if (prepare_workdir(&c, srcdir, errbuf, sizeof(errbuf)) < 0) {
                set_internal(&r, "workdir: %s", errbuf);
                goto print;
        }
        if (c.n_compile > 0 && !run_compile(&c, &r))
                goto print;
        kill_everything(0); /* nothing the compile step left may run on the submission's account */
        /* Decrypted only now: the compile step is over. */
        if (job_load(&job, jobpath, c.cases, errbuf, sizeof(errbuf)) < 0) {
                set_internal(&r, "job: %s", errbuf);
                goto print;
        }
        run_harness(&c, &r, &job);

print:
        kill_everything(0);
        print_result(&r);
        for (size_t i = 0; i < r.n_cases; i++) {
                free(r.cases[i].answer);
                free(r.cases[i].out.data);
                free(r.cases[i].err.data);
                jsonw_free(&r.cases[i].error);
        }
        free(r.cases);
        free(r.compile_output.data);
        jsonw_free(&r.message);
        jsonw_free(&r.notes);
        conf_free(&c);
        job_free(&job);
        return 0;
}
