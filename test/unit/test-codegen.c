/* codegen: glue and starter code for every fixture package under test/harness/, compared with
 * the golden files in each package's expected/ directory (main.cpp, stub.py, stub.cpp).
 * JUDGE_UPDATE_GOLDEN=1 rewrites the golden files instead (review the diff before committing).
 * Also built by hand: a problem with a bad name and an unknown language. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "lang/codegen.h"
#include "problem/problem.h"
#include "tap.h"

#define FIXTURES SOURCE_ROOT "/test/harness"

static char *read_text(const char *path) {
        FILE *f = fopen(path, "rb");
        if (!f)
                return NULL;
        struct buf b;
        buf_init(&b, 1 << 20);
        char chunk[4096];
        size_t n;
        int r = 0;
        while (r >= 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
                r = buf_append(&b, chunk, n);
        fclose(f);
        if (r < 0) {
                buf_free(&b);
                return NULL;
        }
        return buf_steal(&b);
}

static int write_text(const char *path, const char *text) {
        FILE *f = fopen(path, "wb");
        if (!f)
                return -errno;
        fputs(text, f);
        return fclose(f) == 0 ? 0 : -EIO;
}

/* Compare text with the golden file dir/expected/name (or rewrite it). */
static void check_golden(const char *slug, const char *name, const char *text) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s/expected", FIXTURES, slug);
        if (getenv("JUDGE_UPDATE_GOLDEN")) {
                mkdir(path, 0755);
                snprintf(path, sizeof path, "%s/%s/expected/%s", FIXTURES, slug, name);
                CHECK(write_text(path, text) == 0, "%s: wrote %s", slug, name);
                return;
        }
        snprintf(path, sizeof path, "%s/%s/expected/%s", FIXTURES, slug, name);
        _cleanup_free_ char *want = read_text(path);
        bool same = want && strcmp(want, text) == 0;
        CHECK(same, "%s: %s matches the golden file", slug, name);
        if (!same) {
                tap_diag("got:", text);
                tap_diag(path, want ? want : "(missing)");
        }
}

static void test_fixture(const char *slug) {
        char dir[4096];
        struct judge_error err = {0};
        _cleanup_(problem_freep) struct problem *p = NULL;
        snprintf(dir, sizeof dir, "%s/%s", FIXTURES, slug);
        int r = problem_load(dir, &p, NULL, &err);
        CHECK(r == 0, "%s: problem_load (%s)", slug, r < 0 ? err.msg : "ok");
        if (r < 0)
                return;

        struct codegen_file *files = NULL;
        size_t n = 99;
        r = codegen_glue(p, "python", &files, &n, &err);
        CHECK(r == 0 && n == 0 && !files, "%s: python needs no glue", slug);

        r = codegen_glue(p, "cpp", &files, &n, &err);
        CHECK(r == 0 && n == 1 && strcmp(files[0].path, "main.cpp") == 0, "%s: cpp glue is main.cpp", slug);
        if (r == 0 && n == 1)
                check_golden(slug, "main.cpp", files[0].text);
        files = codegen_files_free(files, n);

        static const struct {
                const char *lang, *file;
        } stubs[] = {{"python", "stub.py"}, {"cpp", "stub.cpp"}};
        for (size_t i = 0; i < ELEMENTSOF(stubs); i++) {
                _cleanup_buf_ struct buf b;
                buf_init(&b, 1 << 20);
                r = codegen_stub(p, stubs[i].lang, &b, &err);
                CHECK(r == 0, "%s: %s stub generated", slug, stubs[i].lang);
                if (r == 0)
                        check_golden(slug, stubs[i].file, b.data ? b.data : "");
        }
}

static void test_errors(void) {
        struct type t_int = {.kind = TYPE_INT};
        struct param params[] = {{.name = (char *)"x", .type = &t_int}};
        struct problem p = {
                .slug = (char *)"hand-made",
                .sig = {.name = (char *)"f",
                        .fn = {.name = (char *)"f", .params = params, .n_params = 1, .returns = &t_int},
                        .output_param = -1},
        };
        struct judge_error err = {0};
        struct codegen_file *files = NULL;
        size_t n = 0;
        _cleanup_buf_ struct buf b;
        buf_init(&b, 1 << 16);

        int r = codegen_glue(&p, "cobol", &files, &n, &err);
        CHECK(r == -EINVAL && strstr(err.msg, "cobol"), "unknown language is -EINVAL naming it (%s)",
              err.msg);
        r = codegen_stub(&p, "cobol", &b, &err);
        CHECK(r == -EINVAL, "unknown language stub is -EINVAL");

        r = codegen_stub(&p, "cpp", &b, &err);
        CHECK(r == 0 && strcmp(b.data,
                               "class Solution {\npublic:\n    int f(int x) {\n        \n    }\n};\n") == 0,
              "hand-made cpp stub");

        p.sig.name = p.sig.fn.name = (char *)"f(); system(\"x\")";
        r = codegen_glue(&p, "cpp", &files, &n, &err);
        CHECK(r == -EINVAL, "a name that is not an identifier is refused (%s)", err.msg);
        p.sig.name = p.sig.fn.name = (char *)"f";
        params[0].name = (char *)"1x";
        r = codegen_stub(&p, "python", &b, &err);
        CHECK(r == -EINVAL, "a parameter name that is not an identifier is refused (%s)", err.msg);
}

int main(void) {
        DIR *d = opendir(FIXTURES);
        CHECK(d != NULL, "fixtures directory %s", FIXTURES);
        if (d) {
                char **slugs = NULL;
                size_t n = 0;
                struct dirent *e;
                while ((e = readdir(d))) {
                        char path[4096];
                        struct stat st;
                        snprintf(path, sizeof path, "%s/%s/problem.json", FIXTURES, e->d_name);
                        if (e->d_name[0] == '.' || stat(path, &st) < 0)
                                continue;
                        char **s = realloc(slugs, (n + 1) * sizeof *s);
                        if (!s)
                                break;
                        slugs = s;
                        slugs[n++] = strdup(e->d_name);
                }
                closedir(d);
                for (size_t i = 0; i < n; i++)
                        for (size_t j = i + 1; j < n; j++)
                                if (strcmp(slugs[i], slugs[j]) > 0) {
                                        char *t = slugs[i];
                                        slugs[i] = slugs[j];
                                        slugs[j] = t;
                                }
                CHECK(n >= 6, "%zu fixture packages", n);
                for (size_t i = 0; i < n; i++) {
                        test_fixture(slugs[i]);
                        free(slugs[i]);
                }
                free(slugs);
        }
        test_errors();
        return tap_done();
}
