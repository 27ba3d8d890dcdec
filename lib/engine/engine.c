/* Docker Engine API v1.41 client over a Unix socket; see engine.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* asprintf */
#endif
#include "engine/engine.h"

#include <curl/curl.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <yajl/yajl_tree.h>

#define ENGINE_API "/v1.41"
#define ENGINE_JSON_MAX ((size_t) 1 << 20)   /* cap on a JSON response body */
#define ENGINE_LINE_MAX ((size_t) 1 << 20)   /* cap on one progress line of a build/import */
#define ENGINE_DEFAULT_TIMEOUT_MS 120000L     /* ordinary calls; wait/build/import have their own */

struct engine {
        CURL *curl;
        char *socket_path;
        bool podman;
        bool kind_known;
        const atomic_int *interrupt; /* engine_set_interrupt; NULL: never interrupted */
};

/* Every failure of the engine itself (unreachable, timed out, an HTTP error, an oversize or
 * malformed answer) is JUDGE_ERR_ENGINE: the judge's side, never the submission's. Out of memory,
 * an interruption and a bad argument from the caller stay unclassified. */
#define engine_err(err, code, ...) judge_err_kind(err, JUDGE_ERR_ENGINE, code, __VA_ARGS__)

void engine_set_interrupt(struct engine *e, const atomic_int *flag) {
        e->interrupt = flag;
}

static void curl_global(void) {
        static bool done;
        if (!done) {
                curl_global_init(CURL_GLOBAL_DEFAULT);
                done = true;
        }
}

/* Keep what fits of an error body; the rest does not matter. */
static void append_capped(struct buf *b, const void *p, size_t n) {
        int r = buf_append(b, p, n);
        (void) r;
}

static void yajl_tree_freep(yajl_val *v) {
        if (*v)
                yajl_tree_free(*v);
}
#define _cleanup_yajl_ _cleanup_(yajl_tree_freep)

static void curl_freep(char **p) {
        if (*p)
                curl_free(*p);
}
#define _cleanup_curl_free_ _cleanup_(curl_freep)

static void slist_freep(struct curl_slist **l) {
        if (*l)
                curl_slist_free_all(*l);
}

/* ---- opening ---- */

static int engine_new(const char *path, struct engine **ret, struct judge_error *err) {
        struct stat st;
        if (stat(path, &st) < 0)
                return engine_err(err, -ENOENT,
                                 "no container engine socket at %s: start dockerd or 'podman system service'",
                                 path);
        if (!S_ISSOCK(st.st_mode))
                return engine_err(err, -ENOTSOCK, "%s is not a socket", path);
        curl_global();
        struct engine *e = calloc(1, sizeof *e);
        if (!e)
                return judge_err(err, -ENOMEM, "out of memory");
        e->socket_path = strdup(path);
        e->curl = curl_easy_init();
        if (!e->socket_path || !e->curl) {
                engine_free(e);
                return judge_err(err, -ENOMEM, "out of memory (curl)");
        }
        *ret = e;
        return 0;
}

static int engine_url_path(const char *url, const char **ret_path, struct judge_error *err) {
        if (strncmp(url, "unix://", 7) != 0 || url[7] != '/')
                return judge_err(err, -EINVAL, "engine URL '%s' is not a unix:// socket URL (e.g. unix:///run/docker.sock)",
                                 url);
        *ret_path = url + 7;
        return 0;
}

int engine_open(const char *url, struct engine **ret, struct judge_error *err) {
        const char *path = NULL;
        int r;

        if (!url || !*url) {
                url = getenv("JUDGE_ENGINE");
                if (!url || !*url)
                        url = getenv("DOCKER_HOST");
        }
        if (url && *url) {
                r = engine_url_path(url, &path, err);
                if (r < 0)
                        return r;
                return engine_new(path, ret, err);
        }

        char xdg[512] = "";
        const char *rt = getenv("XDG_RUNTIME_DIR");
        if (rt && *rt)
                snprintf(xdg, sizeof xdg, "%s/podman/podman.sock", rt);
        const char *candidates[] = { "/run/docker.sock", "/var/run/docker.sock", "/run/podman/podman.sock", xdg };
        for (size_t i = 0; i < ELEMENTSOF(candidates); i++) {
                struct stat st;
                if (candidates[i][0] && stat(candidates[i], &st) == 0 && S_ISSOCK(st.st_mode))
                        return engine_new(candidates[i], ret, err);
        }
        return engine_err(err, -ENOENT,
                         "no container engine socket at /run/docker.sock, /var/run/docker.sock, "
                         "/run/podman/podman.sock%s%s: start dockerd or 'podman system service', or set "
                         "JUDGE_ENGINE=unix:///path",
                         xdg[0] ? " or " : "", xdg);
}

struct engine *engine_free(struct engine *e) {
        if (!e)
                return NULL;
        if (e->curl)
                curl_easy_cleanup(e->curl);
        free(e->socket_path);
        free(e);
        return NULL;
}

const char *engine_socket_path(const struct engine *e) {
        return e->socket_path;
}

/* ---- the request machinery ---- */

struct request {
        const char *method;
        const char *path;            /* below /v1.41, query included, already escaped */
        const char *content_type;
        const void *body;            /* in-memory body, or */
        size_t body_len;
        FILE *upload;                /* a streamed body */
        curl_off_t upload_len;
        struct buf *resp;            /* whole body (capped), or NULL with on_data set */
        size_t (*on_data)(const char *p, size_t n, void *userdata); /* returns n, or != n to stop */
        void *userdata;
        long timeout_ms;             /* 0: default; < 0: none */
        bool ignore_interrupt;
        bool absolute;               /* path is from the root, not below /v1.41 (Podman's libpod API) */
        struct buf *resp_headers;    /* if set, the response's header lines (capped) */
        /* For engine_request: */
        size_t resp_max;             /* cap of the answer when resp is NULL; 0: ENGINE_JSON_MAX */
        /* an HTTP error this returns true for counts as success (nothing parsed) */
        bool (*tolerate)(long status, const struct buf *body);
        yajl_val *ret_json;          /* if set, the answer parsed as JSON (yajl_tree_free) */
        const char *what;            /* names the request in a parse error; NULL: the path */
};

struct transfer {
        struct engine *e;
        const struct request *rq;
        bool overflow;
        bool stopped; /* on_data asked to stop early: not an error */
};

static bool engine_interrupted(const struct engine *e, const struct request *rq) {
        return !rq->ignore_interrupt && e->interrupt && atomic_load(e->interrupt) != 0;
}

static size_t write_cb(char *p, size_t size, size_t nmemb, void *userdata) {
        struct transfer *t = userdata;
        size_t n = size * nmemb;
        if (t->rq->on_data) {
                size_t k = t->rq->on_data(p, n, t->rq->userdata);
                if (k != n)
                        t->stopped = true;
                return k;
        }
        if (!t->rq->resp)
                return n;
        int r = buf_append(t->rq->resp, p, n);
        if (r == -ENOBUFS) {
                t->overflow = true;
                return 0;
        }
        return r < 0 ? 0 : n;
}

static size_t read_cb(char *p, size_t size, size_t nmemb, void *userdata) {
        FILE *f = userdata;
        size_t n = fread(p, 1, size * nmemb, f);
        if (n == 0 && ferror(f))
                return CURL_READFUNC_ABORT;
        return n;
}

static int xferinfo_cb(void *userdata, _unused_ curl_off_t dt, _unused_ curl_off_t dn, _unused_ curl_off_t ut,
                       _unused_ curl_off_t un) {
        const struct transfer *t = userdata;
        return engine_interrupted(t->e, t->rq) ? 1 : 0;
}

/* The path without its query string, for messages. */
static void path_for_msg(const char *path, char *out, size_t n) {
        size_t l = strcspn(path, "?");
        if (l >= n)
                l = n - 1;
        memcpy(out, path, l);
        out[l] = 0;
}

static int status_errno(long status) {
        switch (status) {
        case 400: return -EINVAL;
        case 401:
        case 403: return -EACCES;
        case 404: return -ENOENT;
        case 409: return -EBUSY;
        default: return -EIO;
        }
}

/* The engine's "message" (Docker and Podman both use it) out of an error body; else the body. */
static void error_message(const struct buf *b, char *out, size_t n) {
        out[0] = 0;
        if (!b || !b->data || b->len == 0)
                return;
        _cleanup_yajl_ yajl_val v = yajl_tree_parse(b->data, NULL, 0);
        const char *keys[] = { "message", NULL };
        yajl_val m = v ? yajl_tree_get(v, keys, yajl_t_string) : NULL;
        if (m)
                snprintf(out, n, "%s", YAJL_GET_STRING(m));
        else
                snprintf(out, n, "%.*s", (int) (b->len > 300 ? 300 : b->len), b->data);
        size_t l = strlen(out);
        while (l && (out[l - 1] == '\n' || out[l - 1] == '\r'))
                out[--l] = 0;
}

static size_t header_cb(char *p, size_t size, size_t n, void *userdata) {
        /* Past the cap the rest is dropped: headers are only looked at, never trusted for size. */
        if (buf_append(userdata, p, size * n) < 0) {
                /* capped: what fits is kept */
        }
        return size * n;
}

/* Run one request. On success (transport fine) returns 0 and sets *ret_status; HTTP errors
 * are left to the caller (engine_check). */
static int engine_perform(struct engine *e, const struct request *rq, long *ret_status, struct judge_error *err) {
        char where[256];
        path_for_msg(rq->path, where, sizeof where);

        if (engine_interrupted(e, rq))
                return judge_err(err, -EINTR, "engine: %s %s: interrupted", rq->method, where);

        CURL *c = e->curl;
        curl_easy_reset(c); /* keeps the connection cache: the socket stays open between calls */

        _cleanup_free_ char *url = NULL;
        if (asprintf(&url, "http://d%s%s", rq->absolute ? "" : ENGINE_API, rq->path) < 0)
                return judge_err(err, -ENOMEM, "out of memory");

        _cleanup_(slist_freep) struct curl_slist *hdrs = NULL;
        struct curl_slist *h;
        h = curl_slist_append(hdrs, "Expect:"); /* no 100-continue round trip on uploads */
        if (!h)
                return judge_err(err, -ENOMEM, "out of memory");
        hdrs = h;
        if (rq->content_type) {
                char ct[128];
                snprintf(ct, sizeof ct, "Content-Type: %s", rq->content_type);
                h = curl_slist_append(hdrs, ct);
                if (!h)
                        return judge_err(err, -ENOMEM, "out of memory");
                hdrs = h;
        }

        struct transfer t = { .e = e, .rq = rq };
        curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, e->socket_path);
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
        long timeout = rq->timeout_ms == 0 ? ENGINE_DEFAULT_TIMEOUT_MS : rq->timeout_ms < 0 ? 0 : rq->timeout_ms;
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);

        if (rq->upload) {
                curl_easy_setopt(c, CURLOPT_POST, 1L);
                curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
                curl_easy_setopt(c, CURLOPT_READDATA, rq->upload);
                curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, rq->upload_len);
        } else if (rq->body) {
                curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->body);
                curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) rq->body_len);
        } else if (strcmp(rq->method, "POST") == 0 || strcmp(rq->method, "PUT") == 0) {
                curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
                curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, 0L);
        }
        if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "POST") != 0)
                curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, rq->method);

        if (rq->resp_headers) {
                curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_cb);
                curl_easy_setopt(c, CURLOPT_HEADERDATA, rq->resp_headers);
        }

        CURLcode cc = curl_easy_perform(c);
        if (cc == CURLE_WRITE_ERROR && t.stopped)
                cc = CURLE_OK;
        if (cc != CURLE_OK) {
                if (t.overflow)
                        return engine_err(err, -EFBIG, "engine at %s: %s %s: response larger than %zu bytes",
                                          e->socket_path, rq->method, where, rq->resp->max);
                if (cc == CURLE_ABORTED_BY_CALLBACK)
                        return judge_err(err, -EINTR, "engine: %s %s: interrupted", rq->method, where);
                if (cc == CURLE_OPERATION_TIMEDOUT)
                        return engine_err(err, -ETIMEDOUT, "engine at %s: %s %s: timed out after %ld ms",
                                          e->socket_path, rq->method, where, timeout);
                if (cc == CURLE_COULDNT_CONNECT)
                        return engine_err(err, -ECONNREFUSED,
                                          "engine at %s: cannot connect: start dockerd or 'podman system service'",
                                          e->socket_path);
                return engine_err(err, -EIO, "engine at %s: %s %s: %s", e->socket_path, rq->method, where,
                                  curl_easy_strerror(cc));
        }
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        *ret_status = status;
        return 0;
}

/* Turn status >= 400 into an error carrying the engine's message. */
static int engine_check(const struct engine *e, const struct request *rq, long status, struct judge_error *err) {
        if (status < 400)
                return 0;
        char where[256], msg[600];
        path_for_msg(rq->path, where, sizeof where);
        error_message(rq->resp, msg, sizeof msg);
        return engine_err(err, status_errno(status), "engine at %s: %s %s: %ld: %s", e->socket_path, rq->method,
                          where, status, msg[0] ? msg : "(no message)");
}

static int parse_json(const struct buf *b, const char *what, yajl_val *ret, struct judge_error *err) {
        char ebuf[256] = "";
        yajl_val v = yajl_tree_parse(b->data ? b->data : "", ebuf, sizeof ebuf);
        if (!v) {
                char *nl = strchr(ebuf, '\n');
                if (nl)
                        *nl = 0;
                return engine_err(err, -EBADMSG, "engine: %s: invalid JSON response: %s", what, ebuf);
        }
        *ret = v;
        return 0;
}

static const char *json_str(yajl_val v, const char *key) {
        const char *path[] = { key, NULL };
        yajl_val s = v ? yajl_tree_get(v, path, yajl_t_string) : NULL;
        return s ? YAJL_GET_STRING(s) : NULL;
}

/* Escape s for a query value or a path segment. */
static char *esc(struct engine *e, const char *s) {
        return curl_easy_escape(e->curl, s, 0);
}

/* Image references go into the path unescaped but checked: Docker's router wants the
 * slashes and colons as they are. */
static int check_ref(const char *ref, struct judge_error *err) {
        if (!ref || !*ref || strlen(ref) > 255)
                return judge_err(err, -EINVAL, "invalid image reference");
        for (const char *p = ref; *p; p++)
                if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                      strchr("._-/:@", *p)))
                        return judge_err(err, -EINVAL, "invalid image reference '%s'", ref);
        return 0;
}

/* A request's path from fmt, whose only directives are %s, a string escaped for a path segment
 * or a query value, and %r, an image reference put in as it is once check_ref accepts it. On
 * success *ret is a new string (free()). */
static int engine_vpath(struct engine *e, char **ret, struct judge_error *err, const char *fmt, va_list ap) {
        _cleanup_buf_ struct buf b;
        buf_init(&b, 0);
        for (const char *p = fmt; *p; p++) {
                if (*p != '%') {
                        buf_append(&b, p, 1);
                        continue;
                }
                if (!*++p)
                        break;
                const char *arg = va_arg(ap, const char *);
                if (*p == 'r') {
                        int r = check_ref(arg, err);
                        if (r < 0)
                                return r;
                        buf_puts(&b, arg);
                        continue;
                }
                _cleanup_curl_free_ char *x = esc(e, arg);
                if (!x)
                        return judge_err(err, -ENOMEM, "out of memory");
                buf_puts(&b, x);
        }
        if (buf_err(&b) < 0)
                return judge_err(err, -ENOMEM, "out of memory");
        *ret = buf_steal(&b);
        return 0;
}

static int engine_path(struct engine *e, char **ret, struct judge_error *err, const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        int r = engine_vpath(e, ret, err, fmt, ap);
        va_end(ap);
        return r;
}

/* Send rq (its path set) and take the answer: into rq->resp, or a capped buffer of its own
 * (rq->resp_max); an HTTP error becomes an error with the engine's message (engine_check) unless
 * rq->tolerate accepts it (then 0, nothing parsed); with rq->ret_json set, the answer is parsed
 * (-EBADMSG when it is not JSON). */
static int engine_send(struct engine *e, const struct request *rq, struct judge_error *err) {
        _cleanup_buf_ struct buf own;
        buf_init(&own, rq->resp_max ? rq->resp_max : ENGINE_JSON_MAX);
        struct request q = *rq;
        if (!q.resp)
                q.resp = &own;
        long st;
        int r = engine_perform(e, &q, &st, err);
        if (r < 0)
                return r;
        if (st >= 400 && q.tolerate && q.tolerate(st, q.resp))
                return 0;
        r = engine_check(e, &q, st, err);
        if (r < 0 || !q.ret_json)
                return r;
        return parse_json(q.resp, q.what ? q.what : q.path, q.ret_json, err);
}

/* The one way an endpoint talks to the engine: the path from fmt (engine_vpath), then
 * engine_send. */
static int engine_request(struct engine *e, const struct request *rq, struct judge_error *err, const char *fmt,
                          ...) {
        _cleanup_free_ char *path = NULL;
        va_list ap;
        va_start(ap, fmt);
        int r = engine_vpath(e, &path, err, fmt, ap);
        va_end(ap);
        if (r < 0)
                return r;
        struct request q = *rq;
        q.path = path;
        return engine_send(e, &q, err);
}

/* ---- version ---- */

int engine_ping(struct engine *e, char **ret_desc, struct judge_error *err) {
        _cleanup_yajl_ yajl_val v = NULL;
        int r = engine_request(e, &(struct request){ .method = "GET", .ret_json = &v, .what = "GET /version" }, err,
                               "/version");
        if (r < 0)
                return r;

        bool podman = false;
        const char *cpath[] = { "Components", NULL };
        yajl_val comps = yajl_tree_get(v, cpath, yajl_t_array);
        if (comps)
                for (size_t i = 0; i < YAJL_GET_ARRAY(comps)->len; i++) {
                        const char *n = json_str(YAJL_GET_ARRAY(comps)->values[i], "Name");
                        if (n && strstr(n, "Podman"))
                                podman = true;
                }
        e->podman = podman;
        e->kind_known = true;

        if (ret_desc) {
                const char *ver = json_str(v, "Version");
                const char *api = json_str(v, "ApiVersion");
                char *d;
                if (asprintf(&d, "%s %s (API %s)", podman ? "Podman" : "Docker", ver ? ver : "?", api ? api : "?") < 0)
                        return judge_err(err, -ENOMEM, "out of memory");
                *ret_desc = d;
        }
        return 0;
}

int engine_probe(struct engine *e, struct judge_error *err) {
        _cleanup_buf_ struct buf hd;
        buf_init(&hd, 16384);
        /* A health check: an engine that does not answer within seconds counts as down. */
        int r = engine_request(e, &(struct request){ .method = "GET", .resp_max = 4096, .resp_headers = &hd,
                                                     .timeout_ms = 5000 },
                               err, "/_ping");
        if (r < 0)
                return r;
        /* Podman answers with Libpod-Api-Version and "Server: Libpod/..." headers. */
        e->podman = hd.data && (strcasestr(hd.data, "\nLibpod-Api-Version:") || strcasestr(hd.data, "\nServer: Libpod"));
        e->kind_known = true;
        return 0;
}

bool engine_is_podman(struct engine *e) {
        /* GET /_ping, not /version: Podman's /version gathers host facts and takes ~0.7 s. */
        if (!e->kind_known)
                (void) engine_probe(e, NULL);
        return e->podman;
}

/* ---- containers ---- */

int engine_container_create(struct engine *e, const char *body, const char *name, char **ret_id,
                            struct judge_error *err) {
        _cleanup_yajl_ yajl_val v = NULL;
        struct request rq = {
                .method = "POST",
                .body = body,
                .body_len = body ? strlen(body) : 0,
                .content_type = body ? "application/json" : NULL,
                .ret_json = &v,
                .what = "POST /containers/create",
        };
        int r = name ? engine_request(e, &rq, err, "/containers/create?name=%s", name)
                     : engine_request(e, &rq, err, "/containers/create");
        if (r < 0)
                return r;
        const char *id = json_str(v, "Id");
        if (!id || !*id)
                return engine_err(err, -EBADMSG, "engine: POST /containers/create: no Id in the response");
        char *d = strdup(id);
        if (!d)
                return judge_err(err, -ENOMEM, "out of memory");
        *ret_id = d;
        return 0;
}

int engine_container_put_archive(struct engine *e, const char *id, const char *path, const void *data,
                                 size_t len, struct judge_error *err) {
        struct request rq = {
                .method = "PUT", .body = data, .body_len = len, .content_type = "application/x-tar",
        };
        return engine_request(e, &rq, err, "/containers/%s/archive?path=%s", id, path);
}

int engine_container_start(struct engine *e, const char *id, struct judge_error *err) {
        return engine_request(e, &(struct request){ .method = "POST" }, err, "/containers/%s/start", id);
}

int engine_container_wait(struct engine *e, const char *id, long timeout_ms, int *ret_exit_code,
                          struct judge_error *err) {
        /* Podman's compat wait polls the container's state every 250 ms and adds up to a second
         * to every judgement (measured: 0.6-1.4 s for a 0.3 s container); its own libpod endpoint
         * takes a polling interval (0.4-0.7 s). Its answer is the bare exit code. */
        bool libpod = engine_is_podman(e);
        _cleanup_buf_ struct buf b;
        buf_init(&b, ENGINE_JSON_MAX);
        _cleanup_yajl_ yajl_val v = NULL;
        struct request rq = {
                .method = "POST",
                .resp = &b,
                .timeout_ms = timeout_ms < 0 ? -1 : timeout_ms == 0 ? 1 : timeout_ms,
                .absolute = libpod,
                .ret_json = libpod ? NULL : &v,
                .what = "POST /containers/{id}/wait",
        };
        int r = libpod ? engine_request(e, &rq, err,
                                        "/v4.0.0/libpod/containers/%s/wait?condition=stopped&condition=exited&interval=10ms",
                                        id)
                       : engine_request(e, &rq, err, "/containers/%s/wait", id);
        if (r < 0)
                return r;
        if (libpod) {
                char *end = NULL;
                long code = b.data ? strtol(b.data, &end, 10) : 0;
                if (!b.data || end == b.data)
                        return engine_err(err, -EBADMSG, "engine: waiting for %s: unexpected answer '%.80s'", id,
                                         b.data ? b.data : "");
                if (ret_exit_code)
                        *ret_exit_code = (int) code;
                return 0;
        }
        const char *sc[] = { "StatusCode", NULL };
        yajl_val code = yajl_tree_get(v, sc, yajl_t_number);
        if (!code || !YAJL_IS_INTEGER(code))
                return engine_err(err, -EBADMSG, "engine: POST /containers/%s/wait: no StatusCode in the response", id);
        const char *ep[] = { "Error", "Message", NULL };
        yajl_val em = yajl_tree_get(v, ep, yajl_t_string);
        if (em && YAJL_GET_STRING(em)[0])
                return engine_err(err, -EIO, "engine: waiting for %s: %s", id, YAJL_GET_STRING(em));
        if (ret_exit_code)
                *ret_exit_code = (int) YAJL_GET_INTEGER(code);
        return 0;
}

/* Docker says 409 "is not running"; Podman 409 or 500 "can only kill running containers". */
static bool kill_not_running(long status, const struct buf *body) {
        if (status == 409)
                return true;
        char msg[600];
        error_message(body, msg, sizeof msg);
        return strstr(msg, "not running") || strstr(msg, "only kill running");
}

int engine_container_kill(struct engine *e, const char *id, struct judge_error *err) {
        struct request rq = { .method = "POST", .ignore_interrupt = true, .tolerate = kill_not_running };
        return engine_request(e, &rq, err, "/containers/%s/kill?signal=KILL", id);
}

static bool json_bool(yajl_val v) {
        return v && YAJL_IS_TRUE(v);
}

int engine_container_inspect(struct engine *e, const char *id, struct engine_state *ret,
                             struct judge_error *err) {
        _cleanup_yajl_ yajl_val v = NULL;
        struct request rq = { .method = "GET", .ret_json = &v, .what = "GET /containers/{id}/json" };
        int r = engine_request(e, &rq, err, "/containers/%s/json", id);
        if (r < 0)
                return r;
        const char *sp[] = { "State", NULL };
        yajl_val s = yajl_tree_get(v, sp, yajl_t_object);
        if (!s)
                return engine_err(err, -EBADMSG, "engine: GET /containers/%s/json: no State", id);
        struct engine_state out = { 0 };
        const char *k_exit[] = { "ExitCode", NULL }, *k_oom[] = { "OOMKilled", NULL },
                   *k_run[] = { "Running", NULL }, *k_err[] = { "Error", NULL };
        yajl_val x = yajl_tree_get(s, k_exit, yajl_t_number);
        if (x && YAJL_IS_INTEGER(x))
                out.exit_code = (int) YAJL_GET_INTEGER(x);
        out.oom_killed = json_bool(yajl_tree_get(s, k_oom, yajl_t_any));
        out.running = json_bool(yajl_tree_get(s, k_run, yajl_t_any));
        yajl_val er = yajl_tree_get(s, k_err, yajl_t_string);
        if (er)
                snprintf(out.error, sizeof out.error, "%s", YAJL_GET_STRING(er));
        *ret = out;
        return 0;
}

struct logs_ctx {
        struct engine_demuxer d;
        struct buf *out, *err;
        struct buf cout, cerr; /* capped staging buffers */
        struct buf ebody;      /* the body of an HTTP error */
        int status;            /* < 0 once the first bytes show an error status */
        CURL *curl;
        int r;
        int (*sink)(void *u, const char *p, size_t n); /* stdout as it arrives, or NULL */
        void *sink_u;
};

#define SINK_PIECE ((size_t) 64 << 10)

static size_t logs_data(const char *p, size_t n, void *userdata) {
        struct logs_ctx *c = userdata;
        long status = 0;
        curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
        if (status >= 400) {
                append_capped(&c->ebody, p, n); /* the message is at the start */
                return n;
        }
        if (c->sink) {
                /* Demultiplex a piece at a time into the staging buffer (which holds a piece),
                 * hand stdout on, keep nothing of it. */
                for (size_t off = 0; off < n;) {
                        size_t k = n - off < SINK_PIECE ? n - off : SINK_PIECE;
                        c->r = engine_demuxer_feed(&c->d, p + off, k, &c->cout, c->err ? &c->cerr : NULL);
                        if (c->r >= 0 && c->cout.len)
                                c->r = c->sink(c->sink_u, c->cout.data, c->cout.len);
                        buf_reset(&c->cout);
                        if (c->r < 0)
                                return 0;
                        off += k;
                }
                return n;
        }
        c->r = engine_demuxer_feed(&c->d, p, n, c->out ? &c->cout : NULL, c->err ? &c->cerr : NULL);
        if (c->r < 0)
                return 0;
        /* Both kept streams full: nothing more to keep, stop reading early. */
        if ((!c->out || c->cout.truncated) && (!c->err || c->cerr.truncated))
                return 0; /* write_cb notes this as a deliberate stop, not an error */
        return n;
}

static int logs_get(struct engine *e, const char *id, size_t cap, struct buf *out, struct buf *err_out,
                    int (*sink)(void *u, const char *p, size_t n), void *sink_u, struct judge_error *err) {
        _cleanup_free_ char *url = NULL;
        int r = engine_path(e, &url, err, "/containers/%s/logs?stdout=1&stderr=1", id);
        if (r < 0)
                return r;
        struct logs_ctx c = { .out = out, .err = err_out, .curl = e->curl, .sink = sink, .sink_u = sink_u };
        engine_demuxer_init(&c.d);
        if (cap == 0)
                cap = ENGINE_JSON_MAX;
        buf_init(&c.cout, sink ? SINK_PIECE + 1 : cap);
        buf_init(&c.cerr, cap);
        buf_init(&c.ebody, 64 << 10);
        struct request rq = { .method = "GET", .path = url, .on_data = logs_data, .userdata = &c };
        long st = 0;
        r = engine_perform(e, &rq, &st, err);
        if (r >= 0 && c.r < 0) {
                if (sink && c.r != -ENOMEM)
                        r = judge_err(err, c.r, "engine: GET /containers/%s/logs: the reader stopped: %s", id,
                                      strerror(-c.r));
                else
                        r = judge_err(err, c.r, "engine: GET /containers/%s/logs: out of memory", id);
        }
        if (r >= 0 && st >= 400) {
                rq.resp = &c.ebody;
                r = engine_check(e, &rq, st, err);
        }
        if (r >= 0) {
                (void) engine_demuxer_finish(&c.d);
                struct buf *pairs[2][2] = { { out, &c.cout }, { err_out, &c.cerr } };
                for (size_t k = 0; k < 2; k++) {
                        struct buf *dst = pairs[k][0], *src = pairs[k][1];
                        if (!dst)
                                continue;
                        int a = src->len ? buf_append(dst, src->data, src->len) : 0;
                        if (a == -ENOMEM) {
                                r = judge_err(err, -ENOMEM, "out of memory");
                                break;
                        }
                        if (a == -ENOBUFS || src->truncated)
                                dst->truncated = true;
                }
        }
        buf_free(&c.cout);
        buf_free(&c.cerr);
        buf_free(&c.ebody);
        return r;
}

int engine_container_logs(struct engine *e, const char *id, size_t cap, struct buf *out, struct buf *err_out,
                          struct judge_error *err) {
        return logs_get(e, id, cap, out, err_out, NULL, NULL, err);
}

int engine_container_logs_stream(struct engine *e, const char *id, int (*sink)(void *u, const char *p, size_t n),
                                 void *sink_u, size_t err_cap, struct buf *err_out, struct judge_error *err) {
        if (!sink)
                return judge_err(err, -EINVAL, "engine_container_logs_stream: no sink");
        return logs_get(e, id, err_cap, NULL, err_out, sink, sink_u, err);
}

int engine_container_remove(struct engine *e, const char *id, struct judge_error *err) {
        int r = engine_request(e, &(struct request){ .method = "DELETE", .ignore_interrupt = true }, err,
                               "/containers/%s?force=1&v=1", id);
        return r == -ENOENT ? 0 : r;
}

void engine_container_guard_release(struct engine_container_guard *g) {
        if (g->engine && g->id)
                (void) engine_container_remove(g->engine, g->id, NULL);
        free(g->id);
        g->id = NULL;
}

static int strv_push(char ***v, size_t *n, const char *s) {
        char **nv = realloc(*v, (*n + 2) * sizeof *nv);
        if (!nv)
                return -ENOMEM;
        *v = nv;
        if (!(nv[*n] = strdup(s)))
                return -ENOMEM;
        nv[++*n] = NULL;
        return 0;
}

char **engine_strv_free(char **v) {
        return strv_free(v);
}

/* GET fmt?...filters={"label":["<label>"]} and collect field key of each element of the array
 * at root (or at root[arr_key]). fmt ends in "filters=%s". */
static int list_field(struct engine *e, const char *fmt, const char *label, const char *arr_key, const char *key,
                      char ***ret, struct judge_error *err) {
        _cleanup_buf_ struct buf f;
        buf_init(&f, 4096);
        buf_puts(&f, "{\"label\":[");
        buf_json_string(&f, label, strlen(label));
        if (buf_puts(&f, "]}") < 0)
                return judge_err(err, -ENOMEM, "out of memory");
        _cleanup_yajl_ yajl_val v = NULL;
        int r = engine_request(e, &(struct request){ .method = "GET", .resp_max = 16 << 20, .ret_json = &v }, err,
                               fmt, f.data);
        if (r < 0)
                return r;
        yajl_val arr = v;
        if (arr_key) {
                const char *p[] = { arr_key, NULL };
                arr = yajl_tree_get(v, p, yajl_t_any); /* Docker says null for none */
        }
        _cleanup_(engine_strv_freep) char **out = calloc(1, sizeof(char *));
        size_t n = 0;
        if (!out)
                return judge_err(err, -ENOMEM, "out of memory");
        if (arr && YAJL_IS_ARRAY(arr))
                for (size_t i = 0; i < YAJL_GET_ARRAY(arr)->len; i++) {
                        const char *s = json_str(YAJL_GET_ARRAY(arr)->values[i], key);
                        if (s && strv_push(&out, &n, s) < 0)
                                return judge_err(err, -ENOMEM, "out of memory");
                }
        else if (arr && !YAJL_IS_NULL(arr)) {
                _cleanup_free_ char *path = NULL;
                if (engine_path(e, &path, err, fmt, f.data) < 0)
                        return -ENOMEM;
                return engine_err(err, -EBADMSG, "engine: GET %s: expected a list", path);
        }
        *ret = TAKE_PTR(out);
        return 0;
}

int engine_container_list(struct engine *e, const char *label, char ***ret_ids, struct judge_error *err) {
        return list_field(e, "/containers/json?all=1&filters=%s", label, NULL, "Id", ret_ids, err);
}

/* ---- volumes ---- */

/* {"k":"v",...} out of "k=v" strings. */
static void labels_object(struct buf *b, const char *const *labels) {
        buf_puts(b, "{");
        for (size_t i = 0; labels && labels[i]; i++) {
                const char *eq = strchr(labels[i], '=');
                size_t kl = eq ? (size_t) (eq - labels[i]) : strlen(labels[i]);
                const char *val = eq ? eq + 1 : "";
                if (i)
                        buf_puts(b, ",");
                buf_json_string(b, labels[i], kl);
                buf_puts(b, ":");
                buf_json_string(b, val, strlen(val));
        }
        buf_puts(b, "}");
}

int engine_volume_create(struct engine *e, const char *name, const char *const *labels,
                         struct judge_error *err) {
        _cleanup_buf_ struct buf body;
        buf_init(&body, 1 << 20);
        buf_puts(&body, "{\"Name\":");
        buf_json_string(&body, name, strlen(name));
        buf_puts(&body, ",\"Driver\":\"local\",\"Labels\":");
        labels_object(&body, labels);
        /* Podman chowns a new volume to the user of the first container that mounts it, which
         * would let the submission write to (and fill) the volume's root; uid/gid options pin
         * the owner to root (measured on Podman 4.3). Docker keeps root without them. */
        if (buf_err(&body) >= 0 && engine_is_podman(e))
                buf_puts(&body, ",\"DriverOpts\":{\"o\":\"uid=0,gid=0\"}");
        int r = buf_puts(&body, "}");
        if (r < 0)
                return judge_err(err, r, "volume create body: %s", strerror(-r));
        struct request rq = {
                .method = "POST", .body = body.data, .body_len = body.len, .content_type = "application/json",
        };
        return engine_request(e, &rq, err, "/volumes/create");
}

int engine_volume_remove(struct engine *e, const char *name, struct judge_error *err) {
        int r = engine_request(e, &(struct request){ .method = "DELETE", .ignore_interrupt = true }, err,
                               "/volumes/%s?force=1", name);
        return r == -ENOENT ? 0 : r;
}

int engine_volume_list(struct engine *e, const char *label, char ***ret_names, struct judge_error *err) {
        return list_field(e, "/volumes?filters=%s", label, "Volumes", "Name", ret_names, err);
}

/* ---- images ---- */

int engine_image_exists(struct engine *e, const char *ref, struct judge_error *err) {
        int r = engine_request(e, &(struct request){ .method = "GET", .resp_max = 4 << 20 }, err, "/images/%r/json",
                               ref);
        if (r == -ENOENT)
                return 0;
        return r < 0 ? r : 1;
}

/* Splits a JSON-lines progress stream (build, import) into lines. */
struct lines_ctx {
        struct buf line;
        engine_progress_fn progress;
        void *userdata;
        char error[600];   /* the first "error" seen */
        char last_id[200]; /* the last image id mentioned (import) */
        CURL *curl;
        struct buf ebody;  /* body of an HTTP error */
        bool too_long;
};

static void line_done(struct lines_ctx *c) {
        if (c->line.len == 0)
                return;
        _cleanup_yajl_ yajl_val v = yajl_tree_parse(c->line.data, NULL, 0);
        const char *text = NULL;
        if (v) {
                const char *er = json_str(v, "error");
                const char *dp[] = { "errorDetail", "message", NULL };
                yajl_val dm = yajl_tree_get(v, dp, yajl_t_string);
                if (!er && dm)
                        er = YAJL_GET_STRING(dm);
                if (er && !c->error[0])
                        snprintf(c->error, sizeof c->error, "%s", er);
                const char *st = json_str(v, "status");
                const char *id = json_str(v, "id");
                if (st && strncmp(st, "sha256:", 7) == 0)
                        snprintf(c->last_id, sizeof c->last_id, "%s", st);
                else if (id && strncmp(id, "sha256:", 7) == 0)
                        snprintf(c->last_id, sizeof c->last_id, "%s", id);
                text = json_str(v, "stream");
                if (!text)
                        text = st;
                if (!text)
                        text = er;
        } else
                text = c->line.data;
        if (text && c->progress) {
                _cleanup_free_ char *t = strdup(text);
                if (t) {
                        size_t l = strlen(t);
                        while (l && (t[l - 1] == '\n' || t[l - 1] == '\r'))
                                t[--l] = 0;
                        if (l)
                                c->progress(t, c->userdata);
                }
        }
        buf_reset(&c->line);
}

static size_t lines_data(const char *p, size_t n, void *userdata) {
        struct lines_ctx *c = userdata;
        long status = 0;
        curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
        if (status >= 400) {
                append_capped(&c->ebody, p, n);
                return n;
        }
        for (size_t i = 0; i < n; i++) {
                if (p[i] == '\n') {
                        line_done(c);
                        continue;
                }
                if (buf_append(&c->line, p + i, 1) < 0) {
                        c->too_long = true;
                        return 0;
                }
        }
        return n;
}

/* POST a tar (build context or root filesystem), no deadline, and follow the JSON-lines progress
 * stream of the answer. */
static int engine_stream(struct engine *e, struct request *rq, struct lines_ctx *c, struct judge_error *err) {
        rq->method = "POST";
        rq->content_type = "application/x-tar";
        rq->timeout_ms = -1;
        c->curl = e->curl;
        buf_init(&c->line, ENGINE_LINE_MAX);
        buf_init(&c->ebody, 64 << 10);
        rq->on_data = lines_data;
        rq->userdata = c;
        long st = 0;
        int r = engine_perform(e, rq, &st, err);
        if (r >= 0 && c->too_long)
                r = engine_err(err, -EFBIG, "engine: %s: a progress line is longer than %zu bytes", rq->method,
                              ENGINE_LINE_MAX);
        if (r >= 0 && st >= 400) {
                rq->resp = &c->ebody;
                r = engine_check(e, rq, st, err);
        }
        if (r >= 0)
                line_done(c);
        if (r >= 0 && c->error[0]) {
                char where[256];
                path_for_msg(rq->path, where, sizeof where);
                r = engine_err(err, -EIO, "engine: %s %s: %s", rq->method, where, c->error);
        }
        buf_free(&c->line);
        buf_free(&c->ebody);
        return r;
}

int engine_image_tag(struct engine *e, const char *src, const char *repo, const char *tag,
                     struct judge_error *err) {
        return engine_request(e, &(struct request){ .method = "POST" }, err, "/images/%r/tag?repo=%s&tag=%s", src,
                              repo, tag);
}

/* The image id ref points at, or "" (missing or failure). */
static void image_id(struct engine *e, const char *ref, char *out, size_t n) {
        out[0] = 0;
        _cleanup_yajl_ yajl_val v = NULL;
        if (engine_request(e, &(struct request){ .method = "GET", .resp_max = 4 << 20, .ret_json = &v }, NULL,
                           "/images/%r/json", ref) < 0)
                return;
        const char *id = json_str(v, "Id");
        if (id)
                snprintf(out, n, "%s", id);
}

int engine_image_import(struct engine *e, const char *tar_path, const char *repo, const char *tag,
                        struct judge_error *err) {
        _cleanup_free_ char *ref = NULL;
        if (asprintf(&ref, "%s:%s", repo, tag) < 0)
                return judge_err(err, -ENOMEM, "out of memory");
        int r = check_ref(ref, err);
        if (r < 0)
                return r;
        FILE *f = fopen(tar_path, "re");
        if (!f) {
                r = -errno;
                return judge_err(err, r, "cannot open %s: %s", tar_path, strerror(-r));
        }
        struct stat st;
        if (fstat(fileno(f), &st) < 0) {
                r = -errno;
                fclose(f);
                return judge_err(err, r, "cannot stat %s: %s", tar_path, strerror(-r));
        }
        _cleanup_free_ char *url = NULL;
        r = engine_path(e, &url, err, "/images/create?fromSrc=-&repo=%s&tag=%s", repo, tag);
        if (r < 0) {
                fclose(f);
                return r;
        }
        struct request rq = { .path = url, .upload = f, .upload_len = st.st_size };
        struct lines_ctx c = { 0 };
        r = engine_stream(e, &rq, &c, err);
        fclose(f);
        if (r < 0)
                return r;
        if (!c.last_id[0])
                return engine_err(err, -EBADMSG, "engine: POST /images/create: no image id in the response");

        /* Podman's compat import names the image repo:latest whatever tag says: tag it
         * explicitly, then drop the stray :latest name if it points at this same image. */
        r = engine_image_tag(e, c.last_id, repo, tag, err);
        if (r < 0)
                return r;
        if (strcmp(tag, "latest") != 0 && engine_is_podman(e)) {
                _cleanup_free_ char *latest = NULL;
                char lid[200];
                if (asprintf(&latest, "%s:latest", repo) < 0)
                        return judge_err(err, -ENOMEM, "out of memory");
                image_id(e, latest, lid, sizeof lid);
                if (lid[0] && strcmp(lid, c.last_id) == 0)
                        (void) engine_request(e, &(struct request){ .method = "DELETE" }, NULL, "/images/%r", latest);
        }
        return 0;
}

int engine_image_build(struct engine *e, const void *context, size_t len, const char *ref,
                       engine_progress_fn progress, void *userdata, struct judge_error *err) {
        int r = check_ref(ref, err);
        if (r < 0)
                return r;
        _cleanup_free_ char *url = NULL;
        r = engine_path(e, &url, err, "/build?t=%s&networkmode=none&dockerfile=Dockerfile&rm=1&forcerm=1", ref);
        if (r < 0)
                return r;
        struct request rq = { .path = url, .body = context, .body_len = len };
        struct lines_ctx c = { .progress = progress, .userdata = userdata };
        return engine_stream(e, &rq, &c, err);
}

int engine_image_remove(struct engine *e, const char *ref, struct judge_error *err) {
        int r = engine_request(e, &(struct request){ .method = "DELETE" }, err, "/images/%r?force=1", ref);
        return r == -ENOENT ? 0 : r;
}

/* ---- demultiplexing ---- */

void engine_demuxer_init(struct engine_demuxer *d) {
        *d = (struct engine_demuxer){ 0 };
}

static bool header_valid(const unsigned char *h, size_t n) {
        /* Checks the bytes seen so far: stream id 0..3, then three zero bytes. */
        if (n >= 1 && h[0] > 3)
                return false;
        for (size_t i = 1; i < 4 && i < n; i++)
                if (h[i] != 0)
                        return false;
        return true;
}

/* Append, treating a full buffer as "drop the rest" (truncated flag set by buf_append). */
static int put(struct buf *b, const void *p, size_t n) {
        if (!b || n == 0)
                return 0;
        if (b->truncated)
                return 0;
        int r = buf_append(b, p, n);
        return r == -ENOMEM ? r : 0;
}

int engine_demuxer_feed(struct engine_demuxer *d, const void *data, size_t len, struct buf *out,
                        struct buf *err) {
        const unsigned char *p = data;
        int r;
        while (len > 0) {
                if (d->raw)
                        return put(out, p, len);
                if (d->remaining > 0) {
                        size_t k = len < d->remaining ? len : d->remaining;
                        r = put(d->stream >= 2 ? err : out, p, k);
                        if (r < 0)
                                return r;
                        p += k, len -= k, d->remaining -= k;
                        continue;
                }
                /* Collect a header byte by byte (it may span pieces). */
                d->hdr[d->hdr_len++] = *p++;
                len--;
                if (!header_valid(d->hdr, d->hdr_len)) {
                        /* Not multiplexed (TTY) if at the very start; else the framing broke.
                         * Either way the held bytes and the rest go to out as raw text. */
                        if (d->started)
                                d->damaged = true;
                        d->raw = true;
                        r = put(out, d->hdr, d->hdr_len);
                        d->hdr_len = 0;
                        if (r < 0)
                                return r;
                        continue;
                }
                if (d->hdr_len == 8) {
                        d->started = true;
                        d->stream = d->hdr[0];
                        d->remaining = (size_t) d->hdr[4] << 24 | (size_t) d->hdr[5] << 16 |
                                       (size_t) d->hdr[6] << 8 | (size_t) d->hdr[7];
                        d->hdr_len = 0;
                }
        }
        return 0;
}

int engine_demuxer_finish(struct engine_demuxer *d) {
        if (d->remaining > 0 || d->hdr_len > 0)
                d->damaged = true;
        return d->damaged ? 1 : 0;
}

int engine_demux(const void *data, size_t len, struct buf *out, struct buf *err) {
        struct engine_demuxer d;
        engine_demuxer_init(&d);
        int r = engine_demuxer_feed(&d, data, len, out, err);
        if (r < 0)
                return r;
        return engine_demuxer_finish(&d);
}
