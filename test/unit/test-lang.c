/* The language table (lib/lang/languages.c): every handler has an images/<name>/lang.json, every
 * lang.json has a handler and its extension maps back to it (PROBLEM-FORMAT.md's table),
 * extensions come from lang.json only, unknown extensions and names are refused with a clear
 * message, and one identifier and signature check serves every language. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "lang/codegen.h"
#include "lang/lang.h"
#include "problem/problem.h"
#include "tap.h"

static size_t n_handlers(void) {
        size_t n = 0;
        while (lang_handlers[n].name)
                n++;
        return n;
}

static void test_handlers_have_lang_json(void) {
        for (const struct lang_handler *h = lang_handlers; h->name; h++) {
                struct judge_error err = {0};
                struct lang *l = NULL;
                int r = lang_load(h->name, &l, &err);
                CHECK(r == 0 && l && strcmp(l->name, h->name) == 0 && l->extension && *l->extension,
                      "handler %s has images/%s/lang.json with an extension (%s)", h->name, h->name,
                      r < 0 ? err.msg : l->extension);
                CHECK(h->stub != NULL, "handler %s has a stub generator", h->name);
                CHECK(lang_handler_find(h->name) == h, "lang_handler_find(\"%s\") is its handler", h->name);
                if (r == 0) {
                        char path[300];
                        snprintf(path, sizeof path, "dir.v2/solution.%s", l->extension);
                        CHECK(lang_for_path(path) && strcmp(lang_for_path(path), h->name) == 0,
                              "%s maps back to %s", path, h->name);
                }
                lang_free(l);
        }
}

/* Every images/<dir>/lang.json belongs to a handler; no extension is claimed twice. */
static void test_lang_json_have_handlers(void) {
        char images[4200];
        snprintf(images, sizeof images, "%s/images", lang_data_dir());
        DIR *d = opendir(images);
        CHECK(d != NULL, "images directory %s", images);
        if (!d)
                return;
        char *exts[64] = {0};
        size_t n = 0;
        struct dirent *de;
        while ((de = readdir(d)) && n < 64) {
                char path[4500];
                struct stat st;
                snprintf(path, sizeof path, "%s/%s/lang.json", images, de->d_name);
                if (de->d_name[0] == '.' || stat(path, &st) < 0)
                        continue;
                CHECK(lang_handler_find(de->d_name) != NULL, "images/%s/lang.json has a handler", de->d_name);
                struct lang *l = NULL;
                if (lang_load(de->d_name, &l, NULL) < 0)
                        continue;
                bool dup = false;
                for (size_t i = 0; i < n; i++)
                        dup = dup || strcmp(exts[i], l->extension) == 0;
                CHECK(!dup, "extension .%s of %s is claimed by one language only", l->extension, l->name);
                exts[n++] = strdup(l->extension);
                lang_free(l);
        }
        closedir(d);
        CHECK(n == n_handlers(), "%zu lang.json files for %zu handlers", n, n_handlers());
        for (size_t i = 0; i < n; i++)
                free(exts[i]);
}

/* The contract of PROBLEM-FORMAT.md: the same files map to the same languages. */
static void test_format_table(void) {
        static const char *const table[][2] = {
                {"a.py", "python"}, {"a.cpp", "cpp"}, {"a.java", "java"}, {"a.js", "javascript"},
                {"a.c", "c"},       {"a.go", "go"},   {"a.rs", "rust"},
        };
        for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
                const char *l = lang_for_path(table[i][0]);
                CHECK(l && strcmp(l, table[i][1]) == 0, "%s is %s (got %s)", table[i][0], table[i][1],
                      l ? l : "NULL");
        }
}

static void test_unknown(void) {
        struct judge_error err = {0};
        const struct lang_handler *h = NULL;
        int r = lang_handler_for_path("submissions/accepted/sol.kt", &h, &err);
        CHECK(r == -EINVAL && strstr(err.msg, "sol.kt") && strstr(err.msg, "'.kt'") &&
                      strstr(err.msg, ".py python") && strstr(err.msg, ".rs rust"),
              "an unknown extension is refused naming it and the known ones (%s)", err.msg);
        r = lang_handler_for_path("Makefile", &h, &err);
        CHECK(r == -EINVAL && strstr(err.msg, "Makefile") && strstr(err.msg, "no file extension"),
              "a file without an extension is refused (%s)", err.msg);
        CHECK(lang_for_path("src.py/Makefile") == NULL, "a dot in a directory name is no extension");
        CHECK(lang_for_path("a.PY") == NULL && lang_for_path("a.py.txt") == NULL &&
                      lang_for_path("a.") == NULL,
              "extensions match exactly, after the last dot");
        CHECK(lang_handler_find("cobol") == NULL && lang_handler_find(NULL) == NULL, "cobol has no handler");
        struct lang *l = NULL;
        r = lang_load("cobol", &l, &err);
        CHECK(r == -EINVAL &&
                      strstr(err.msg,
                             "unknown language 'cobol' (known: python, cpp, java, javascript, c, go, rust)"),
              "lang_load refuses an unknown name listing the table (%s)", err.msg);
        lang_free(l);
}

/* lang.json is the only source of extensions: a data directory whose python says "py3" maps
 * .py3, not .py, to python. Checked in a fresh process (this program run with --py3 DIR): the
 * data directory and the extensions are read once per process. */
static int py3_child(const char *dir) {
        setenv("JUDGE_HOME", dir, 1);
        const char *a = lang_for_path("x.py3"), *b = lang_for_path("x.py"), *c = lang_for_path("x.rs");
        return a && strcmp(a, "python") == 0 && !b && c && strcmp(c, "rust") == 0 ? 0 : 1;
}

static void test_extension_from_lang_json(void) {
        char tmp[] = "/tmp/test-lang.XXXXXX";
        CHECK(mkdtemp(tmp) != NULL, "temporary data directory");
        char cmd[8400];
        snprintf(cmd, sizeof cmd,
                 "cp -r '%s/images' '%s/images' && sed -i 's/\"extension\": *\"py\"/\"extension\": \"py3\"/' "
                 "'%s/images/python/lang.json' && grep -q '\"py3\"' '%s/images/python/lang.json'",
                 lang_data_dir(), tmp, tmp, tmp);
        CHECK(system(cmd) == 0, "copy of images/ with python's extension py3");
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
                execl("/proc/self/exe", "test-lang", "--py3", tmp, (char *)NULL);
                _exit(127);
        }
        int status = -1;
        waitpid(pid, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "with python's lang.json saying py3, x.py3 is python and x.py is unknown (child status %d)",
              status);
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
        CHECK(system(cmd) == 0, "temporary data directory removed");
}

static void test_one_checker(void) {
        char name64[66], name65[67];
        memset(name64, 'a', 64);
        name64[64] = 0;
        memset(name65, 'a', 65);
        name65[65] = 0;
        CHECK(problem_is_identifier("twoSum") && problem_is_identifier("_x1") &&
                      problem_is_identifier(name64),
              "identifiers pass (64 characters included)");
        CHECK(!problem_is_identifier(NULL) && !problem_is_identifier("") && !problem_is_identifier("1x") &&
                      !problem_is_identifier("a-b") && !problem_is_identifier("a b") &&
                      !problem_is_identifier("f();") && !problem_is_identifier("\xc3\xa9") &&
                      !problem_is_identifier(name65),
              "non-identifiers are refused (65 characters included)");

        struct type t_int = {.kind = TYPE_INT};
        struct type t1 = {.kind = TYPE_ARRAY, .elem = &t_int}, t2 = {.kind = TYPE_ARRAY, .elem = &t1};
        struct type t3 = {.kind = TYPE_ARRAY, .elem = &t2};
        struct param params[] = {{.name = (char *)"x", .type = &t_int}};
        struct problem p = {
                .slug = (char *)"hand-made",
                .memory_mb = 256,
                .sig = {.name = (char *)"f",
                        .fn = {.name = (char *)"f", .params = params, .n_params = 1, .returns = &t_int},
                        .output_param = -1},
        };
        for (const struct lang_handler *h = lang_handlers; h->name; h++) {
                struct judge_error err = {0};
                struct codegen_file *files = NULL;
                size_t n = 0;
                _cleanup_buf_ struct buf b;
                buf_init(&b, 1 << 16);
                params[0].name = (char *)"x";
                int r = codegen_stub(&p, h->name, &b, &err);
                int g = codegen_glue(&p, h->name, &files, &n, &err);
                CHECK(r == 0 && b.len > 0 && g == 0 && (n > 0) == (h->glue != NULL),
                      "%s: stub and glue of a hand-made function (%zu glue files)", h->name, n);
                files = codegen_files_free(files, n);
                params[0].name = (char *)"x; drop";
                r = codegen_stub(&p, h->name, &b, &err);
                g = codegen_glue(&p, h->name, &files, &n, &err);
                CHECK(r == -EINVAL && g == -EINVAL && strstr(err.msg, "is not an identifier"),
                      "%s: the same check refuses a bad parameter name in stub and glue (%s)", h->name,
                      err.msg);
                params[0].name = (char *)"x";
                params[0].type = &t3;
                buf_reset(&b);
                r = codegen_stub(&p, h->name, &b, &err);
                CHECK(strcmp(h->name, "c") == 0 ? r == -EOPNOTSUPP : r == 0, "%s: int[][][] is %s (%s)",
                      h->name, strcmp(h->name, "c") == 0 ? "refused by C's own check" : "accepted",
                      r < 0 ? err.msg : "ok");
                params[0].type = &t_int;
        }
        struct judge_error err = {0};
        _cleanup_buf_ struct buf b;
        buf_init(&b, 1 << 16);
        int r = codegen_stub(&p, "cobol", &b, &err);
        CHECK(r == -EINVAL && strstr(err.msg, "unknown language \"cobol\" (known: python, cpp, java, "
                                              "javascript, c, go, rust)"),
              "codegen refuses an unknown language listing the table (%s)", err.msg);
}

int main(int argc, char **argv) {
        if (argc == 3 && strcmp(argv[1], "--py3") == 0)
                return py3_child(argv[2]);
        test_handlers_have_lang_json();
        test_lang_json_have_handlers();
        test_format_table();
        test_unknown();
        test_extension_from_lang_json();
        test_one_checker();
        return tap_done();
}
