/* Unit tests for lib/validate/unpack.c: archives are written here with libarchive (tar, tar.gz, zip), some
 * hostile, and extracted; nothing may land outside the private directory. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "tap.h"
#include "testlib.h"
#include "validate/unpack.h"

enum kind { ENT_FILE, ENT_DIR, ENT_SYMLINK, ENT_HARDLINK, ENT_CHARDEV, ENT_FIFO };

struct ent {
        enum kind kind;
        const char *name;
        const char *data;   /* file contents, or link target */
        size_t size;        /* ENT_FILE: bytes to write (data repeated / zero-filled when data is NULL) */
};

enum fmt { FMT_TAR, FMT_TGZ, FMT_ZIP };

static char workdir[PATH_MAX];

/* Write entries to an archive file; returns its path (static buffer per call site copy). */
static void make_archive(const char *path, enum fmt fmt, const struct ent *ents, size_t n) {
        struct archive *a = archive_write_new();
        if (fmt == FMT_ZIP)
                archive_write_set_format_zip(a);
        else
                archive_write_set_format_pax_restricted(a);
        if (fmt == FMT_TGZ)
                archive_write_add_filter_gzip(a);
        if (archive_write_open_filename(a, path) != ARCHIVE_OK) {
                fprintf(stderr, "cannot write %s: %s\n", path, archive_error_string(a));
                exit(2);
        }
        for (size_t i = 0; i < n; i++) {
                struct archive_entry *e = archive_entry_new();
                archive_entry_set_pathname(e, ents[i].name);
                archive_entry_set_mtime(e, 1700000000, 0);
                switch (ents[i].kind) {
                case ENT_FILE:
                        archive_entry_set_filetype(e, AE_IFREG);
                        archive_entry_set_perm(e, 04755); /* setuid: must not survive */
                        archive_entry_set_size(e, (la_int64_t) (ents[i].data ? strlen(ents[i].data) : ents[i].size));
                        break;
                case ENT_DIR:
                        archive_entry_set_filetype(e, AE_IFDIR);
                        archive_entry_set_perm(e, 0777);
                        break;
                case ENT_SYMLINK:
                        archive_entry_set_filetype(e, AE_IFLNK);
                        archive_entry_set_perm(e, 0777);
                        archive_entry_set_symlink(e, ents[i].data);
                        break;
                case ENT_HARDLINK:
                        archive_entry_set_filetype(e, AE_IFREG);
                        archive_entry_set_perm(e, 0644);
                        archive_entry_set_hardlink(e, ents[i].data);
                        archive_entry_set_size(e, 0);
                        break;
                case ENT_CHARDEV:
                        archive_entry_set_filetype(e, AE_IFCHR);
                        archive_entry_set_perm(e, 0666);
                        archive_entry_set_rdev(e, makedev(1, 3));
                        break;
                case ENT_FIFO:
                        archive_entry_set_filetype(e, AE_IFIFO);
                        archive_entry_set_perm(e, 0666);
                        break;
                }
                archive_write_header(a, e);
                if (ents[i].kind == ENT_FILE) {
                        if (ents[i].data)
                                archive_write_data(a, ents[i].data, strlen(ents[i].data));
                        else {
                                static char zeros[65536];
                                for (size_t left = ents[i].size; left > 0;) {
                                        size_t k = left < sizeof zeros ? left : sizeof zeros;
                                        archive_write_data(a, zeros, k);
                                        left -= k;
                                }
                        }
                }
                archive_entry_free(e);
        }
        archive_write_close(a);
        archive_write_free(a);
}

static bool file_is(const char *dir, const char *rel, const char *content) {
        char path[PATH_MAX * 2];
        snprintf(path, sizeof path, "%s/%s", dir, rel);
        FILE *f = fopen(path, "r");
        if (!f)
                return false;
        char buf[4096];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = 0;
        return strcmp(buf, content) == 0;
}

static bool exists(const char *path) {
        struct stat st;
        return lstat(path, &st) == 0;
}

/* Count entries in $TMPDIR named judge-archive-*: a failed extraction must leave none. */
static int leftovers(void) {
        char cmd[PATH_MAX + 64];
        snprintf(cmd, sizeof cmd, "ls -d %s/judge-archive-* 2>/dev/null | wc -l", workdir);
        FILE *p = popen(cmd, "r");
        int n = testlib_scan_int(p);
        if (p)
                pclose(p);
        return n;
}

/* Extraction must fail with code and a message containing both the entry name and why. */
static void rejects(const char *what, enum fmt fmt, const struct ent *ents, size_t n, const struct unpack_limits *lim,
                    int code, const char *entry, const char *why) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/bad.%s", workdir, fmt == FMT_ZIP ? "zip" : fmt == FMT_TGZ ? "tar.gz" : "tar");
        make_archive(path, fmt, ents, n);
        struct judge_error err = { 0 };
        char *dir = NULL;
        int r = unpack_extract(path, lim, &dir, &err);
        CHECK(r == code && !dir && strstr(err.msg, entry) && strstr(err.msg, why) && leftovers() == 0,
              "%s: rejected (%d) [%s]", what, r, err.msg);
        if (dir) {
                unpack_remove_tree(dir);
                free(dir);
        }
        unlink(path);
}

static void test_good(enum fmt fmt) {
        const char *names[] = { "tar", "tar.gz", "zip" };
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/good.%s", workdir, names[fmt]);
        const struct ent ents[] = {
                { ENT_DIR, "set/", NULL, 0 },
                { ENT_DIR, "set/two-sum/", NULL, 0 },
                { ENT_FILE, "set/two-sum/problem.json", "{\"slug\":\"two-sum\"}", 0 },
                { ENT_FILE, "./set/two-sum/tests//sample.json", "[]", 0 }, /* parent made implicitly, ./ and // */
                { ENT_SYMLINK, "set/two-sum/statement.md", "tests/sample.json", 0 },
                { ENT_DIR, "set/other/", NULL, 0 },
                { ENT_SYMLINK, "set/other/up", "../two-sum/problem.json", 0 },
        };
        size_t n = ELEMENTSOF(ents);
        if (fmt != FMT_ZIP) {
                /* zip has no hard links */
                make_archive(path, fmt, ents, n);
        } else
                make_archive(path, fmt, ents, n);
        struct judge_error err = { 0 };
        char *dir = NULL;
        int r = unpack_extract(path, NULL, &dir, &err);
        CHECK(r == 0 && dir, "%s: a good archive extracts [%s]", names[fmt], err.msg);
        if (!dir)
                return;
        struct stat st;
        CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700, "%s: the directory is private (0700)", names[fmt]);
        CHECK(file_is(dir, "set/two-sum/problem.json", "{\"slug\":\"two-sum\"}"), "%s: file contents", names[fmt]);
        CHECK(file_is(dir, "set/two-sum/tests/sample.json", "[]"), "%s: nested file, ./ and // normalised", names[fmt]);
        CHECK(file_is(dir, "set/two-sum/statement.md", "[]"), "%s: a link inside the archive is kept", names[fmt]);
        CHECK(file_is(dir, "set/other/up", "{\"slug\":\"two-sum\"}"), "%s: a link with .. that stays inside is kept",
              names[fmt]);
        char p[PATH_MAX * 2];
        snprintf(p, sizeof p, "%s/set/two-sum/problem.json", dir);
        CHECK(stat(p, &st) == 0 && (st.st_mode & 07777) == 0644, "%s: file mode 0644, setuid dropped (%o)", names[fmt],
              st.st_mode & 07777);

        char *root = NULL;
        bool pkg = true;
        r = unpack_find_root(dir, "good", &root, &pkg, &err);
        snprintf(p, sizeof p, "%s/set", dir);
        CHECK(r == 0 && root && strcmp(root, p) == 0 && !pkg, "%s: one top-level directory holding a set", names[fmt]);
        free(root);
        CHECK(unpack_remove_tree(dir) == 0 && !exists(dir), "%s: removed", names[fmt]);
        free(dir);
        unlink(path);
}

static void test_find_root(void) {
        char path[PATH_MAX];
        struct judge_error err = { 0 };
        /* A package's files at the top level: moved under the archive's name. */
        snprintf(path, sizeof path, "%s/two-sum.tar", workdir);
        const struct ent flat[] = {
                { ENT_FILE, "problem.json", "{}", 0 },
                { ENT_DIR, "tests/", NULL, 0 },
                { ENT_FILE, "tests/sample.json", "[]", 0 },
        };
        make_archive(path, FMT_TAR, flat, ELEMENTSOF(flat));
        char *dir = NULL, *root = NULL;
        bool pkg = false;
        int r = unpack_extract(path, NULL, &dir, &err);
        if (r == 0)
                r = unpack_find_root(dir, "two-sum", &root, &pkg, &err);
        char want[PATH_MAX * 2] = "";
        if (dir)
                snprintf(want, sizeof want, "%s/two-sum", dir);
        CHECK(r == 0 && root && strcmp(root, want) == 0 && pkg && file_is(root, "tests/sample.json", "[]"),
              "a bare package is moved into a folder named after the archive [%s]", err.msg);
        free(root);
        unpack_remove_tree(dir);
        free(dir);

        /* One top-level directory that is a package. */
        const struct ent one[] = { { ENT_FILE, "two-sum/problem.json", "{}", 0 } };
        make_archive(path, FMT_TAR, one, ELEMENTSOF(one));
        dir = root = NULL;
        r = unpack_extract(path, NULL, &dir, &err);
        if (r == 0)
                r = unpack_find_root(dir, "x", &root, &pkg, &err);
        if (dir)
                snprintf(want, sizeof want, "%s/two-sum", dir);
        CHECK(r == 0 && root && strcmp(root, want) == 0 && pkg, "one top-level package directory");
        free(root);
        unpack_remove_tree(dir);
        free(dir);

        /* Several packages at the top level: the root is the set. */
        const struct ent set[] = { { ENT_FILE, "a/problem.json", "{}", 0 }, { ENT_FILE, "b/problem.json", "{}", 0 },
                                   { ENT_FILE, ".DS_Store", "x", 0 } };
        make_archive(path, FMT_TAR, set, ELEMENTSOF(set));
        dir = root = NULL;
        r = unpack_extract(path, NULL, &dir, &err);
        if (r == 0)
                r = unpack_find_root(dir, "x", &root, &pkg, &err);
        CHECK(r == 0 && root && dir && strcmp(root, dir) == 0 && !pkg, "packages at the top level: the root is the set");
        free(root);
        unpack_remove_tree(dir);
        free(dir);
        unlink(path);
}

static void test_hostile(void) {
        const struct ent dotdot[] = { { ENT_FILE, "set/../../evil", "x", 0 } };
        rejects("'..' in a path (tar)", FMT_TAR, dotdot, 1, NULL, -EPERM, "set/../../evil", "'..'");
        rejects("'..' in a path (zip)", FMT_ZIP, dotdot, 1, NULL, -EPERM, "set/../../evil", "'..'");
        const struct ent dotdot2[] = { { ENT_FILE, "a/b/../c", "x", 0 } };
        rejects("'..' even when it would stay inside", FMT_TGZ, dotdot2, 1, NULL, -EPERM, "a/b/../c", "'..'");
        const struct ent abs[] = { { ENT_FILE, "/tmp/judge-unpack-abs", "x", 0 } };
        rejects("absolute path", FMT_TAR, abs, 1, NULL, -EPERM, "/tmp/judge-unpack-abs", "absolute path");
        CHECK(!exists("/tmp/judge-unpack-abs"), "nothing written at the absolute path");
        const struct ent sl_abs[] = { { ENT_SYMLINK, "p/link", "/etc/passwd", 0 } };
        rejects("symlink to an absolute path", FMT_TAR, sl_abs, 1, NULL, -EPERM, "p/link", "leaves the archive");
        const struct ent sl_up[] = { { ENT_SYMLINK, "p/link", "../../etc", 0 } };
        rejects("symlink climbing out", FMT_ZIP, sl_up, 1, NULL, -EPERM, "p/link", "leaves the archive");
        /* Each link alone looks harmless; together they lead out: caught by the final realpath check. */
        const struct ent chain[] = { { ENT_DIR, "d/", NULL, 0 },
                                     { ENT_SYMLINK, "d/s", "../top", 0 },
                                     { ENT_DIR, "top/", NULL, 0 },
                                     { ENT_SYMLINK, "d/l", "s/../../bad.tar", 0 } };
        rejects("a chain of links that leads out", FMT_TAR, chain, ELEMENTSOF(chain), NULL, -EPERM, "d/l",
                "out of the archive");
        /* Writing through a link an earlier entry made. */
        const struct ent through[] = { { ENT_DIR, "d/", NULL, 0 },
                                       { ENT_SYMLINK, "d/l", ".", 0 },
                                       { ENT_FILE, "d/l/f", "x", 0 } };
        rejects("a file written through a link", FMT_TAR, through, ELEMENTSOF(through), NULL, -EPERM, "d/l/f",
                "link or a file");
        const struct ent hl[] = { { ENT_HARDLINK, "p/passwd", "/etc/passwd", 0 } };
        rejects("hard link to an absolute path", FMT_TAR, hl, 1, NULL, -EPERM, "p/passwd", "hard link");
        const struct ent hl_up[] = { { ENT_HARDLINK, "p/passwd", "../../../../etc/passwd", 0 } };
        rejects("hard link climbing out", FMT_TAR, hl_up, 1, NULL, -EPERM, "p/passwd", "hard link");
        const struct ent dev[] = { { ENT_CHARDEV, "p/null", NULL, 0 } };
        rejects("device file", FMT_TAR, dev, 1, NULL, -EPERM, "p/null", "device file");
        const struct ent fifo[] = { { ENT_FIFO, "p/fifo", NULL, 0 } };
        rejects("fifo", FMT_TAR, fifo, 1, NULL, -EPERM, "p/fifo", "not a regular file");
        const struct ent dup[] = { { ENT_FILE, "p/a", "x", 0 }, { ENT_FILE, "p/a", "y", 0 } };
        rejects("the same file twice", FMT_TAR, dup, 2, NULL, -EPERM, "p/a", "twice");

        /* Limits, scaled down so the test stays small. */
        struct unpack_limits small = { .max_entry_bytes = 1 << 20, .max_total_bytes = 3 << 20, .max_entries = 10 };
        const struct ent big[] = { { ENT_FILE, "p/big", NULL, (1 << 20) + 1 } };
        rejects("oversize entry", FMT_TGZ, big, 1, &small, -EFBIG, "p/big", "larger than 1 MiB");
        rejects("oversize entry (zip)", FMT_ZIP, big, 1, &small, -EFBIG, "p/big", "larger than 1 MiB");
        const struct ent many_mb[] = { { ENT_FILE, "p/1", NULL, 1 << 20 },
                                       { ENT_FILE, "p/2", NULL, 1 << 20 },
                                       { ENT_FILE, "p/3", NULL, 1 << 20 },
                                       { ENT_FILE, "p/4", NULL, 1 << 20 } };
        rejects("total size", FMT_TGZ, many_mb, 4, &small, -EFBIG, "p/4", "add up to more than 3 MiB");
        struct ent many[12];
        char names[12][16];
        for (int i = 0; i < 12; i++) {
                snprintf(names[i], sizeof names[i], "p/f%d", i);
                many[i] = (struct ent){ ENT_FILE, names[i], "x", 0 };
        }
        rejects("too many entries", FMT_TAR, many, 12, &small, -EFBIG, "p/f10", "more than 10 entries");
        /* The real defaults: 64 MiB per entry, checked from the header before any byte is written. */
        const struct ent huge[] = { { ENT_FILE, "p/huge", NULL, (64u << 20) + 1 } };
        rejects("entry over 64 MiB (default limit)", FMT_TGZ, huge, 1, NULL, -EFBIG, "p/huge", "larger than 64 MiB");

        /* Not an archive at all. */
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/junk.tar", workdir);
        FILE *f = fopen(path, "w");
        fputs("this is not a tar file, not at all, not even close; just some text here", f);
        fclose(f);
        struct judge_error err = { 0 };
        char *dir = NULL;
        int r = unpack_extract(path, NULL, &dir, &err);
        CHECK(r == -EINVAL && !dir && leftovers() == 0, "junk is not an archive (%d) [%s]", r, err.msg);
        unlink(path);
        r = unpack_extract("/nonexistent/x.tar", NULL, &dir, &err);
        CHECK(r == -ENOENT && !dir, "a missing archive is -ENOENT (%d) [%s]", r, err.msg);
}

static void test_names(void) {
        CHECK(unpack_is_archive("a.tar") && unpack_is_archive("dir/a.tar.gz") && unpack_is_archive("a.TGZ") &&
                      unpack_is_archive("x.zip"),
              "archive names recognised");
        CHECK(!unpack_is_archive("a.gz") && !unpack_is_archive("tar") && !unpack_is_archive(".zipx") &&
                      !unpack_is_archive("problems/"),
              "other names are not archives");
}

int main(void) {
        const char *t = getenv("TMPDIR");
        snprintf(workdir, sizeof workdir, "%s/test-unpack-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(workdir)) {
                perror("mkdtemp");
                return 2;
        }
        setenv("TMPDIR", workdir, 1); /* so leftovers() sees only this test's directories */
        test_names();
        test_good(FMT_TAR);
        test_good(FMT_TGZ);
        test_good(FMT_ZIP);
        test_find_root();
        test_hostile();
        CHECK(leftovers() == 0, "no extraction directory left behind");
        unpack_remove_tree(workdir);
        return tap_done();
}
