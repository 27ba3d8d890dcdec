/* lbwrite: verdicts finishing at a steady rate on a competition's board, and the staleness a
 * polling reader sees, for bench/leaderboard.sh. Prints one JSON line.
 *
 *   bench-lbwrite DB REDIS COMPETITION RATE SECONDS HOST PORT TOKEN
 *
 * A writer thread, RATE times a second: a participant (at random) gets a finished submission
 * (AC or WA, at random) written to PostgreSQL, as a worker writes one, then the board is updated
 * through the same library call the worker makes (leaderboard_update_user), and the board's
 * version after it is noted with the time the submission was written. A reader thread polls
 * GET /competitions/ID/leaderboard?top=100 with If-None-Match every 2 ms; the first answer
 * whose ETag carries a version at or past a write's marks that write seen. Staleness: from the
 * submission written to the page seen changed (p50, p99, max).
 *
 * With a ninth argument, the prefix of the participants' tokens (the token of user U is the
 * prefix then U), a third thread measures the same for GET .../leaderboard/me: after each write
 * the writer reads the participant's stored row back from Redis, and the thread polls that
 * participant's /me every 2 ms until the answer carries that row (or 3 s pass: unseen). */
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <hiredis/hiredis.h>

#include "benchutil.h"
#include "service/leaderboard.h"
#include "service/queue.h"
#include "service/store.h"

#define MAX_WRITES 200000

static const char *db, *redis_addr, *host, *token, *me_prefix;
static long long comp;
static double rate, seconds;
static int port;

static struct {
        unsigned long long version;
        double at;
        double seen;
        long long user;
        char *row;      /* the row stored by the write (with me_prefix) */
        double me_seen; /* when /me first showed it */
} writes[MAX_WRITES];
static atomic_long n_writes;
static atomic_int writer_done;
static long write_errors;

static void *writer(void *arg) {
        struct store *s = NULL;
        struct queue *q = NULL;
        struct judge_error err = { 0 };
        if (store_open(db, &s, &err) < 0 || queue_open(redis_addr, &q, &err) < 0) {
                fprintf(stderr, "lbwrite: %s\n", err.msg);
                atomic_store(&writer_done, 1);
                return NULL;
        }
        char c[24];
        snprintf(c, sizeof c, "%lld", comp);
        long rows = 0;
        if (store_exec(s, "SELECT user_id FROM entries WHERE competition_id = $1", 1, (const char *[]){ c }, &rows,
                       &err) < 0 || rows == 0) {
                fprintf(stderr, "lbwrite: no participants: %s\n", err.msg);
                atomic_store(&writer_done, 1);
                return NULL;
        }
        long participants = rows;
        char (*users)[24] = calloc((size_t) rows, sizeof *users);
        for (long i = 0; users && i < rows; i++)
                snprintf(users[i], sizeof users[i], "%s", store_last_value(s, (int) i, 0));
        unsigned seed = 12345;
        double t0 = now(), due = t0;
        while (due < t0 + seconds && atomic_load(&n_writes) < MAX_WRITES) {
                sleep_until(due);
                due += 1.0 / rate;
                                if (!users)
                        break;
                char v[4];
                const char *k = users[rand_r(&seed) % participants];
                snprintf(v, sizeof v, "%s", rand_r(&seed) % 2 ? "AC" : "WA");
                const char *p[] = { c, k, v };
                if (store_exec(s,
                               "WITH e AS (SELECT $2::bigint AS user_id), "
                               "cp AS (SELECT slug FROM competition_problems WHERE competition_id = $1 "
                               "  ORDER BY random() LIMIT 1) "
                               "INSERT INTO submissions (user_id, problem_slug, language, code, kind, competition_id, "
                               "  status, verdict, finished_at, finish_count) "
                               "SELECT e.user_id, cp.slug, 'python', '', 'submit', $1, 'done', $3, now(), 1 "
                               "FROM e, cp RETURNING user_id",
                               3, p, &rows, &err) < 0 ||
                    rows != 1) {
                        write_errors++;
                        continue;
                }
                double at = now();
                long long user = atoll(store_last_value(s, 0, 0));
                redisReply *reply = NULL;
                if (leaderboard_update_user(s, q, comp, user, &err) < 0 ||
                    queue_command(q, (void **) &reply, &err, "GET competition:leaderboard:%lld:version", comp) < 0 ||
                    reply->type != REDIS_REPLY_STRING) {
                        if (reply)
                                freeReplyObject(reply);
                        write_errors++;
                        continue;
                }
                long i = atomic_load(&n_writes);
                writes[i].version = strtoull(reply->str, NULL, 10);
                writes[i].at = at;
                writes[i].seen = 0;
                writes[i].user = user;
                freeReplyObject(reply);
                reply = NULL;
                if (me_prefix &&
                    queue_command(q, (void **) &reply, &err, "HGET competition:leaderboard:%lld:detail %012lld", comp,
                                  user) >= 0 &&
                    reply->type == REDIS_REPLY_STRING && reply->len > 2)
                        writes[i].row = strndup(reply->str + 1, reply->len - 2); /* without its braces */
                if (reply)
                        freeReplyObject(reply);
                atomic_store(&n_writes, i + 1);
        }
        free(users);
        store_free(s);
        queue_free(q);
        atomic_store(&writer_done, 1);
        return NULL;
}

/* One GET with If-None-Match etag (may be empty); the ETag answered into etag. The status, or -1. */
static int poll_once(int fd, char *etag, size_t etag_len, char *buf, size_t cap) {
        char req[1024];
        int n = snprintf(req, sizeof req,
                         "GET /competitions/%lld/leaderboard?top=100 HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer "
                         "%s\r\n%s%s%sAccept-Encoding: gzip\r\n\r\n",
                         comp, host, token, etag[0] ? "If-None-Match: " : "", etag, etag[0] ? "\r\n" : "");
        size_t have = 0;
        char *end = NULL;
        int status = send_read_head(fd, req, (size_t) n, buf, cap, &end, &have);
        if (status < 0)
                return -1;
        size_t body = 0;
        for (char *h = buf; h && h < end; h = strstr(h, "\r\n")) {
                h += 2;
                if (strncasecmp(h, "Content-Length: ", 16) == 0)
                        body = strtoul(h + 16, NULL, 10);
                else if (strncasecmp(h, "ETag: ", 6) == 0) {
                        size_t l = strcspn(h + 6, "\r");
                        if (l < etag_len) {
                                memcpy(etag, h + 6, l);
                                etag[l] = 0;
                        }
                }
        }
        if (drain_to(fd, buf, cap, have, (size_t) (end + 4 - buf) + body) < 0)
                return -1;
        return status;
}

/* GET /me as user; the body into buf. The status, or -1. */
static int me_once(int fd, long long user, char *buf, size_t cap, char **ret_body) {
        char req[1024];
        int n = snprintf(req, sizeof req,
                         "GET /competitions/%lld/leaderboard/me HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer "
                         "%s%lld\r\n\r\n",
                         comp, host, me_prefix, user);
        size_t have = 0;
        char *end = NULL;
        int status = send_read_head(fd, req, (size_t) n, buf, cap, &end, &have);
        if (status < 0)
                return -1;
        const char *cl = strcasestr(buf, "\r\nContent-Length: ");
        size_t body = cl && cl < end ? strtoul(cl + 18, NULL, 10) : 0;
        size_t head = (size_t) (end + 4 - buf);
        if (head + body + 1 > cap)
                return -1;
        while (have < head + body) {
                ssize_t k = read(fd, buf + have, head + body - have);
                if (k <= 0)
                        return -1;
                have += (size_t) k;
        }
        buf[head + body] = 0;
        *ret_body = buf + head;
        return status;
}

static atomic_long me_polls, me_errors;

/* Polls each write's participant's /me, in order, until it shows the written row. */
static void *me_reader(void *arg) {
        (void) arg;
        size_t cap = 1 << 20;
        char *buf = malloc(cap);
        int fd = -1;
        long j = 0;
        double started = 0;
        while (buf) {
                long n = atomic_load(&n_writes);
                if (j >= n) {
                        if (atomic_load(&writer_done))
                                break;
                        usleep(1000);
                        continue;
                }
                if (!writes[j].row) { /* the row was not read back: not measured */
                        j++;
                        continue;
                }
                if (started == 0)
                        started = now();
                if (fd < 0 && (fd = tcp_connect(host, port)) < 0) {
                        atomic_fetch_add(&me_errors, 1);
                        usleep(10000);
                        continue;
                }
                char *body = NULL;
                int st = me_once(fd, writes[j].user, buf, cap, &body);
                double t = now();
                atomic_fetch_add(&me_polls, 1);
                if (st != 200) {
                        atomic_fetch_add(&me_errors, 1);
                        close(fd);
                        fd = -1;
                        continue;
                }
                if (strstr(body, writes[j].row)) {
                        writes[j++].me_seen = t;
                        started = 0;
                } else if (t - started > 3) {
                        j++; /* unseen */
                        started = 0;
                } else
                        usleep(2000);
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
        if (argc != 9 && argc != 10) {
                fprintf(stderr, "usage: bench-lbwrite DB REDIS COMPETITION RATE SECONDS HOST PORT TOKEN [ME_TOKEN_PREFIX]\n");
                return 2;
        }
        me_prefix = argc == 10 ? argv[9] : NULL;
        db = argv[1], redis_addr = argv[2], comp = atoll(argv[3]), rate = atof(argv[4]), seconds = atof(argv[5]);
        host = argv[6], port = atoi(argv[7]), token = argv[8];
        if (comp <= 0 || rate <= 0 || seconds <= 0)
                return 2;
        pthread_t w, me;
        pthread_create(&w, NULL, writer, NULL);
        if (me_prefix)
                pthread_create(&me, NULL, me_reader, NULL);
        size_t cap = 1 << 20;
        char *buf = malloc(cap), etag[256] = "";
        int fd = -1;
        long polls = 0, poll_errors = 0, next_unseen = 0;
        double linger = 0;
        while (buf) {
                if (atomic_load(&writer_done) && linger == 0)
                        linger = now() + 2; /* the last writes' pages */
                if (linger > 0 && (now() > linger || next_unseen == atomic_load(&n_writes)))
                        break;
                if (fd < 0 && (fd = tcp_connect(host, port)) < 0) {
                        poll_errors++;
                        usleep(10000);
                        continue;
                }
                int st = poll_once(fd, etag, sizeof etag, buf, cap);
                double t = now();
                polls++;
                if (st != 200 && st != 304) {
                        poll_errors++;
                        close(fd);
                        fd = -1;
                        continue;
                }
                unsigned long long v = strtoull(etag + 1, NULL, 10); /* "VERSION.view.top.offset[.gz]" */
                long n = atomic_load(&n_writes);
                while (next_unseen < n && writes[next_unseen].version <= v)
                        writes[next_unseen++].seen = t;
                usleep(2000);
        }
        pthread_join(w, NULL);
        if (me_prefix)
                pthread_join(me, NULL);
        long n = atomic_load(&n_writes);
        double *lag = malloc(((size_t) n + 1) * sizeof *lag);
        size_t k = 0;
        long unseen = 0;
        for (long i = 0; i < n; i++)
                if (writes[i].seen > 0)
                        lag[k++] = (writes[i].seen - writes[i].at) * 1000.0;
                else
                        unseen++;
        qsort(lag, k, sizeof *lag, cmp_double);
#define PCT(q) (k ? lag[(size_t) ((double) (k - 1) * (q))] : 0)
        printf("{\"writes\":%ld,\"write_errors\":%ld,\"writes_per_s\":%.1f,\"polls\":%ld,\"poll_errors\":%ld,"
               "\"unseen\":%ld,\"staleness_p50_ms\":%.1f,\"staleness_p99_ms\":%.1f,\"staleness_max_ms\":%.1f",
               n, write_errors, (double) n / seconds, polls, poll_errors, unseen, PCT(0.5), PCT(0.99),
               k ? lag[k - 1] : 0);
        if (me_prefix) {
                k = 0;
                long me_unseen = 0;
                for (long i = 0; i < n; i++) {
                        if (writes[i].me_seen > 0)
                                lag[k++] = (writes[i].me_seen - writes[i].at) * 1000.0;
                        else if (writes[i].row)
                                me_unseen++;
                        free(writes[i].row);
                }
                qsort(lag, k, sizeof *lag, cmp_double);
                printf(",\"me_measured\":%zu,\"me_unseen\":%ld,\"me_polls\":%ld,\"me_errors\":%ld,"
                       "\"me_staleness_p50_ms\":%.1f,\"me_staleness_p99_ms\":%.1f,\"me_staleness_max_ms\":%.1f",
                       k, me_unseen, atomic_load(&me_polls), atomic_load(&me_errors), PCT(0.5), PCT(0.99),
                       k ? lag[k - 1] : 0);
        }
        printf("}\n");
        if (fd >= 0)
                close(fd);
        free(lag);
        free(buf);
        return n > 0 ? 0 : 1;
}
