/* sse: many concurrent Server-Sent Events clients against one judged, for bench/sse.sh.
 *
 *   sse HOST PORT PATH TOKEN CLIENTS EVENTS REDIS_HOST REDIS_PORT CHANNEL JUDGED_PID
 *
 * Opens CLIENTS streams on PATH (one epoll thread, HTTP/1.1, chunked bodies parsed), waits until
 * every one has its first event, then publishes EVENTS board versions on CHANNEL straight to
 * Redis (PUBLISH, 250 ms apart), each version carrying its send time, and measures when each
 * client receives each one. Prints: clients connected, judged's RSS (VmRSS of /proc/PID/status)
 * before, with every client connected and idle, bytes per client, delivery latency p50/p99/max
 * over every (event, client) pair and the time until the last client had each event, and
 * judged's CPU time (utime + stime) while connecting and while delivering. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { ST_CONNECTING, ST_HEADERS, ST_SIZE, ST_DATA, ST_DATA_END, ST_DEAD };

struct client {
        int fd;
        int state;
        bool first;          /* had its first event */
        long chunk_left;
        char hdr_tail[4];
        size_t line_len;
        char line[96];
        char size_line[24];
        size_t size_len;
};

static struct client *clients;
static int n_clients, n_events, ep;
static double *lat;  /* [event * n_clients + client], ms; < 0: not received */
static double *sent; /* send time of each event */
static int connected, dead, received, settled; /* settled: had its first event, or died before it */

static double now_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

static long rss_kb(int pid) {
        char path[64], line[256];
        snprintf(path, sizeof path, "/proc/%d/status", pid);
        FILE *f = fopen(path, "r");
        long kb = -1;
        while (f && fgets(line, sizeof line, f))
                if (strncmp(line, "VmRSS:", 6) == 0)
                        kb = strtol(line + 6, NULL, 10);
        if (f)
                fclose(f);
        return kb;
}

static double cpu_s(int pid) {
        char path[64], buf[2048];
        snprintf(path, sizeof path, "/proc/%d/stat", pid);
        FILE *f = fopen(path, "r");
        if (!f)
                return -1;
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = 0;
        char *p = strrchr(buf, ')');
        unsigned long ut = 0, st = 0;
        /* after ")": state(3) ... utime(14) stime(15) */
        if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
                return -1;
        return (double) (ut + st) / (double) sysconf(_SC_CLK_TCK);
}

static void kill_client(struct client *c) {
        if (c->state == ST_DEAD)
                return;
        if (c->first)
                connected--;
        else
                settled++;
        c->state = ST_DEAD;
        epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
        close(c->fd);
        dead++;
}

/* One line of the event stream. */
static void sse_line(struct client *c, int idx) {
        c->line[c->line_len] = 0;
        if (strncmp(c->line, "id: ", 4) != 0)
                return;
        if (!c->first) {
                c->first = true;
                connected++;
                settled++;
        }
        if (c->line[4] != 'b')
                return;
        char *end = NULL;
        long k = strtol(c->line + 5, &end, 10);
        if (k < 0 || k >= n_events || *end != '.')
                return;
        double *slot = &lat[(size_t) k * (size_t) n_clients + (size_t) idx];
        if (*slot < 0) {
                *slot = now_ms() - sent[k];
                received++;
        }
}

static void body_bytes(struct client *c, int idx, const char *p, size_t n) {
        for (size_t i = 0; i < n; i++) {
                if (p[i] == '\n') {
                        sse_line(c, idx);
                        c->line_len = 0;
                } else if (c->line_len + 1 < sizeof c->line)
                        c->line[c->line_len++] = p[i];
        }
}

/* HTTP/1.1 chunked framing around the stream. */
static void on_data(struct client *c, int idx, const char *p, size_t n) {
        size_t i = 0;
        while (i < n && c->state != ST_DEAD) {
                switch (c->state) {
                case ST_HEADERS:
                        /* the end of the headers: \r\n\r\n (the status was checked on the first line) */
                        for (; i < n; i++) {
                                memmove(c->hdr_tail, c->hdr_tail + 1, 3);
                                c->hdr_tail[3] = p[i];
                                if (memcmp(c->hdr_tail, "\r\n\r\n", 4) == 0) {
                                        i++;
                                        c->state = ST_SIZE;
                                        break;
                                }
                        }
                        break;
                case ST_SIZE:
                        for (; i < n; i++) {
                                if (p[i] == '\n') {
                                        c->size_line[c->size_len] = 0;
                                        c->chunk_left = strtol(c->size_line, NULL, 16);
                                        c->size_len = 0;
                                        i++;
                                        c->state = c->chunk_left > 0 ? ST_DATA : ST_DEAD;
                                        if (c->state == ST_DEAD) {
                                                c->state = ST_DATA_END;
                                                kill_client(c);
                                        }
                                        break;
                                }
                                if (p[i] != '\r' && c->size_len + 1 < sizeof c->size_line)
                                        c->size_line[c->size_len++] = p[i];
                        }
                        break;
                case ST_DATA: {
                        size_t k = n - i < (size_t) c->chunk_left ? n - i : (size_t) c->chunk_left;
                        body_bytes(c, idx, p + i, k);
                        i += k;
                        c->chunk_left -= (long) k;
                        if (c->chunk_left == 0)
                                c->state = ST_DATA_END;
                        break;
                }
                case ST_DATA_END: /* the chunk's \r\n */
                        if (p[i] == '\n')
                                c->state = ST_SIZE;
                        i++;
                        break;
                }
        }
}

static int start_connect(struct sockaddr_in *sa, int idx) {
        struct client *c = &clients[idx];
        c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c->fd < 0)
                return -errno;
        int r = connect(c->fd, (struct sockaddr *) sa, sizeof *sa);
        if (r < 0 && errno != EINPROGRESS) {
                close(c->fd);
                return -errno;
        }
        c->state = ST_CONNECTING;
        struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.u32 = (uint32_t) idx };
        epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
        return 0;
}

static int cmp_double(const void *a, const void *b) {
        double x = *(const double *) a, y = *(const double *) b;
        return x < y ? -1 : x > y;
}

/* One epoll_wait (up to timeout_ms) on the connected clients: each ready one's bytes read into
 * buf and framed (on_data); a closed one killed. */
static void read_ready(struct epoll_event evs[512], int timeout_ms, char *buf, size_t size) {
        int n = epoll_wait(ep, evs, 512, timeout_ms);
        for (int k = 0; k < n; k++) {
                struct client *c = &clients[evs[k].data.u32];
                ssize_t r = read(c->fd, buf, size);
                if (r <= 0)
                        kill_client(c);
                else
                        on_data(c, (int) evs[k].data.u32, buf, (size_t) r);
        }
}

int main(int argc, char **argv) {
        if (argc != 11) {
                fprintf(stderr, "usage: sse HOST PORT PATH TOKEN CLIENTS EVENTS REDIS_HOST REDIS_PORT CHANNEL JUDGED_PID\n");
                return 2;
        }
        const char *host = argv[1], *path = argv[3], *token = argv[4], *channel = argv[9];
        int port = atoi(argv[2]), rport = atoi(argv[8]), pid = atoi(argv[10]);
        n_clients = atoi(argv[5]);
        n_events = atoi(argv[6]);
        struct rlimit rl;
        getrlimit(RLIMIT_NOFILE, &rl);
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        if ((long) rl.rlim_cur < n_clients + 64) {
                fprintf(stderr, "sse: %lu descriptors at most: not enough for %d clients\n", (unsigned long) rl.rlim_cur,
                        n_clients);
                return 1;
        }
        clients = calloc((size_t) n_clients, sizeof *clients);
        lat = malloc(sizeof *lat * (size_t) n_clients * (size_t) n_events);
        sent = calloc((size_t) n_events, sizeof *sent);
        for (size_t i = 0; i < (size_t) n_clients * (size_t) n_events; i++)
                lat[i] = -1;
        ep = epoll_create1(EPOLL_CLOEXEC);
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t) port) };
        inet_pton(AF_INET, host, &sa.sin_addr);
        char req[1024];
        int req_len = snprintf(req, sizeof req,
                               "GET %s HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\nAuthorization: Bearer %s\r\n\r\n",
                               path, host, token);

        long rss0 = rss_kb(pid);
        double cpu0 = cpu_s(pid), t0 = now_ms();
        /* connect in waves: at most 200 handshakes and requests in flight */
        int next = 0, failed_connect = 0;
        struct epoll_event evs[512];
        char buf[16384];
        while (settled < n_clients && now_ms() - t0 < 120000) {
                while (next < n_clients && next - settled < 200) {
                        if (start_connect(&sa, next) < 0) {
                                clients[next].state = ST_DEAD;
                                dead++;
                                settled++;
                                failed_connect++;
                        }
                        next++;
                }
                int n = epoll_wait(ep, evs, 512, 100);
                for (int k = 0; k < n; k++) {
                        int idx = (int) evs[k].data.u32;
                        struct client *c = &clients[idx];
                        if (c->state == ST_CONNECTING && (evs[k].events & EPOLLOUT)) {
                                int e = 0;
                                socklen_t el = sizeof e;
                                getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &e, &el);
                                if (e || write(c->fd, req, (size_t) req_len) != req_len) {
                                        kill_client(c);
                                        continue;
                                }
                                c->state = ST_HEADERS;
                                struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (uint32_t) idx };
                                epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                                continue;
                        }
                        if (!(evs[k].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                                continue;
                        ssize_t r = read(c->fd, buf, sizeof buf);
                        if (r <= 0) {
                                kill_client(c);
                                continue;
                        }
                        if (c->state == ST_HEADERS && c->hdr_tail[3] == 0 && strncmp(buf, "HTTP/1.1 200", 12) != 0) {
                                if (dead < 5)
                                        fprintf(stderr, "sse: client %d: %.*s\n", idx, (int) (r < 120 ? r : 120), buf);
                                kill_client(c);
                                continue;
                        }
                        on_data(c, idx, buf, (size_t) r);
                }
        }
        double t1 = now_ms(), cpu1 = cpu_s(pid);
        long rss1 = rss_kb(pid);
        /* idle for 2 s: what the connected clients cost at rest */
        for (double until = now_ms() + 2000; now_ms() < until;) {
                read_ready(evs, 100, buf, sizeof buf);
        }
        long rss2 = rss_kb(pid);
        int at_rest = connected;

        /* publish straight to Redis */
        struct sockaddr_in ra = { .sin_family = AF_INET, .sin_port = htons((uint16_t) rport) };
        inet_pton(AF_INET, argv[7], &ra.sin_addr);
        int rfd = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(rfd, (struct sockaddr *) &ra, sizeof ra) < 0) {
                perror("sse: redis");
                return 1;
        }
        double cpu2 = cpu_s(pid);
        int published = 0;
        double next_pub = now_ms(), deadline = 0;
        while (published < n_events || now_ms() < deadline) {
                if (published < n_events && now_ms() >= next_pub) {
                        sent[published] = now_ms();
                        char v[64], cmd[256];
                        int vl = snprintf(v, sizeof v, "b%d.%.0f", published, sent[published]);
                        int cl = snprintf(cmd, sizeof cmd, "*3\r\n$7\r\nPUBLISH\r\n$%zu\r\n%s\r\n$%d\r\n%s\r\n",
                                          strlen(channel), channel, vl, v);
                        if (write(rfd, cmd, (size_t) cl) != cl) {
                                perror("sse: redis write");
                                return 1;
                        }
                        char rb[64];
                        if (read(rfd, rb, sizeof rb) <= 0) { /* ":N\r\n": subscribers reached */
                                perror("sse: redis read");
                                return 1;
                        }
                        published++;
                        next_pub += 250;
                        if (published == n_events)
                                deadline = now_ms() + 10000;
                }
                if (published == n_events && received >= n_events * at_rest)
                        break;
                read_ready(evs, 5, buf, sizeof buf);
        }
        double cpu3 = cpu_s(pid);
        long rss3 = rss_kb(pid);

        size_t total = (size_t) n_events * (size_t) n_clients, got = 0;
        double *all = malloc(sizeof *all * total);
        double *last = calloc((size_t) n_events, sizeof *last);
        for (int e = 0; e < n_events; e++)
                for (int i = 0; i < n_clients; i++) {
                        double l = lat[(size_t) e * (size_t) n_clients + (size_t) i];
                        if (l >= 0) {
                                all[got++] = l;
                                if (l > last[e])
                                        last[e] = l;
                        }
                }
        qsort(all, got, sizeof *all, cmp_double);
        qsort(last, (size_t) n_events, sizeof *last, cmp_double);
        double p50 = got ? all[got / 2] : -1, p99 = got ? all[(size_t) ((double) got * 0.99)] : -1,
               mx = got ? all[got - 1] : -1;
        printf("clients:        %d requested, %d connected (first event in), %d failed to connect, %d dropped\n",
               n_clients, at_rest, failed_connect, dead - failed_connect);
        printf("connect phase:  %.1f s, judged CPU %.2f s\n", (t1 - t0) / 1e3, cpu1 - cpu0);
        printf("judged RSS:     %ld KiB before, %ld KiB connected, %ld KiB after 2 s idle, %ld KiB after the events\n",
               rss0, rss1, rss2, rss3);
        if (at_rest > 0)
                printf("per client:     %.1f KiB (RSS growth idle / clients connected)\n",
                       (double) (rss2 - rss0) / at_rest);
        printf("events:         %d published, %zu of %zu deliveries (%.2f%%)\n", n_events, got,
               (size_t) n_events * (size_t) at_rest, at_rest ? 100.0 * (double) got / ((double) n_events * at_rest) : 0);
        printf("latency:        p50 %.2f ms, p99 %.2f ms, max %.2f ms (publish to a client's read, every pair)\n", p50,
               p99, mx);
        printf("to all clients: median event %.2f ms, worst event %.2f ms (publish to the last client's read)\n",
               last[n_events / 2], last[n_events - 1]);
        printf("events CPU:     judged %.2f s for %d events x %d clients (%.1f us per delivery)\n", cpu3 - cpu2,
               n_events, at_rest, got ? (cpu3 - cpu2) * 1e6 / (double) got : 0);
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        char la[64] = "?";
        FILE *lf = fopen("/proc/loadavg", "r");
        if (lf) {
                if (!fgets(la, sizeof la, lf))
                        snprintf(la, sizeof la, "?");
                fclose(lf);
                la[strcspn(la, "\n")] = 0;
        }
        printf("machine load:   %s (/proc/loadavg at the end)\n", la);
        printf("this client:    %.2f s CPU in all\n", (double) ru.ru_utime.tv_sec + (double) ru.ru_stime.tv_sec +
                                                           (double) (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
        return at_rest == n_clients && got == total ? 0 : 1;
}
