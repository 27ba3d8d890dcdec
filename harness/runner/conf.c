/* runner.conf parser (see conf.h). */
#include "conf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONF_MAX_BYTES (1024 * 1024)
#define CONF_MAX_LIST 4096

static int list_push(char ***list, size_t *n, const char *v) {
        if (*n >= CONF_MAX_LIST)
                return -E2BIG;
        char **l = realloc(*list, (*n + 2) * sizeof(char *));
        if (!l)
                return -ENOMEM;
        *list = l;
        l[*n] = strdup(v);
        if (!l[*n])
                return -ENOMEM;
        l[++*n] = NULL;
        return 0;
}

static void list_free(char **l) {
        for (size_t i = 0; l && l[i]; i++)
                free(l[i]);
        free(l);
}

void conf_free(struct conf *c) {
        free(c->workdir);
        list_free(c->compile_argv);
        list_free(c->run_argv);
        list_free(c->env);
        *c = (struct conf){0};
}

static const struct {
        const char *key;
        size_t off;
        bool compile_only; /* required only when there is a compile step */
        bool optional;     /* never required (0 when absent) */
} conf_numbers[] = {
#define N(k, c)                                                                                              \
        { #k, offsetof(struct conf, k), c, false }
        N(compile_time_ms, true), N(compile_memory_mb, true), N(cases, false),        N(case_time_ms, false),
        N(case_wall_ms, false),   N(memory_mb, false),        N(output_limit, false), N(stdout_cap, false),
        N(answer_limit, false),   N(stack_mb, false),         N(nproc, false),        N(nofile, false),
        N(fsize_mb, false),
        {"startup_allowance_ms", offsetof(struct conf, startup_allowance_ms), false, true},
#undef N
};

static int read_file(const char *path, char **ret, size_t *ret_len) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        char *data = malloc(CONF_MAX_BYTES + 1);
        size_t len = 0;
        if (!data) {
                close(fd);
                return -ENOMEM;
        }
        for (;;) {
                ssize_t r = read(fd, data + len, CONF_MAX_BYTES + 1 - len);
                if (r < 0 && errno == EINTR)
                        continue;
                if (r < 0) {
                        int e = -errno;
                        close(fd);
                        free(data);
                        return e;
                }
                if (r == 0)
                        break;
                len += (size_t)r;
                if (len > CONF_MAX_BYTES) {
                        close(fd);
                        free(data);
                        return -EFBIG;
                }
        }
        close(fd);
        data[len] = '\0';
        *ret = data;
        *ret_len = len;
        return 0;
}

int conf_load(const char *path, struct conf *c, char *errbuf, size_t errlen) {
        bool seen[sizeof(conf_numbers) / sizeof(conf_numbers[0])] = {false};
        char *data = NULL;
        size_t len = 0;
        int r;

        *c = (struct conf){0};
        r = read_file(path, &data, &len);
        if (r < 0) {
                snprintf(errbuf, errlen, "cannot read %s: %s", path, strerror(-r));
                return r;
        }
        if (memchr(data, '\0', len)) {
                snprintf(errbuf, errlen, "%s contains a NUL byte", path);
                free(data);
                return -EINVAL;
        }

        char *save = NULL;
        for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
                char *eq = strchr(line, '=');
                if (!eq || eq == line)
                        continue; /* blank or not key=value: ignored like unknown keys */
                *eq = '\0';
                const char *key = line, *val = eq + 1;
                if (strcmp(key, "workdir") == 0) {
                        free(c->workdir);
                        c->workdir = strdup(val);
                        r = c->workdir ? 0 : -ENOMEM;
                } else if (strcmp(key, "compile_arg") == 0)
                        r = list_push(&c->compile_argv, &c->n_compile, val);
                else if (strcmp(key, "run_arg") == 0)
                        r = list_push(&c->run_argv, &c->n_run, val);
                else if (strcmp(key, "env") == 0)
                        r = list_push(&c->env, &c->n_env, val);
                else {
                        r = 0;
                        for (size_t i = 0; i < sizeof(conf_numbers) / sizeof(conf_numbers[0]); i++) {
                                if (strcmp(key, conf_numbers[i].key) != 0)
                                        continue;
                                char *end;
                                errno = 0;
                                long long v = strtoll(val, &end, 10);
                                if (errno || end == val || *end || v < 0) {
                                        snprintf(errbuf, errlen, "bad number for %s: '%.64s'", key, val);
                                        free(data);
                                        return -EINVAL;
                                }
                                *(long long *)((char *)c + conf_numbers[i].off) = v;
                                seen[i] = true;
                        }
                }
                if (r < 0) {
                        snprintf(errbuf, errlen, "reading %s: %s", key, strerror(-r));
                        free(data);
                        return r;
                }
        }
        free(data);

        if (!c->workdir || !c->workdir[0]) {
                snprintf(errbuf, errlen, "runner.conf: missing workdir");
                return -EINVAL;
        }
        if (c->n_run == 0) {
                snprintf(errbuf, errlen, "runner.conf: missing run_arg");
                return -EINVAL;
        }
        for (size_t i = 0; i < sizeof(conf_numbers) / sizeof(conf_numbers[0]); i++) {
                if (!seen[i] && !conf_numbers[i].optional && (!conf_numbers[i].compile_only || c->n_compile > 0)) {
                        snprintf(errbuf, errlen, "runner.conf: missing %s", conf_numbers[i].key);
                        return -EINVAL;
                }
        }
        if (c->cases > 100000) {
                snprintf(errbuf, errlen, "runner.conf: too many cases (%lld)", c->cases);
                return -EINVAL;
        }
        if (!c->env) { /* keep env a valid (empty) list for execve */
                c->env = calloc(1, sizeof(char *));
                if (!c->env)
                        return -ENOMEM;
        }
        return 0;
}
