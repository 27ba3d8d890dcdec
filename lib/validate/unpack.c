/* Safe extraction of problem-set archives: see archive.h.
 *
 * Every file is created relative to a directory fd reached one component at a time with
 * O_NOFOLLOW, so no entry can be written through a symbolic link an earlier entry made.
 * Symbolic links are checked twice: lexically when they are made (a target that climbs out
 * is refused at once, naming the entry), and for real with realpath() once everything is
 * extracted, because a chain of individually harmless links can still lead out. */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "validate/unpack.h"
#include "base/macro.h"

#define DEFAULT_MAX_ENTRY ((uint64_t) 64 << 20)
#define DEFAULT_MAX_TOTAL ((uint64_t) 512 << 20)
#define DEFAULT_MAX_ENTRIES ((size_t) 100000)

static void archive_read_freep(struct archive **a) {
        if (*a)
                archive_read_free(*a);
}

bool unpack_is_archive(const char *path) {
        static const char *const exts[] = { ".tar", ".tar.gz", ".tgz", ".zip" };
        size_t n = strlen(path);
        for (size_t i = 0; i < ELEMENTSOF(exts); i++) {
                size_t m = strlen(exts[i]);
                if (n > m && strcasecmp(path + n - m, exts[i]) == 0)
                        return true;
        }
        return false;
}

/* Normalise an entry name into out ("a/./b//c/" -> "a/b/c"). Returns 1 with a name, 0 for a name
 * that is the root itself ("./"), or -EPERM with *why set. */
static int normalize(const char *in, char *out, size_t outsz, const char **why) {
        size_t o = 0;
        if (!in || !*in) {
                *why = "empty name";
                return -EPERM;
        }
        if (in[0] == '/') {
                *why = "absolute path";
                return -EPERM;
        }
        const char *p = in;
        while (*p) {
                const char *slash = strchr(p, '/');
                size_t len = slash ? (size_t) (slash - p) : strlen(p);
                if (len == 0 || (len == 1 && p[0] == '.')) {
                        /* empty or "." component: skip */
                } else if (len == 2 && p[0] == '.' && p[1] == '.') {
                        *why = "'..' in the path";
                        return -EPERM;
                } else {
                        if (len > NAME_MAX || o + len + 2 > outsz) {
                                *why = "name too long";
                                return -EPERM;
                        }
                        if (o)
                                out[o++] = '/';
                        memcpy(out + o, p, len);
                        o += len;
                }
                p += len + (slash ? 1 : 0);
        }
        out[o] = 0;
        return o ? 1 : 0;
}

/* Open (creating them when create is set) the directories leading to the last component of rel,
 * never following a link. On success *ret_fd is the parent's fd and *ret_base points into rel. */
static int open_parent(int rootfd, const char *rel, bool create, int *ret_fd, const char **ret_base) {
        _cleanup_close_ int fd = dup(rootfd);
        if (fd < 0)
                return -errno;
        const char *p = rel;
        for (;;) {
                const char *slash = strchr(p, '/');
                if (!slash)
                        break;
                char comp[NAME_MAX + 1];
                size_t len = (size_t) (slash - p);
                memcpy(comp, p, len);
                comp[len] = 0;
                if (create && mkdirat(fd, comp, 0755) < 0 && errno != EEXIST)
                        return -errno;
                int next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (next < 0)
                        return errno == ELOOP ? -ENOTDIR : -errno;
                close(fd);
                fd = next;
                p = slash + 1;
        }
        *ret_base = p;
        *ret_fd = TAKE_FD(fd);
        return 0;
}

/* Whether a symbolic link at link_rel with target stays inside the root, lexically. */
static bool link_target_inside(const char *link_rel, const char *target) {
        if (target[0] == '/')
                return false;
        long depth = 0;
        for (const char *p = link_rel; *p; p++)
                if (*p == '/')
                        depth++; /* the directory the link is in */
        for (const char *p = target; *p;) {
                const char *slash = strchr(p, '/');
                size_t len = slash ? (size_t) (slash - p) : strlen(p);
                if (len == 2 && p[0] == '.' && p[1] == '.') {
                        if (--depth < 0)
                                return false;
                } else if (len > 0 && !(len == 1 && p[0] == '.'))
                        depth++;
                p += len + (slash ? 1 : 0);
        }
        return true;
}

struct extract_state {
        struct archive *a;
        int rootfd;
        const char *root;
        uint64_t max_entry, max_total, total;
        size_t max_entries, entries;
        struct judge_error *err;
};

static int write_data(struct extract_state *s, int fd, const char *name) {
        char chunk[65536];
        uint64_t written = 0;
        for (;;) {
                la_ssize_t n = archive_read_data(s->a, chunk, sizeof chunk);
                if (n == 0)
                        return 0;
                if (n < 0)
                        return judge_err(s->err, -EINVAL, "%s: cannot read the data: %s", name,
                                         archive_error_string(s->a) ?: "damaged archive");
                written += (uint64_t) n;
                s->total += (uint64_t) n;
                if (written > s->max_entry)
                        return judge_err(s->err, -EFBIG, "%s: larger than %llu MiB", name,
                                         (unsigned long long) (s->max_entry >> 20));
                if (s->total > s->max_total)
                        return judge_err(s->err, -EFBIG, "%s: the archive's files add up to more than %llu MiB",
                                         name, (unsigned long long) (s->max_total >> 20));
                for (la_ssize_t off = 0; off < n;) {
                        ssize_t w = write(fd, chunk + off, (size_t) (n - off));
                        if (w < 0) {
                                if (errno == EINTR)
                                        continue;
                                return judge_err(s->err, -errno, "%s: write: %m", name);
                        }
                        off += w;
                }
        }
}

/* A hard link becomes a copy of its target, an earlier regular file of this archive. */
static int copy_hardlink(struct extract_state *s, const char *name, const char *rel, const char *link) {
        char target[PATH_MAX];
        const char *why = NULL;
        int r = normalize(link, target, sizeof target, &why);
        if (r <= 0)
                return judge_err(s->err, -EPERM, "%s: hard link to \"%s\" leaves the archive (%s)", name, link,
                                 why ?: "the root");
        _cleanup_close_ int tdir = -1;
        const char *tbase;
        if (open_parent(s->rootfd, target, false, &tdir, &tbase) < 0)
                return judge_err(s->err, -EPERM, "%s: hard link to \"%s\", which is not an earlier file of the archive",
                                 name, link);
        _cleanup_close_ int in = openat(tdir, tbase, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        struct stat st;
        if (in < 0 || fstat(in, &st) < 0 || !S_ISREG(st.st_mode))
                return judge_err(s->err, -EPERM, "%s: hard link to \"%s\", which is not an earlier file of the archive",
                                 name, link);
        if ((uint64_t) st.st_size > s->max_entry)
                return judge_err(s->err, -EFBIG, "%s: larger than %llu MiB", name,
                                 (unsigned long long) (s->max_entry >> 20));
        s->total += (uint64_t) st.st_size;
        if (s->total > s->max_total)
                return judge_err(s->err, -EFBIG, "%s: the archive's files add up to more than %llu MiB", name,
                                 (unsigned long long) (s->max_total >> 20));
        _cleanup_close_ int dir = -1;
        const char *base;
        r = open_parent(s->rootfd, rel, true, &dir, &base);
        if (r < 0)
                return judge_err(s->err, r == -ENOTDIR ? -EPERM : r, "%s: cannot create it: %s", name,
                                 r == -ENOTDIR ? "a parent is a link or a file" : strerror(-r));
        _cleanup_close_ int out = openat(dir, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (out < 0)
                return judge_err(s->err, errno == EEXIST ? -EPERM : -errno, "%s: %s", name,
                                 errno == EEXIST ? "appears twice in the archive" : strerror(errno));
        char chunk[65536];
        for (;;) {
                ssize_t n = read(in, chunk, sizeof chunk);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return judge_err(s->err, -errno, "%s: read: %m", name);
                if (n == 0)
                        return 0;
                for (ssize_t off = 0; off < n;) {
                        ssize_t w = write(out, chunk + off, (size_t) (n - off));
                        if (w < 0 && errno == EINTR)
                                continue;
                        if (w < 0)
                                return judge_err(s->err, -errno, "%s: write: %m", name);
                        off += w;
                }
        }
}

static int extract_entry(struct extract_state *s, struct archive_entry *ent) {
        const char *name = archive_entry_pathname(ent);
        if (!name)
                name = archive_entry_pathname_utf8(ent);
        if (!name)
                return judge_err(s->err, -EINVAL, "entry %zu: a name that cannot be read", s->entries);
        if (++s->entries > s->max_entries)
                return judge_err(s->err, -EFBIG, "%s: more than %zu entries in the archive", name, s->max_entries);

        char rel[PATH_MAX];
        const char *why = NULL;
        int r = normalize(name, rel, sizeof rel, &why);
        if (r < 0)
                return judge_err(s->err, r, "%s: rejected: %s", name, why);
        mode_t type = archive_entry_filetype(ent);
        if (r == 0) {
                if (type == AE_IFDIR)
                        return 0; /* "./": the root itself */
                return judge_err(s->err, -EPERM, "%s: rejected: not a directory, yet names the root", name);
        }

        const char *hardlink = archive_entry_hardlink(ent);
        if (hardlink)
                return copy_hardlink(s, name, rel, hardlink);

        switch (type) {
        case AE_IFREG:
        case AE_IFDIR:
        case AE_IFLNK:
                break;
        case AE_IFCHR:
        case AE_IFBLK:
                return judge_err(s->err, -EPERM, "%s: rejected: a device file", name);
        default:
                return judge_err(s->err, -EPERM, "%s: rejected: not a regular file, directory or link", name);
        }
        if (type == AE_IFREG && archive_entry_size_is_set(ent) && archive_entry_size(ent) >= 0 &&
            (uint64_t) archive_entry_size(ent) > s->max_entry)
                return judge_err(s->err, -EFBIG, "%s: larger than %llu MiB (%lld bytes)", name,
                                 (unsigned long long) (s->max_entry >> 20), (long long) archive_entry_size(ent));
        const char *target = NULL;
        if (type == AE_IFLNK) {
                target = archive_entry_symlink(ent);
                if (!target)
                        target = archive_entry_symlink_utf8(ent);
                if (!target || !*target)
                        return judge_err(s->err, -EPERM, "%s: rejected: a symbolic link without a target", name);
                if (!link_target_inside(rel, target))
                        return judge_err(s->err, -EPERM, "%s: rejected: symbolic link to \"%s\" leaves the archive",
                                         name, target);
        }

        _cleanup_close_ int dir = -1;
        const char *base;
        r = open_parent(s->rootfd, rel, true, &dir, &base);
        if (r == -ENOTDIR)
                return judge_err(s->err, -EPERM, "%s: rejected: a parent directory is a link or a file", name);
        if (r < 0)
                return judge_err(s->err, r, "%s: cannot create it: %s", name, strerror(-r));

        if (type == AE_IFDIR) {
                if (mkdirat(dir, base, 0755) < 0) {
                        struct stat st;
                        if (errno != EEXIST || fstatat(dir, base, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
                            !S_ISDIR(st.st_mode))
                                return judge_err(s->err, errno == EEXIST ? -EPERM : -errno, "%s: %s", name,
                                                 errno == EEXIST ? "rejected: a directory over an earlier file or link"
                                                                 : strerror(errno));
                }
                return 0;
        }
        if (type == AE_IFLNK) {
                if (symlinkat(target, dir, base) < 0)
                        return judge_err(s->err, errno == EEXIST ? -EPERM : -errno, "%s: %s", name,
                                         errno == EEXIST ? "appears twice in the archive" : strerror(errno));
                return 0;
        }
        _cleanup_close_ int fd = openat(dir, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0)
                return judge_err(s->err, errno == EEXIST ? -EPERM : -errno, "%s: %s", name,
                                 errno == EEXIST ? "appears twice in the archive" : strerror(errno));
        return write_data(s, fd, name);
}

/* The real check on links: every symbolic link under dir (relative name rel) must resolve, through
 * whatever chain, to an existing path inside real_root. */
static int check_links(const char *dir, const char *rel, const char *real_root, struct judge_error *err) {
        DIR *d = opendir(dir);
        if (!d)
                return judge_err(err, -errno, "%s: %m", dir);
        int r = 0;
        struct dirent *de;
        while (r >= 0 && (de = readdir(d))) {
                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                        continue;
                _cleanup_free_ char *path = NULL, *sub = NULL;
                if (asprintf(&path, "%s/%s", dir, de->d_name) < 0 ||
                    asprintf(&sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name) < 0) {
                        r = judge_err(err, -ENOMEM, "out of memory");
                        break;
                }
                struct stat st;
                if (lstat(path, &st) < 0) {
                        r = judge_err(err, -errno, "%s: %m", sub);
                        break;
                }
                if (S_ISLNK(st.st_mode)) {
                        char real[PATH_MAX];
                        size_t n = strlen(real_root);
                        if (!realpath(path, real))
                                r = judge_err(err, -EPERM, "%s: rejected: symbolic link that leads nowhere (%m)", sub);
                        else if (strncmp(real, real_root, n) != 0 || (real[n] != '/' && real[n] != 0))
                                r = judge_err(err, -EPERM, "%s: rejected: symbolic link that leads out of the archive",
                                              sub);
                } else if (S_ISDIR(st.st_mode))
                        r = check_links(path, sub, real_root, err);
        }
        closedir(d);
        return r;
}

int unpack_extract(const char *path, const struct unpack_limits *lim, char **ret_dir,
                      struct judge_error *err) {
        if (!path || !ret_dir)
                return judge_err(err, -EINVAL, "invalid arguments");
        struct extract_state s = {
                .max_entry = lim && lim->max_entry_bytes ? lim->max_entry_bytes : DEFAULT_MAX_ENTRY,
                .max_total = lim && lim->max_total_bytes ? lim->max_total_bytes : DEFAULT_MAX_TOTAL,
                .max_entries = lim && lim->max_entries ? lim->max_entries : DEFAULT_MAX_ENTRIES,
                .rootfd = -1,
                .err = err,
        };
        _cleanup_(archive_read_freep) struct archive *a = archive_read_new();
        if (!a)
                return judge_err(err, -ENOMEM, "out of memory");
        /* Only in-process decompressors: no filter that would run an external program. */
        archive_read_support_filter_gzip(a);
        archive_read_support_filter_bzip2(a);
        archive_read_support_filter_xz(a);
        archive_read_support_format_tar(a);
        archive_read_support_format_zip(a);
        if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK)
                return judge_err(err, archive_errno(a) == ENOENT ? -ENOENT : -EINVAL, "%s: %s", path,
                                 archive_error_string(a) ?: "cannot open");
        s.a = a;

        const char *tmp = getenv("TMPDIR");
        _cleanup_free_ char *dir = NULL;
        if (asprintf(&dir, "%s/judge-archive-XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0)
                return judge_err(err, -ENOMEM, "out of memory");
        if (!mkdtemp(dir))
                return judge_err(err, -errno, "mkdtemp %s: %m", dir);
        s.root = dir;
        _cleanup_close_ int rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        int r = 0;
        if (rootfd < 0)
                r = judge_err(err, -errno, "%s: %m", dir);
        s.rootfd = rootfd;

        while (r >= 0) {
                struct archive_entry *ent;
                int ar = archive_read_next_header(a, &ent);
                if (ar == ARCHIVE_EOF)
                        break;
                if (ar == ARCHIVE_WARN && ent)
                        ar = ARCHIVE_OK; /* e.g. an unknown extended attribute: harmless */
                if (ar != ARCHIVE_OK) {
                        r = judge_err(err, -EINVAL, "not a readable tar or zip archive: %s",
                                      archive_error_string(a) ?: "damaged");
                        break;
                }
                r = extract_entry(&s, ent);
        }
        if (r >= 0 && s.entries == 0)
                r = judge_err(err, -EINVAL, "the archive is empty");
        if (r >= 0) {
                char real[PATH_MAX];
                if (!realpath(dir, real))
                        r = judge_err(err, -errno, "%s: %m", dir);
                else
                        r = check_links(dir, "", real, err);
        }
        if (r < 0) {
                if (err && r != -ENOMEM)
                        judge_err_prefix(err, "%s", path);
                unpack_remove_tree(dir);
                return r;
        }
        *ret_dir = TAKE_PTR(dir);
        return 0;
}

static int remove_at(int at, const char *name) {
        if (unlinkat(at, name, 0) == 0)
                return 0;
        if (errno != EISDIR && errno != EPERM)
                return errno == ENOENT ? 0 : -errno;
        int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        DIR *d = fdopendir(fd);
        if (!d) {
                int r = -errno;
                close(fd);
                return r;
        }
        int r = 0;
        struct dirent *de;
        while ((de = readdir(d))) {
                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                        continue;
                int q = remove_at(dirfd(d), de->d_name);
                if (q < 0 && r == 0)
                        r = q;
        }
        closedir(d);
        if (unlinkat(at, name, AT_REMOVEDIR) < 0 && r == 0)
                r = -errno;
        return r;
}

int unpack_remove_tree(const char *dir) {
        if (!dir)
                return 0;
        return remove_at(AT_FDCWD, dir);
}

static bool ignored_name(const char *name) {
        /* dot files (.DS_Store, .git) and the resource forks macOS adds to zips */
        return name[0] == '.' || strcmp(name, "__MACOSX") == 0;
}

static bool has_problem_json(const char *dir) {
        _cleanup_free_ char *p = NULL;
        struct stat st;
        return asprintf(&p, "%s/problem.json", dir) >= 0 && lstat(p, &st) == 0;
}

int unpack_find_root(const char *root, const char *name, char **ret_path, bool *ret_is_package,
                        struct judge_error *err) {
        if (has_problem_json(root)) {
                if (!name || !*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
                        name = "package";
                _cleanup_free_ char *pkg = NULL;
                if (asprintf(&pkg, "%s/%s", root, name) < 0)
                        return judge_err(err, -ENOMEM, "out of memory");
                /* Collect the names first: renaming while reading the directory may repeat entries. */
                DIR *d = opendir(root);
                if (!d)
                        return judge_err(err, -errno, "%s: %m", root);
                char **names = NULL;
                size_t n = 0;
                struct dirent *de;
                int r = 0;
                while ((de = readdir(d))) {
                        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                                continue;
                        char **nn = realloc(names, (n + 1) * sizeof *names);
                        if (!nn || !(nn[n] = strdup(de->d_name))) {
                                names = nn ? nn : names;
                                r = judge_err(err, -ENOMEM, "out of memory");
                                break;
                        }
                        names = nn;
                        n++;
                }
                closedir(d);
                if (r >= 0 && mkdir(pkg, 0755) < 0)
                        r = judge_err(err, -errno, "%s: %m (the archive also holds an entry of that name)", pkg);
                for (size_t i = 0; i < n; i++) {
                        if (r >= 0) {
                                _cleanup_free_ char *from = NULL, *to = NULL;
                                if (asprintf(&from, "%s/%s", root, names[i]) < 0 ||
                                    asprintf(&to, "%s/%s", pkg, names[i]) < 0)
                                        r = judge_err(err, -ENOMEM, "out of memory");
                                else if (rename(from, to) < 0)
                                        r = judge_err(err, -errno, "rename %s: %m", from);
                        }
                        free(names[i]);
                }
                free(names);
                if (r < 0)
                        return r;
                *ret_path = TAKE_PTR(pkg);
                *ret_is_package = true;
                return 0;
        }

        DIR *d = opendir(root);
        if (!d)
                return judge_err(err, -errno, "%s: %m", root);
        _cleanup_free_ char *only = NULL;
        size_t n = 0;
        bool only_is_dir = false;
        struct dirent *de;
        while ((de = readdir(d))) {
                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 || ignored_name(de->d_name))
                        continue;
                if (n++ == 0) {
                        struct stat st;
                        only = NULL;
                        if (asprintf(&only, "%s/%s", root, de->d_name) < 0) {
                                closedir(d);
                                return judge_err(err, -ENOMEM, "out of memory");
                        }
                        only_is_dir = lstat(only, &st) == 0 && S_ISDIR(st.st_mode);
                }
        }
        closedir(d);
        if (n == 1 && only_is_dir) {
                *ret_is_package = has_problem_json(only);
                *ret_path = TAKE_PTR(only);
                return 0;
        }
        char *copy = strdup(root);
        if (!copy)
                return judge_err(err, -ENOMEM, "out of memory");
        *ret_path = copy;
        *ret_is_package = false;
        return 0;
}
