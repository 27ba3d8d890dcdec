/* Whose fault is a failure: the error kind is set where the error arises (lib/base/error.c,
 * judge_submission's error paths), so that judged and `judge validate` decide retry or final by
 * it, never by the errno (an engine's 400 is -EINVAL, like a NUL byte in the code). Needs no
 * engine: a stopped one is a socket nobody listens on, one without the image is a tiny forked
 * HTTP server. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "judge/judge.h"
#include "tap.h"
#include "testlib.h"

static void test_error(void) {
        struct judge_error err = { 0 };
        int r = judge_err_kind(&err, JUDGE_ERR_PERMANENT, EFBIG, "too big: %d", 5);
        CHECK(r == -EFBIG && err.code == -EFBIG && err.kind == JUDGE_ERR_PERMANENT && strcmp(err.msg, "too big: 5") == 0,
              "judge_err_kind: code negated, kind and message set");
        CHECK(judge_err_is_permanent(&err), "permanent");
        judge_err_prefix(&err, "context");
        CHECK(err.kind == JUDGE_ERR_PERMANENT && strcmp(err.msg, "context: too big: 5") == 0, "prefix keeps the kind");
        r = judge_err_classify(&err, r, JUDGE_ERR_TRANSIENT);
        CHECK(r == -EFBIG && err.kind == JUDGE_ERR_PERMANENT, "classify keeps a kind set where the error arose");
        judge_err(&err, -EINVAL, "plain");
        CHECK(err.kind == JUDGE_ERR_UNSET && !judge_err_is_permanent(&err), "judge_err: a new error, kind unset");
        judge_err_classify(&err, -EINVAL, JUDGE_ERR_TRANSIENT);
        CHECK(err.kind == JUDGE_ERR_TRANSIENT, "classify sets an unset kind");
        CHECK(!judge_err_is_permanent(NULL) && judge_err_classify(NULL, -EIO, JUDGE_ERR_ENGINE) == -EIO, "NULL-safe");
        CHECK(strcmp(judge_err_kind_name(JUDGE_ERR_ENGINE), "engine") == 0 &&
                      strcmp(judge_err_kind_name(JUDGE_ERR_PERMANENT), "permanent") == 0,
              "kind names");
}

/* An engine that answers /_ping and knows no image. */
static void no_image_answer(int fd, const char *req) {
        const char *body = strstr(req, " /v1.41/images/") ? "{\"message\":\"No such image\"}"
                           : strstr(req, " /v1.41/_ping ") ? "OK"
                                                           : "{\"message\":\"unexpected\"}";
        int st = strstr(req, " /v1.41/images/") ? 404 : strstr(req, " /v1.41/_ping ") ? 200 : 500;
        char resp[512];
        int l = snprintf(resp, sizeof resp, "HTTP/1.1 %d X\r\nContent-Length: %zu\r\n\r\n%s", st, strlen(body), body);
        (void) !write(fd, resp, (size_t) l);
}

static pid_t no_image_engine(const char *path) {
        return testlib_fake_engine(path, no_image_answer, false);
}

static void test_judge_submission(void) {
        struct judge_error err = { 0 };
        _cleanup_(problem_freep) struct problem *p = NULL;
        _cleanup_(lang_freep) struct lang *l = NULL;
        int r = problem_load(SOURCE_ROOT "/problems/two-sum", &p, NULL, &err);
        CHECK(r == 0, "two-sum loads (%s)", r < 0 ? err.msg : "ok");
        r = lang_load("python", &l, &err);
        CHECK(r == 0, "python loads (%s)", r < 0 ? err.msg : "ok");
        if (!p || !l)
                return;

        /* A stopped engine. */
        char dead[108], url[160];
        snprintf(dead, sizeof dead, "/tmp/test-judge-errors-dead-%ld.sock", (long) getpid());
        unlink(dead);
        int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        struct sockaddr_un a = { .sun_family = AF_UNIX };
        snprintf(a.sun_path, sizeof a.sun_path, "%s", dead);
        CHECK(s >= 0 && bind(s, (struct sockaddr *) &a, sizeof a) == 0, "a socket nobody listens on");
        close(s);
        snprintf(url, sizeof url, "unix://%s", dead);
        _cleanup_(engine_freep) struct engine *e = NULL;
        CHECK(engine_open(url, &e, &err) == 0, "engine_open (lazy)");
        if (!e)
                return;

        const char *code = "class Solution:\n    pass\n";
        struct judge_result *res = NULL;
        struct judge_options o = { .max_code_bytes = 10 };
        err = (struct judge_error){ 0 };
        r = judge_submission(e, p, l, code, strlen(code), &o, &res, &err);
        CHECK(r == -EFBIG && err.kind == JUDGE_ERR_PERMANENT && !res,
              "oversize code: -EFBIG, permanent (the submission's fault): %s", err.msg);
        o = (struct judge_options){ 0 };
        err = (struct judge_error){ 0 };
        r = judge_submission(e, p, l, "x\0y", 3, &o, &res, &err);
        CHECK(r == -EINVAL && err.kind == JUDGE_ERR_PERMANENT, "a NUL byte in the code: -EINVAL, permanent: %s",
              err.msg);

        err = (struct judge_error){ 0 };
        r = judge_submission(e, p, l, code, strlen(code), &o, &res, &err);
        CHECK(r == -ECONNREFUSED && err.kind == JUDGE_ERR_ENGINE && !judge_err_is_permanent(&err),
              "stopped engine: kind engine, not permanent: %s", err.msg);
        CHECK(strstr(err.msg, dead) != NULL, "the message names the engine's socket");

        /* -EINVAL that is not the submission's: a bad image reference (the judge's configuration). */
        o.image = "not a ref";
        err = (struct judge_error){ 0 };
        r = judge_submission(e, p, l, code, strlen(code), &o, &res, &err);
        CHECK(r == -EINVAL && err.kind == JUDGE_ERR_TRANSIENT && !judge_err_is_permanent(&err),
              "-EINVAL from the judge's own side: transient, not permanent (%s)", judge_err_kind_name(err.kind));
        o.image = NULL;
        e = engine_free(e);
        unlink(dead);

        /* An engine without the image. */
        char live[108];
        snprintf(live, sizeof live, "/tmp/test-judge-errors-%ld.sock", (long) getpid());
        pid_t pid = no_image_engine(live);
        CHECK(pid > 0, "engine without images started");
        if (pid <= 0)
                return;
        snprintf(url, sizeof url, "unix://%s", live);
        CHECK(engine_open(url, &e, &err) == 0 && engine_probe(e, &err) == 0, "it answers /_ping");
        err = (struct judge_error){ 0 };
        r = judge_submission(e, p, l, code, strlen(code), &o, &res, &err);
        CHECK(r == -ENOENT && err.kind == JUDGE_ERR_ENGINE, "image missing: -ENOENT, kind engine (%s)",
              judge_err_kind_name(err.kind));
        CHECK(strstr(err.msg, "judge-python:") && strstr(err.msg, live) && strstr(err.msg, "judge images build python"),
              "the message names the image, the engine and the fix: %s", err.msg);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        unlink(live);
}

int main(void) {
        signal(SIGPIPE, SIG_IGN);
        test_error();
        test_judge_submission();
        return tap_done();
}
