/* Checks seccomp-profiles/judge.json: every name is a syscall libseccomp knows, nothing on the
 * must-deny list is allowed, the conditional rules have their argument filters, and the whole
 * profile compiles to BPF with libseccomp; then loads it in a child process and tries a few
 * syscalls for real. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yajl/yajl_tree.h>

#include "tap.h"

#define PROFILE SOURCE_ROOT "/seccomp-profiles/judge.json"

/* Everything Docker's default profile leaves out (so denies), plus what this project adds. */
static const char *const must_deny[] = {
        /* kernel, modules, system state */
        "kexec_load",
        "kexec_file_load",
        "init_module",
        "finit_module",
        "delete_module",
        "create_module",
        "get_kernel_syms",
        "query_module",
        "reboot",
        "swapon",
        "swapoff",
        "acct",
        "quotactl",
        "quotactl_fd",
        "syslog",
        "sysfs",
        "_sysctl",
        "uselib",
        "ustat",
        "nfsservctl",
        "vhangup",
        "iopl",
        "ioperm",
        "lookup_dcookie",
        "vm86",
        "vm86old",
        "setdomainname",
        "sethostname",
        /* time */
        "clock_settime",
        "settimeofday",
        "adjtimex",
        "clock_adjtime",
        "stime",
        /* namespaces, mounts, roots */
        "mount",
        "umount",
        "umount2",
        "unshare",
        "setns",
        "pivot_root",
        "chroot",
        "fsopen",
        "fsconfig",
        "fsmount",
        "fspick",
        "move_mount",
        "open_tree",
        "mount_setattr",
        /* keys */
        "keyctl",
        "add_key",
        "request_key",
        /* other processes */
        "ptrace",
        "process_vm_readv",
        "process_vm_writev",
        "kcmp",
        "pidfd_getfd",
        "process_madvise",
        /* attack surface */
        "bpf",
        "perf_event_open",
        "userfaultfd",
        "io_uring_setup",
        "io_uring_enter",
        "io_uring_register",
        "open_by_handle_at",
        "name_to_handle_at",
        "fanotify_init",
        "lookup_dcookie",
        "mbind",
        "set_mempolicy",
        "get_mempolicy",
        "move_pages",
        "migrate_pages",
        "mknod",
        "mknodat",
};

static yajl_val get(yajl_val v, const char *key) {
        const char *path[] = {key, NULL};
        return v ? yajl_tree_get(v, path, yajl_t_any) : NULL;
}

static const char *getstr(yajl_val v, const char *key) {
        yajl_val s = get(v, key);
        return YAJL_IS_STRING(s) ? YAJL_GET_STRING(s) : NULL;
}

static bool in_names(yajl_val entry, const char *name) {
        yajl_val names = get(entry, "names");
        for (size_t i = 0; YAJL_IS_ARRAY(names) && i < names->u.array.len; i++) {
                const char *n = YAJL_GET_STRING(names->u.array.values[i]);
                if (n && strcmp(n, name) == 0)
                        return true;
        }
        return false;
}

static enum scmp_compare op_of(const char *s) {
        static const struct {
                const char *name;
                enum scmp_compare op;
        } ops[] = {{"SCMP_CMP_NE", SCMP_CMP_NE},
                   {"SCMP_CMP_LT", SCMP_CMP_LT},
                   {"SCMP_CMP_LE", SCMP_CMP_LE},
                   {"SCMP_CMP_EQ", SCMP_CMP_EQ},
                   {"SCMP_CMP_GE", SCMP_CMP_GE},
                   {"SCMP_CMP_GT", SCMP_CMP_GT},
                   {"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ}};
        for (size_t i = 0; s && i < sizeof(ops) / sizeof(ops[0]); i++)
                if (strcmp(s, ops[i].name) == 0)
                        return ops[i].op;
        return _SCMP_CMP_MIN;
}

static uint32_t arch_of(const char *s) {
        if (!s)
                return 0;
        if (strcmp(s, "SCMP_ARCH_X86_64") == 0)
                return SCMP_ARCH_X86_64;
        if (strcmp(s, "SCMP_ARCH_X86") == 0)
                return SCMP_ARCH_X86;
        if (strcmp(s, "SCMP_ARCH_X32") == 0)
                return SCMP_ARCH_X32;
        if (strcmp(s, "SCMP_ARCH_AARCH64") == 0)
                return SCMP_ARCH_AARCH64;
        if (strcmp(s, "SCMP_ARCH_ARM") == 0)
                return SCMP_ARCH_ARM;
        return 0;
}

/* Build the filter the way an engine would: default action, the archMap entry of this machine,
 * then one rule per name per entry. Returns NULL (and counts failures) on any error. */
static scmp_filter_ctx build_filter(yajl_val prof, int *failures) {
        yajl_val def_errno = get(prof, "defaultErrnoRet");
        uint32_t def = SCMP_ACT_ERRNO(YAJL_IS_INTEGER(def_errno) ? (uint16_t)YAJL_GET_INTEGER(def_errno) : 1);
        scmp_filter_ctx ctx = seccomp_init(def);
        if (!ctx)
                return NULL;
        yajl_val amap = get(prof, "archMap");
        for (size_t i = 0; YAJL_IS_ARRAY(amap) && i < amap->u.array.len; i++) {
                yajl_val e = amap->u.array.values[i];
                if (arch_of(getstr(e, "architecture")) != seccomp_arch_native())
                        continue;
                yajl_val subs = get(e, "subArchitectures");
                for (size_t j = 0; YAJL_IS_ARRAY(subs) && j < subs->u.array.len; j++) {
                        uint32_t a = arch_of(YAJL_GET_STRING(subs->u.array.values[j]));
                        if (!a || seccomp_arch_add(ctx, a) < 0) {
                                printf("# cannot add arch %s\n", YAJL_GET_STRING(subs->u.array.values[j]));
                                (*failures)++;
                        }
                }
        }
        yajl_val sys = get(prof, "syscalls");
        for (size_t i = 0; YAJL_IS_ARRAY(sys) && i < sys->u.array.len; i++) {
                yajl_val e = sys->u.array.values[i];
                const char *action = getstr(e, "action");
                uint32_t act;
                if (action && strcmp(action, "SCMP_ACT_ALLOW") == 0)
                        act = SCMP_ACT_ALLOW;
                else if (action && strcmp(action, "SCMP_ACT_ERRNO") == 0) {
                        yajl_val er = get(e, "errnoRet");
                        act = SCMP_ACT_ERRNO(YAJL_IS_INTEGER(er) ? (uint16_t)YAJL_GET_INTEGER(er) : 1);
                } else {
                        printf("# unsupported action %s\n", action ? action : "(none)");
                        (*failures)++;
                        continue;
                }
                struct scmp_arg_cmp cmp[6];
                unsigned n_cmp = 0;
                yajl_val args = get(e, "args");
                for (size_t j = 0; YAJL_IS_ARRAY(args) && j < args->u.array.len && n_cmp < 6; j++) {
                        yajl_val a = args->u.array.values[j];
                        yajl_val idx = get(a, "index"), val = get(a, "value"), val2 = get(a, "valueTwo");
                        cmp[n_cmp++] = (struct scmp_arg_cmp){
                                .arg = (unsigned)YAJL_GET_INTEGER(idx),
                                .op = op_of(getstr(a, "op")),
                                .datum_a = YAJL_IS_INTEGER(val) ? (scmp_datum_t)YAJL_GET_INTEGER(val) : 0,
                                .datum_b = YAJL_IS_INTEGER(val2) ? (scmp_datum_t)YAJL_GET_INTEGER(val2) : 0,
                        };
                }
                yajl_val names = get(e, "names");
                for (size_t j = 0; YAJL_IS_ARRAY(names) && j < names->u.array.len; j++) {
                        const char *name = YAJL_GET_STRING(names->u.array.values[j]);
                        int nr = seccomp_syscall_resolve_name(name);
                        int r = nr == __NR_SCMP_ERROR ? -EINVAL
                                                      : seccomp_rule_add_array(ctx, act, nr, n_cmp, cmp);
                        if (r < 0) {
                                printf("# rule for %s: %s\n", name, strerror(-r));
                                (*failures)++;
                        }
                }
        }
        return ctx;
}

/* In a child: load the filter and try syscalls. Exit status = number of surprises. */
static int child_probe(scmp_filter_ctx ctx) {
        int bad = 0;
        if (seccomp_load(ctx) < 0) {
                printf("# seccomp_load failed\n");
                return 100;
        }
#define EXPECT(call, want_errno)                                                                             \
        do {                                                                                                 \
                errno = 0;                                                                                   \
                long _r = (long)(call);                                                                      \
                int _e = _r < 0 ? errno : 0;                                                                 \
                if (_e != (want_errno)) {                                                                    \
                        printf("# %s: got errno %d, want %d\n", #call, _e, (want_errno));                    \
                        bad++;                                                                               \
                }                                                                                            \
        } while (0)
        EXPECT(getpid(), 0);
        EXPECT(unshare(CLONE_NEWUSER), EPERM);
        EXPECT(syscall(SYS_clone3, NULL, 0), ENOSYS);
        EXPECT(socket(AF_INET, SOCK_STREAM, 0), EPERM);
        EXPECT(socket(AF_NETLINK, SOCK_RAW, 0), EPERM);
        EXPECT(syscall(SYS_ptrace, 0, 0, 0, 0), EPERM);
        EXPECT(syscall(SYS_personality, 0x0400000UL), EPERM); /* READ_IMPLIES_EXEC */
        EXPECT(syscall(SYS_io_uring_setup, 1, NULL), EPERM);
        EXPECT(syscall(SYS_keyctl, 0, 0, 0, 0, 0), EPERM);
        EXPECT(syscall(SYS_personality, 0xffffffffUL) >= 0 ? 0 : -1, 0);
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
                printf("# AF_UNIX socket refused: %s\n", strerror(errno));
                bad++;
        }
        /* fork (clone without namespace flags) still works */
        pid_t p = fork();
        if (p == 0)
                _exit(7);
        int st = 0;
        if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 7) {
                printf("# fork under the filter failed\n");
                bad++;
        }
        return bad;
}

int main(void) {
        char errbuf[512];
        FILE *f = fopen(PROFILE, "r");
        CHECK(f != NULL, "profile %s opens", PROFILE);
        if (!f)
                return tap_done();
        static char text[1 << 20];
        size_t len = fread(text, 1, sizeof(text) - 1, f);
        fclose(f);
        text[len] = '\0';
        yajl_val prof = yajl_tree_parse(text, errbuf, sizeof(errbuf));
        CHECK(prof != NULL, "profile parses as JSON");
        if (!prof)
                return tap_done();

        const char *defact = getstr(prof, "defaultAction");
        yajl_val def_errno = get(prof, "defaultErrnoRet");
        CHECK(defact && strcmp(defact, "SCMP_ACT_ERRNO") == 0, "defaultAction is SCMP_ACT_ERRNO");
        CHECK(YAJL_IS_INTEGER(def_errno) && YAJL_GET_INTEGER(def_errno) == EPERM, "defaultErrnoRet is EPERM");

        /* Every name resolves; count them. */
        yajl_val sys = get(prof, "syscalls");
        CHECK(YAJL_IS_ARRAY(sys) && sys->u.array.len > 0, "syscalls is a non-empty array");
        int unknown = 0, total = 0;
        for (size_t i = 0; YAJL_IS_ARRAY(sys) && i < sys->u.array.len; i++) {
                yajl_val names = get(sys->u.array.values[i], "names");
                for (size_t j = 0; YAJL_IS_ARRAY(names) && j < names->u.array.len; j++) {
                        const char *name = YAJL_GET_STRING(names->u.array.values[j]);
                        total++;
                        if (!name || seccomp_syscall_resolve_name(name) == __NR_SCMP_ERROR) {
                                printf("# unknown syscall name: %s\n", name ? name : "(not a string)");
                                unknown++;
                        }
                }
        }
        CHECK(unknown == 0, "all %d syscall names are known to libseccomp", total);

        /* Nothing on the must-deny list is allowed, with or without conditions. */
        for (size_t k = 0; k < sizeof(must_deny) / sizeof(must_deny[0]); k++) {
                bool allowed = false;
                for (size_t i = 0; YAJL_IS_ARRAY(sys) && i < sys->u.array.len; i++) {
                        yajl_val e = sys->u.array.values[i];
                        const char *a = getstr(e, "action");
                        if (a && strcmp(a, "SCMP_ACT_ALLOW") == 0 && in_names(e, must_deny[k]))
                                allowed = true;
                }
                CHECK(!allowed, "%s is denied", must_deny[k]);
        }

        /* The conditional entries: personality only with Docker's values, clone only without
         * namespace flags, clone3 ENOSYS, socket only AF_UNIX. */
        int personality_rules = 0, personality_bad = 0, clone_ok = 0, clone_bad = 0, clone3_enosys = 0,
            socket_ok = 0, socket_bad = 0;
        for (size_t i = 0; YAJL_IS_ARRAY(sys) && i < sys->u.array.len; i++) {
                yajl_val e = sys->u.array.values[i];
                const char *a = getstr(e, "action");
                yajl_val args = get(e, "args");
                size_t nargs = YAJL_IS_ARRAY(args) ? args->u.array.len : 0;
                yajl_val a0 = nargs ? args->u.array.values[0] : NULL;
                bool allow = a && strcmp(a, "SCMP_ACT_ALLOW") == 0;
                if (in_names(e, "personality") && allow) {
                        personality_rules++;
                        yajl_val v = get(a0, "value");
                        long long x = YAJL_IS_INTEGER(v) ? YAJL_GET_INTEGER(v) : -1;
                        if (nargs != 1 || op_of(getstr(a0, "op")) != SCMP_CMP_EQ ||
                            !(x == 0 || x == 8 || x == 0x20000 || x == 0x20008 || x == 0xffffffffLL))
                                personality_bad++;
                }
                if (in_names(e, "clone") && allow) {
                        yajl_val v = get(a0, "value"), v2 = get(a0, "valueTwo");
                        if (nargs == 1 && op_of(getstr(a0, "op")) == SCMP_CMP_MASKED_EQ &&
                            YAJL_IS_INTEGER(v) && (YAJL_GET_INTEGER(v) & 0x7E020000) == 0x7E020000 &&
                            YAJL_IS_INTEGER(v2) && YAJL_GET_INTEGER(v2) == 0)
                                clone_ok++;
                        else
                                clone_bad++;
                }
                if (in_names(e, "clone3")) {
                        yajl_val er = get(e, "errnoRet");
                        if (!allow && YAJL_IS_INTEGER(er) && YAJL_GET_INTEGER(er) == ENOSYS)
                                clone3_enosys++;
                        else
                                clone3_enosys = -100;
                }
                if (in_names(e, "socket") && allow) {
                        yajl_val v = get(a0, "value");
                        if (nargs == 1 && op_of(getstr(a0, "op")) == SCMP_CMP_EQ && YAJL_IS_INTEGER(v) &&
                            YAJL_GET_INTEGER(v) == AF_UNIX)
                                socket_ok++;
                        else
                                socket_bad++;
                }
        }
        CHECK(personality_rules > 0 && personality_bad == 0, "personality allowed only for Docker's values");
        CHECK(clone_ok == 1 && clone_bad == 0, "clone allowed only without CLONE_NEW* flags");
        CHECK(clone3_enosys == 1, "clone3 returns ENOSYS");
        CHECK(socket_ok == 1 && socket_bad == 0, "socket allowed only for AF_UNIX");

        /* The profile compiles with libseccomp. */
        int failures = 0;
        scmp_filter_ctx ctx = build_filter(prof, &failures);
        CHECK(ctx != NULL && failures == 0, "every rule adds to a libseccomp filter (%d failures)", failures);
        int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
        CHECK(ctx && devnull >= 0 && seccomp_export_bpf(ctx, devnull) == 0, "filter exports as BPF");
        if (devnull >= 0)
                close(devnull);

        /* And behaves as intended on this kernel. */
        if (ctx) {
                fflush(stdout);
                pid_t pid = fork();
                if (pid == 0) {
                        int bad = child_probe(ctx);
                        fflush(stdout);
                        _exit(bad > 100 ? 100 : bad);
                }
                int st = 0;
                waitpid(pid, &st, 0);
                CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
                      "loaded filter: syscalls behave as the profile says");
                seccomp_release(ctx);
        }
        yajl_tree_free(prof);
        return tap_done();
}
