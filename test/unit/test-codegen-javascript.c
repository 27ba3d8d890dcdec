/* codegen for javascript: for every fixture package under test/harness/, the starter code
 * compared with the golden file expected/stub.js (JUDGE_UPDATE_GOLDEN=1 rewrites it; review the
 * diff), and no glue. Also: hand-made signatures (a design class whose constructor and methods
 * take nothing, an in-place function) and refused names. */
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
        size_t n = 99;
        r = codegen_glue(p, "javascript", &files, &n, &err);
        CHECK(r == 0 && n == 0 && !files, "%s: javascript needs no glue", slug);

        _cleanup_buf_ struct buf b;
        buf_init(&b, 1 << 20);
        r = codegen_stub(p, "javascript", &b, &err);
        CHECK(r == 0, "%s: javascript stub generated (%s)", slug, r < 0 ? err.msg : "ok");
        if (r == 0)
                check_golden(slug, "stub.js", b.data ? b.data : "");
}

static struct type *parse(const char *s) {
        struct type *t = NULL;
        struct judge_error err = {0};
        if (type_parse(s, &t, &err) < 0)
                return NULL;
        return t;
}

static void test_hand_made(void) {
        _cleanup_(type_freep) struct type *t_void = parse("void");
        _cleanup_(type_freep) struct type *t_int = parse("int");
        _cleanup_(type_freep) struct type *t_chars = parse("character[]");
        struct param inplace[] = {{.name = (char *)"s", .type = t_chars}};
        struct param one[] = {{.name = (char *)"val", .type = t_int}};
        struct method methods[] = {
                {.name = (char *)"push", .params = one, .n_params = 1, .returns = t_void},
                {.name = (char *)"top", .returns = t_int},
        };
        struct problem p = {
                .slug = (char *)"hand-made",
                .sig = {.is_class = true,
                        .name = (char *)"MinStack",
                        .ctor = {.name = (char *)"MinStack"},
                        .methods = methods,
                        .n_methods = 2,
                        .output_param = -1},
        };
        struct judge_error err = {0};
        _cleanup_buf_ struct buf out;
        buf_init(&out, 1 << 16);
        int r = codegen_stub(&p, "javascript", &out, &err);
        CHECK(r == 0 && strcmp(out.data, "var MinStack = function() {\n"
                                         "    \n"
                                         "};\n"
                                         "\n"
                                         "/** \n"
                                         " * @param {number} val\n"
                                         " * @return {void}\n"
                                         " */\n"
                                         "MinStack.prototype.push = function(val) {\n"
                                         "    \n"
                                         "};\n"
                                         "\n"
                                         "/**\n"
                                         " * @return {number}\n"
                                         " */\n"
                                         "MinStack.prototype.top = function() {\n"
                                         "    \n"
                                         "};\n"
                                         "\n"
                                         "/** \n"
                                         " * Your MinStack object will be instantiated and called as such:\n"
                                         " * var obj = new MinStack()\n"
                                         " * obj.push(val)\n"
                                         " * var param_2 = obj.top()\n"
                                         " */\n") == 0,
              "a design class without constructor parameters, LeetCode's layout");
        if (r == 0)
                tap_diag("output:", out.data);

        struct problem q = {
                .slug = (char *)"in-place",
                .sig = {.name = (char *)"reverseString",
                        .fn = {.name = (char *)"reverseString", .params = inplace, .n_params = 1, .returns = t_void},
                        .output_param = 0},
        };
        buf_free(&out);
        buf_init(&out, 1 << 16);
        r = codegen_stub(&q, "javascript", &out, &err);
        CHECK(r == 0 && strcmp(out.data, "/**\n"
                                         " * @param {character[]} s\n"
                                         " * @return {void} Do not return anything, modify s in-place instead.\n"
                                         " */\n"
                                         "var reverseString = function(s) {\n"
                                         "    \n"
                                         "};\n") == 0,
              "an in-place function says so in @return");

        methods[1].name = (char *)"top-1";
        r = codegen_stub(&p, "javascript", &out, &err);
        CHECK(r == -EINVAL, "a method name that is not an identifier is refused (%s)", err.msg);
        struct codegen_file *files = NULL;
        size_t n = 0;
        q.sig.name = (char *)"x=1";
        r = codegen_glue(&q, "javascript", &files, &n, &err);
        CHECK(r == -EINVAL, "a function name that is not an identifier is refused (%s)", err.msg);
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
