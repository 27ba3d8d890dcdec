/* Helpers the unit tests share (beside tap.h): a problem loaded from memory, a JSON value parsed
 * from a literal, a deeply nested array, and the socket of a forked fake engine. */
#pragma once
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/macro.h"
#include "problem/problem.h"

/* Load a problem from problem.json text and a sample set (hidden set empty, statement "x"); NULL
 * on failure, with the reason as a TAP comment. */
static inline struct problem *testlib_load_problem(const char *pj, const char *sample) {
        struct problem_source src = {
                .problem_json = pj,
                .problem_json_len = strlen(pj),
                .statement = "x",
                .statement_len = 1,
                .sample = sample,
                .sample_len = strlen(sample),
                .hidden = "[]",
                .hidden_len = 2,
        };
        struct problem *p = NULL;
        struct judge_error e = { 0 };
        if (problem_load_from_memory(&src, &p, NULL, &e) < 0)
                printf("# load failed: %s\n", e.msg);
        return p;
}

/* Parse JSON text (NULL gives NULL); NULL on bad text, with the parser's message as a TAP
 * comment. The caller frees the value (yajl_tree_free). */
static inline yajl_val testlib_json(const char *s) {
        char eb[256];
        if (!s)
                return NULL;
        yajl_val v = yajl_tree_parse(s, eb, sizeof eb);
        if (!v)
                printf("# bad test JSON %s: %s\n", s, eb);
        return v;
}

static yajl_val testlib_kept[512];
static size_t testlib_n_kept;

/* testlib_json, the value also kept (the first 512) for testlib_json_free_kept: for values
 * parsed inside an expression. */
static inline yajl_val testlib_json_kept(const char *s) {
        yajl_val v = testlib_json(s);
        if (v && testlib_n_kept < ELEMENTSOF(testlib_kept))
                testlib_kept[testlib_n_kept++] = v;
        return v;
}

/* Free the values testlib_json_kept kept. */
static inline void testlib_json_free_kept(void) {
        for (size_t i = 0; i < testlib_n_kept; i++)
                yajl_tree_free(testlib_kept[i]);
        testlib_n_kept = 0;
}

/* Write `open` '[' then `close` ']' and a NUL into buf (room for open + close + 1); returns the
 * length written. */
static inline size_t testlib_nested(char *buf, int open, int close) {
        size_t n = 0;
        for (int i = 0; i < open; i++)
                buf[n++] = '[';
        for (int i = 0; i < close; i++)
                buf[n++] = ']';
        buf[n] = 0;
        return n;
}

/* The first integer read from f (NULL: none); -1 when there is none. */
static inline int testlib_scan_int(FILE *f) {
        int v = -1;
        if (f && fscanf(f, "%d", &v) != 1)
                v = -1;
        return v;
}

/* The first integer in the file at path; -1 when it cannot be read or holds none. */
static inline int testlib_read_int(const char *path) {
        FILE *f = fopen(path, "re");
        int v = testlib_scan_int(f);
        if (f)
                fclose(f);
        return v;
}

/* A fake engine's connection: read requests (headers only, no bodies) from fd until the peer
 * closes it, calling answer for each with the buffer read so far (NUL-terminated, the request
 * first). */
static inline void testlib_serve_requests(int fd, void (*answer)(int fd, const char *req)) {
        char req[8192];
        size_t n = 0;
        for (;;) {
                ssize_t k = read(fd, req + n, sizeof req - 1 - n);
                if (k <= 0)
                        return;
                n += (size_t) k;
                req[n] = 0;
                char *end = strstr(req, "\r\n\r\n");
                if (!end)
                        continue;
                answer(fd, req);
                size_t used = (size_t) (end + 4 - req);
                memmove(req, req + used, n - used);
                n -= used;
                req[n] = 0;
        }
}

/* A fake engine's child: accept connections on s and answer their requests (each connection in
 * a child of its own when fork_each); exits when accept fails. */
static inline _Noreturn void testlib_serve(int s, void (*answer)(int fd, const char *req), bool fork_each) {
        for (;;) {
                int fd = accept(s, NULL, NULL);
                if (fd < 0)
                        _exit(0);
                if (fork_each && fork() != 0) {
                        close(fd);
                        continue;
                }
                testlib_serve_requests(fd, answer);
                if (fork_each)
                        _exit(0);
                close(fd);
        }
}

/* A fake engine's start: a Unix socket listening at path (an old file there removed), then a
 * fork. The parent gets the child's pid (-1 when the socket or the fork failed); the child gets
 * 0 and the listening socket in *listen_fd, to serve from. */
static inline pid_t testlib_listen_fork(const char *path, int *listen_fd) {
        unlink(path);
        int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        struct sockaddr_un a = { .sun_family = AF_UNIX };
        snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
        if (s < 0 || bind(s, (struct sockaddr *) &a, sizeof a) < 0 || listen(s, 8) < 0)
                return -1;
        pid_t pid = fork();
        if (pid != 0) {
                close(s);
                return pid;
        }
        *listen_fd = s;
        return 0;
}

/* A fake engine at path answering each request with answer, in a forked child that lives 60 s
 * at most (each connection served in a child of its own when fork_each); the child's pid, or -1
 * when the socket or the fork failed. */
static inline pid_t testlib_fake_engine(const char *path, void (*answer)(int fd, const char *req), bool fork_each) {
        int s = -1;
        pid_t pid = testlib_listen_fork(path, &s);
        if (pid != 0)
                return pid;
        alarm(60);
        if (fork_each)
                signal(SIGCHLD, SIG_IGN); /* no zombies */
        testlib_serve(s, answer, fork_each);
}
