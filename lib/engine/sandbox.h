/* The sandbox: the body of POST /containers/create that confines one submission's container
 * (no network, read-only rootfs, no capabilities, seccomp, memory without swap, CPU, pids,
 * rlimits, a size-capped /tmp, an unprivileged user) and the volume its payload goes into.
 *
 * The payload volume: the rootfs is read-only, so the payload goes into a volume mounted at
 * /sub, PUT (engine_container_put_archive) before the container starts. The judge labels every
 * volume it creates so that garbage collection can find leftovers, and Podman 4.3 ignores
 * Mounts[].VolumeOptions.Labels on an anonymous volume (measured: the volume is created
 * without labels; Docker 20.10 honours them). So the volume is a named one, created with
 * labels before the container (engine_volume_create, name from sandbox_volume_name) and
 * removed explicitly after it (engine_volume_remove; DELETE ?v=1 only drops anonymous
 * volumes). Its root is owned by root on both engines; the payload's entries are root-owned
 * 0555/0444, so the container's user can read but not change anything under /sub.
 *
 * Seccomp: Docker's API takes the profile's JSON text after "seccomp=", Podman's compat API
 * takes a path to a file on the engine's host (it fails with "opening seccomp profile failed"
 * when given JSON text). Set seccomp_as_file when engine_is_podman() is true: the body then
 * names a file written by sandbox_seccomp_file (both engines run on this host). */
#pragma once

#include <stdbool.h>

#include "base/error.h"

struct sandbox_spec {
        const char *image;            /* required: image reference */
        const char *const *cmd;       /* required: NULL-terminated argv */
        const char *workdir;          /* NULL: "/tmp" */
        const char *user;             /* numeric "uid:gid", neither 0 (judge_submission: a uid of
                                         its own, lib/engine/uid.h); NULL: "65534:65534" */
        long memory_mb;               /* memory of the container, no swap; 0: 256 */
        long nano_cpus;               /* 0: 1e9 (one CPU) */
        long pids_limit;              /* 0: 64 */
        long tmpfs_mb;                /* size of /tmp; 0: 64 */
        long nofile, nproc, fsize_mb; /* Ulimits (soft = hard); 0: 256, 1024, 64 */
        long log_max_kb;              /* json-file log size cap; 0: 1024 */
        const char *seccomp_json;     /* seccomp profile (JSON text); NULL: the engine's default */
        const char *seccomp_path;     /* or a file holding it (passed as "seccomp=<path>") */
        bool seccomp_as_file;         /* Podman: write seccomp_json to a file (sandbox_seccomp_file) */
        const char *volume;           /* named volume to mount at /sub; NULL: an anonymous one */
        const char *const *labels;    /* NULL-terminated "k=v" container labels, or NULL */
        const char *const *env;       /* NULL-terminated "K=v", or NULL for none */
};

/* Build the POST /containers/create body for s. On success *ret_json is a new NUL-terminated
 * JSON text (free()). Fails with -EINVAL on a missing image/cmd, a negative limit or a label
 * without "=", and with the errors of sandbox_seccomp_file. */
int sandbox_create_body(const struct sandbox_spec *s, char **ret_json, struct judge_error *err);

/* Write seccomp profile json to a content-addressed file (mode 0644) under $JUDGE_SECCOMP_DIR,
 * else /run/judge/seccomp, unless an identical one is there already. On success *ret_path is
 * its path (free()). The file is left for reuse: a handful of profiles in total. */
int sandbox_seccomp_file(const char *json, char **ret_path, struct judge_error *err);

/* A fresh random volume name "judge-sub-<16 hex>". On success *ret is new (free()). */
int sandbox_volume_name(char **ret, struct judge_error *err);
