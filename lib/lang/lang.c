#include "lang/lang.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yajl/yajl_tree.h>

#include "config.h"
#include "base/parse.h"

static bool is_dir(const char *p) {
        struct stat st;
        return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *lang_data_dir(void) {
        static char cached[4096];
        if (cached[0])
                return cached;
        const char *env = getenv("JUDGE_HOME");
        const char *dir = JUDGE_DATA_DIR;
        if (env && *env)
                dir = env;
        else {
                char probe[4096];
                snprintf(probe, sizeof probe, "%s/images", JUDGE_SOURCE_DIR);
                if (is_dir(probe))
                        dir = JUDGE_SOURCE_DIR;
        }
        snprintf(cached, sizeof cached, "%s", dir);
        return cached;
}

const char *lang_runner_path(void) {
        const char *env = getenv("JUDGE_RUNNER");
        if (env && *env)
                return env;
        if (access(JUDGE_RUNNER_BUILD_PATH, X_OK) == 0)
                return JUDGE_RUNNER_BUILD_PATH;
        return JUDGE_LIBEXEC_DIR "/judge-runner";
}

int read_file_capped(const char *path, size_t max, char **ret, size_t *ret_len, struct judge_error *err) {
        _cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return judge_err(err, -errno, "%s: %s", path, strerror(errno));
        struct stat st;
        if (fstat(fd, &st) < 0)
                return judge_err(err, -errno, "%s: %s", path, strerror(errno));
        if (!S_ISREG(st.st_mode))
                return judge_err(err, -EINVAL, "%s: not a regular file", path);
        if ((size_t) st.st_size > max)
                return judge_err(err, -EFBIG, "%s: %lld bytes, over the limit of %zu", path,
                                 (long long) st.st_size, max);
        _cleanup_free_ char *data = malloc((size_t) st.st_size + 1);
        if (!data)
                return judge_err(err, -ENOMEM, "out of memory");
        size_t got = 0;
        while (got < (size_t) st.st_size) {
                ssize_t n = read(fd, data + got, (size_t) st.st_size - got);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return judge_err(err, -errno, "%s: %s", path, strerror(errno));
                if (n == 0)
                        break;
                got += (size_t) n;
        }
        data[got] = 0;
        if (ret_len)
                *ret_len = got;
        *ret = TAKE_PTR(data);
        return 0;
}

/* A JSON array of strings as a NULL-terminated vector; NULL for a missing key. */
static int json_strv(yajl_val v, const char *what, char ***ret, struct judge_error *err) {
        *ret = NULL;
        if (!v)
                return 0;
        if (!YAJL_IS_ARRAY(v))
                return judge_err(err, -EINVAL, "%s: not an array of strings", what);
        size_t n = v->u.array.len;
        char **out = calloc(n + 1, sizeof *out);
        if (!out)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                yajl_val s = v->u.array.values[i];
                if (!YAJL_IS_STRING(s) || !(out[i] = strdup(s->u.string))) {
                        strv_free(out);
                        return judge_err(err, -EINVAL, "%s[%zu]: not a string", what, i);
                }
        }
        *ret = out;
        return 0;
}

static yajl_val get(yajl_val obj, const char *key) {
        const char *path[] = { key, NULL };
        return yajl_tree_get(obj, path, yajl_t_any);
}

static char *get_str(yajl_val obj, const char *key) {
        yajl_val v = get(obj, key);
        return YAJL_IS_STRING(v) ? strdup(v->u.string) : NULL;
}

static long get_long(yajl_val obj, const char *key, long def) {
        yajl_val v = get(obj, key);
        return YAJL_IS_INTEGER(v) ? (long) v->u.number.i : def;
}

static bool all_of(const char *s, const char *set) {
        for (; *s; s++)
                if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr(set, *s)))
                        return false;
        return true;
}

/* npm's package names: lowercase letters, digits, "-", ".", "_", optionally "@scope/" first;
 * nothing that could leave a directory or quote a Dockerfile word. */
static bool npm_name_ok(const char *n) {
        if (!n || !*n || strlen(n) > 128)
                return false;
        const char *slash = strchr(n, '/');
        if (n[0] == '@') {
                if (!slash || slash == n + 1 || !slash[1] || strchr(slash + 1, '/'))
                        return false;
                _cleanup_free_ char *scope = strndup(n + 1, (size_t) (slash - n - 1));
                return scope && scope[0] != '.' && all_of(scope, "-._") && slash[1] != '.' && all_of(slash + 1, "-._");
        }
        return !slash && n[0] != '.' && all_of(n, "-._");
}

static bool npm_version_ok(const char *v) {
        if (!v || !*v || strlen(v) > 64 || !(v[0] >= '0' && v[0] <= '9'))
                return false;
        for (const char *p = v; *p; p++)
                if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                      strchr(".-+", *p)))
                        return false;
        return true;
}

static bool sha256_hex_ok(const char *h) {
        return h && strlen(h) == 64 && strspn(h, "0123456789abcdef") == 64;
}

/* "npm": [{"name": ..., "version": ..., "sha256": ...}, ...] */
static int parse_npm(yajl_val v, struct lang *l, struct judge_error *err) {
        if (!v)
                return 0;
        if (!YAJL_IS_ARRAY(v))
                return judge_err(err, -EINVAL, "npm: not an array of {name, version, sha256} objects");
        size_t n = v->u.array.len;
        if (n == 0)
                return 0;
        l->npm = calloc(n, sizeof *l->npm);
        if (!l->npm)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                yajl_val o = v->u.array.values[i];
                if (!YAJL_IS_OBJECT(o))
                        return judge_err(err, -EINVAL, "npm[%zu]: not an object", i);
                struct lang_npm *p = &l->npm[l->n_npm++];
                p->name = get_str(o, "name");
                p->version = get_str(o, "version");
                p->sha256 = get_str(o, "sha256");
                if (!npm_name_ok(p->name))
                        return judge_err(err, -EINVAL, "npm[%zu]: name '%s' is not an npm package name", i,
                                         p->name ? p->name : "");
                if (!npm_version_ok(p->version))
                        return judge_err(err, -EINVAL, "npm[%zu] (%s): version '%s' is not an exact version", i,
                                         p->name, p->version ? p->version : "");
                if (!sha256_hex_ok(p->sha256))
                        return judge_err(err, -EINVAL, "npm[%zu] (%s): sha256 must be 64 lowercase hex digits", i,
                                         p->name);
                for (size_t k = 0; k + 1 < l->n_npm; k++)
                        if (strcmp(l->npm[k].name, p->name) == 0)
                                return judge_err(err, -EINVAL, "npm: %s is listed twice", p->name);
        }
        return 0;
}

struct lang *lang_free(struct lang *l) {
        if (!l)
                return NULL;
        free(l->name);
        free(l->extension);
        free(l->source);
        free(l->display);
        free(l->base_image);
        free(l->suite);
        strv_free(l->packages);
        strv_free(l->compile);
        strv_free(l->run);
        strv_free(l->env);
        if (l->prepare) {
                for (char ***p = l->prepare; *p; p++)
                        strv_free(*p);
                free(l->prepare);
        }
        for (size_t i = 0; i < l->n_npm; i++) {
                free(l->npm[i].name);
                free(l->npm[i].version);
                free(l->npm[i].sha256);
        }
        free(l->npm);
        free(l->dir);
        free(l->json);
        free(l);
        return NULL;
}

int lang_load(const char *name, struct lang **ret, struct judge_error *err) {
        char known[256];
        if (!lang_handler_find(name))
                return judge_err(err, -EINVAL, "unknown language '%s' (known: %s)", name,
                                 lang_known(known, sizeof known, ", "));

        _cleanup_(lang_freep) struct lang *l = calloc(1, sizeof *l);
        if (!l)
                return -ENOMEM;
        if (asprintf(&l->dir, "%s/images/%s", lang_data_dir(), name) < 0)
                return -ENOMEM;
        char path[4200];
        snprintf(path, sizeof path, "%s/lang.json", l->dir);
        if (access(path, R_OK) < 0)
                return judge_err(err, -ENOENT, "language '%s' is not supported by this installation (no %s)", name,
                                 path);
        int r = read_file_capped(path, 1 << 20, &l->json, NULL, err);
        if (r < 0)
                return r;

        char ebuf[256];
        yajl_val doc = json_parse_bounded(l->json, strlen(l->json), 64, ebuf, sizeof ebuf);
        if (!doc)
                return judge_err(err, -EINVAL, "%s: invalid JSON: %s", path, ebuf);
        r = 0;
        l->name = get_str(doc, "name");
        l->extension = get_str(doc, "extension");
        l->source = get_str(doc, "source");
        l->display = get_str(doc, "display");
        l->base_image = get_str(doc, "base");
        l->suite = get_str(doc, "suite");
        yajl_val m = get(doc, "time_multiplier");
        l->time_multiplier = YAJL_IS_NUMBER(m) ? YAJL_GET_DOUBLE(m) : 1.0;
        l->compile_time_ms = get_long(doc, "compile_time_ms", 30000);
        l->compile_memory_mb = get_long(doc, "compile_memory_mb", 1024);
        l->memory_extra_mb = get_long(doc, "memory_extra_mb", 64);
        l->startup_allowance_ms = get_long(doc, "startup_allowance_ms", 0);
        if (r >= 0)
                r = json_strv(get(doc, "packages"), "packages", &l->packages, err);
        if (r >= 0)
                r = json_strv(get(doc, "compile"), "compile", &l->compile, err);
        if (r >= 0)
                r = json_strv(get(doc, "run"), "run", &l->run, err);
        if (r >= 0)
                r = json_strv(get(doc, "env"), "env", &l->env, err);
        yajl_val prep = get(doc, "prepare");
        if (r >= 0 && YAJL_IS_ARRAY(prep)) {
                l->prepare = calloc(prep->u.array.len + 1, sizeof *l->prepare);
                if (!l->prepare)
                        r = -ENOMEM;
                for (size_t i = 0; r >= 0 && i < prep->u.array.len; i++)
                        r = json_strv(prep->u.array.values[i], "prepare[]", &l->prepare[i], err);
        }
        if (r >= 0)
                r = parse_npm(get(doc, "npm"), l, err);
        yajl_tree_free(doc);
        if (r < 0)
                return judge_err_prefix(err, "%s", path);
        if (!l->name || strcmp(l->name, name) != 0 || !l->extension || !l->source || !l->run ||
            !l->run[0] || l->time_multiplier <= 0)
                return judge_err(err, -EINVAL, "%s: needs name (= %s), extension, source, run and a positive time_multiplier",
                                 path, name);
        if (!l->display)
                l->display = strdup(name);

        /* An admin with a registry can point a language at another base image. */
        char envname[64];
        snprintf(envname, sizeof envname, "JUDGE_BASE_IMAGE_%s", name);
        for (char *c = envname; *c; c++)
                if (*c >= 'a' && *c <= 'z')
                        *c = (char) (*c - 'a' + 'A');
        const char *base = getenv(envname);
        if (base && *base) {
                free(l->base_image);
                l->base_image = strdup(base);
        }
        *ret = TAKE_PTR(l);
        return 0;
}
