/* Where the runner reads the submission's CPU time and memory from (docs/internals.md, "The
 * runner's limits"): the container's own cgroup when the runner is alone in it (everything the
 * user's code starts is charged), else the harness process in /proc (a fallback). */
#pragma once

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

enum acct_kind {
        ACCT_PROC,      /* /proc/<harness>/stat: the harness and the children it waited for */
        ACCT_CGROUP_V1, /* cpuacct.usage / memory.stat total_rss+total_shmem */
        ACCT_CGROUP_V2, /* cpu.stat usage_usec / memory.stat anon+shmem */
        _ACCT_KIND_MAX
};

struct acct {
        enum acct_kind cpu_kind, mem_kind;
        char cpu_file[PATH_MAX];
        char mem_file[PATH_MAX]; /* memory.stat */
        char oom_file[PATH_MAX]; /* memory.oom_control (v1) or memory.events (v2) */
        char procs_file[PATH_MAX]; /* cgroup.procs of the CPU cgroup */
        long clk_tck;
};

/* Find the cgroup files. A cgroup is used only if the runner is the only process in it when
 * this is called (so it measures nothing but the submission); $JUDGE_RUNNER_ACCOUNTING=v1, v2
 * or proc forces a kind (tests). Writes a note (empty when both are cgroup-based). */
void acct_init(struct acct *a, char *note, size_t notelen);

/* CPU time in ns of everything but the runner: the cgroup's usage minus the runner's own
 * process CPU clock; or, with ACCT_PROC, the CPU of process `harness` and of the children it
 * waited for. Not monotonic by itself (clock lag): callers keep the maximum. -1 if unreadable. */
int64_t acct_cpu_ns(const struct acct *a, pid_t harness);

/* Anonymous + shmem (tmpfs, memfd) memory of the cgroup minus the runner's own anonymous
 * memory, in KiB; -1 with ACCT_PROC or if unreadable. */
long long acct_mem_kb(const struct acct *a);

/* The cgroup's OOM kill count; -1 if unknown. */
long long acct_oom_kills(const struct acct *a);

/* Is any thread of the submission runnable or in uninterruptible sleep (state R or D) right
 * now? Every process of the cgroup but the runner, or with ACCT_PROC the harness's threads.
 * A CPU-bound case on a loaded machine is runnable even while it waits for a CPU. */
bool acct_runnable(const struct acct *a, pid_t harness);

/* Peak RSS (VmHWM) of pid in KiB, or -1. */
long long acct_hwm_kb(pid_t pid);

extern const char *const acct_kind_name[_ACCT_KIND_MAX];
