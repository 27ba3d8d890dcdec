/* engine: the log demultiplexer, engine_open's checks, and the request machinery against a
 * small fake engine (a forked HTTP/1.1 server on a temporary Unix socket): error messages,
 * keep-alive, wait deadline, interruption (per engine: two engines, one interrupted), logs,
 * build progress, lists. Needs no engine. */
#define _GNU_SOURCE 1 /* strcasestr */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>

#include "engine/engine.h"
#include "tap.h"
#include "testlib.h"

/* ---- demux ---- */

static size_t frame(unsigned char *p, int stream, const char *s) {
        size_t n = strlen(s);
        p[0] = (unsigned char) stream;
        p[1] = p[2] = p[3] = 0;
        p[4] = (unsigned char) (n >> 24);
        p[5] = (unsigned char) (n >> 16);
        p[6] = (unsigned char) (n >> 8);
        p[7] = (unsigned char) n;
        memcpy(p + 8, s, n);
        return 8 + n;
}

static void test_demux(void) {
        unsigned char m[256];
        size_t n = 0;
        n += frame(m + n, 1, "hello ");
        n += frame(m + n, 2, "oops\n");
        n += frame(m + n, 1, "world\n");
        n += frame(m + n, 1, "");
        n += frame(m + n, 3, "engine says\n");

        struct buf out, err;
        buf_init(&out, 0);
        buf_init(&err, 0);
        int r = engine_demux(m, n, &out, &err);
        CHECK(r == 0, "well-formed stream: 0");
        CHECK(out.len == 12 && strcmp(out.data, "hello world\n") == 0, "stdout frames joined");
        CHECK(err.len && strcmp(err.data, "oops\nengine says\n") == 0, "stderr (2 and 3) frames joined");

        /* Fed one byte at a time: same result. */
        struct engine_demuxer d;
        struct buf o2, e2;
        buf_init(&o2, 0);
        buf_init(&e2, 0);
        engine_demuxer_init(&d);
        for (size_t i = 0; i < n; i++)
                (void) engine_demuxer_feed(&d, m + i, 1, &o2, &e2);
        CHECK(engine_demuxer_finish(&d) == 0 && strcmp(o2.data, out.data) == 0 && strcmp(e2.data, err.data) == 0,
              "byte-at-a-time feeding gives the same streams");
        buf_free(&o2);
        buf_free(&e2);

        /* Truncated last frame: the partial payload is kept, 1 returned. */
        buf_reset(&out);
        buf_reset(&err);
        r = engine_demux(m, 8 + 6 + 8 + 2, &out, &err);
        CHECK(r == 1 && strcmp(out.data, "hello ") == 0 && strcmp(err.data, "oo") == 0,
              "truncated frame: partial payload kept, 1");
        buf_reset(&out);
        buf_reset(&err);
        r = engine_demux(m, 8 + 6 + 3, &out, &err);
        CHECK(r == 1 && strcmp(out.data, "hello ") == 0 && err.len == 0, "truncated header: 1");

        /* Raw (TTY) stream. */
        buf_reset(&out);
        buf_reset(&err);
        r = engine_demux("plain text\n", 11, &out, &err);
        CHECK(r == 0 && strcmp(out.data, "plain text\n") == 0 && err.len == 0, "raw stream goes to out whole");

        /* Garbage after a valid frame. */
        unsigned char g[64];
        size_t gn = frame(g, 1, "ok");
        memcpy(g + gn, "\x01\x05garbage", 9);
        gn += 9;
        buf_reset(&out);
        r = engine_demux(g, gn, &out, NULL);
        CHECK(r == 1 && out.len == 2 + 9 && memcmp(out.data, "ok\x01\x05garbage", 11) == 0,
              "bad header mid-stream: the rest is raw, 1");

        /* Caps: the rest is dropped, the flag set. */
        struct buf small;
        buf_init(&small, 4);
        r = engine_demux(m, n, &small, NULL);
        CHECK(r == 0 && small.len == 4 && small.truncated && memcmp(small.data, "hell", 4) == 0,
              "capped output keeps the start and sets truncated");
        buf_free(&small);

        /* A huge announced length with little data. */
        unsigned char h[12] = { 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 'a', 'b', 'c', 'd' };
        buf_reset(&out);
        r = engine_demux(h, sizeof h, &out, NULL);
        CHECK(r == 1 && strcmp(out.data, "abcd") == 0, "huge length, short data: 1");
        CHECK(engine_demux(NULL, 0, &out, &err) == 0, "empty stream: 0");
        buf_free(&out);
        buf_free(&err);
}

/* ---- the fake engine ---- */

static char sock_path[108], conn_path[128];

static void respond(int fd, int status, const char *ctype, const char *body, size_t len, bool chunked_lines) {
        char h[512];
        const char *reason = status == 200 ? "OK" : status == 201 ? "Created" : status == 204 ? "No Content" : "Error";
        if (chunked_lines) {
                int k = snprintf(h, sizeof h,
                                 "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n", status,
                                 reason, ctype);
                (void) !write(fd, h, (size_t) k);
                /* One chunk per line, as engines stream progress. */
                const char *p = body, *end = body + len;
                while (p < end) {
                        const char *nl = memchr(p, '\n', (size_t) (end - p));
                        size_t l = nl ? (size_t) (nl - p + 1) : (size_t) (end - p);
                        k = snprintf(h, sizeof h, "%zx\r\n", l);
                        (void) !write(fd, h, (size_t) k);
                        (void) !write(fd, p, l);
                        (void) !write(fd, "\r\n", 2);
                        p += l;
                }
                (void) !write(fd, "0\r\n\r\n", 5);
                return;
        }
        int k = snprintf(h, sizeof h, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n", status,
                         reason, ctype, len);
        (void) !write(fd, h, (size_t) k);
        if (len)
                (void) !write(fd, body, len);
}

#define JSON(st, s) respond(fd, st, "application/json", s, strlen(s), false)

/* Serve one request on fd; returns false when the connection is done. */
static bool serve_one(int fd) {
        static char req[1 << 16];
        size_t n = 0;
        char *hend = NULL;
        while (!hend) {
                ssize_t k = read(fd, req + n, sizeof req - 1 - n);
                if (k <= 0)
                        return false;
                n += (size_t) k;
                req[n] = 0;
                hend = strstr(req, "\r\n\r\n");
        }
        char method[16], path[1024];
        if (sscanf(req, "%15s %1023s", method, path) != 2)
                return false;
        size_t clen = 0;
        char *cl = strcasestr(req, "Content-Length:");
        if (cl && cl < hend)
                clen = strtoul(cl + 15, NULL, 10);
        size_t have = n - (size_t) (hend + 4 - req);
        while (have < clen) {
                char tmp[4096];
                ssize_t k = read(fd, tmp, sizeof tmp);
                if (k <= 0)
                        return false;
                have += (size_t) k;
        }

        if (strcmp(path, "/v1.41/version") == 0)
                JSON(200, "{\"Version\":\"4.3.1\",\"ApiVersion\":\"1.41\",\"Components\":[{\"Name\":\"Podman Engine\","
                          "\"Version\":\"4.3.1\"}]}");
        else if (strstr(path, "/containers/create?name=e400"))
                JSON(400, "{\"message\":\"invalid mount config\"}");
        else if (strstr(path, "/containers/create?name=e500"))
                JSON(500, "{\"message\":\"server error\"}");
        else if (strstr(path, "/containers/create?name=big")) {
                /* An answer over the client's cap (1 MiB for JSON). */
                size_t big_n = (size_t) 2 << 20;
                char *big = malloc(big_n + 16);
                if (big) {
                        memcpy(big, "{\"Id\":\"", 7);
                        memset(big + 7, 'x', big_n);
                        memcpy(big + 7 + big_n, "\"}", 3);
                        respond(fd, 201, "application/json", big, big_n + 9, false);
                        free(big);
                }
        } else if (strncmp(path, "/v1.41/containers/create", 24) == 0)
                JSON(404, "{\"message\":\"No such image: judge/python:latest\"}");
        else if (strcmp(method, "DELETE") == 0 && strstr(path, "/containers/gone"))
                JSON(404, "{\"message\":\"No such container: gone\"}");
        else if (strstr(path, "/containers/stopped/kill"))
                JSON(409, "{\"message\":\"Container stopped is not running\"}");
        else if (strstr(path, "/containers/slow/wait")) {
                /* Never answer: wait for the client to give up. */
                struct pollfd p = { .fd = fd, .events = POLLIN };
                while (poll(&p, 1, 10000) > 0) {
                        char tmp[256];
                        if (read(fd, tmp, sizeof tmp) <= 0)
                                break;
                }
                return false;
        } else if (strstr(path, "/libpod/containers/fast/wait?") && strstr(path, "interval="))
                /* This fake is Podman: the client waits through the libpod endpoint. */
                JSON(200, "137");
        else if (strstr(path, "/containers/fast/wait"))
                JSON(200, "{\"StatusCode\":137,\"Error\":null}");
        else if (strstr(path, "/containers/c1/logs")) {
                unsigned char m[128];
                size_t l = frame(m, 1, "JUDGE-RESULT-V1\n");
                l += frame(m + l, 2, "warn\n");
                respond(fd, 200, "application/vnd.docker.raw-stream", (char *) m, l, false);
        } else if (strstr(path, "/containers/c1/json"))
                JSON(200, "{\"Id\":\"c1\",\"State\":{\"Status\":\"exited\",\"Running\":false,\"OOMKilled\":true,"
                          "\"ExitCode\":137,\"Error\":\"\"}}");
        else if (strncmp(path, "/v1.41/containers/json", 22) == 0) {
                if (strstr(path, "judge.owner%3Djudge"))
                        JSON(200, "[{\"Id\":\"aaa\"},{\"Id\":\"bbb\"}]");
                else
                        JSON(200, "[]");
        } else if (strncmp(path, "/v1.41/volumes?", 15) == 0)
                JSON(200, "{\"Volumes\":null,\"Warnings\":null}");
        else if (strncmp(path, "/v1.41/build", 12) == 0) {
                const char *s = strstr(path, "bad")
                                        ? "{\"stream\":\"Step 1/2 : FROM x\\n\"}\n{\"stream\":\"Step 2/2 : RUN false\\n\"}\n"
                                          "{\"errorDetail\":{\"message\":\"RUN false: exit 1\"},\"error\":\"RUN false: exit 1\"}\n"
                                        : "{\"stream\":\"Step 1/1 : FROM x\\n\"}\n{\"aux\":{\"ID\":\"sha256:1\"}}\n"
                                          "{\"stream\":\"Successfully built 1\\n\"}\n";
                respond(fd, 200, "application/json", s, strlen(s), true);
        } else if (strstr(path, "/images/judge/here:1/json"))
                JSON(200, "{\"Id\":\"sha256:1\"}");
        else if (strstr(path, "/images/") && strstr(path, "/json"))
                JSON(404, "{\"message\":\"No such image\"}");
        else if (strstr(path, "/containers/c1/start"))
                respond(fd, 304, "text/plain", "", 0, false);
        else
                JSON(500, "{\"message\":\"unexpected request\"}");
        return true;
}

static pid_t fake_engine(void) {
        snprintf(sock_path, sizeof sock_path, "/tmp/test-engine-%ld.sock", (long) getpid());
        snprintf(conn_path, sizeof conn_path, "%s.conns", sock_path);
        int s = -1;
        pid_t pid = testlib_listen_fork(sock_path, &s);
        if (pid != 0)
                return pid;
        alarm(120);
        for (int conn_no = 1;; conn_no++) {
                int fd = accept(s, NULL, NULL);
                if (fd < 0)
                        _exit(0);
                FILE *cf = fopen(conn_path, "we");
                if (cf) {
                        fprintf(cf, "%d\n", conn_no);
                        fclose(cf);
                }
                while (serve_one(fd))
                        ;
                close(fd);
        }
}

static double now_ms(void) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static atomic_int *interrupt_flag;
static void on_alarm(_unused_ int sig) {
        atomic_store(interrupt_flag, true);
}

static int progress_lines;
static char progress_last[256];
static void progress(const char *line, _unused_ void *userdata) {
        progress_lines++;
        snprintf(progress_last, sizeof progress_last, "%s", line);
}

static int sink_into(void *u, const char *p, size_t n) {
        return buf_append(u, p, n) < 0 ? -ENOMEM : 0;
}

static int sink_refuses(void *u, const char *p, size_t n) {
        (void) u, (void) p, (void) n;
        return -EFBIG;
}

static void test_requests(void) {
        pid_t pid = fake_engine();
        CHECK(pid > 0, "fake engine started");
        if (pid <= 0)
                return;
        char url[160];
        snprintf(url, sizeof url, "unix://%s", sock_path);
        struct engine *e = NULL;
        struct judge_error err = { 0 };
        int r = engine_open(url, &e, &err);
        CHECK(r == 0 && e && strcmp(engine_socket_path(e), sock_path) == 0, "engine_open on the fake socket");

        char *desc = NULL;
        r = engine_ping(e, &desc, &err);
        CHECK(r == 0 && desc && strcmp(desc, "Podman 4.3.1 (API 1.41)") == 0, "ping: %s", desc ? desc : err.msg);
        CHECK(engine_is_podman(e), "Podman detected");
        free(desc);

        char *id = NULL;
        err = (struct judge_error){ 0 };
        r = engine_container_create(e, "{}", NULL, &id, &err);
        CHECK(r == -ENOENT && !id, "404 on create: -ENOENT");
        char want[300];
        snprintf(want, sizeof want, "engine at %s: POST /containers/create: 404: No such image: judge/python:latest",
                 sock_path);
        CHECK(strcmp(err.msg, want) == 0,
              "error message names the engine and carries method, path, status and the engine's message: %s",
              err.msg);
        CHECK(err.kind == JUDGE_ERR_ENGINE, "404 on create: kind engine (%s)", judge_err_kind_name(err.kind));

        /* Whatever the status or errno, the engine's failure is never the submission's. */
        static const struct {
                const char *name;
                int code;
                const char *what;
        } failing[] = {
                { "e400", -EINVAL, "400: invalid mount config" },
                { "e500", -EIO, "500: server error" },
                { "big", -EFBIG, "response larger than" },
        };
        for (size_t i = 0; i < ELEMENTSOF(failing); i++) {
                err = (struct judge_error){ 0 };
                id = NULL;
                r = engine_container_create(e, "{}", failing[i].name, &id, &err);
                CHECK(r == failing[i].code && !id && err.kind == JUDGE_ERR_ENGINE && !judge_err_is_permanent(&err) &&
                              strstr(err.msg, failing[i].what) && strstr(err.msg, sock_path),
                      "create answered %s: %d, kind %s, not permanent: %s", failing[i].name, r,
                      judge_err_kind_name(err.kind), err.msg);
                free(id);
        }

        CHECK(engine_container_remove(e, "gone", &err) == 0, "remove of a missing container: success");
        CHECK(engine_container_kill(e, "stopped", &err) == 0, "kill of a stopped container: success");
        CHECK(engine_container_start(e, "c1", &err) == 0, "start of a started container (304): success");

        int code = -1;
        r = engine_container_wait(e, "fast", 5000, &code, &err);
        CHECK(r == 0 && code == 137, "wait returns the exit status");
        double t0 = now_ms();
        r = engine_container_wait(e, "slow", 300, &code, &err);
        double dt = now_ms() - t0;
        CHECK(r == -ETIMEDOUT && err.kind == JUDGE_ERR_ENGINE, "wait past the deadline: -ETIMEDOUT, kind engine (%s)",
              err.msg);
        CHECK(dt >= 250 && dt < 3000, "after about the deadline: %.0f ms", dt);

        struct engine_state st;
        r = engine_container_inspect(e, "c1", &st, &err);
        CHECK(r == 0 && st.exit_code == 137 && st.oom_killed && !st.running && st.error[0] == 0, "inspect State");

        struct buf out, eo;
        buf_init(&out, 0);
        buf_init(&eo, 0);
        r = engine_container_logs(e, "c1", 1 << 20, &out, &eo, &err);
        CHECK(r == 0 && strcmp(out.data ? out.data : "", "JUDGE-RESULT-V1\n") == 0 &&
                      strcmp(eo.data ? eo.data : "", "warn\n") == 0,
              "logs demultiplexed");
        buf_reset(&out);
        r = engine_container_logs(e, "c1", 5, &out, NULL, &err);
        CHECK(r == 0 && out.len == 5 && out.truncated, "logs capped");
        /* streamed: stdout to the sink as it arrives, stderr kept */
        buf_reset(&out);
        buf_reset(&eo);
        r = engine_container_logs_stream(e, "c1", sink_into, &out, 0, &eo, &err);
        CHECK(r == 0 && strcmp(out.data ? out.data : "", "JUDGE-RESULT-V1\n") == 0 &&
                      strcmp(eo.data ? eo.data : "", "warn\n") == 0,
              "logs streamed to a sink");
        r = engine_container_logs_stream(e, "c1", sink_refuses, NULL, 0, NULL, &err);
        CHECK(r == -EFBIG, "a sink's error stops the stream and is returned (%d: %s)", r, err.msg);
        buf_free(&out);
        buf_free(&eo);

        char **ids = NULL;
        r = engine_container_list(e, "judge.owner=judge", &ids, &err);
        CHECK(r == 0 && ids && ids[0] && strcmp(ids[0], "aaa") == 0 && strcmp(ids[1], "bbb") == 0 && !ids[2],
              "list by label");
        ids = engine_strv_free(ids);
        r = engine_volume_list(e, "judge.owner=judge", &ids, &err);
        CHECK(r == 0 && ids && !ids[0], "volume list with Volumes:null is empty");
        ids = engine_strv_free(ids);

        CHECK(engine_image_exists(e, "judge/here:1", &err) == 1, "image exists: 1");
        CHECK(engine_image_exists(e, "judge/absent:1", &err) == 0, "image missing: 0");
        CHECK(engine_image_exists(e, "bad ref", &err) == -EINVAL && err.kind == JUDGE_ERR_UNSET,
              "bad image ref: -EINVAL, the caller's mistake (not the engine's)");

        progress_lines = 0;
        r = engine_image_build(e, "tar", 3, "judge/good:1", progress, NULL, &err);
        CHECK(r == 0 && progress_lines == 2 && strcmp(progress_last, "Successfully built 1") == 0,
              "build streams progress lines (%d)", progress_lines);
        progress_lines = 0;
        err = (struct judge_error){ 0 };
        r = engine_image_build(e, "tar", 3, "judge/bad:1", progress, NULL, &err);
        CHECK(r < 0 && strstr(err.msg, "RUN false: exit 1"), "a build error fails with its message: %s", err.msg);
        CHECK(progress_lines == 3, "the error line reaches the callback too");

        /* Keep-alive: about 25 requests so far, on five connections (the oversize answer to
         * create, the timed-out wait, the capped logs and the refusing sink, which stop reading
         * early, each drop one). */
        char *d2 = NULL;
        r = engine_ping(e, &d2, &err);
        free(d2);
        int conns = testlib_read_int(conn_path);
        CHECK(conns == 5, "connections reused (a new one only after a timeout or an early stop): %d connections", conns);

        /* Interrupt: a pending request fails with -EINTR; cleanup calls still work. */
        static atomic_int flag;
        engine_set_interrupt(e, &flag);
        atomic_store(&flag, true);
        r = engine_ping(e, NULL, &err);
        CHECK(r == -EINTR && err.kind != JUDGE_ERR_ENGINE, "interrupted request: -EINTR, not the engine's failure");
        CHECK(engine_container_remove(e, "gone", &err) == 0, "remove ignores the interrupt");
        CHECK(engine_container_kill(e, "stopped", &err) == 0, "kill ignores the interrupt");
        atomic_store(&flag, false);
        CHECK(engine_ping(e, NULL, &err) == 0, "flag cleared: requests work again");

        /* The flag set while a wait is in progress (from a signal handler): it aborts. */
        interrupt_flag = &flag;
        signal(SIGALRM, on_alarm);
        struct itimerval it = { .it_value = { .tv_usec = 300000 } };
        setitimer(ITIMER_REAL, &it, NULL);
        t0 = now_ms();
        r = engine_container_wait(e, "slow", 20000, &code, &err);
        dt = now_ms() - t0;
        CHECK(r == -EINTR, "interrupt during a wait: -EINTR (%s)", err.msg);
        CHECK(dt < 2500, "promptly: %.0f ms after the start (flag set at 300 ms)", dt);
        CHECK(engine_container_remove(e, "gone", &err) == 0, "cleanup works after the interrupt");
        atomic_store(&flag, false);
        engine_set_interrupt(e, NULL);

        e = engine_free(e);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        unlink(sock_path);
        unlink(conn_path);
}

/* ---- two engines, one interrupted ---- */

#define SLOW_ANSWER_MS 3000

/* A fake Docker that serves each connection in a child of its own (so two engines can wait at
 * once): /_ping at once, anything else after SLOW_ANSWER_MS with {"StatusCode":7}. */
static void slow_answer(int fd, const char *req) {
        if (strncmp(req, "GET /v1.41/_ping ", 17) == 0)
                respond(fd, 200, "text/plain", "OK", 2, false);
        else {
                usleep(SLOW_ANSWER_MS * 1000);
                JSON(200, "{\"StatusCode\":7,\"Error\":null}");
        }
}

static pid_t slow_engine(const char *path) {
        return testlib_fake_engine(path, slow_answer, true);
}

struct waiter {
        struct engine *e;
        int r, code;
        double ms;
        struct judge_error err;
};

static void *wait_thread(void *u) {
        struct waiter *w = u;
        double t0 = now_ms();
        w->r = engine_container_wait(w->e, "slow", 20000, &w->code, &w->err);
        w->ms = now_ms() - t0;
        return NULL;
}

static void test_two_engines(void) {
        char path[108], url[160];
        snprintf(path, sizeof path, "/tmp/test-engine-slow-%ld.sock", (long) getpid());
        snprintf(url, sizeof url, "unix://%s", path);
        pid_t pid = slow_engine(path);
        CHECK(pid > 0, "slow fake engine started");
        if (pid <= 0)
                return;
        struct engine *a = NULL, *b = NULL;
        struct judge_error err = { 0 };
        CHECK(engine_open(url, &a, &err) == 0 && engine_open(url, &b, &err) == 0, "two engines on one socket");
        static atomic_int flag_a, flag_b;
        engine_set_interrupt(a, &flag_a);
        engine_set_interrupt(b, &flag_b);

        atomic_store(&flag_a, true);
        int r = engine_probe(a, &err);
        CHECK(r == -EINTR, "a's flag set: a's request fails with -EINTR (%d)", r);
        err = (struct judge_error){ 0 };
        r = engine_probe(b, &err);
        CHECK(r == 0, "b's request is not interrupted (%d: %s)", r, err.msg);
        atomic_store(&flag_a, false);
        CHECK(engine_probe(a, &err) == 0, "a's flag cleared: a works again");

        /* Both wait at once (the fake answers after SLOW_ANSWER_MS); a is interrupted meanwhile. */
        struct waiter wa = { .e = a, .code = -1 }, wb = { .e = b, .code = -1 };
        pthread_t ta, tb;
        bool started = pthread_create(&ta, NULL, wait_thread, &wa) == 0;
        started = pthread_create(&tb, NULL, wait_thread, &wb) == 0 && started;
        CHECK(started, "two waiting threads");
        if (started) {
                usleep(200000);
                atomic_store(&flag_a, true);
                pthread_join(ta, NULL);
                pthread_join(tb, NULL);
                CHECK(wa.r == -EINTR && wa.err.kind != JUDGE_ERR_ENGINE,
                      "a's transfer in progress aborts: -EINTR (%d: %s)", wa.r, wa.err.msg);
                CHECK(wb.r == 0 && wb.code == 7, "b's transfer runs to its answer: exit code 7 (%d: %s)", wb.r,
                      wb.err.msg);
                CHECK(wa.ms < wb.ms, "a stopped before b's answer came (%.0f ms, %.0f ms)", wa.ms, wb.ms);
        }
        atomic_store(&flag_a, false);
        engine_free(a);
        engine_free(b);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        unlink(path);
}

static void test_open(void) {
        struct engine *e = NULL;
        struct judge_error err = { 0 };
        int r = engine_open("unix:///nonexistent/engine.sock", &e, &err);
        CHECK(r == -ENOENT && !e && err.kind == JUDGE_ERR_ENGINE, "missing socket: -ENOENT, kind engine");
        CHECK(strstr(err.msg, "no container engine socket at /nonexistent/engine.sock") &&
                      strstr(err.msg, "start dockerd or 'podman system service'"),
              "clear message: %s", err.msg);
        r = engine_open("tcp://127.0.0.1:2375", &e, &err);
        CHECK(r == -EINVAL && strstr(err.msg, "unix://"), "tcp:// refused: %s", err.msg);
        setenv("JUDGE_ENGINE", "unix:///nonexistent/x.sock", 1);
        r = engine_open(NULL, &e, &err);
        CHECK(r == -ENOENT && strstr(err.msg, "/nonexistent/x.sock"), "JUDGE_ENGINE is used when url is NULL");
        unsetenv("JUDGE_ENGINE");
        CHECK(engine_free(NULL) == NULL, "engine_free(NULL)");
}

/* An engine that stopped: its socket file is there, nobody listens. */
static void test_refused(void) {
        char path[108];
        snprintf(path, sizeof path, "/tmp/test-engine-dead-%ld.sock", (long) getpid());
        unlink(path);
        int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        struct sockaddr_un a = { .sun_family = AF_UNIX };
        snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
        bool bound = s >= 0 && bind(s, (struct sockaddr *) &a, sizeof a) == 0;
        if (s >= 0)
                close(s);
        CHECK(bound, "a socket file with no listener");
        char url[160];
        snprintf(url, sizeof url, "unix://%s", path);
        struct engine *e = NULL;
        struct judge_error err = { 0 };
        int r = engine_open(url, &e, &err);
        CHECK(r == 0, "engine_open succeeds (lazily, no request yet)");
        if (r == 0) {
                r = engine_probe(e, &err);
                CHECK(r == -ECONNREFUSED && err.kind == JUDGE_ERR_ENGINE && strstr(err.msg, path),
                      "probe of a stopped engine: -ECONNREFUSED, kind engine, names the socket: %s", err.msg);
                char *id = NULL;
                r = engine_container_create(e, "{}", NULL, &id, &err);
                CHECK(r == -ECONNREFUSED && err.kind == JUDGE_ERR_ENGINE, "create on a stopped engine: kind engine");
                engine_free(e);
        }
        unlink(path);
}

int main(void) {
        test_demux();
        test_open();
        test_requests();
        test_refused();
        test_two_engines();
        return tap_done();
}
