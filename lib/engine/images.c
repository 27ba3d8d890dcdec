#include "engine/images.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ctype.h>
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "engine/payload.h"
#include "base/sha256.h"

#define IMAGE_FILE_MAX ((size_t) 64 << 20)

/* Every file (not symlink) on the root filesystem with a set-uid or set-gid bit, as JSON array
 * items for a Dockerfile RUN and a container's Cmd. */
#define SETID_FIND "\"find\", \"/\", \"-xdev\", \"-perm\", \"/6000\", \"!\", \"-type\", \"l\""

/* Call on_file for every regular file below root/rel, depth first in name order, skipping dot
 * files and __pycache__; sub is the file's path relative to root, full its path. Stops at the
 * first error (a missing root/rel is no error: nothing to walk). */
typedef int (*tree_file_fn)(const char *full, const char *sub, const struct stat *st, void *userdata,
                            struct judge_error *err);
static int walk_tree(const char *root, const char *rel, tree_file_fn on_file, void *userdata,
                     struct judge_error *err) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", root, rel);
        struct dirent **ents = NULL;
        int n = scandir(path, &ents, NULL, alphasort);
        if (n < 0)
                return errno == ENOENT ? 0 : judge_err(err, -errno, "%s: %s", path, strerror(errno));
        int r = 0;
        for (int i = 0; i < n; i++) {
                const char *name = ents[i]->d_name;
                if (r >= 0 && name[0] != '.' && strcmp(name, "__pycache__") != 0) {
                        char sub[4096], full[4200];
                        snprintf(sub, sizeof sub, "%s/%s", rel, name);
                        snprintf(full, sizeof full, "%s/%s", root, sub);
                        struct stat st;
                        if (stat(full, &st) < 0)
                                r = judge_err(err, -errno, "%s: %s", full, strerror(errno));
                        else if (S_ISDIR(st.st_mode))
                                r = walk_tree(root, sub, on_file, userdata, err);
                        else if (S_ISREG(st.st_mode))
                                r = on_file(full, sub, &st, userdata, err);
                }
                free(ents[i]);
        }
        free(ents);
        return r;
}

static int hash_file(const char *full, const char *sub, const struct stat *st _unused_, void *userdata,
                     struct judge_error *err) {
        struct sha256 *h = userdata;
        _cleanup_free_ char *data = NULL;
        size_t len = 0;
        int r = read_file_capped(full, IMAGE_FILE_MAX, &data, &len, err);
        if (r >= 0) {
                sha256_update(h, sub, strlen(sub) + 1);
                sha256_update(h, &len, sizeof len);
                sha256_update(h, data, len);
        }
        return r;
}

/* Hash every regular file below dir, in name order, with its path relative to root. */
static int hash_tree(struct sha256 *h, const char *root, const char *rel, struct judge_error *err) {
        return walk_tree(root, rel, hash_file, h, err);
}

static void strip_hash(char *hex) {
        hex[16] = 0;
}

static const char *apt_sources_file(void) {
        static char found[4096];
        glob_t g;
        if (glob("/etc/apt/sources.list.d/*.sources", 0, NULL, &g) == 0 && g.gl_pathc > 0) {
                snprintf(found, sizeof found, "%s", g.gl_pathv[0]);
                globfree(&g);
                return found;
        }
        globfree(&g);
        return "/etc/apt/sources.list";
}

static int os_codename_file(char *out, size_t n) {
        FILE *f = fopen("/etc/os-release", "re");
        if (!f)
                return -errno;
        char line[512];
        int r = -ENOENT;
        while (fgets(line, sizeof line, f)) {
                if (strncmp(line, "VERSION_CODENAME=", 17) == 0) {
                        char *v = line + 17;
                        v[strcspn(v, "\"\n")] = 0;
                        if (*v == '"')
                                v++;
                        snprintf(out, n, "%s", v);
                        r = *out ? 0 : -ENOENT;
                }
        }
        fclose(f);
        return r;
}

/* The Debian release a language's root filesystem is made from: lang.json's "suite", else
 * this machine's own (VERSION_CODENAME of /etc/os-release). */
static int os_codename_for(const struct lang *l, char *out, size_t n) {
        if (l->suite) {
                for (const char *p = l->suite; *p; p++)
                        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
                                return -EINVAL;
                if (!*l->suite || strlen(l->suite) >= n)
                        return -EINVAL;
                snprintf(out, n, "%s", l->suite);
                return 0;
        }
        return os_codename_file(out, n);
}

/* The base image: the admin's, or ours named after what goes into it. */
static int base_ref(const struct lang *l, char **ret, struct judge_error *err) {
        if (l->base_image)
                return (*ret = strdup(l->base_image)) ? 0 : -ENOMEM;
        int r;
        char suite[64];
        if ((r = os_codename_for(l, suite, sizeof suite)) < 0)
                return r == -EINVAL ? judge_err(err, r, "%s/lang.json: suite '%s' is not a Debian release name", l->dir, l->suite)
                                    : judge_err(err, -ENOENT, "cannot tell this machine's Debian release from /etc/os-release");
        struct sha256 h;
        sha256_init(&h);
        sha256_update(&h, suite, strlen(suite) + 1);
        for (char **p = l->packages; p && *p; p++)
                sha256_update(&h, *p, strlen(*p) + 1);
        char hex[65];
        sha256_hex(&h, hex);
        strip_hash(hex);
        return asprintf(ret, "localhost/judge-base-%s:%s", l->name, hex) < 0 ? -ENOMEM : 0;
}

/* The tarball's file name, as `npm pack` names it: "lodash-4.17.21.tgz",
 * "datastructures-js-queue-4.2.3.tgz" for "@datastructures-js/queue". */
static void npm_file_name(const struct lang_npm *p, char *out, size_t n) {
        const char *name = p->name[0] == '@' ? p->name + 1 : p->name;
        size_t k = 0;
        for (; *name && k + 1 < n; name++)
                out[k++] = *name == '/' ? '-' : *name;
        out[k] = 0;
        snprintf(out + k, n - k, "-%s.tgz", p->version);
}

static int dockerfile(const struct lang *l, const char *base, const char *ref, struct buf *out);

int images_base_ref(const struct lang *l, char **ret, struct judge_error *err) {
        return base_ref(l, ret, err);
}

int images_ref(const struct lang *l, char **ret, struct judge_error *err) {
        _cleanup_free_ char *base = NULL;
        int r = base_ref(l, &base, err);
        if (r < 0)
                return r;
        struct sha256 h;
        sha256_init(&h);
        sha256_update(&h, base, strlen(base) + 1);
        /* The recipe too: a new build step makes a new image. */
        _cleanup_buf_ struct buf df;
        buf_init(&df, 1 << 20);
        if ((r = dockerfile(l, base, NULL, &df)) < 0)
                return judge_err(err, r, "Dockerfile too long");
        sha256_update(&h, df.data, df.len);
        for (size_t i = 0; i < l->n_npm; i++)
                sha256_update(&h, l->npm[i].sha256, strlen(l->npm[i].sha256) + 1);
        const char *root = lang_data_dir();
        char rel[256];
        snprintf(rel, sizeof rel, "images/%s", l->name);
        if ((r = hash_tree(&h, root, rel, err)) < 0)
                return r;
        snprintf(rel, sizeof rel, "harness/%s", l->name);
        if ((r = hash_tree(&h, root, rel, err)) < 0)
                return r;
        if ((r = hash_tree(&h, root, "harness/runner", err)) < 0)
                return r;
        char hex[65];
        sha256_hex(&h, hex);
        strip_hash(hex);
        return asprintf(ret, "localhost/judge-%s:%s", l->name, hex) < 0 ? -ENOMEM : 0;
}

int images_present(struct engine *e, const struct lang *l, bool *ret, struct judge_error *err) {
        _cleanup_free_ char *ref = NULL;
        int r = images_ref(l, &ref, err);
        if (r < 0)
                return r;
        r = engine_image_exists(e, ref, err);
        if (r < 0)
                return r;
        *ret = r > 0;
        return 0;
}

static const char *cache_dir(void) {
        static char dir[4096];
        const char *env = getenv("JUDGE_CACHE_DIR");
        if (env && *env)
                snprintf(dir, sizeof dir, "%s", env);
        else if (geteuid() == 0)
                snprintf(dir, sizeof dir, "/var/cache/judge");
        else
                snprintf(dir, sizeof dir, "%s/.cache/judge", getenv("HOME") ? getenv("HOME") : "/tmp");
        return dir;
}

static int mkdir_p(const char *path) {
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s", path);
        for (char *p = tmp + 1; *p; p++)
                if (*p == '/') {
                        *p = 0;
                        if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
                                return -errno;
                        *p = '/';
                }
        return mkdir(tmp, 0755) < 0 && errno != EEXIST ? -errno : 0;
}

/* Run argv, its output going to our stderr; returns its exit status or a negative errno. The
 * child gets only fds 0-2 (mmdebstrap hands apt fd numbers that dash can only parse below 10)
 * and default signal handling (the CLI ignores SIGPIPE; apt's pipelines need it). */
static int run_command(char *const argv[]) {
        pid_t pid = fork();
        if (pid < 0)
                return -errno;
        if (pid == 0) {
                sigset_t none;
                sigemptyset(&none);
                sigprocmask(SIG_SETMASK, &none, NULL);
                signal(SIGPIPE, SIG_DFL);
                signal(SIGINT, SIG_DFL);
                signal(SIGTERM, SIG_DFL);
                dup2(STDERR_FILENO, STDOUT_FILENO);
                close_range(3, ~0U, 0);
                execvp(argv[0], argv);
                _exit(errno == ENOENT ? 127 : 126);
        }
        int status;
        while (waitpid(pid, &status, 0) < 0)
                if (errno != EINTR)
                        return -errno;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
                return -ENOENT;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The apt sources for another Debian release than the host's: the host's own sources file
 * (its mirrors, never named in the project) with every word naming the host's release
 * ("bookworm", "bookworm-updates", "bookworm-security") renamed to SUITE's. Written to
 * OUT, with the same extension (mmdebstrap tells deb822 from one-line files by it). */
static int sources_for_suite(const char *suite, char *out, size_t out_n, struct judge_error *err) {
        const char *host_file = apt_sources_file();
        char host[64];
        if (os_codename_file(host, sizeof host) < 0)
                return judge_err(err, -ENOENT, "cannot tell this machine's Debian release from /etc/os-release");
        if (strcmp(host, suite) == 0) {
                snprintf(out, out_n, "%s", host_file);
                return 0;
        }
        const char *ext = strrchr(host_file, '.');
        snprintf(out, out_n, "%s/apt-%s%s", cache_dir(), suite, ext && strcmp(ext, ".sources") == 0 ? ".sources" : ".list");
        _cleanup_free_ char *text = NULL;
        int r = read_file_capped(host_file, 1 << 20, &text, NULL, err);
        if (r < 0)
                return r;
        _cleanup_buf_ struct buf b;
        buf_init(&b, 2 << 20);
        size_t hl = strlen(host);
        for (const char *p = text; *p && buf_err(&b) >= 0;) {
                bool word_start = p == text || !(isalnum((unsigned char) p[-1]) || p[-1] == '/');
                if (word_start && strncmp(p, host, hl) == 0 && !isalnum((unsigned char) p[hl])) {
                        buf_puts(&b, suite);
                        p += hl;
                } else
                        buf_append(&b, p++, 1);
        }
        if ((r = buf_err(&b)) < 0)
                return judge_err(err, r, "%s: too long", host_file);
        char part[4200];
        snprintf(part, sizeof part, "%s.%d", out, (int) getpid());
        FILE *f = fopen(part, "we");
        if (!f)
                return judge_err(err, -errno, "cannot write %s: %s", part, strerror(errno));
        bool ok = fwrite(b.data, 1, b.len, f) == b.len;
        ok = fclose(f) == 0 && ok;
        if (!ok || rename(part, out) < 0) {
                (void) remove(part);
                return judge_err(err, -EIO, "cannot write %s", out);
        }
        return 0;
}

/* Make the root filesystem tar with mmdebstrap (cached by name) and import it. */
static int build_base(struct engine *e, const struct lang *l, const char *ref, engine_progress_fn progress,
                      void *ud, struct judge_error *err) {
        const char *colon = strrchr(ref, ':');
        _cleanup_free_ char *repo = strndup(ref, (size_t) (colon - ref));
        const char *tag = colon + 1;
        char dir[4096], tar[4300], part[4400];
        snprintf(dir, sizeof dir, "%s", cache_dir());
        int r = mkdir_p(dir);
        if (r < 0)
                return judge_err(err, r, "cannot create the cache directory %s: %s", dir, strerror(-r));
        snprintf(tar, sizeof tar, "%s/rootfs-%s-%s.tar", dir, l->name, tag);
        snprintf(part, sizeof part, "%s.part", tar);

        /* One builder at a time per root filesystem: a second one waits, then finds the tar. */
        char lockpath[4400];
        snprintf(lockpath, sizeof lockpath, "%s.lock", tar);
        _cleanup_close_ int lock = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (lock < 0 || flock(lock, LOCK_EX) < 0)
                return judge_err(err, -errno, "cannot lock %s: %s", lockpath, strerror(errno));

        if (access(tar, R_OK) < 0) {
                char suite[64];
                if (os_codename_for(l, suite, sizeof suite) < 0)
                        return judge_err(err, -ENOENT, "cannot tell the Debian release for %s", l->name);
                char sources[4400];
                if ((r = sources_for_suite(suite, sources, sizeof sources, err)) < 0)
                        return r;
                _cleanup_buf_ struct buf inc;
                buf_init(&inc, 1 << 16);
                buf_puts(&inc, "--include=");
                for (char **p = l->packages; p && *p; p++)
                        buf_printf(&inc, "%s%s", p == l->packages ? "" : ",", *p);
                if ((r = buf_err(&inc)) < 0)
                        return judge_err(err, r, "package list too long");
                char *argv[] = { "mmdebstrap",
                                 "--quiet",
                                 "--variant=essential",
                                 "--format=tar",
                                 inc.data,
                                 "--aptopt=APT::Install-Recommends \"false\"",
                                 "--dpkgopt=path-exclude=/usr/share/man/*",
                                 /* OpenJDK's postinst registers man pages with update-alternatives */
                                 "--dpkgopt=path-include=/usr/share/man/man1",
                                 "--dpkgopt=path-exclude=/usr/share/doc/*",
                                 "--dpkgopt=path-exclude=/usr/share/locale/*",
                                 suite,
                                 part,
                                 sources,
                                 NULL };
                char msg[512];
                snprintf(msg, sizeof msg, "[%s] making the base root filesystem with mmdebstrap (%s)", l->name,
                         inc.data + 10);
                if (progress)
                        progress(msg, ud);
                r = run_command(argv);
                if (r == -ENOENT)
                        return judge_err(err, r, "mmdebstrap is not installed (apt-get install mmdebstrap)");
                if (r != 0) {
                        (void) remove(part);
                        return judge_err(err, -EIO, "mmdebstrap failed (exit status %d) for %s", r, l->name);
                }
                if (rename(part, tar) < 0)
                        return judge_err(err, -errno, "rename %s: %s", part, strerror(errno));
        }
        if (progress) {
                char msg[4400];
                snprintf(msg, sizeof msg, "[%s] importing %s as %s", l->name, tar, ref);
                progress(msg, ud);
        }
        return engine_image_import(e, tar, repo, tag, err);
}

/* Check the tarball at path against the pin: 0, or -EBADMSG with both hashes in err. */
static int npm_verify(const struct lang *l, const struct lang_npm *p, const char *path, char **ret_data,
                      size_t *ret_len, struct judge_error *err) {
        _cleanup_free_ char *data = NULL;
        size_t len = 0;
        int r = read_file_capped(path, IMAGE_FILE_MAX, &data, &len, err);
        if (r < 0)
                return r;
        struct sha256 h;
        sha256_init(&h);
        sha256_update(&h, data, len);
        char hex[65];
        sha256_hex(&h, hex);
        if (strcmp(hex, p->sha256) != 0)
                return judge_err(err, -EBADMSG,
                                 "npm package %s@%s: %s has sha256 %s, but %s/lang.json pins %s: refusing it "
                                 "(remove the file to fetch it again, or correct the pin)",
                                 p->name, p->version, path, hex, l->dir, p->sha256);
        if (ret_data) {
                *ret_data = TAKE_PTR(data);
                *ret_len = len;
        }
        return 0;
}

int images_npm_fetch(const struct lang *l, engine_progress_fn progress, void *ud, struct judge_error *err) {
        if (l->n_npm == 0)
                return 0;
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/npm", cache_dir());
        int r = mkdir_p(dir);
        if (r < 0)
                return judge_err(err, r, "cannot create the cache directory %s: %s", dir, strerror(-r));
        for (size_t i = 0; i < l->n_npm; i++) {
                const struct lang_npm *p = &l->npm[i];
                char file[256], path[4500];
                npm_file_name(p, file, sizeof file);
                snprintf(path, sizeof path, "%s/%s", dir, file);
                if (access(path, F_OK) == 0) {
                        if ((r = npm_verify(l, p, path, NULL, NULL, err)) < 0)
                                return r;
                        continue;
                }
                /* Fetched into a directory of our own, checked there, then moved into place: a
                 * tarball in the cache has always matched its pin. */
                char tmp[4500], got[4800], spec[256], msg[600];
                snprintf(tmp, sizeof tmp, "%s/.fetch-%d", dir, (int) getpid());
                if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
                        return judge_err(err, -errno, "cannot create %s: %s", tmp, strerror(errno));
                snprintf(got, sizeof got, "%s/%s", tmp, file);
                snprintf(spec, sizeof spec, "%s@%s", p->name, p->version);
                if (progress) {
                        snprintf(msg, sizeof msg, "[%s] fetching npm package %s into %s", l->name, spec, dir);
                        progress(msg, ud);
                }
                char *argv[] = { "npm", "pack", "--silent", "--ignore-scripts", "--pack-destination", tmp, spec, NULL };
                r = run_command(argv);
                if (r == -ENOENT)
                        r = judge_err(err, r, "npm is not installed (scripts/install-deps.sh installs it); it fetches %s once into %s",
                                      spec, dir);
                else if (r != 0)
                        r = judge_err(err, -EIO, "npm pack %s failed (exit status %d)", spec, r);
                else if (access(got, F_OK) < 0)
                        r = judge_err(err, -EIO, "npm pack %s did not write %s", spec, got);
                else if ((r = npm_verify(l, p, got, NULL, NULL, err)) >= 0 && rename(got, path) < 0)
                        r = judge_err(err, -errno, "rename %s: %s", got, strerror(errno));
                (void) remove(got);
                (void) rmdir(tmp);
                if (r < 0)
                        return r;
        }
        return 0;
}

/* Add every pinned npm tarball (already fetched and checked) to the build context as npm/<file>. */
static int add_npm_to_context(const struct lang *l, struct payload_file **files, size_t *n, char ***owned,
                              size_t *n_owned, struct judge_error *err) {
        for (size_t i = 0; i < l->n_npm; i++) {
                char file[256], path[4500], dest[300];
                npm_file_name(&l->npm[i], file, sizeof file);
                snprintf(path, sizeof path, "%s/npm/%s", cache_dir(), file);
                snprintf(dest, sizeof dest, "npm/%s", file);
                char *data = NULL;
                size_t len = 0;
                /* Checked again as it is read: the file may have changed since the fetch. */
                int r = npm_verify(l, &l->npm[i], path, &data, &len, err);
                if (r < 0)
                        return r;
                char *pathcopy = strdup(dest);
                struct payload_file *nf = realloc(*files, (*n + 1) * sizeof **files);
                if (nf)
                        *files = nf;
                char **no = realloc(*owned, (*n_owned + 2) * sizeof **owned);
                if (no)
                        *owned = no;
                if (!pathcopy || !nf || !no) {
                        free(data);
                        free(pathcopy);
                        return -ENOMEM;
                }
                (*owned)[(*n_owned)++] = data;
                (*owned)[(*n_owned)++] = pathcopy;
                (*files)[(*n)++] = (struct payload_file){ .path = pathcopy, .data = data, .len = len };
        }
        return 0;
}

struct context_files {
        struct payload_file **files;
        size_t *n;
        char ***owned;
        size_t *n_owned;
        size_t rel_len;   /* a file's sub path past the walk's rel ... */
        const char *dest; /* ... goes below dest */
};

static int add_context_file(const char *full, const char *sub, const struct stat *st, void *userdata,
                            struct judge_error *err) {
        struct context_files *cf = userdata;
        char dsub[4200];
        snprintf(dsub, sizeof dsub, "%s%s", cf->dest, sub + cf->rel_len);
        char *data = NULL, *pathcopy = strdup(dsub);
        size_t len = 0;
        int r = pathcopy ? read_file_capped(full, IMAGE_FILE_MAX, &data, &len, err) : -ENOMEM;
        struct payload_file *nf = realloc(*cf->files, (*cf->n + 1) * sizeof **cf->files);
        char **no = realloc(*cf->owned, (*cf->n_owned + 2) * sizeof **cf->owned);
        if (nf)
                *cf->files = nf;
        if (no)
                *cf->owned = no;
        if (r >= 0 && nf && no) {
                (*cf->owned)[(*cf->n_owned)++] = data;
                (*cf->owned)[(*cf->n_owned)++] = pathcopy;
                (*cf->files)[(*cf->n)++] = (struct payload_file){
                        .path = pathcopy,
                        .data = data,
                        .len = len,
                        .executable = (st->st_mode & 0111) != 0,
                };
        } else {
                free(data);
                free(pathcopy);
                if (r >= 0)
                        r = -ENOMEM;
        }
        return r;
}

/* Add every regular file below root/rel to the build context, at the same path below dest. */
static int add_tree_to_context(struct payload_file **files, size_t *n, char ***owned, size_t *n_owned,
                               const char *root, const char *rel, const char *dest, struct judge_error *err) {
        struct context_files cf = { files, n, owned, n_owned, strlen(rel), dest };
        return walk_tree(root, rel, add_context_file, &cf, err);
}

static int dockerfile(const struct lang *l, const char *base, const char *ref, struct buf *out) {
        buf_printf(out,
                           "FROM %s\n"
                           "COPY runner /opt/judge/runner\n"
                           "COPY harness/ /opt/judge/harness/\n"
                           "COPY lang.json /opt/judge/lang.json\n",
                           base);
        /* npm packages: the pinned tarballs (fetched and checked on the host, see images_npm_fetch)
         * unpacked under /opt/judge/node_modules/<name>, before the prepare steps. */
        if (l->n_npm > 0)
                buf_puts(out, "COPY npm/ /opt/judge/npm/\n");
        for (size_t i = 0; i < l->n_npm; i++) {
                char file[256];
                npm_file_name(&l->npm[i], file, sizeof file);
                buf_printf(out,
                               "# npm %s@%s sha256:%s\n"
                               "RUN [\"/bin/sh\", \"-c\", \"mkdir -p \\\"$1\\\" && tar -xzf \\\"$2\\\" --strip-components=1 "
                               "--no-same-owner -C \\\"$1\\\" && chmod -R a+rX,go-w \\\"$1\\\"\", \"sh\", "
                               "\"/opt/judge/node_modules/%s\", \"/opt/judge/npm/%s\"]\n",
                               l->npm[i].name, l->npm[i].version, l->npm[i].sha256, l->npm[i].name, file);
        }
        for (char ***step = l->prepare; step && *step; step++) {
                buf_puts(out, "RUN [");
                for (char **a = *step; *a; a++) {
                        if (a != *step)
                                buf_puts(out, ", ");
                        buf_json_string(out, *a, strlen(*a));
                }
                buf_puts(out, "]\n");
        }
        /* No set-id file: mmdebstrap's essential set keeps setuid su, newgrp, chfn..., a way
         * back to root for anything that gets past no-new-privileges. images_check_setid checks
         * the result. */
        buf_puts(out, "RUN [" SETID_FIND ", \"-exec\", \"chmod\", \"ug-s\", \"{}\", \"+\"]\n");
        if (ref)
                buf_printf(out, "LABEL judge.lang=\"%s\" judge.ref=\"%s\"\n", l->name, ref);
        return buf_err(out);
}

int images_check_setid(struct engine *e, const char *ref, struct judge_error *err) {
        /* Root with only CAP_DAC_READ_SEARCH, so that find sees every directory; no network. */
        _cleanup_buf_ struct buf body;
        buf_init(&body, 1 << 16);
        buf_puts(&body, "{\"Image\":");
        buf_json_string(&body, ref, strlen(ref));
        int r = buf_puts(&body, ",\"Cmd\":[" SETID_FIND "],\"User\":\"0:0\",\"Labels\":{\"judge.owner\":\"judge\"},"
                                    "\"HostConfig\":{\"NetworkMode\":\"none\",\"CapDrop\":[\"ALL\"],"
                                    "\"CapAdd\":[\"CAP_DAC_READ_SEARCH\"],\"SecurityOpt\":[\"no-new-privileges\"]}}");
        if (r < 0)
                return judge_err(err, r, "image reference too long");
        _cleanup_(engine_container_guard_release) struct engine_container_guard g = { .engine = e };
        if ((r = engine_container_create(e, body.data, NULL, &g.id, err)) < 0 ||
            (r = engine_container_start(e, g.id, err)) < 0)
                return judge_err_prefix(err, "checking %s for set-id files", ref);
        int code = -1;
        if ((r = engine_container_wait(e, g.id, 300000, &code, err)) < 0)
                return judge_err_prefix(err, "checking %s for set-id files", ref);
        _cleanup_buf_ struct buf out, eout;
        buf_init(&out, 1 << 20);
        buf_init(&eout, 1 << 16);
        if ((r = engine_container_logs(e, g.id, 1 << 20, &out, &eout, err)) < 0)
                return judge_err_prefix(err, "checking %s for set-id files", ref);
        if (code != 0)
                return judge_err(err, -EIO, "checking %s for set-id files: find exited %d: %.300s", ref, code,
                                 eout.data ? eout.data : "");
        if (out.len) {
                for (size_t i = 0; i < out.len; i++)
                        if (out.data[i] == '\n')
                                out.data[i] = ' ';
                return judge_err(err, -EPERM, "image %s has set-uid/set-gid files: %.600s", ref, out.data);
        }
        return 0;
}

int images_build(struct engine *e, const struct lang *l, bool force, engine_progress_fn progress, void *ud,
                 char **ret_ref, struct judge_error *err) {
        _cleanup_free_ char *ref = NULL, *base = NULL;
        int r = images_ref(l, &ref, err);
        if (r < 0)
                return r;
        if ((r = engine_image_exists(e, ref, err)) < 0)
                return r;
        bool exists = r > 0;
        char msg[4400];
        if (exists && !force) {
                if (progress) {
                        snprintf(msg, sizeof msg, "[%s] %s is up to date", l->name, ref);
                        progress(msg, ud);
                }
                if (ret_ref)
                        *ret_ref = TAKE_PTR(ref);
                return 0;
        }

        if ((r = base_ref(l, &base, err)) < 0)
                return r;
        if ((r = engine_image_exists(e, base, err)) < 0)
                return r;
        bool base_exists = r > 0;
        if (!base_exists) {
                if (l->base_image)
                        return judge_err(err, -ENOENT, "base image %s (set for %s) is not on the engine: pull it first",
                                         base, l->name);
                if ((r = build_base(e, l, base, progress, ud, err)) < 0)
                        return r;
        }

        if ((r = images_npm_fetch(l, progress, ud, err)) < 0)
                return r;

        /* The build context: Dockerfile, runner, the language's harness files, lang.json, the
         * npm tarballs. */
        _cleanup_buf_ struct buf df;
        buf_init(&df, 1 << 20);
        if ((r = dockerfile(l, base, ref, &df)) < 0)
                return judge_err(err, r, "Dockerfile too long");
        struct payload_file *files = NULL;
        size_t n = 0, n_owned = 0;
        char **owned = NULL;
        _cleanup_free_ char *runner = NULL;
        size_t runner_len = 0;
        const char *runner_path = lang_runner_path();
        r = read_file_capped(runner_path, IMAGE_FILE_MAX, &runner, &runner_len, err);
        if (r < 0)
                judge_err_prefix(err, "the runner binary (build it with meson, or set JUDGE_RUNNER)");
        if (r >= 0) {
                char rel[256];
                snprintf(rel, sizeof rel, "harness/%s", l->name);
                r = add_tree_to_context(&files, &n, &owned, &n_owned, lang_data_dir(), rel, "harness", err);
        }
        if (r >= 0)
                r = add_npm_to_context(l, &files, &n, &owned, &n_owned, err);
        struct payload_file *nf = r >= 0 ? realloc(files, (n + 3) * sizeof *files) : NULL;
        if (r >= 0 && !nf)
                r = -ENOMEM;
        void *tar = NULL;
        size_t tar_len = 0;
        if (r >= 0) {
                files = nf;
                files[n++] = (struct payload_file){ .path = "Dockerfile", .data = df.data, .len = df.len };
                files[n++] = (struct payload_file){ .path = "runner", .data = runner, .len = runner_len, .executable = true };
                files[n++] = (struct payload_file){ .path = "lang.json", .data = l->json, .len = strlen(l->json) };
                r = payload_build(files, n, &tar, &tar_len, err);
        }
        for (size_t i = 0; i < n_owned; i++)
                free(owned[i]);
        free(owned);
        free(files);
        if (r < 0)
                return r;

        if (progress) {
                snprintf(msg, sizeof msg, "[%s] building %s FROM %s", l->name, ref, base);
                progress(msg, ud);
        }
        r = engine_image_build(e, tar, tar_len, ref, progress, ud, err);
        free(tar);
        if (r < 0)
                return r;
        if ((r = images_check_setid(e, ref, err)) < 0) {
                /* Loudly: no image with a set-id file is left to judge in. */
                (void) engine_image_remove(e, ref, NULL);
                return r;
        }
        if (progress) {
                snprintf(msg, sizeof msg, "[%s] %s has no set-uid or set-gid file", l->name, ref);
                progress(msg, ud);
        }
        /* A stable name for people; the judge itself always runs the hash tag. */
        char repo[256];
        snprintf(repo, sizeof repo, "localhost/judge-%s", l->name);
        if ((r = engine_image_tag(e, ref, repo, "latest", err)) < 0)
                return r;
        if (ret_ref)
                *ret_ref = TAKE_PTR(ref);
        return 0;
}
