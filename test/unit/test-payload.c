/* payload_build: read the tar back with libarchive and check names, types, modes, owners and
 * contents; bad paths are rejected. */
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#include "engine/payload.h"
#include "tap.h"

struct seen {
        char name[512];
        int type;
        int perm;
        long uid, gid;
        char uname[32], gname[32];
        char data[256];
        size_t len;
        long mtime;
};

static int read_back(const void *tar, size_t len, struct seen *out, int max) {
        struct archive *a = archive_read_new();
        archive_read_support_format_all(a);
        if (archive_read_open_memory(a, tar, len) != ARCHIVE_OK) {
                archive_read_free(a);
                return -1;
        }
        struct archive_entry *e;
        int n = 0;
        while (n < max && archive_read_next_header(a, &e) == ARCHIVE_OK) {
                struct seen *s = &out[n++];
                memset(s, 0, sizeof *s);
                snprintf(s->name, sizeof s->name, "%s", archive_entry_pathname(e));
                s->type = (int) archive_entry_filetype(e);
                s->perm = (int) archive_entry_perm(e);
                s->uid = (long) archive_entry_uid(e);
                s->gid = (long) archive_entry_gid(e);
                snprintf(s->uname, sizeof s->uname, "%s", archive_entry_uname(e) ? archive_entry_uname(e) : "");
                snprintf(s->gname, sizeof s->gname, "%s", archive_entry_gname(e) ? archive_entry_gname(e) : "");
                s->mtime = (long) archive_entry_mtime(e);
                la_ssize_t k = archive_read_data(a, s->data, sizeof s->data - 1);
                s->len = k > 0 ? (size_t) k : 0;
        }
        archive_read_free(a);
        return n;
}

static struct seen *find(struct seen *s, int n, const char *name) {
        for (int i = 0; i < n; i++)
                if (strcmp(s[i].name, name) == 0 || (strncmp(s[i].name, name, strlen(name)) == 0 &&
                                                     strcmp(s[i].name + strlen(name), "/") == 0))
                        return &s[i];
        return NULL;
}

static int index_of(struct seen *s, struct seen *x) {
        return x ? (int) (x - s) : -1;
}

int main(void) {
        const char conf[] = "workdir=/tmp/w\nrun_arg=./main\n";
        const char job[] = "{\"cases\":[]}";
        const char sol[] = "print(1)\n";
        const struct payload_file files[] = {
                { "p/runner.conf", conf, strlen(conf), false },
                { "p/job.json", job, strlen(job), false },
                { "p/src/solution.py", sol, strlen(sol), false },
                { "p/src/run.sh", "#!/bin/sh\n", 10, true },
                { "p/empty", NULL, 0, false },
        };
        void *tar = NULL;
        size_t len = 0;
        struct judge_error err = { 0 };
        int r = payload_build(files, ELEMENTSOF(files), &tar, &len, &err);
        CHECK(r == 0, "payload_build succeeds (%s)", err.msg);
        CHECK(len > 0 && len % 512 == 0, "tar length %zu is a multiple of 512", len);

        struct seen s[32];
        int n = read_back(tar, len, s, 32);
        CHECK(n == 7, "7 entries (2 directories, 5 files): %d", n);

        struct seen *p = find(s, n, "p"), *src = find(s, n, "p/src");
        CHECK(p && p->type == AE_IFDIR && p->perm == 0555, "p/ is a directory 0555");
        CHECK(src && src->type == AE_IFDIR && src->perm == 0555, "p/src/ is a directory 0555");
        CHECK(index_of(s, p) < index_of(s, src), "parent directory comes first");

        struct seen *c = find(s, n, "p/runner.conf");
        CHECK(c && c->type == AE_IFREG && c->perm == 0444, "runner.conf is a file 0444");
        CHECK(c && c->len == strlen(conf) && memcmp(c->data, conf, c->len) == 0, "runner.conf content");
        struct seen *j = find(s, n, "p/job.json");
        CHECK(j && j->len == strlen(job) && memcmp(j->data, job, j->len) == 0, "job.json content");
        struct seen *x = find(s, n, "p/src/run.sh");
        CHECK(x && x->perm == 0555, "executable file is 0555");
        struct seen *e = find(s, n, "p/empty");
        CHECK(e && e->type == AE_IFREG && e->len == 0, "empty file is kept");

        bool owners = true, mtimes = true;
        for (int i = 0; i < n; i++) {
                if (s[i].uid != 0 || s[i].gid != 0 || strcmp(s[i].uname, "root") || strcmp(s[i].gname, "root"))
                        owners = false;
                if (s[i].mtime != s[0].mtime)
                        mtimes = false;
        }
        CHECK(owners, "every entry is owned by 0:0 root/root");
        CHECK(mtimes, "every entry has the same fixed mtime");

        void *tar2 = NULL;
        size_t len2 = 0;
        r = payload_build(files, ELEMENTSOF(files), &tar2, &len2, &err);
        CHECK(r == 0 && len2 == len && memcmp(tar, tar2, len) == 0, "equal inputs give equal bytes");
        free(tar);
        free(tar2);

        /* A long path needs pax headers; it must survive the round trip. */
        char longname[300];
        memset(longname, 'a', sizeof longname);
        memcpy(longname, "p/src/", 6);
        longname[sizeof longname - 1] = 0;
        struct payload_file lf = { longname, "x", 1, false };
        r = payload_build(&lf, 1, &tar, &len, &err);
        n = r == 0 ? read_back(tar, len, s, 32) : 0;
        CHECK(r == 0 && n == 3 && strcmp(s[2].name, longname) == 0, "a 299-character path survives");
        free(tar);

        const char *bad[] = { "/etc/passwd", "p/../x", "../x", "p//x", "p/./x", "", "p/", ".." };
        for (size_t i = 0; i < ELEMENTSOF(bad); i++) {
                struct payload_file b = { bad[i], "x", 1, false };
                tar = NULL;
                err = (struct judge_error){ 0 };
                r = payload_build(&b, 1, &tar, &len, &err);
                CHECK(r == -EINVAL && tar == NULL && err.msg[0], "rejects '%s' (%s)", bad[i], err.msg);
        }
        struct payload_file dup[] = { { "p/a", "x", 1, false }, { "p/a", "y", 1, false } };
        r = payload_build(dup, 2, &tar, &len, &err);
        CHECK(r == -EEXIST, "rejects a path given twice");
        struct payload_file clash[] = { { "p/a", "x", 1, false }, { "p/a/b", "y", 1, false } };
        r = payload_build(clash, 2, &tar, &len, &err);
        CHECK(r == -EEXIST, "rejects a file that is also a directory");
        r = payload_build(NULL, 0, &tar, &len, &err);
        CHECK(r == 0 && len > 0, "an empty payload is an empty tar");
        free(tar);
        return tap_done();
}
