/* The web app's files (web/dist, built by scripts/build-web.sh): GET / is its index.html and
 * GET /app/NAME one of its assets. No token: the files are the same for everyone, and the app
 * logs in through the API. A name is one path segment of a fixed alphabet with a known
 * extension, opened without following a symbolic link, so nothing outside the directory is
 * reachable. Every answer carries the app's security headers (a strict Content-Security-Policy
 * among them); files are revalidated by ETag. A client that accepts gzip gets NAME.gz (written
 * beside NAME by the build) with Content-Encoding: gzip and its own ETag, when that file is a
 * regular file (not a link) at least as new as NAME; otherwise NAME itself. */
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boardcache.h"
#include "judged.h"

/* No inline script, nothing from another origin, not framed. Styles: the app's own file, and
 * the <style> elements CodeMirror inserts, which carry the page's nonce: index.html gets a fresh
 * one in each answer (its NONCE_MARK replaced; the app reads it from <meta name="csp-nonce">). */
#define CSP_HEAD "default-src 'self'; script-src 'self'; style-src 'self'"
#define CSP_TAIL                                                                                   \
        "; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "         \
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
#define NONCE_MARK "{{CSP_NONCE}}"

#define ASSET_MAX (16u << 20)

static const struct {
        const char *ext, *type;
} types[] = {
        { ".html", "text/html; charset=utf-8" },   { ".js", "text/javascript; charset=utf-8" },
        { ".css", "text/css; charset=utf-8" },     { ".svg", "image/svg+xml" },
        { ".png", "image/png" },                   { ".ico", "image/x-icon" },
        { ".woff2", "font/woff2" },                { ".txt", "text/plain; charset=utf-8" },
        { ".map", "application/json" },
};

static const char *content_type(const char *name) {
        size_t n = strlen(name);
        for (size_t i = 0; i < ELEMENTSOF(types); i++) {
                size_t e = strlen(types[i].ext);
                if (n > e && strcmp(name + n - e, types[i].ext) == 0)
                        return types[i].type;
        }
        return NULL;
}

/* One segment: [A-Za-z0-9_-] then [A-Za-z0-9._-], no "..", at most 128 bytes. */
static bool safe_name(const char *name) {
        size_t n = strlen(name);
        if (n == 0 || n > 128 || name[0] == '.' || strstr(name, ".."))
                return false;
        for (size_t i = 0; i < n; i++) {
                char ch = name[i];
                if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                      ch == '.' || ch == '_' || ch == '-'))
                        return false;
        }
        return true;
}

const char *static_dir(void) {
        static char def[4200];
        if (cfg.web_dir)
                return cfg.web_dir;
        if (!def[0])
                snprintf(def, sizeof def, "%s/web/dist", lang_data_dir());
        return def;
}

bool static_wanted(const char *url, const char *method) {
        if (!cfg.api || (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0))
                return false;
        return strcmp(url, "/") == 0 || strcmp(url, "/app") == 0 || strncmp(url, "/app/", 5) == 0;
}

/* 16 random bytes as 32 hex digits (a valid CSP nonce). */
static int make_nonce(char out[static 33]) {
        unsigned char b[16];
        size_t got = 0;
        while (got < sizeof b) {
                ssize_t k = getrandom(b + got, sizeof b - got, 0);
                if (k < 0 && errno == EINTR)
                        continue;
                if (k <= 0)
                        return -EIO;
                got += (size_t) k;
        }
        for (size_t i = 0; i < sizeof b; i++)
                snprintf(out + 2 * i, 3, "%02x", b[i]);
        return 0;
}

static void security_headers(struct MHD_Response *resp, const char *nonce) {
        char csp[512];
        snprintf(csp, sizeof csp, "%s%s%s%s%s", CSP_HEAD, nonce ? " 'nonce-" : "", nonce ? nonce : "",
                 nonce ? "'" : "", CSP_TAIL);
        MHD_add_response_header(resp, "Content-Security-Policy", csp);
        MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
        MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
        MHD_add_response_header(resp, "X-Frame-Options", "DENY");
        MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
}

/* body (malloc'd, taken) with the headers; etag NULL: not cached; nonce: the page's style nonce;
 * vary: an asset that has a gzip variant or may have one (Vary: Accept-Encoding); gzip: body is
 * that variant. */
static enum MHD_Result answer_full(struct MHD_Connection *c, unsigned status, const char *type, char *body,
                                   size_t len, const char *etag, const char *nonce, bool vary, bool gzip) {
        metrics_http((int) status);
        struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
        if (!resp) {
                free(body);
                return MHD_NO;
        }
        if (type)
                MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
        security_headers(resp, nonce);
        if (etag) {
                MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
                MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
        } else
                MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
        if (vary)
                MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
        if (gzip)
                MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
        enum MHD_Result r = MHD_queue_response(c, status, resp);
        MHD_destroy_response(resp);
        return r;
}

static enum MHD_Result answer(struct MHD_Connection *c, unsigned status, const char *type, char *body, size_t len,
                              const char *etag, const char *nonce) {
        return answer_full(c, status, type, body, len, etag, nonce, false, false);
}

static enum MHD_Result answer_text(struct MHD_Connection *c, unsigned status, const char *msg) {
        char *body = strdup(msg);
        if (!body)
                return MHD_NO;
        return answer(c, status, "text/plain; charset=utf-8", body, strlen(body), NULL, NULL);
}

/* The whole of fd (size len) in a malloc'd buffer, or NULL. */
static char *read_all(int fd, size_t len) {
        char *body = malloc(len ? len : 1);
        if (!body)
                return NULL;
        size_t got = 0;
        while (got < len) {
                ssize_t k = read(fd, body + got, len - got);
                if (k < 0 && errno == EINTR)
                        continue;
                if (k <= 0)
                        break;
                got += (size_t) k;
        }
        if (got != len) {
                free(body);
                return NULL;
        }
        return body;
}

static bool not_older(const struct timespec *a, const struct timespec *b) {
        return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec >= b->tv_nsec);
}

/* NAME.gz of directory dfd for the file NAME (stat plain): an open descriptor and its stat, when
 * it is a regular file (opened without following a link) of at most ASSET_MAX bytes, not older
 * than NAME (a .gz left from an older build is not sent); else -1. */
static int open_gzip_variant(int dfd, const char *name, const struct stat *plain, struct stat *ret) {
        char gzname[160];
        if ((size_t) snprintf(gzname, sizeof gzname, "%s.gz", name) >= sizeof gzname)
                return -1;
        int fd = openat(dfd, gzname, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0)
                return -1;
        if (fstat(fd, ret) < 0 || !S_ISREG(ret->st_mode) || (size_t) ret->st_size > ASSET_MAX ||
            !not_older(&ret->st_mtim, &plain->st_mtim)) {
                close(fd);
                return -1;
        }
        return fd;
}

enum MHD_Result static_serve(struct MHD_Connection *c, const char *url) {
        const char *name = strcmp(url, "/") == 0 ? "index.html" : url + strlen("/app") + (url[4] == '/');
        const char *dir = static_dir();

        _cleanup_close_ int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        struct stat ist;
        if (dfd < 0 || fstatat(dfd, "index.html", &ist, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(ist.st_mode))
                return answer_text(c, 503,
                                   "The web app is not built (no index.html in its directory): run "
                                   "scripts/build-web.sh, then meson install (or start judged from the "
                                   "source tree).\n");
        const char *type = safe_name(name) ? content_type(name) : NULL;
        if (!type)
                return answer_text(c, 404, "no such file\n");
        _cleanup_close_ int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
                return answer_text(c, 404, "no such file\n");
        if ((size_t) st.st_size > ASSET_MAX)
                return answer_text(c, 500, "file too large\n");

        bool page = strcmp(name, "index.html") == 0;
        if (!page) {
                /* an asset: its gzip variant when the client takes gzip and the build wrote one */
                struct stat gst;
                _cleanup_close_ int gfd = -1;
                const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
                if (board_accepts_gzip(ae))
                        gfd = open_gzip_variant(dfd, name, &st, &gst);
                bool gzip = gfd >= 0;
                char etag[160];
                int n = snprintf(etag, sizeof etag, "\"%llx-%llx-%lx", (unsigned long long) st.st_ino,
                                 (unsigned long long) st.st_size, (long) st.st_mtim.tv_sec ^ st.st_mtim.tv_nsec);
                if (gzip) /* the variant's own tag: the file's, and the .gz file's */
                        n += snprintf(etag + n, sizeof etag - (size_t) n, ".gz-%llx-%llx-%lx",
                                      (unsigned long long) gst.st_ino, (unsigned long long) gst.st_size,
                                      (long) gst.st_mtim.tv_sec ^ gst.st_mtim.tv_nsec);
                snprintf(etag + n, sizeof etag - (size_t) n, "\"");
                const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
                if (inm && etag_listed(inm, etag))
                        return answer_full(c, 304, NULL, NULL, 0, etag, NULL, true, false);
                size_t len = (size_t) (gzip ? gst.st_size : st.st_size);
                char *body = read_all(gzip ? gfd : fd, len);
                if (!body)
                        return answer_text(c, 500, "cannot read the file\n");
                return answer_full(c, 200, type, body, len, etag, NULL, true, gzip);
        }

        size_t len = (size_t) st.st_size;
        char *body = read_all(fd, len);
        if (!body)
                return answer_text(c, 500, "cannot read the file\n");
        /* the page: a fresh nonce in place of each mark, never cached */
        char nonce[33];
        if (make_nonce(nonce) < 0) {
                free(body);
                return answer_text(c, 500, "no random bytes for the page's nonce\n");
        }
        const size_t mark = strlen(NONCE_MARK), nlen = strlen(nonce);
        size_t n = 0;
        for (const char *p = body; (p = memmem(p, len - (size_t) (p - body), NONCE_MARK, mark)); p += mark)
                n++;
        char *out = malloc(len + n * nlen + 1);
        if (!out) {
                free(body);
                return MHD_NO;
        }
        size_t o = 0;
        for (const char *p = body, *end = body + len; p < end;) {
                const char *m = memmem(p, (size_t) (end - p), NONCE_MARK, mark);
                size_t k = m ? (size_t) (m - p) : (size_t) (end - p);
                memcpy(out + o, p, k);
                o += k;
                p += k;
                if (m) {
                        memcpy(out + o, nonce, nlen);
                        o += nlen;
                        p += mark;
                }
        }
        free(body);
        body = out;
        len = o;
        return answer(c, 200, type, body, len, NULL, nonce);
}
