/* The payload: the tar of files the host puts into the container's /sub volume before it
 * starts (see docs/internals.md, "Payload"). Built in memory with libarchive. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

struct payload_file {
        const char *path; /* relative, e.g. "p/job.enc"; no "..", ".", empty or absolute parts */
        const void *data;
        size_t len;
        bool executable;  /* mode 0555 instead of 0444 */
};

/* Build a tar (pax) of files: each parent directory first as its own entry (mode 0555), then
 * the files (0444, or 0555 if executable), every entry owned by uid/gid 0 (root/root) with a
 * fixed mtime, so equal inputs give equal bytes. Fails with -EINVAL on a bad path, -EEXIST on
 * a path given twice (or a file that is also a parent directory), -EFBIG past 512 MiB. On
 * success *ret_tar (free()) holds *ret_len bytes. */
int payload_build(const struct payload_file *files, size_t n, void **ret_tar, size_t *ret_len,
                  struct judge_error *err);
