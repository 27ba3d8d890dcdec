/* The payload tar; see payload.h. */
#include "engine/payload.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <string.h>

#include "base/buf.h"

#define PAYLOAD_MAX ((size_t) 512 << 20)
#define PAYLOAD_MTIME 1704067200 /* 2024-01-01: fixed, so equal inputs give equal tars */

static void archive_write_freep(struct archive **a) {
        if (*a)
                archive_write_free(*a);
}

static void archive_entry_freep(struct archive_entry **e) {
        if (*e)
                archive_entry_free(*e);
}

static la_ssize_t write_cb(struct archive *a, void *userdata, const void *p, size_t n) {
        struct buf *b = userdata;
        int r = buf_append(b, p, n);
        if (r < 0) {
                archive_set_error(a, r == -ENOBUFS ? EFBIG : ENOMEM, "payload larger than %zu bytes",
                                  PAYLOAD_MAX);
                return -1;
        }
        return (la_ssize_t) n;
}

static int path_check(const char *path, struct judge_error *err) {
        if (!path || !*path)
                return judge_err(err, -EINVAL, "payload: empty path");
        if (path[0] == '/')
                return judge_err(err, -EINVAL, "payload: absolute path '%s'", path);
        if (strlen(path) > 4096)
                return judge_err(err, -EINVAL, "payload: path too long");
        for (const char *p = path;;) {
                size_t l = strcspn(p, "/");
                if (l == 0 || (l == 1 && p[0] == '.') || (l == 2 && p[0] == '.' && p[1] == '.'))
                        return judge_err(err, -EINVAL, "payload: bad path '%s' (empty, '.' or '..' part)", path);
                if (!p[l])
                        break;
                p += l + 1;
        }
        return 0;
}

/* Translate libarchive's error once. */
static int archive_fail(struct archive *a, struct judge_error *err, const char *what) {
        int e = archive_errno(a);
        return judge_err(err, e > 0 ? -e : -EIO, "payload: %s: %s", what,
                         archive_error_string(a) ? archive_error_string(a) : "libarchive error");
}

static int write_header(struct archive *a, const char *name, mode_t type, mode_t perm, size_t size,
                        struct judge_error *err) {
        _cleanup_(archive_entry_freep) struct archive_entry *e = archive_entry_new();
        if (!e)
                return judge_err(err, -ENOMEM, "out of memory");
        archive_entry_set_pathname(e, name);
        archive_entry_set_filetype(e, type);
        archive_entry_set_perm(e, perm);
        archive_entry_set_size(e, type == AE_IFREG ? (la_int64_t) size : 0);
        archive_entry_set_uid(e, 0);
        archive_entry_set_gid(e, 0);
        archive_entry_set_uname(e, "root");
        archive_entry_set_gname(e, "root");
        archive_entry_set_mtime(e, PAYLOAD_MTIME, 0);
        if (archive_write_header(a, e) != ARCHIVE_OK)
                return archive_fail(a, err, name);
        return 0;
}

/* Is dir (length dl) a parent directory of some file in files[0..n)? */
static bool is_dir_of(const struct payload_file *files, size_t n, const char *dir, size_t dl) {
        for (size_t i = 0; i < n; i++)
                if (strncmp(files[i].path, dir, dl) == 0 && files[i].path[dl] == '/')
                        return true;
        return false;
}

int payload_build(const struct payload_file *files, size_t n, void **ret_tar, size_t *ret_len,
                  struct judge_error *err) {
        int r;
        for (size_t i = 0; i < n; i++) {
                r = path_check(files[i].path, err);
                if (r < 0)
                        return r;
                if (!files[i].data && files[i].len)
                        return judge_err(err, -EINVAL, "payload: no data for '%s'", files[i].path);
                for (size_t k = 0; k < i; k++)
                        if (strcmp(files[i].path, files[k].path) == 0)
                                return judge_err(err, -EEXIST, "payload: '%s' given twice", files[i].path);
                if (is_dir_of(files, n, files[i].path, strlen(files[i].path)))
                        return judge_err(err, -EEXIST, "payload: '%s' is both a file and a directory",
                                         files[i].path);
        }

        _cleanup_buf_ struct buf out;
        buf_init(&out, PAYLOAD_MAX);
        _cleanup_(archive_write_freep) struct archive *a = archive_write_new();
        if (!a)
                return judge_err(err, -ENOMEM, "out of memory");
        if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
            archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
            archive_write_open(a, &out, NULL, write_cb, NULL) != ARCHIVE_OK)
                return archive_fail(a, err, "open");

        /* Directories: every proper prefix of every path, once, in order of first appearance
         * (a parent always comes before its children). */
        _cleanup_buf_ struct buf seen; /* "\n"-separated directory names written so far */
        buf_init(&seen, 0);
        if (buf_puts(&seen, "\n") < 0)
                return judge_err(err, -ENOMEM, "out of memory");
        for (size_t i = 0; i < n; i++) {
                const char *p = files[i].path;
                for (const char *s = strchr(p, '/'); s; s = strchr(s + 1, '/')) {
                        size_t dl = (size_t) (s - p);
                        _cleanup_free_ char *key = malloc(dl + 3);
                        if (!key)
                                return judge_err(err, -ENOMEM, "out of memory");
                        key[0] = '\n';
                        memcpy(key + 1, p, dl);
                        key[dl + 1] = '\n';
                        key[dl + 2] = 0;
                        if (strstr(seen.data, key))
                                continue;
                        if (buf_puts(&seen, key + 1) < 0)
                                return judge_err(err, -ENOMEM, "out of memory");
                        key[dl + 1] = 0;
                        r = write_header(a, key + 1, AE_IFDIR, 0555, 0, err);
                        if (r < 0)
                                return r;
                }
        }
        for (size_t i = 0; i < n; i++) {
                r = write_header(a, files[i].path, AE_IFREG, files[i].executable ? 0555 : 0444, files[i].len, err);
                if (r < 0)
                        return r;
                if (files[i].len && archive_write_data(a, files[i].data, files[i].len) != (la_ssize_t) files[i].len)
                        return archive_fail(a, err, files[i].path);
        }
        if (archive_write_close(a) != ARCHIVE_OK)
                return archive_fail(a, err, "close");

        *ret_len = out.len;
        *ret_tar = buf_steal(&out);
        return 0;
}
