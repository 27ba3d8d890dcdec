/* Runs the built judge-runner on the host (no container) against the fake harnesses in
 * test/runner/ and checks the result documents. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yajl/yajl_tree.h>

#include "../../harness/runner/chacha20.h"
#include "engine/jobseal.h"
#include "tap.h"
#include "testlib.h"

#define RUNNER BUILD_ROOT "/harness/runner/judge-runner"
#define FIXTURES SOURCE_ROOT "/test/runner"

static char tmproot[] = "/tmp/judge-test-runner-XXXXXX";
static int conf_seq;
/* The key of the last job written: the runner gets it in its environment. */
static char key_env[JOBSEAL_ENV_SIZE];
/* When set, the next run gets no key (or this bad one, if not empty). */
static const char *bad_key;

/* Cgroups the runner is started in, as in a container: one per controller, made under the
 * test's own cgroup (a child of it, so nothing leaves its accounting). cg_mode: 0 none (the
 * runner's /proc fallback), 1 cgroup v1 (cpuacct + memory), 2 the v2 hierarchy's cpu.stat. */
static int cg_mode;
static char cg_dirs[3][600];
static int cg_seq;

static bool cg_own(const char *ctrl, char *ret, size_t len) {
        FILE *f = fopen("/proc/self/cgroup", "r");
        char line[1024];
        bool found = false;
        while (f && fgets(line, sizeof(line), f)) {
                line[strcspn(line, "\n")] = '\0';
                char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
                if (!c2)
                        continue;
                *c2 = '\0';
                if (ctrl ? strcmp(c1 + 1, ctrl) == 0 : c1 == line + 1 && line[0] == '0') {
                        snprintf(ret, len, "%s", strcmp(c2 + 1, "/") == 0 ? "" : c2 + 1);
                        found = true;
                }
        }
        if (f)
                fclose(f);
        return found;
}

/* Fresh, empty cgroups for the next run; false if they cannot be made (not root, no cgroupfs). */
static bool cg_make(void) {
        static const char *const v1[][2] = {{"cpuacct", "/sys/fs/cgroup/cpuacct"}, {"memory", "/sys/fs/cgroup/memory"}};
        char own[400];
        cg_seq++;
        memset(cg_dirs, 0, sizeof(cg_dirs));
        if (cg_mode == 1)
                for (int i = 0; i < 2; i++) {
                        if (!cg_own(v1[i][0], own, sizeof(own)))
                                return false;
                        snprintf(cg_dirs[i], sizeof(cg_dirs[i]), "%s%s/judge-test-runner-%d-%d", v1[i][1], own,
                                 (int)getpid(), cg_seq);
                        if (mkdir(cg_dirs[i], 0755) < 0)
                                return false;
                }
        if (cg_mode == 2) {
                if (!cg_own(NULL, own, sizeof(own)))
                        return false;
                snprintf(cg_dirs[0], sizeof(cg_dirs[0]), "/sys/fs/cgroup/unified%s/judge-test-runner-%d-%d", own,
                         (int)getpid(), cg_seq);
                if (mkdir(cg_dirs[0], 0755) < 0)
                        return false;
        }
        return true;
}

/* In the runner's child, before exec: move into the cgroups. */
static void cg_enter(void) {
        for (int i = 0; i < 3; i++) {
                if (!cg_dirs[i][0])
                        continue;
                char path[700];
                snprintf(path, sizeof(path), "%s/cgroup.procs", cg_dirs[i]);
                FILE *f = fopen(path, "w");
                if (f) {
                        fprintf(f, "0\n");
                        fclose(f);
                }
        }
}

static void cg_remove(void) {
        for (int i = 0; i < 3; i++)
                if (cg_dirs[i][0]) {
                        for (int k = 0; k < 100 && rmdir(cg_dirs[i]) < 0 && errno == EBUSY; k++)
                                usleep(10000);
                        cg_dirs[i][0] = '\0';
                }
}

struct run_result {
        yajl_val doc;    /* the parsed JSON line, NULL if there was none */
        char *raw;       /* the runner's whole stdout */
        double seconds;  /* wall time of the runner */
        int exit_status; /* of the runner process */
        char dir[512];   /* the conf's directory (workdir is <dir>/w) */
};

/* Base limits; extra lines override (later keys win for numbers). */
static const char base_conf[] = "env=PATH=/usr/bin:/bin\n"
                                "cases=1\n"
                                "case_time_ms=1000\n"
                                "case_wall_ms=2000\n"
                                "memory_mb=256\n"
                                "output_limit=1000000\n"
                                "stdout_cap=1000\n"
                                "answer_limit=100000\n"
                                "stack_mb=64\n"
                                "nproc=1000\n"
                                "nofile=64\n"
                                "fsize_mb=10\n";

static char *read_all(int fd) {
        size_t len = 0, cap = 65536;
        char *b = malloc(cap);
        for (;;) {
                if (len + 1 >= cap)
                        b = realloc(b, cap *= 2);
                ssize_t n = read(fd, b + len, cap - len - 1);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0)
                        break;
                len += (size_t)n;
        }
        b[len] = '\0';
        return b;
}

/* The number of cases the conf text asks for (the last "cases=" line wins). */
static long conf_cases(const char *conf) {
        long n = 1;
        for (const char *p = conf; (p = strstr(p, "cases=")); p += 6)
                if (p == conf || p[-1] == '\n')
                        n = strtol(p + 6, NULL, 10);
        return n;
}

/* Seal a job of n cases into dir/job.enc, as the host does: the header line, then case i's
 * line {"args":[1000+i]}. Sets key_env. */
static void write_job(const char *dir, long n) {
        size_t cap = JOBSEAL_HEADER_BYTES + 256 + (size_t)(n > 0 ? n : 0) * 64, len = JOBSEAL_HEADER_BYTES;
        char *b = calloc(1, cap);
        len += (size_t)snprintf(b + len, cap - len, "{\"signature\":{\"kind\":\"function\"},\"case_count\":%ld}\n", n);
        for (long i = 0; i < n; i++)
                len += (size_t)snprintf(b + len, cap - len, "{\"args\":[%ld]}\n", 1000 + i);
        struct judge_error err = {0};
        if (jobseal_seal(b, len, key_env, &err) < 0)
                printf("# seal: %s\n", err.msg);
        char path[600];
        snprintf(path, sizeof(path), "%s/job.enc", dir);
        FILE *f = fopen(path, "w");
        fwrite(b, 1, len, f);
        fclose(f);
        free(b);
}

/* Write a conf (base + extra, workdir <dir>/w) and a sealed job into a fresh directory,
 * optionally with a src symlink, run the runner on it (the key in its environment) and parse
 * its document. */
static void run_runner(struct run_result *res, const char *extra, const char *srcdir) {
        memset(res, 0, sizeof(*res));
        snprintf(res->dir, sizeof(res->dir), "%s/c%d", tmproot, ++conf_seq);
        mkdir(res->dir, 0700);
        if (srcdir) {
                char link[600];
                snprintf(link, sizeof(link), "%s/src", res->dir);
                if (symlink(srcdir, link) < 0)
                        perror("symlink");
        }
        char path[600];
        snprintf(path, sizeof(path), "%s/runner.conf", res->dir);
        FILE *f = fopen(path, "w");
        fprintf(f, "workdir=%s/w\n%s%s", res->dir, base_conf, extra);
        fclose(f);
        char all[8192];
        snprintf(all, sizeof(all), "%s%s", base_conf, extra);
        write_job(res->dir, conf_cases(all));

        if (cg_mode && !cg_make())
                printf("# could not make the cgroups (%s)\n", strerror(errno));
        int p[2];
        if (pipe(p) < 0)
                abort();
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        pid_t pid = fork();
        if (pid == 0) {
                dup2(p[1], 1);
                close(p[0]);
                close(p[1]);
                cg_enter();
                if (cg_mode == 2)
                        setenv("JUDGE_RUNNER_ACCOUNTING", "v2", 1);
                if (!bad_key)
                        putenv(key_env);
                else if (*bad_key)
                        setenv("JUDGE_JOB_KEY", bad_key, 1);
                execl(RUNNER, RUNNER, path, (char *)NULL);
                _exit(127);
        }
        close(p[1]);
        res->raw = read_all(p[0]);
        close(p[0]);
        int st;
        waitpid(pid, &st, 0);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        res->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        res->exit_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        cg_remove();

        const char *magic = "JUDGE-RESULT-V1\n";
        if (strncmp(res->raw, magic, strlen(magic)) == 0) {
                char errbuf[256];
                res->doc = yajl_tree_parse(res->raw + strlen(magic), errbuf, sizeof(errbuf));
                if (!res->doc)
                        printf("# parse error: %s\n", errbuf);
        }
        if (!res->doc)
                printf("# runner output: %.2000s\n", res->raw);
}

static void run_free(struct run_result *res) {
        yajl_tree_free(res->doc);
        free(res->raw);
}

static yajl_val get(yajl_val v, const char *key) {
        const char *path[] = {key, NULL};
        return v ? yajl_tree_get(v, path, yajl_t_any) : NULL;
}

static const char *str(yajl_val v, const char *key) {
        yajl_val s = get(v, key);
        return YAJL_IS_STRING(s) ? YAJL_GET_STRING(s) : "<missing>";
}

static double num(yajl_val v, const char *key) {
        yajl_val n = get(v, key);
        return YAJL_IS_NUMBER(n) ? YAJL_GET_DOUBLE(n) : -1;
}

static yajl_val case_at(struct run_result *res, size_t i) {
        yajl_val cases = get(res->doc, "cases");
        if (!YAJL_IS_ARRAY(cases) || i >= cases->u.array.len)
                return NULL;
        return cases->u.array.values[i];
}

static size_t n_cases(struct run_result *res) {
        yajl_val cases = get(res->doc, "cases");
        return YAJL_IS_ARRAY(cases) ? cases->u.array.len : 0;
}

static const char *case_status(struct run_result *res, size_t i) {
        yajl_val c = case_at(res, i);
        return c ? str(c, "status") : "<no case>";
}

static bool has(const char *hay, const char *needle) {
        return hay && strstr(hay, needle);
}

static char conf_buf[4096];
static const char *harness(const char *script, const char *extra) {
        snprintf(conf_buf, sizeof(conf_buf), "run_arg=/bin/sh\nrun_arg=%s/%s\n%s", FIXTURES, script,
                 extra ? extra : "");
        return conf_buf;
}

static pid_t read_pid(const char *dir, const char *name) {
        char path[700];
        snprintf(path, sizeof(path), "%s/w/%s", dir, name);
        return testlib_read_int(path);
}

int main(void) {
        struct run_result r;

        if (access(RUNNER, X_OK) < 0) {
                printf("not ok 1 - runner binary %s missing\n1..1\n", RUNNER);
                return 1;
        }
        if (!mkdtemp(tmproot)) {
                perror("mkdtemp");
                return 1;
        }

        /* Normal run: three cases, output attributed per case. */
        run_runner(&r, harness("normal.sh", "cases=3\n"), NULL);
        CHECK(r.exit_status == 0, "normal: runner exits 0");
        CHECK(r.doc != NULL, "normal: document parses");
        CHECK(strcmp(str(r.doc, "status"), "ok") == 0, "normal: status ok");
        CHECK(n_cases(&r) == 3, "normal: 3 cases");
        for (size_t i = 0; i < 3; i++) {
                char want[16];
                yajl_val c = case_at(&r, i);
                CHECK(strcmp(case_status(&r, i), "ok") == 0, "normal: case %zu ok", i);
                snprintf(want, sizeof(want), "out%zu\n", i);
                CHECK(c && strcmp(str(c, "stdout"), want) == 0, "normal: case %zu stdout '%s'", i,
                      c ? str(c, "stdout") : "");
                snprintf(want, sizeof(want), "err%zu\n", i);
                CHECK(c && strcmp(str(c, "stderr"), want) == 0, "normal: case %zu stderr", i);
                yajl_val a = get(c, "answer");
                CHECK(YAJL_IS_ARRAY(a) && a->u.array.len == 2 && YAJL_IS_INTEGER(a->u.array.values[0]) &&
                              YAJL_GET_INTEGER(a->u.array.values[0]) == (long long)i &&
                              has(YAJL_GET_STRING(a->u.array.values[1]), "x\xc3\xa9"),
                      "normal: case %zu answer passed through", i);
                CHECK(c && num(c, "time_ms") >= 0 && num(c, "time_ms") <= 10.0,
                      "normal: case %zu time_ms %.3f", i, c ? num(c, "time_ms") : -1);
                CHECK(c && YAJL_IS_FALSE(get(c, "truncated")), "normal: case %zu not truncated", i);
        }
        CHECK(num(r.doc, "memory_kb") > 0, "normal: memory_kb reported");
        CHECK(has(str(r.doc, "notes"), "no cgroup of its own"), "normal: the /proc fallback is noted ('%s')",
              str(r.doc, "notes"));
        CHECK(num(r.doc, "startup_ms") >= 0 && num(r.doc, "startup_charged_ms") >= 0, "normal: startup_ms reported");
        run_free(&r);

        /* E line: runtime_error, later cases not_run. */
        run_runner(&r, harness("error.sh", "cases=3\n"), NULL);
        CHECK(strcmp(case_status(&r, 0), "ok") == 0, "error: case 0 ok");
        CHECK(strcmp(case_status(&r, 1), "runtime_error") == 0, "error: case 1 runtime_error");
        CHECK(strcmp(case_status(&r, 2), "not_run") == 0, "error: case 2 not_run");
        CHECK(has(str(case_at(&r, 1), "error"), "ValueError: boom"), "error: message passed through");
        CHECK(has(str(case_at(&r, 1), "stderr"), "Traceback"), "error: stderr of case 1");
        run_free(&r);

        /* CPU busy loop: time_limit after about case_time_ms of CPU. */
        run_runner(&r, harness("busy.sh", "case_time_ms=300\ncase_wall_ms=5000\n"), NULL);
        CHECK(strcmp(case_status(&r, 0), "time_limit") == 0, "busy: time_limit");
        CHECK(has(str(case_at(&r, 0), "error"), "CPU"), "busy: by CPU time (%s)",
              str(case_at(&r, 0), "error"));
        CHECK(num(case_at(&r, 0), "time_ms") >= 300, "busy: time_ms %.1f", num(case_at(&r, 0), "time_ms"));
        run_free(&r);

        /* Sleep: time_limit by the wall clock. */
        run_runner(&r, harness("sleep.sh", "case_wall_ms=400\n"), NULL);
        CHECK(strcmp(case_status(&r, 0), "time_limit") == 0, "sleep: time_limit");
        CHECK(has(str(case_at(&r, 0), "error"), "wall"), "sleep: by wall time");
        CHECK(r.seconds < 6, "sleep: ended in %.2f s (limit 0.4 s wall, not the 10 s idle limit)", r.seconds);
        run_free(&r);

        /* Memory over memory_mb. */
        run_runner(&r, harness("memory.sh", "memory_mb=48\ncase_wall_ms=10000\ncase_time_ms=10000\n"), NULL);
        CHECK(strcmp(case_status(&r, 0), "memory_limit") == 0, "memory: memory_limit (%s)",
              case_status(&r, 0));
        CHECK(num(case_at(&r, 0), "memory_kb") > 48 * 1024, "memory: memory_kb %.0f",
              num(case_at(&r, 0), "memory_kb"));
        run_free(&r);

        /* stdout flood. */
        run_runner(&r, harness("flood.sh", "output_limit=100000\n"), NULL);
        CHECK(strcmp(case_status(&r, 0), "output_limit") == 0, "flood: output_limit");
        CHECK(YAJL_IS_TRUE(get(case_at(&r, 0), "truncated")), "flood: truncated");
        CHECK(strlen(str(case_at(&r, 0), "stdout")) == 1000, "flood: stdout capped at stdout_cap");
        CHECK(r.seconds < 10, "flood: ended in %.2f s", r.seconds);
        run_free(&r);

        /* SIGSEGV. */
        run_runner(&r, harness("segv.sh", NULL), NULL);
        CHECK(strcmp(case_status(&r, 0), "runtime_error") == 0, "segv: runtime_error");
        CHECK(has(str(case_at(&r, 0), "error"), "signal 11 (SIGSEGV)"), "segv: error '%s'",
              str(case_at(&r, 0), "error"));
        CHECK(has(str(case_at(&r, 0), "error"), "about to crash"), "segv: error has the stderr tail");
        run_free(&r);

        /* SIGKILL the runner did not send: the OOM killer's signature. */
        run_runner(&r, harness("oomkill.sh", NULL), NULL);
        CHECK(strcmp(case_status(&r, 0), "memory_limit") == 0, "oomkill: memory_limit");
        CHECK(has(str(case_at(&r, 0), "error"), "OOM"), "oomkill: says OOM killer");
        run_free(&r);

        /* Exit 0 in the middle of a case, fd 3 closed first. */
        run_runner(&r, harness("early-exit.sh", "cases=3\n"), NULL);
        CHECK(strcmp(case_status(&r, 0), "ok") == 0, "early-exit: case 0 ok");
        CHECK(strcmp(case_status(&r, 1), "runtime_error") == 0, "early-exit: case 1 runtime_error");
        CHECK(has(str(case_at(&r, 1), "error"), "bye"), "early-exit: stderr tail in error");
        CHECK(strcmp(case_status(&r, 2), "not_run") == 0, "early-exit: case 2 not_run");
        run_free(&r);

        /* Compile step that fails. */
        run_runner(&r,
                   "compile_arg=/bin/sh\ncompile_arg=-c\n"
                   "compile_arg=echo 'main.c:1: error: expected ;' >&2; echo to-stdout; exit 1\n"
                   "compile_time_ms=5000\ncompile_memory_mb=256\nrun_arg=/bin/true\n",
                   NULL);
        CHECK(strcmp(str(r.doc, "status"), "compile_error") == 0, "compile fail: compile_error");
        CHECK(has(str(r.doc, "compile_output"), "main.c:1: error: expected ;"), "compile fail: stderr kept");
        CHECK(has(str(r.doc, "compile_output"), "to-stdout"), "compile fail: stdout kept");
        CHECK(strcmp(case_status(&r, 0), "not_run") == 0, "compile fail: case not_run");
        run_free(&r);

        /* A compile step that blocks (sleeps) is stopped after compile_time_ms of blocked time. */
        run_runner(&r,
                   "compile_arg=/bin/sh\ncompile_arg=-c\ncompile_arg=sleep 30\n"
                   "compile_time_ms=1000\ncompile_memory_mb=256\nrun_arg=/bin/true\n",
                   NULL);
        CHECK(strcmp(str(r.doc, "status"), "compile_error") == 0, "blocked compile: compile_error");
        CHECK(has(str(r.doc, "compile_output"), "compilation exceeded its time limit (1000 ms)"),
              "blocked compile: says the time limit ('%s')", str(r.doc, "compile_output"));
        CHECK(num(r.doc, "compile_time_ms") >= 900 && num(r.doc, "compile_time_ms") < 10000,
              "blocked compile: stopped after about 1 s of wall (%.0f ms)", num(r.doc, "compile_time_ms"));
        run_free(&r);

        /* A compile that is running or waiting for a CPU the whole time is not stopped by the wall
         * clock: five processes of 0.9 s of CPU each need at least 2.25 s of wall on 2 cores, more
         * than the 2 x compile_time_ms that used to be the limit (a loaded host made g++ a CE). */
        run_runner(&r,
                   "compile_arg=/bin/sh\ncompile_arg=-c\n"
                   "compile_arg=for i in 1 2 3 4 5; do python3 -c 'import time; e = time.process_time() + 0.9; "
                   "[0 for _ in iter(lambda: time.process_time() < e, False)]' & done; wait\n"
                   "compile_time_ms=1000\ncompile_memory_mb=512\nrun_arg=/bin/true\n",
                   NULL);
        CHECK(strcmp(str(r.doc, "status"), "compile_error") != 0,
              "starved compile: no compile_error (%s, '%s')", str(r.doc, "status"), str(r.doc, "compile_output"));
        CHECK(num(r.doc, "compile_time_ms") > 2000, "starved compile: it did run past 2 s of wall (%.0f ms)",
              num(r.doc, "compile_time_ms"));
        run_free(&r);

        /* Compile step that works on the copied sources; PATH lookup from the conf's env. */
        run_runner(&r,
                   "compile_arg=sh\ncompile_arg=-c\ncompile_arg=cp hello.sh main && chmod 700 main\n"
                   "compile_time_ms=5000\ncompile_memory_mb=256\nrun_arg=./main\n",
                   FIXTURES "/src-compile");
        CHECK(strcmp(str(r.doc, "status"), "ok") == 0, "compile ok: status ok (%s)", str(r.doc, "message"));
        CHECK(strcmp(case_status(&r, 0), "ok") == 0, "compile ok: case ok");
        yajl_val ans = get(case_at(&r, 0), "answer");
        CHECK(YAJL_IS_STRING(ans) && has(YAJL_GET_STRING(ans), "3 4 nohome nokey"),
              "compile ok: env exactly conf + JUDGE_* ('%s')",
              YAJL_IS_STRING(ans) ? YAJL_GET_STRING(ans) : "");
        CHECK(num(r.doc, "compile_time_ms") > 0, "compile ok: compile_time_ms");
        run_free(&r);

        /* Background processes left behind are gone when the runner returns. */
        run_runner(&r, harness("background.sh", NULL), NULL);
        CHECK(strcmp(case_status(&r, 0), "ok") == 0, "background: case ok");
        pid_t bg1 = read_pid(r.dir, "bg1.pid"), bg2 = read_pid(r.dir, "bg2.pid");
        CHECK(bg1 > 0 && kill(bg1, 0) < 0 && errno == ESRCH, "background: same-group child %d gone", bg1);
        CHECK(bg2 > 0 && kill(bg2, 0) < 0 && errno == ESRCH, "background: setsid child %d gone", bg2);
        run_free(&r);

        /* A corrupted channel during a case is the submission's runtime error (its code shares the
         * harness's process and can write there); the harness's own X line is an internal error. */
        run_runner(&r, harness("protocol.sh", NULL), NULL);
        CHECK(strcmp(str(r.doc, "status"), "ok") == 0, "protocol: document ok");
        CHECK(strcmp(case_status(&r, 0), "runtime_error") == 0, "protocol: runtime_error");
        CHECK(has(str(case_at(&r, 0), "error"), "answer channel was corrupted"), "protocol: message");
        CHECK(r.seconds < 5, "protocol: no waiting for the harness (%.2f s)", r.seconds);
        run_free(&r);
        run_runner(&r, harness("badjson.sh", NULL), NULL);
        CHECK(strcmp(case_status(&r, 0), "runtime_error") == 0, "badjson: runtime_error");
        CHECK(has(str(case_at(&r, 0), "error"), "not valid JSON"), "badjson: message");
        run_free(&r);
        /* An X line cannot be told from one the user's code wrote: the case's runtime error. */
        run_runner(&r, harness("xline.sh", NULL), NULL);
        CHECK(strcmp(str(r.doc, "status"), "ok") == 0, "xline: document ok, not internal_error (%s)",
              str(r.doc, "status"));
        CHECK(strcmp(case_status(&r, 0), "runtime_error") == 0, "xline: case 0 runtime_error");
        CHECK(has(str(case_at(&r, 0), "error"), "the harness stopped: \"cannot decode job\""),
              "xline: message '%s'", str(case_at(&r, 0), "error"));
        run_free(&r);
        run_runner(&r, harness("twob.sh", NULL), NULL);
        CHECK(strcmp(case_status(&r, 0), "runtime_error") == 0 && has(str(case_at(&r, 0), "error"), "B line"),
              "twob: a second B line is a runtime error (%s)", str(case_at(&r, 0), "error"));
        run_free(&r);
        run_runner(&r, harness("closechan.sh", NULL), NULL);
        CHECK(strcmp(case_status(&r, 0), "runtime_error") == 0 && has(str(case_at(&r, 0), "error"), "closed"),
              "closechan: closing the channel is a runtime error (%s)", str(case_at(&r, 0), "error"));
        CHECK(r.seconds < 6, "closechan: ended in %.2f s, not at the wall limit", r.seconds);
        run_free(&r);

        /* The user's code cannot steer the runner (its parent here, PID 1 in a container). */
        run_runner(&r, harness("steer.sh", NULL), NULL);
        {
                yajl_val a = get(case_at(&r, 0), "answer");
                const char *bad = str(a, "bad"), *own = str(a, "own");
                CHECK(strcmp(bad, "") == 0, "steer: prlimit/renice/taskset/chrt/ionice of the runner refused ('%s')",
                      bad);
                CHECK(strcmp(own, "") == 0, "steer: the same on itself still works ('%s')", own);
        }
        run_free(&r);

        /* The job: the header and case 0 at start, case i only after case i-1's R line, on fd 4;
         * the key neither in the harness's environment nor left in the runner's. */
        run_runner(&r, "run_arg=/usr/bin/python3\nrun_arg=" FIXTURES "/jobfeed.py\ncases=3\n", NULL);
        CHECK(strcmp(str(r.doc, "status"), "ok") == 0, "job feed: status ok (%s)", str(r.doc, "message"));
        for (size_t i = 0; i < 3; i++) {
                yajl_val a = get(case_at(&r, i), "answer");
                char want[64];
                snprintf(want, sizeof(want), "{\"args\":[%zu]}\n", 1000 + i);
                CHECK(strcmp(str(a, "line"), want) == 0, "job feed: case %zu got its line ('%s')", i,
                      str(a, "line"));
                CHECK(YAJL_IS_FALSE(get(a, "ahead")), "job feed: case %zu: the next case was not sent yet", i);
                CHECK(YAJL_IS_FALSE(get(a, "key_in_env")), "job feed: case %zu: no key in the harness's environment",
                      i);
                CHECK(num(a, "fd") == 4, "job feed: JUDGE_JOB_FD=4");
                const char *renv = str(a, "runner_env");
                CHECK(strcmp(renv, "<missing>") != 0 && !has(renv, key_env + strlen("JUDGE_JOB_KEY=")),
                      "job feed: case %zu: the key is erased from the runner's environment block", i);
        }
        run_free(&r);
        bad_key = "";
        run_runner(&r, harness("normal.sh", NULL), NULL);
        CHECK(strcmp(str(r.doc, "status"), "internal_error") == 0 && has(str(r.doc, "message"), "no job key"),
              "job: no key is an internal error (%s)", str(r.doc, "message"));
        run_free(&r);
        bad_key = "0000000000000000000000000000000000000000000000000000000000000000";
        run_runner(&r, harness("normal.sh", NULL), NULL);
        CHECK(strcmp(str(r.doc, "status"), "internal_error") == 0 && has(str(r.doc, "message"), "wrong key"),
              "job: a wrong key is an internal error (%s)", str(r.doc, "message"));
        run_free(&r);
        bad_key = NULL;

        /* Answer over answer_limit. */
        run_runner(&r, harness("biganswer.sh", "answer_limit=1000\n"), NULL);
        CHECK(strcmp(case_status(&r, 0), "output_limit") == 0, "biganswer: output_limit");
        run_free(&r);

        /* Hostile bytes on stdout still give valid JSON; the answer is passed verbatim. */
        run_runner(&r, harness("utf8.sh", NULL), NULL);
        CHECK(r.doc != NULL, "utf8: document parses");
        CHECK(has(str(case_at(&r, 0), "stdout"), "ok \xef\xbf\xbd"), "utf8: invalid bytes replaced");
        CHECK(has(str(case_at(&r, 0), "stdout"), "\x01 \"q\" \\"), "utf8: control and quote bytes kept");
        CHECK(YAJL_IS_TRUE(get(case_at(&r, 0), "truncated")), "utf8: truncated over stdout_cap");
        CHECK(has(r.raw, "\"answer\":{\"a\":[1,-2.5e3,\"\\u00e9\",null,true]}"), "utf8: answer verbatim");
        run_free(&r);

        /* A missing required key and a missing executable: internal errors, still exit 0. */
        run_runner(&r, "run_arg=/nonexistent/harness\n", NULL);
        CHECK(r.exit_status == 0 && strcmp(str(r.doc, "status"), "internal_error") == 0,
              "missing exe: internal_error");
        CHECK(has(str(r.doc, "message"), "/nonexistent/harness"), "missing exe: message names it");
        run_free(&r);
        run_runner(&r, "cases=abc\n", NULL);
        CHECK(r.exit_status == 0 && strcmp(str(r.doc, "status"), "internal_error") == 0,
              "bad conf: internal_error");
        run_free(&r);

        /* Everything the submission does counts, measured by its cgroup (as in a container). */
        for (cg_mode = 1; cg_mode <= 2; cg_mode++) {
                const char *tag = cg_mode == 1 ? "cgroup v1" : "cgroup v2";
                if (!cg_make()) {
                        printf("not ok %d - %s: cannot make a cgroup to run the runner in (%s): run as root\n",
                               ++tap_n, tag, strerror(errno));
                        tap_failed++;
                        cg_remove();
                        continue;
                }
                cg_remove();

                run_runner(&r, harness("normal.sh", "cases=3\n"), NULL);
                CHECK(strcmp(case_status(&r, 2), "ok") == 0, "%s normal: ok", tag);
                CHECK(!has(str(r.doc, "notes"), cg_mode == 1 ? "CPU and memory" : "for CPU"),
                      "%s normal: measured by the cgroup (notes '%s')", tag, str(r.doc, "notes"));
                run_free(&r);

                /* Start-up: free up to the allowance, and reported either way. */
                run_runner(&r, harness("bootburn.sh", "startup_allowance_ms=2000\nenv=BURN=400000\n"), NULL);
                CHECK(strcmp(case_status(&r, 0), "ok") == 0, "%s bootburn under the allowance: ok (%s)", tag,
                      case_status(&r, 0));
                CHECK(num(r.doc, "startup_ms") >= 200, "%s bootburn: startup_ms %.1f", tag, num(r.doc, "startup_ms"));
                CHECK(num(r.doc, "startup_charged_ms") == 0, "%s bootburn: nothing charged (%.1f)", tag,
                      num(r.doc, "startup_charged_ms"));
                run_free(&r);
                run_runner(&r, harness("bootburn.sh", "startup_allowance_ms=20\ncase_time_ms=500\nenv=BURN=1500000\n"),
                           NULL);
                CHECK(strcmp(case_status(&r, 0), "time_limit") == 0, "%s bootburn over the allowance: time_limit (%s)",
                      tag, case_status(&r, 0));
                CHECK(has(str(case_at(&r, 0), "error"), "before the first case"), "%s bootburn: says why (%s)", tag,
                      str(case_at(&r, 0), "error"));
                run_free(&r);

                run_runner(&r, harness("childburn.sh", "case_time_ms=500\ncase_wall_ms=10000\n"), NULL);
                CHECK(strcmp(case_status(&r, 0), "time_limit") == 0, "%s childburn: a setsid child's CPU counts (%s)",
                      tag, case_status(&r, 0));
                run_free(&r);

                run_runner(&r, harness("gapburn.sh", "cases=2\ncase_time_ms=300\ncase_wall_ms=10000\n"), NULL);
                CHECK(strcmp(case_status(&r, 0), "ok") == 0 && strcmp(case_status(&r, 1), "time_limit") == 0,
                      "%s gapburn: a burn between cases is the next case's TLE (%s, %s)", tag, case_status(&r, 0),
                      case_status(&r, 1));
                CHECK(has(str(case_at(&r, 1), "error"), "between cases"), "%s gapburn: says so (%s)", tag,
                      str(case_at(&r, 1), "error"));
                run_free(&r);

                run_runner(&r, harness("forged.sh", "cases=2\ncase_time_ms=500\ncase_wall_ms=10000\n"), NULL);
                CHECK(strcmp(case_status(&r, 1), "time_limit") == 0,
                      "%s forged: early S/R lines do not hide CPU (%s, %s)", tag, case_status(&r, 0),
                      case_status(&r, 1));
                run_free(&r);

                if (cg_mode == 1) {
                        run_runner(&r, harness("childmem.sh", "memory_mb=48\ncase_time_ms=10000\ncase_wall_ms=20000\n"), NULL);
                        CHECK(strcmp(case_status(&r, 0), "memory_limit") == 0,
                              "%s childmem: a child's memory counts (%s, %.0f KiB)", tag, case_status(&r, 0),
                              num(case_at(&r, 0), "memory_kb"));
                        run_free(&r);
                        run_runner(&r, harness("shmfile.sh", "memory_mb=48\nfsize_mb=1000\ncase_wall_ms=10000\n"), NULL);
                        CHECK(strcmp(case_status(&r, 0), "memory_limit") == 0,
                              "%s shmfile: a tmpfs file counts (%s, %.0f KiB)", tag, case_status(&r, 0),
                              num(case_at(&r, 0), "memory_kb"));
                        run_free(&r);
                        if (system("rm -f /dev/shm/judge-test-runner-*") != 0)
                                printf("# could not clean /dev/shm\n");
                }
        }
        cg_mode = 0;

        char cmd[600];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmproot);
        if (system(cmd) != 0)
                printf("# could not remove %s\n", tmproot);
        return tap_done();
}
