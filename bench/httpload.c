/* httpload: a small HTTP/1.1 load generator for bench/leaderboard.sh (keep-alive, one
 * connection per thread). Prints one JSON line: requests, errors, achieved requests/s and
 * latency percentiles.
 *
 *   httpload [OPTIONS] HOST PORT
 *     --path P          the request path (or --paths FILE: one path per line, each request
 *                       picks one at random, so a file's line counts set the mix)
 *     --token T         bearer token (or --tokens FILE: one per line, each request picks one at
 *                       random: many users instead of one)
 *     --conns N         connections, one thread each (default 8)
 *     --seconds S       how long to send (default 10)
 *     --rate R          open loop: R requests/s in all, spread over the connections at fixed
 *                       intervals; a request's latency counts from when it was due, not from
 *                       when it was sent, so a slow server is not hidden by a waiting client
 *                       (no coordinated omission). Without --rate: closed loop, each
 *                       connection sends its next request when the last answer is in.
 *     --etag            send If-None-Match with the last ETag seen for that path (a polling
 *                       client's cache); 304 then counts as success
 *     --gzip            send Accept-Encoding: gzip
 *
 * A response is a success when its status is 200 (or 304 with --etag) and its whole body was
 * read (Content-Length). The old positional form `httpload HOST PORT PATH TOKEN CONNECTIONS
 * SECONDS` still works. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"

struct list {
        char **items;
        size_t n;
};

static const char *host;
static int port;
static struct list paths, tokens;
static double deadline, rate;
static bool use_etag, use_gzip;
static int conns = 8;

struct worker {
        pthread_t tid;
        unsigned seed;
        int index;
        double *lat; /* ms */
        size_t n, cap;
        long errors, not_modified, bytes;
        char **etags; /* per path, with --etag */
};

static int load_list(const char *file, struct list *l) {
        FILE *f = fopen(file, "re");
        if (!f) {
                fprintf(stderr, "httpload: %s: %s\n", file, strerror(errno));
                return -1;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t k;
        while ((k = getline(&line, &cap, f)) > 0) {
                while (k > 0 && (line[k - 1] == '\n' || line[k - 1] == '\r'))
                        line[--k] = 0;
                if (!k)
                        continue;
                char **p = realloc(l->items, (l->n + 1) * sizeof *p);
                if (!p)
                        break;
                l->items = p;
                l->items[l->n++] = strdup(line);
        }
        free(line);
        fclose(f);
        if (!l->n) {
                fprintf(stderr, "httpload: %s: no lines\n", file);
                return -1;
        }
        return 0;
}

static void add_one(struct list *l, const char *s) {
        l->items = realloc(l->items, (l->n + 1) * sizeof *l->items);
        l->items[l->n++] = strdup(s);
}

/* The value of header name (with its ": ") in the head [buf, end), copied into out; false if absent. */
static bool header(const char *buf, const char *end, const char *name, char *out, size_t n) {
        size_t nl = strlen(name);
        for (const char *p = buf; p && p < end; p = strstr(p, "\r\n")) {
                p += 2;
                if (p < end && strncasecmp(p, name, nl) == 0) {
                        const char *v = p + nl, *e = strstr(v, "\r\n");
                        size_t len = (size_t) ((e ? e : end) - v);
                        if (len >= n)
                                len = n - 1;
                        memcpy(out, v, len);
                        out[len] = 0;
                        return true;
                }
        }
        return false;
}

/* One request/response on fd: the status, or -1 on a broken connection or answer. */
static int one_request(struct worker *w, int fd, const char *req, size_t req_len, char *buf, size_t cap,
                       char **etag) {
        size_t have = 0;
        char *hdr_end = NULL;
        int status = send_read_head(fd, req, req_len, buf, cap, &hdr_end, &have);
        if (status < 0)
                return -1;
        char v[128];
        size_t body = 0;
        if (header(buf, hdr_end + 2, "Content-Length: ", v, sizeof v))
                body = strtoul(v, NULL, 10);
        else if (status != 304 && status != 204)
                return -1; /* only these may come without a length (and never with a body) */
        if (etag && status == 200 && header(buf, hdr_end + 2, "ETag: ", v, sizeof v)) {
                free(*etag);
                *etag = strdup(v);
        }
        w->bytes += (long) body;
        /* the body is drained through the same buffer */
        if (drain_to(fd, buf, cap, have, (size_t) (hdr_end + 4 - buf) + body) < 0)
                return -1;
        return status;
}

static void *run(void *arg) {
        struct worker *w = arg;
        size_t cap = 1 << 20;
        char *buf = malloc(cap);
        char req[4096];
        int fd = tcp_connect(host, port);
        /* open loop: this connection's share of the rate, its first slot staggered */
        double interval = rate > 0 ? (double) conns / rate : 0;
        double due = now() + (interval > 0 ? interval * w->index / conns : 0);
        while (buf && now() < deadline) {
                if (interval > 0) {
                        sleep_until(due);
                        if (due >= deadline)
                                break;
                }
                double t0 = interval > 0 ? due : now();
                due += interval;
                if (fd < 0 && (fd = tcp_connect(host, port)) < 0) {
                        w->errors++;
                        usleep(10000);
                        continue;
                }
                size_t pi = paths.n > 1 ? (size_t) rand_r(&w->seed) % paths.n : 0;
                const char *tok = tokens.n ? tokens.items[tokens.n > 1 ? (size_t) rand_r(&w->seed) % tokens.n : 0] : NULL;
                char **etag = use_etag ? &w->etags[pi] : NULL;
                int len = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s:%d\r\n%s%s%s%s%s%s%sConnection: keep-alive\r\n\r\n",
                                   paths.items[pi], host, port, tok ? "Authorization: Bearer " : "", tok ? tok : "",
                                   tok ? "\r\n" : "", etag && *etag ? "If-None-Match: " : "", etag && *etag ? *etag : "",
                                   etag && *etag ? "\r\n" : "", use_gzip ? "Accept-Encoding: gzip\r\n" : "");
                int st = one_request(w, fd, req, (size_t) len, buf, cap, etag);
                if (st < 0) {
                        w->errors++;
                        close(fd);
                        fd = -1;
                        continue;
                }
                if (st == 304 && use_etag)
                        w->not_modified++;
                else if (st != 200) {
                        w->errors++;
                        continue;
                }
                if (w->n == w->cap) {
                        w->cap = w->cap ? 2 * w->cap : 4096;
                        w->lat = realloc(w->lat, w->cap * sizeof(double));
                }
                w->lat[w->n++] = (now() - t0) * 1000.0;
        }
        if (fd >= 0)
                close(fd);
        free(buf);
        return NULL;
}

static int cmp_double(const void *a, const void *b) {
        double x = *(const double *) a, y = *(const double *) b;
        return x < y ? -1 : x > y;
}

static int usage(void) {
        fprintf(stderr, "usage: httpload [--path P|--paths FILE] [--token T|--tokens FILE] [--conns N] [--seconds S]\n"
                        "                [--rate R] [--etag] [--gzip] HOST PORT\n"
                        "       httpload HOST PORT PATH TOKEN CONNECTIONS SECONDS\n");
        return 2;
}

int main(int argc, char **argv) {
        double secs = 10;
        static const struct option opts[] = {
                { "path", required_argument, NULL, 'p' },   { "paths", required_argument, NULL, 'P' },
                { "token", required_argument, NULL, 't' },  { "tokens", required_argument, NULL, 'T' },
                { "conns", required_argument, NULL, 'c' },  { "seconds", required_argument, NULL, 's' },
                { "rate", required_argument, NULL, 'r' },   { "etag", no_argument, NULL, 'e' },
                { "gzip", no_argument, NULL, 'z' },         {},
        };
        int o;
        while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
                switch (o) {
                case 'p': add_one(&paths, optarg); break;
                case 'P': if (load_list(optarg, &paths) < 0) return 2; break;
                case 't': add_one(&tokens, optarg); break;
                case 'T': if (load_list(optarg, &tokens) < 0) return 2; break;
                case 'c': conns = atoi(optarg); break;
                case 's': secs = atof(optarg); break;
                case 'r': rate = atof(optarg); break;
                case 'e': use_etag = true; break;
                case 'z': use_gzip = true; break;
                default: return usage();
                }
        }
        if (argc - optind == 6 && !paths.n) { /* the old positional form */
                add_one(&paths, argv[optind + 2]);
                add_one(&tokens, argv[optind + 3]);
                conns = atoi(argv[optind + 4]);
                secs = atof(argv[optind + 5]);
        } else if (argc - optind != 2 || !paths.n)
                return usage();
        host = argv[optind], port = atoi(argv[optind + 1]);
        if (conns < 1 || conns > 4096 || secs <= 0 || rate < 0)
                return usage();
        struct worker *ws = calloc((size_t) conns, sizeof *ws);
        double t0 = now();
        deadline = t0 + secs;
        for (int i = 0; i < conns; i++) {
                ws[i].index = i;
                ws[i].seed = (unsigned) (i * 2654435761u + 1);
                ws[i].etags = calloc(paths.n, sizeof(char *));
                pthread_create(&ws[i].tid, NULL, run, &ws[i]);
        }
        size_t total = 0;
        long errors = 0, not_modified = 0, bytes = 0;
        for (int i = 0; i < conns; i++) {
                pthread_join(ws[i].tid, NULL);
                total += ws[i].n;
                errors += ws[i].errors;
                not_modified += ws[i].not_modified;
                bytes += ws[i].bytes;
        }
        double elapsed = now() - t0;
        double *all = malloc((total + 1) * sizeof(double));
        size_t k = 0;
        for (int i = 0; i < conns; i++) {
                memcpy(all + k, ws[i].lat, ws[i].n * sizeof(double));
                k += ws[i].n;
                free(ws[i].lat);
        }
        qsort(all, total, sizeof(double), cmp_double);
#define PCT(q) (total ? all[(size_t) ((double) (total - 1) * (q))] : 0)
        printf("{\"requests\":%zu,\"errors\":%ld,\"not_modified\":%ld,\"seconds\":%.2f,\"rps\":%.1f,"
               "\"offered_rps\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,"
               "\"body_bytes_per_request\":%.0f}\n",
               total, errors, not_modified, elapsed, (double) total / elapsed, rate, PCT(0.5), PCT(0.99), PCT(0.999),
               total ? all[total - 1] : 0, total ? (double) bytes / (double) total : 0);
        free(all);
        free(ws);
        return total > 0 ? 0 : 1;
}
