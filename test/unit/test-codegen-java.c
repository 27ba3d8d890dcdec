/* codegen for java: for every fixture package under test/harness/, the starter code and the
 * jvm.args glue compared with the golden files expected/stub.java and expected/jvm.args
 * (JUDGE_UPDATE_GOLDEN=1 rewrites them; review the diff). Also: hand-made signatures for the
 * type spellings (T[] vs List<Boxed T>) and refused names. */
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
        if (r < 0 || !b.data) {
                buf_free(&b);
                return r < 0 ? NULL : strdup("");
        }
        return buf_steal(&b);
}

static void check_golden(const char *slug, const char *name, const char *text) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s/expected/%s", FIXTURES, slug, name);
        if (getenv("JUDGE_UPDATE_GOLDEN")) {
                FILE *f = fopen(path, "wb");
                CHECK(f && fputs(text, f) >= 0 && fclose(f) == 0, "%s: wrote %s", slug, name);
                return;
        }
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
        size_t n = 0;
        r = codegen_glue(p, "java", &files, &n, &err);
        CHECK(r == 0 && n == 1 && strcmp(files[0].path, "jvm.args") == 0, "%s: java glue is jvm.args", slug);
        if (r == 0 && n == 1)
                check_golden(slug, "jvm.args", files[0].text);
        files = codegen_files_free(files, n);

        _cleanup_buf_ struct buf b;
        buf_init(&b, 1 << 20);
        r = codegen_stub(p, "java", &b, &err);
        CHECK(r == 0, "%s: java stub generated (%s)", slug, r < 0 ? err.msg : "ok");
        if (r == 0)
                check_golden(slug, "stub.java", b.data ? b.data : "");
}

static struct type *parse(const char *s) {
        struct type *t = NULL;
        struct judge_error err = {0};
        if (type_parse(s, &t, &err) < 0)
                return NULL;
        return t;
}

static void test_hand_made(void) {
        _cleanup_(type_freep) struct type *ret = parse("list<list<integer>>");
        _cleanup_(type_freep) struct type *a = parse("char[][]");
        _cleanup_(type_freep) struct type *b = parse("list<int[]>");
        _cleanup_(type_freep) struct type *c = parse("long");
        _cleanup_(type_freep) struct type *d = parse("list<boolean>");
        struct param params[] = {{.name = (char *)"board", .type = a},
                                 {.name = (char *)"pairs", .type = b},
                                 {.name = (char *)"k", .type = c},
                                 {.name = (char *)"flags", .type = d}};
        struct problem p = {
                .slug = (char *)"hand-made",
                .memory_mb = 64,
                .sig = {.name = (char *)"f",
                        .fn = {.name = (char *)"f", .params = params, .n_params = 4, .returns = ret},
                        .output_param = -1},
        };
        struct judge_error err = {0};
        _cleanup_buf_ struct buf out;
        buf_init(&out, 1 << 16);
        int r = codegen_stub(&p, "java", &out, &err);
        CHECK(r == 0 && strcmp(out.data, "class Solution {\n"
                                         "    public List<List<Integer>> f(char[][] board, List<int[]> pairs, "
                                         "long k, List<Boolean> flags) {\n"
                                         "        \n"
                                         "    }\n"
                                         "}\n") == 0,
              "T[] stays an array, list<T> is List<Boxed T>");
        if (r == 0)
                tap_diag("output:", out.data);

        struct codegen_file *files = NULL;
        size_t n = 0;
        r = codegen_glue(&p, "java", &files, &n, &err);
        CHECK(r == 0 && n == 1 && strcmp(files[0].text, "-Xmx64m\n-Djudge.stack_mb=8\n") == 0,
              "jvm.args: the heap is the memory limit, the stack a sixteenth of it, at least 8 MB");
        files = codegen_files_free(files, n);

        p.sig.name = p.sig.fn.name = (char *)"f(); System.exit(0)";
        r = codegen_glue(&p, "java", &files, &n, &err);
        CHECK(r == -EINVAL, "a name that is not an identifier is refused (%s)", err.msg);
        p.sig.name = p.sig.fn.name = (char *)"f";
        params[1].name = (char *)"a b";
        r = codegen_stub(&p, "java", &out, &err);
        CHECK(r == -EINVAL, "a parameter name that is not an identifier is refused (%s)", err.msg);
}

int main(void) {
        DIR *d = opendir(FIXTURES);
        CHECK(d != NULL, "fixtures directory %s", FIXTURES);
        size_t n = 0;
        if (d) {
                char *slugs[256];
                struct dirent *e;
                while ((e = readdir(d)) && n < 256) {
                        char path[4096];
                        struct stat st;
                        snprintf(path, sizeof path, "%s/%s/problem.json", FIXTURES, e->d_name);
                        if (e->d_name[0] != '.' && stat(path, &st) == 0)
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
                for (size_t i = 0; i < n; i++) {
                        if (slugs[i])
                                test_fixture(slugs[i]);
                        free(slugs[i]);
                }
        }
        CHECK(n >= 6, "%zu fixture packages", n);
        test_hand_made();
        return tap_done();
}
