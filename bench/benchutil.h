/* What the load generators (bench/httpload.c, bench/lbwrite.c) share: their clock and their
 * connections. Header-only, since httpload is built on its own by the scripts (gcc
 * bench/httpload.c). Needs -lm. */
#pragma once

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Seconds on CLOCK_MONOTONIC. */
static inline double now(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Sleeps until now() reaches t (at once when it has). */
static inline void sleep_until(double t) {
        double d = t - now();
        if (d <= 0)
                return;
        struct timespec ts = { .tv_sec = (time_t) d, .tv_nsec = (long) ((d - floor(d)) * 1e9) };
        nanosleep(&ts, NULL);
}

/* A TCP connection to host (an IPv4 address) and port, with TCP_NODELAY; -1 when it fails. */
static inline int tcp_connect(const char *host, int port) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
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

/* Reads an HTTP answer's head from fd into buf (cap bytes, kept NUL-terminated): returns where
 * the head ends (its "\r\n\r\n" in buf), *ret_have the bytes read (the head and maybe some of
 * the body); NULL on a closed connection or a head that does not fit. */
static inline char *read_head(int fd, char *buf, size_t cap, size_t *ret_have) {
        size_t have = 0;
        char *end = NULL;
        while (!end) {
                if (have + 1 >= cap)
                        return NULL;
                ssize_t k = read(fd, buf + have, cap - 1 - have);
                if (k <= 0)
                        return NULL;
                have += (size_t) k;
                buf[have] = 0;
                end = strstr(buf, "\r\n\r\n");
        }
        *ret_have = have;
        return end;
}

/* Sends a request (len bytes) on fd and reads its answer's head as read_head does: returns the
 * status (-1 on a broken connection or head), *ret_end where the head ends, *ret_have the bytes
 * read. */
static inline int send_read_head(int fd, const char *req, size_t len, char *buf, size_t cap, char **ret_end,
                                 size_t *ret_have) {
        if (write(fd, req, len) != (ssize_t) len)
                return -1;
        char *end = read_head(fd, buf, cap, ret_have);
        if (!end)
                return -1;
        *ret_end = end;
        return atoi(buf + 9);
}

/* Reads and drops what is left of an answer of need bytes of which have are read, through buf
 * (cap bytes). 0, or -1 on a closed connection. */
static inline int drain_to(int fd, char *buf, size_t cap, size_t have, size_t need) {
        while (have < need) {
                ssize_t k = read(fd, buf, need - have < cap ? need - have : cap);
                if (k <= 0)
                        return -1;
                have += (size_t) k;
        }
        return 0;
}
