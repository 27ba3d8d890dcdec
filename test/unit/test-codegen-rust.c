/* codegen for rust: main.rs and the starter code for every fixture package under
 * test/harness/, compared with the golden files expected/main.rs and expected/stub.rs there
 * (JUDGE_UPDATE_GOLDEN=1 rewrites them instead; review the diff before committing). Also hand-
 * made signatures: LeetCode's snake_case names, keywords, in-place parameters, bad names. */
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
        size_t n = 0;
        r = codegen_glue(p, "rust", &files, &n, &err);
        CHECK(r == 0 && n == 1 && strcmp(files[0].path, "main.rs") == 0, "%s: rust glue is main.rs", slug);
        if (r == 0 && n == 1)
                check_golden(slug, "main.rs", files[0].text);
        files = codegen_files_free(files, n);

        _cleanup_buf_ struct buf b;
        buf_init(&b, 1 << 20);
        r = codegen_stub(p, "rust", &b, &err);
        CHECK(r == 0, "%s: rust stub generated", slug);
        if (r == 0)
                check_golden(slug, "stub.rs", b.data ? b.data : "");
}

/* The stub of a one-parameter function fn(param: type) -> type. */
static char *hand_stub(const char *fn, const char *param, enum type_kind kind, int output_param) {
        struct type t = {.kind = kind}, t_void = {.kind = TYPE_VOID};
        struct param params[] = {{.name = (char *)param, .type = &t}};
        struct problem p = {
                .slug = (char *)"hand-made",
                .sig = {.name = (char *)fn,
                        .fn = {.name = (char *)fn,
                               .params = params,
                               .n_params = 1,
                               .returns = output_param >= 0 ? &t_void : &t},
                        .output_param = output_param},
        };
        struct judge_error err = {0};
        struct buf b;
        buf_init(&b, 1 << 16);
        if (codegen_stub(&p, "rust", &b, &err) < 0) {
                buf_free(&b);
                return NULL;
        }
        return buf_steal(&b);
}

static void test_names(void) {
        static const struct {
                const char *fn, *param, *want;
        } cases[] = {
                {"maxDepth", "root", "pub fn max_depth(root: i32) -> i32"},
                {"isValidSudoku", "board", "pub fn is_valid_sudoku(board: i32) -> i32"},
                {"twoSum", "nums", "pub fn two_sum(nums: i32) -> i32"},
                {"sortedArrayToBST", "nums", "pub fn sorted_array_to_bst(nums: i32) -> i32"},
                {"convertToBase7", "num", "pub fn convert_to_base7(num: i32) -> i32"},
                {"kClosest", "numCourses", "pub fn k_closest(num_courses: i32) -> i32"},
                {"fib", "n", "pub fn fib(n: i32) -> i32"},
                {"f", "type", "pub fn f(r#type: i32) -> i32"},
                {"match", "self", "pub fn r#match(self_: i32) -> i32"},
        };
        for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
                _cleanup_free_ char *s = hand_stub(cases[i].fn, cases[i].param, TYPE_INT, -1);
                CHECK(s && strstr(s, cases[i].want), "%s(%s) is \"%s\"", cases[i].fn, cases[i].param,
                      cases[i].want);
                if (s && !strstr(s, cases[i].want))
                        tap_diag("got:", s);
        }
        _cleanup_free_ char *s = hand_stub("reverseString", "s", TYPE_CHAR, 0);
        CHECK(s && strcmp(s, "impl Solution {\n    pub fn reverse_string(s: &mut char) {\n        \n    "
                             "}\n}\n") == 0,
              "in-place parameter is &mut, void has no return type");
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

        int r = codegen_glue(&p, "rust", &files, &n, &err);
        CHECK(r == 0 && n == 1 &&
                      strstr(files[0].text,
                             "let __r = Solution::f(::judge_harness::Param::take(&mut __a0));"),
              "hand-made glue calls Solution::f");
        files = codegen_files_free(files, n);

        p.sig.name = p.sig.fn.name = (char *)"f(); std::process::exit(0)";
        r = codegen_glue(&p, "rust", &files, &n, &err);
        CHECK(r == -EINVAL, "a name that is not an identifier is refused (%s)", err.msg);
        p.sig.name = p.sig.fn.name = (char *)"f";
        params[0].name = (char *)"x\"y";
        r = codegen_stub(&p, "rust", &b, &err);
        CHECK(r == -EINVAL, "a parameter name that is not an identifier is refused (%s)", err.msg);
        params[0].name = (char *)"x";
        p.sig.fn.returns = NULL;
        r = codegen_stub(&p, "rust", &b, &err);
        CHECK(r == -EINVAL, "a stub without a return type is refused (%s)", err.msg);
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
        test_names();
        test_errors();
        return tap_done();
}
