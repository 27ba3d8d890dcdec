/* httpload: a small closed-loop HTTP/1.1 load generator (keep-alive, one connection per thread),
 * for bench/leaderboard.sh. Prints requests/s and latency percentiles as one JSON line.
 *
 *   httpload HOST PORT PATH TOKEN CONNECTIONS SECONDS
 *
 * Every response must be 200 with a Content-Length body; anything else counts as an error. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *host, *path, *token;
static int port;
static double deadline;

struct worker {
        pthread_t tid;
        double *lat;   /* ms */
        size_t n, cap;
        long errors;
};

static double now(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static int connect_to(void) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t) port) };
        inet_pton(AF_INET, host, &sa.sin_addr);
        if (fd < 0 || connect(fd, (struct sockaddr *) &sa, sizeof sa) < 0) {
                if (fd >= 0)
                        close(fd);
                return -1;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        return fd;
}

/* One request/response on fd; 0 on a 200 with its whole body read. */
static int one_request(int fd, const char *req, size_t req_len, char *buf, size_t cap) {
        if (write(fd, req, req_len) != (ssize_t) req_len)
                return -1;
        size_t have = 0;
        char *hdr_end = NULL;
        while (!hdr_end) {
                if (have == cap - 1)
                        return -1;
                ssize_t k = read(fd, buf + have, cap - 1 - have);
                if (k <= 0)
                        return -1;
                have += (size_t) k;
                buf[have] = 0;
                hdr_end = strstr(buf, "\r\n\r\n");
        }
        int status = atoi(buf + 9);
        char *cl = strcasestr(buf, "\r\nContent-Length:");
        if (!cl || cl > hdr_end)
                return -1;
        size_t body = strtoul(cl + 17, NULL, 10);
        size_t need = (size_t) (hdr_end + 4 - buf) + body;
        while (have < need) {
                /* the body is drained through the same buffer */
                size_t want = need - have < cap ? need - have : cap;
                ssize_t k = read(fd, buf, want);
                if (k <= 0)
                        return -1;
                have += (size_t) k;
        }
        return status == 200 ? 0 : -1;
}

static void *run(void *arg) {
        struct worker *w = arg;
        char req[2048];
        int len = snprintf(req, sizeof req,
                           "GET %s HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\nConnection: keep-alive\r\n\r\n",
                           path, host, port, token);
        size_t cap = 1 << 20;
        char *buf = malloc(cap);
        int fd = connect_to();
        while (buf && now() < deadline) {
                if (fd < 0 && (fd = connect_to()) < 0) {
                        w->errors++;
                        usleep(10000);
                        continue;
                }
                double t0 = now();
                if (one_request(fd, req, (size_t) len, buf, cap) < 0) {
                        w->errors++;
                        close(fd);
                        fd = -1;
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

int main(int argc, char **argv) {
        if (argc != 7) {
                fprintf(stderr, "usage: httpload HOST PORT PATH TOKEN CONNECTIONS SECONDS\n");
                return 2;
        }
        host = argv[1], port = atoi(argv[2]), path = argv[3], token = argv[4];
        int conns = atoi(argv[5]);
        double secs = atof(argv[6]);
        if (conns < 1 || conns > 1024 || secs <= 0)
                return 2;
        struct worker *ws = calloc((size_t) conns, sizeof *ws);
        double t0 = now();
        deadline = t0 + secs;
        for (int i = 0; i < conns; i++)
                pthread_create(&ws[i].tid, NULL, run, &ws[i]);
        size_t total = 0;
        long errors = 0;
        for (int i = 0; i < conns; i++) {
                pthread_join(ws[i].tid, NULL);
                total += ws[i].n;
                errors += ws[i].errors;
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
        double p50 = total ? all[total / 2] : 0, p99 = total ? all[(size_t) ((double) total * 0.99)] : 0;
        printf("{\"requests\":%zu,\"errors\":%ld,\"seconds\":%.2f,\"rps\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f}\n",
               total, errors, elapsed, (double) total / elapsed, p50, p99);
        free(all);
        free(ws);
        return total > 0 ? 0 : 1;
}
