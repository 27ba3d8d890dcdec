/* The submission's CPU and memory, from its container's cgroup (see acct.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "acct.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *const acct_kind_name[_ACCT_KIND_MAX] = {
        [ACCT_PROC] = "proc",
        [ACCT_CGROUP_V1] = "cgroup v1",
        [ACCT_CGROUP_V2] = "cgroup v2",
};

static ssize_t read_text(const char *path, char *buf, size_t size) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        size_t len = 0;
        while (len + 1 < size) {
                ssize_t n = read(fd, buf + len, size - 1 - len);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0)
                        break;
                len += (size_t)n;
        }
        close(fd);
        buf[len] = '\0';
        return (ssize_t)len;
}

/* The value after "\n<key> " (or at the very start) in a "key value" file; -1 if absent. */
static long long keyed(const char *text, const char *key) {
        size_t kl = strlen(key);
        for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
                if (strncmp(p, key, kl) == 0 && (p[kl] == ' ' || p[kl] == ':' || p[kl] == '\t'))
                        return strtoll(p + kl + 1, NULL, 10);
        return -1;
}

/* Is the runner the only process listed in dir/cgroup.procs? */
static bool alone_in(const char *dir) {
        char path[PATH_MAX + 32], buf[256];
        snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
        if (read_text(path, buf, sizeof(buf)) <= 0)
                return false;
        char *end;
        long pid = strtol(buf, &end, 10);
        while (*end == '\n' || *end == ' ')
                end++;
        return pid == (long)getpid() && *end == '\0';
}

static bool readable(const char *dir, const char *file) {
        char path[PATH_MAX + 64], buf[64];
        snprintf(path, sizeof(path), "%s/%s", dir, file);
        return read_text(path, buf, sizeof(buf)) > 0;
}

/* The runner's cgroup path for a v1 controller ("cpuacct", "memory") or v2 (ctrl NULL). */
static bool own_path(const char *ctrl, char *ret, size_t len) {
        char buf[4096];
        if (read_text("/proc/self/cgroup", buf, sizeof(buf)) <= 0)
                return false;
        for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
                char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
                if (!c2)
                        continue;
                *c2 = '\0';
                const char *ctrls = c1 + 1, *path = c2 + 1;
                bool match = false;
                if (!ctrl)
                        match = c1 == line + 1 && line[0] == '0' && *ctrls == '\0';
                else
                        for (char *s = (char *)ctrls, *save = NULL, *t; (t = strtok_r(s, ",", &save)); s = NULL)
                                match |= strcmp(t, ctrl) == 0;
                if (match) {
                        snprintf(ret, len, "%s", strcmp(path, "/") == 0 ? "" : path);
                        return true;
                }
        }
        return false;
}

/* Find the directory of the runner's cgroup for ctrl under one of the mount points, holding
 * `file` and nobody but the runner. With a host cgroup namespace (Docker and Podman on v1), the
 * container's own cgroup is mounted at the mount point itself; elsewhere it is mount + path. */
static bool find_dir(const char *const *mounts, const char *ctrl, const char *file, char *ret, size_t len) {
        char own[PATH_MAX];
        if (!own_path(ctrl, own, sizeof(own)))
                return false;
        for (int pass = 0; pass < 2; pass++)
                for (const char *const *m = mounts; *m; m++) {
                        char dir[PATH_MAX];
                        if ((size_t)snprintf(dir, sizeof(dir), "%s%s", *m, pass == 0 ? own : "") >= sizeof(dir))
                                continue;
                        if (readable(dir, file) && alone_in(dir)) {
                                snprintf(ret, len, "%s", dir);
                                return true;
                        }
                }
        return false;
}

void acct_init(struct acct *a, char *note, size_t notelen) {
        static const char *const v1_cpu[] = {"/sys/fs/cgroup/cpuacct", "/sys/fs/cgroup/cpu,cpuacct",
                                             "/sys/fs/cgroup/cpuacct,cpu", NULL};
        static const char *const v1_mem[] = {"/sys/fs/cgroup/memory", NULL};
        static const char *const v2[] = {"/sys/fs/cgroup", "/sys/fs/cgroup/unified", NULL};
        const char *force = getenv("JUDGE_RUNNER_ACCOUNTING");
        bool try_v1 = !force || strcmp(force, "v1") == 0, try_v2 = !force || strcmp(force, "v2") == 0;
        char dir[PATH_MAX];

        *a = (struct acct){.cpu_kind = ACCT_PROC, .mem_kind = ACCT_PROC};
        a->clk_tck = sysconf(_SC_CLK_TCK);
        if (a->clk_tck <= 0)
                a->clk_tck = 100;
        if (try_v1 && find_dir(v1_cpu, "cpuacct", "cpuacct.usage", dir, sizeof(dir))) {
                a->cpu_kind = ACCT_CGROUP_V1;
                snprintf(a->cpu_file, sizeof(a->cpu_file), "%s/cpuacct.usage", dir);
                snprintf(a->procs_file, sizeof(a->procs_file), "%s/cgroup.procs", dir);
        } else if (try_v2 && find_dir(v2, NULL, "cpu.stat", dir, sizeof(dir))) {
                a->cpu_kind = ACCT_CGROUP_V2;
                snprintf(a->cpu_file, sizeof(a->cpu_file), "%s/cpu.stat", dir);
                snprintf(a->procs_file, sizeof(a->procs_file), "%s/cgroup.procs", dir);
        }
        if (try_v1 && find_dir(v1_mem, "memory", "memory.stat", dir, sizeof(dir))) {
                a->mem_kind = ACCT_CGROUP_V1;
                snprintf(a->mem_file, sizeof(a->mem_file), "%s/memory.stat", dir);
                snprintf(a->oom_file, sizeof(a->oom_file), "%s/memory.oom_control", dir);
        } else if (try_v2 && find_dir(v2, NULL, "memory.stat", dir, sizeof(dir))) {
                a->mem_kind = ACCT_CGROUP_V2;
                snprintf(a->mem_file, sizeof(a->mem_file), "%s/memory.stat", dir);
                snprintf(a->oom_file, sizeof(a->oom_file), "%s/memory.events", dir);
        }
        if (note && notelen) {
                note[0] = '\0';
                if (a->cpu_kind == ACCT_PROC || a->mem_kind == ACCT_PROC)
                        snprintf(note, notelen,
                                 "no cgroup of its own for %s%s%s: measured the harness process only "
                                 "(other processes and threads of the submission may not be charged)",
                                 a->cpu_kind == ACCT_PROC ? "CPU" : "",
                                 a->cpu_kind == ACCT_PROC && a->mem_kind == ACCT_PROC ? " and " : "",
                                 a->mem_kind == ACCT_PROC ? "memory" : "");
        }
}

static int64_t self_cpu_ns(void) {
        struct timespec ts;
        if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
                return 0;
        return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t acct_cpu_ns(const struct acct *a, pid_t harness) {
        char buf[4096];
        if (a->cpu_kind == ACCT_CGROUP_V1 || a->cpu_kind == ACCT_CGROUP_V2) {
                /* Our own clock first: what we burn reading the file is then in both numbers. */
                int64_t self = self_cpu_ns();
                if (read_text(a->cpu_file, buf, sizeof(buf)) <= 0)
                        return -1;
                long long v = a->cpu_kind == ACCT_CGROUP_V1 ? strtoll(buf, NULL, 10) : keyed(buf, "usage_usec");
                if (v < 0)
                        return -1;
                return (a->cpu_kind == ACCT_CGROUP_V1 ? (int64_t)v : (int64_t)v * 1000) - self;
        }
        char path[64];
        snprintf(path, sizeof(path), "/proc/%d/stat", (int)harness);
        if (read_text(path, buf, sizeof(buf)) <= 0)
                return -1;
        char *p = strrchr(buf, ')');
        unsigned long long ut, st;
        long long cut, cst;
        /* After ") ": state(3) ... utime(14) stime(15) cutime(16) cstime(17) */
        if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld", &ut, &st,
                         &cut, &cst) != 4)
                return -1;
        return (int64_t)((ut + st + (unsigned long long)cut + (unsigned long long)cst) * 1000000000ULL /
                         (unsigned long long)a->clk_tck);
}

long long acct_mem_kb(const struct acct *a) {
        char buf[8192];
        long long anon, shmem;
        if (a->mem_kind == ACCT_PROC || read_text(a->mem_file, buf, sizeof(buf)) <= 0)
                return -1;
        if (a->mem_kind == ACCT_CGROUP_V1) {
                anon = keyed(buf, "total_rss");
                shmem = keyed(buf, "total_shmem");
                if (anon < 0) {
                        anon = keyed(buf, "rss");
                        shmem = keyed(buf, "shmem");
                }
        } else {
                anon = keyed(buf, "anon");
                shmem = keyed(buf, "shmem");
        }
        if (anon < 0)
                return -1;
        long long kb = (anon + (shmem > 0 ? shmem : 0)) / 1024;
        if (read_text("/proc/self/status", buf, sizeof(buf)) > 0) {
                char *p = strstr(buf, "\nRssAnon:");
                if (p)
                        kb -= strtoll(p + 9, NULL, 10);
        }
        return kb;
}

long long acct_oom_kills(const struct acct *a) {
        char buf[1024];
        if (a->mem_kind == ACCT_PROC || read_text(a->oom_file, buf, sizeof(buf)) <= 0)
                return -1;
        return keyed(buf, "oom_kill");
}

/* Does process pid have a thread in state R or D? */
static bool pid_runnable(long pid) {
        char path[64], buf[512];
        snprintf(path, sizeof(path), "/proc/%ld/task", pid);
        DIR *d = opendir(path);
        if (!d)
                return false;
        bool busy = false;
        struct dirent *de;
        while (!busy && (de = readdir(d))) {
                if (de->d_name[0] < '0' || de->d_name[0] > '9')
                        continue;
                char sp[128];
                snprintf(sp, sizeof(sp), "/proc/%ld/task/%.20s/stat", pid, de->d_name);
                if (read_text(sp, buf, sizeof(buf)) <= 0)
                        continue;
                char *p = strrchr(buf, ')');
                busy = p && p[1] == ' ' && (p[2] == 'R' || p[2] == 'D');
        }
        closedir(d);
        return busy;
}

bool acct_runnable(const struct acct *a, pid_t harness) {
        char buf[16384];
        if (a->cpu_kind == ACCT_PROC || read_text(a->procs_file, buf, sizeof(buf)) <= 0)
                return pid_runnable(harness);
        long self = (long)getpid();
        for (char *p = buf, *end; *p; p = end) {
                long pid = strtol(p, &end, 10);
                if (end == p)
                        break;
                if (pid > 0 && pid != self && pid_runnable(pid))
                        return true;
        }
        return false;
}

long long acct_hwm_kb(pid_t pid) {
        char path[64], buf[4096];
        snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
        if (read_text(path, buf, sizeof(buf)) <= 0)
                return -1;
        char *p = strstr(buf, "\nVmHWM:");
        return p ? strtoll(p + 7, NULL, 10) : -1;
}
