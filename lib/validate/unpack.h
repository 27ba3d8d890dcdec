/* Safe extraction of problem-set archives (.tar, .tar.gz, .tgz, .zip) with libarchive into a
 * private temporary directory. Nothing in an archive is trusted: entries that would land outside
 * the directory (absolute paths, ".." components, links whose target leaves it), special files
 * and oversize entries are rejected with a message naming the entry.
 *
 * (Not named archive.h: lib/ is on the include path, and that name would hide libarchive's own
 * <archive.h> from every other file.) */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "base/error.h"

struct unpack_limits {
        uint64_t max_entry_bytes;  /* one file's size; 0 = 64 MiB */
        uint64_t max_total_bytes;  /* all files together; 0 = 512 MiB */
        size_t max_entries;        /* entries of any kind; 0 = 100000 */
};

/* Whether path names an archive this module reads, by its name (.tar, .tar.gz, .tgz, .zip). */
bool unpack_is_archive(const char *path);

/* Extract the archive at path into a new directory made with mkdtemp (mode 0700) under
 * $TMPDIR (else /tmp). Files are written 0644 and directories 0755 whatever the archive says;
 * symbolic links are kept only when they resolve inside the directory; a hard link becomes a
 * copy of its target (which must be an earlier regular file of the archive). lim may be NULL
 * (the defaults). On success *ret_dir is the new directory's path (the caller removes it with
 * unpack_remove_tree and frees it). On failure nothing is left on disk, and err says which
 * entry was rejected and why: -EPERM for an entry that escapes or is of a forbidden type, -EFBIG
 * past a size or count limit, -EINVAL for an unreadable or damaged archive, other negative
 * errnos for local I/O failures. */
int unpack_extract(const char *path, const struct unpack_limits *lim, char **ret_dir,
                      struct judge_error *err);

/* Remove dir and everything under it without following symbolic links. NULL-safe. Returns 0 or
 * the first negative errno met (it goes on removing what it can). */
int unpack_remove_tree(const char *dir);

/* Where the problems are inside an extracted archive (root, as made by unpack_extract):
 * - root holds problem.json (the archive is one package's files, without a folder): they are
 *   moved into root/<name> so the package has a folder name to check its slug against, and that
 *   folder is the result, a package;
 * - root holds exactly one directory and nothing else: that directory, a package if it holds
 *   problem.json, else a set;
 * - otherwise root, a set.
 * *ret_is_package says which. On success *ret_path is a new path (free()). Returns 0 or a
 * negative errno (err set). */
int unpack_find_root(const char *root, const char *name, char **ret_path, bool *ret_is_package,
                        struct judge_error *err);
