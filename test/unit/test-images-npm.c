/* lang.json's "npm" pins (lib/lang/lang.c, lib/engine/images.c): a changed pin makes another image
 * reference, bad pins are refused when lang.json is loaded, and a cached tarball whose SHA-256
 * is not the pinned one is refused with a clear error and left where it was; a matching
 * cached tarball needs no npm (no network). Runs without an engine, on a JUDGE_HOME and
 * JUDGE_CACHE_DIR of its own. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/images.h"
#include "lang/lang.h"
#include "base/macro.h"
#include "base/sha256.h"
#include "tap.h"
#include "testlib.h"

static char home[256], cache[256];

static void write_file(const char *path, const char *text) {
        FILE *f = fopen(path, "we");
        if (!f) {
                perror(path);
                exit(2);
        }
        fputs(text, f);
        fclose(f);
}

/* images/javascript/lang.json with one npm pin; NULL name: no "npm" key. */
static void write_lang(const char *name, const char *version, const char *sha) {
        char path[512], text[2048], npm[1024] = "";
        if (name)
                snprintf(npm, sizeof npm, "\"npm\": [{\"name\": \"%s\", \"version\": \"%s\", \"sha256\": \"%s\"}],", name,
                         version, sha);
        snprintf(text, sizeof text,
                 "{\"name\": \"javascript\", \"extension\": \"js\", \"source\": \"solution.js\", \"suite\": \"trixie\","
                 " \"packages\": [\"nodejs\"], %s \"run\": [\"node\", \"h.js\"], \"time_multiplier\": 3.0}",
                 npm);
        snprintf(path, sizeof path, "%s/images/javascript/lang.json", home);
        write_file(path, text);
}

static char *ref_of(const char *name, const char *version, const char *sha) {
        write_lang(name, version, sha);
        struct judge_error err = { 0 };
        _cleanup_(lang_freep) struct lang *l = NULL;
        char *ref = NULL;
        if (lang_load("javascript", &l, &err) < 0 || images_ref(l, &ref, &err) < 0) {
                printf("# %s\n", err.msg);
                return strdup("(error)");
        }
        return ref;
}

static int load_error(const char *name, const char *version, const char *sha, struct judge_error *err) {
        write_lang(name, version, sha);
        _cleanup_(lang_freep) struct lang *l = NULL;
        return lang_load("javascript", &l, err);
}

/* lang.json pinning one package, loaded, then its npm packages fetched. */
static int load_and_fetch(const char *name, const char *version, const char *sha, struct judge_error *err) {
        write_lang(name, version, sha);
        _cleanup_(lang_freep) struct lang *l = NULL;
        int r = lang_load("javascript", &l, err);
        if (r == 0)
                r = images_npm_fetch(l, NULL, NULL, err);
        return r;
}

#define SHA_A "6a087ac9e5702a0c9d60fbcd48696012646ec8df1491dea472b150e79fcaf804"
#define SHA_B "6a087ac9e5702a0c9d60fbcd48696012646ec8df1491dea472b150e79fcaf805"

int main(void) {
        snprintf(home, sizeof home, "/tmp/judge-test-npm-XXXXXX");
        if (!mkdtemp(home))
                return 2;
        snprintf(cache, sizeof cache, "%s/cache", home);
        char dir[512];
        snprintf(dir, sizeof dir, "%s/images", home);
        mkdir(dir, 0755);
        snprintf(dir, sizeof dir, "%s/images/javascript", home);
        mkdir(dir, 0755);
        setenv("JUDGE_HOME", home, 1);
        setenv("JUDGE_CACHE_DIR", cache, 1);

        /* The image hash covers the pins. */
        _cleanup_free_ char *none = ref_of(NULL, NULL, NULL);
        _cleanup_free_ char *a = ref_of("lodash", "4.17.21", SHA_A);
        _cleanup_free_ char *a2 = ref_of("lodash", "4.17.21", SHA_A);
        _cleanup_free_ char *b = ref_of("lodash", "4.17.21", SHA_B);
        _cleanup_free_ char *v = ref_of("lodash", "4.17.20", SHA_A);
        _cleanup_free_ char *s = ref_of("@datastructures-js/queue", "4.17.21", SHA_A);
        CHECK(strncmp(a, "localhost/judge-javascript:", 27) == 0, "an image reference with a pin: %s", a);
        CHECK(strcmp(a, a2) == 0, "the same pins, the same reference");
        CHECK(strcmp(a, none) != 0, "adding an npm pin changes the image reference");
        CHECK(strcmp(a, b) != 0, "a changed sha256 pin changes the image reference (%s, %s)", a, b);
        CHECK(strcmp(a, v) != 0, "a changed version changes the image reference");
        CHECK(strcmp(a, s) != 0, "another package changes the image reference");

        /* Bad pins are refused when lang.json is loaded, by name. */
        struct judge_error err = { 0 };
        int r = load_error("../etc", "1.0.0", SHA_A, &err);
        CHECK(r == -EINVAL && strstr(err.msg, "not an npm package name"), "a name that leaves the directory: %s", err.msg);
        err = (struct judge_error){ 0 };
        r = load_error("@scope/a/b", "1.0.0", SHA_A, &err);
        CHECK(r == -EINVAL && strstr(err.msg, "not an npm package name"), "a name with two slashes: %s", err.msg);
        err = (struct judge_error){ 0 };
        r = load_error("Lodash\\\"", "1.0.0", SHA_A, &err);
        CHECK(r == -EINVAL && strstr(err.msg, "not an npm package name"), "a name with a quote: %s", err.msg);
        err = (struct judge_error){ 0 };
        r = load_error("lodash", "^4.17.0", SHA_A, &err);
        CHECK(r == -EINVAL && strstr(err.msg, "not an exact version"), "a version range: %s", err.msg);
        err = (struct judge_error){ 0 };
        r = load_error("lodash", "4.17.21", "abc", &err);
        CHECK(r == -EINVAL && strstr(err.msg, "64 lowercase hex"), "a short sha256: %s", err.msg);

        /* A cached tarball that does not match its pin is refused and kept. */
        const char *content = "not the lodash tarball\n";
        struct sha256 h;
        sha256_init(&h);
        sha256_update(&h, content, strlen(content));
        char real[65];
        sha256_hex(&h, real);
        char npmdir[512], tgz[600];
        snprintf(npmdir, sizeof npmdir, "%s/npm", cache);
        mkdir(cache, 0755);
        mkdir(npmdir, 0755);
        snprintf(tgz, sizeof tgz, "%s/lodash-4.17.21.tgz", npmdir);
        write_file(tgz, content);
        /* No npm on PATH: whatever these calls do, they cannot fetch anything. */
        setenv("PATH", "/nonexistent", 1);
        {
                write_lang("lodash", "4.17.21", SHA_A);
                _cleanup_(lang_freep) struct lang *l = NULL;
                err = (struct judge_error){ 0 };
                r = lang_load("javascript", &l, &err);
                CHECK(r == 0, "lang.json with a pin loads");
                if (r == 0) {
                        err = (struct judge_error){ 0 };
                        r = images_npm_fetch(l, NULL, NULL, &err);
                        CHECK(r == -EBADMSG, "a tarball with another sha256 is refused (%d)", r);
                        CHECK(strstr(err.msg, "lodash@4.17.21") && strstr(err.msg, real) && strstr(err.msg, SHA_A) &&
                                      strstr(err.msg, "refusing"),
                              "the error names the package and both hashes: %s", err.msg);
                        CHECK(access(tgz, F_OK) == 0, "the refused file is left in place");
                }
        }
        err = (struct judge_error){ 0 };
        r = load_and_fetch("lodash", "4.17.21", real, &err);
        CHECK(r == 0, "a cached tarball matching its pin is used without npm (%s)", err.msg);
        err = (struct judge_error){ 0 };
        r = load_and_fetch("@datastructures-js/queue", "4.2.3", SHA_A, &err);
        CHECK(r == -ENOENT && strstr(err.msg, "npm is not installed") &&
                      strstr(err.msg, "@datastructures-js/queue@4.2.3"),
              "an uncached package without npm: a clear error: %s", err.msg);

        char cmd[600];
        snprintf(cmd, sizeof cmd, "/bin/rm -rf %s", home);
        if (system(cmd) != 0)
                printf("# could not remove %s\n", home);
        return tap_done();
}
