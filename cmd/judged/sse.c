/* Live push (sse.h): the clients of this process, the subscriber thread that feeds them, and
 * the publishing side the workers use. */
#include <errno.h>
#include <hiredis/hiredis.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "base/parse.h"
#include "judged.h"
#include "service/cleanup.h"
#include "sse.h"

#define SSE_BUCKETS 4096
#define SSE_QUEUE_MAX (64 * 1024) /* bytes queued on one client before it is cut off */
#define SSE_KEEPALIVE_S 15
#define SSE_STREAM_LEN 256        /* events kept per submission (approximately: MAXLEN ~) */
#define SSE_STREAM_TTL 86400      /* seconds a submission's events are kept after the last one */
#define SSE_ID_MAX 48             /* an event id: a stream entry id, or a board version */

struct client {
        struct client *prev, *next; /* in its bucket, under reg_lock */
        unsigned bucket;
        char channel[64];
        bool board;
        long long id;               /* the submission or the competition */
        struct store_user user;     /* who watches (the done event is rendered for them) */
        struct MHD_Connection *conn;
        pthread_mutex_t lock;       /* guards everything below */
        char *out;                  /* queued bytes out[off..len) */
        size_t off, len, cap;
        char last_id[SSE_ID_MAX];   /* the last event queued */
        char done_id[SSE_ID_MAX];   /* the done event's id, to render, when done_pending */
        bool suspended;             /* by the content reader; resumed by whoever queues next */
        bool replaying;             /* the connecting thread reads the log: pub/sub waits */
        bool missed;                /* a message came while replaying: read the log again */
        bool done_pending;
        bool had_done;              /* Last-Event-ID is the log's done event: the client has it */
        bool end;                   /* close once the queue is out */
        bool cut;                   /* close now (too far behind, or judged stops) */
};

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct client *buckets[SSE_BUCKETS];
static atomic_long n_clients;
static atomic_int sse_stopping;
static pthread_t sub_tid;
static bool sub_started;
static atomic_int subscribed; /* the subscription is up (sse_start waits for the first) */

static unsigned channel_hash(const char *s) {
        unsigned h = 2166136261u;
        for (; *s; s++)
                h = (h ^ (unsigned char) *s) * 16777619u;
        return h % SSE_BUCKETS;
}

long sse_clients(void) {
        return atomic_load(&n_clients);
}

/* ---- event ids ---- */

/* A stream entry id "MS-SEQ". */
static bool entry_id(const char *s, unsigned long long *ms, unsigned long long *seq) {
        char *end = NULL;
        if (!s || !*s || *s < '0' || *s > '9')
                return false;
        errno = 0;
        *ms = strtoull(s, &end, 10);
        if (errno || *end != '-' || end[1] < '0' || end[1] > '9')
                return false;
        *seq = strtoull(end + 1, &end, 10);
        return !errno && !*end;
}

/* a after b (an empty or malformed b: before everything) */
static bool entry_after(const char *a, const char *b) {
        unsigned long long am, as, bm, bs;
        if (!entry_id(a, &am, &as))
                return false;
        if (!entry_id(b, &bm, &bs))
                return true;
        return am > bm || (am == bm && as > bs);
}

/* ---- a client's queue (cl->lock held) ---- */

static void wake(struct client *cl) {
        if (cl->suspended) {
                cl->suspended = false;
                MHD_resume_connection(cl->conn);
        }
}

static void queue_bytes(struct client *cl, const char *p, size_t n) {
        if (cl->cut)
                return;
        if (cl->off > 0) {
                memmove(cl->out, cl->out + cl->off, cl->len - cl->off);
                cl->len -= cl->off;
                cl->off = 0;
        }
        if (cl->len + n > SSE_QUEUE_MAX) {
                /* the client does not read: it reconnects with Last-Event-ID and loses nothing */
                cl->cut = true;
                return;
        }
        if (cl->len + n > cl->cap) {
                size_t cap = cl->cap ? cl->cap : 512;
                while (cap < cl->len + n)
                        cap *= 2;
                char *o = realloc(cl->out, cap);
                if (!o) {
                        cl->cut = true;
                        return;
                }
                cl->out = o;
                cl->cap = cap;
        }
        memcpy(cl->out + cl->len, p, n);
        cl->len += n;
}

/* One event: data's lines each on a "data:" line. */
static void queue_event(struct client *cl, const char *id, const char *event, const char *data) {
        char head[160];
        int n = snprintf(head, sizeof head, "id: %s\nevent: %s\n", id, event);
        queue_bytes(cl, head, (size_t) n);
        for (const char *p = data;;) {
                size_t k = strcspn(p, "\r\n");
                queue_bytes(cl, "data: ", 6);
                queue_bytes(cl, p, k);
                queue_bytes(cl, "\n", 1);
                p += k;
                if (!*p)
                        break;
                p += *p == '\r' && p[1] == '\n' ? 2 : 1;
        }
        queue_bytes(cl, "\n", 1);
}

/* A submission's event with its log id: queued once, in order; done is rendered by the
 * content reader for the client's user (the same body GET /submissions/{id} answers). */
static void submission_event(struct client *cl, const char *id, const char *event, const char *data) {
        if (cl->done_pending || cl->end || !entry_after(id, cl->last_id))
                return;
        snprintf(cl->last_id, sizeof cl->last_id, "%s", id);
        if (strcmp(event, "done") == 0) {
                cl->done_pending = true;
                snprintf(cl->done_id, sizeof cl->done_id, "%s", id);
        } else
                queue_event(cl, id, event, data);
}

static void board_event(struct client *cl, const char *version) {
        /* a version is a number (INCR, or a rebuild's random value): nothing to escape */
        if (strcmp(version, cl->last_id) == 0 || strlen(version) >= SSE_ID_MAX || version[strcspn(version, "\r\n\"\\")])
                return;
        snprintf(cl->last_id, sizeof cl->last_id, "%s", version);
        char data[SSE_ID_MAX + 32];
        snprintf(data, sizeof data, "{\"version\":\"%s\"}", version);
        queue_event(cl, version, "board", data);
}

/* ---- the registry ---- */

static void reg_add(struct client *cl) {
        pthread_mutex_lock(&reg_lock);
        cl->bucket = channel_hash(cl->channel);
        cl->next = buckets[cl->bucket];
        if (cl->next)
                cl->next->prev = cl;
        buckets[cl->bucket] = cl;
        pthread_mutex_unlock(&reg_lock);
}

static void reg_remove(struct client *cl) {
        pthread_mutex_lock(&reg_lock);
        if (cl->prev)
                cl->prev->next = cl->next;
        else if (buckets[cl->bucket] == cl)
                buckets[cl->bucket] = cl->next;
        if (cl->next)
                cl->next->prev = cl->prev;
        cl->prev = cl->next = NULL;
        pthread_mutex_unlock(&reg_lock);
}

static void client_free(struct client *cl) {
        if (!cl)
                return;
        pthread_mutex_destroy(&cl->lock);
        free(cl->out);
        free(cl);
        atomic_fetch_sub(&n_clients, 1);
}

/* The response's end (the connection closed): MHD calls this once. */
static void client_gone(void *cls) {
        struct client *cl = cls;
        reg_remove(cl);
        client_free(cl);
}

/* Clients to resume, collected under reg_lock and resumed after it (the subscriber thread's). A
 * client marked not suspended whose connection MHD still holds suspended cannot end (MHD
 * does not close a suspended connection), so it outlives the lock until resumed here. */
static struct MHD_Connection **to_wake;
static size_t n_wake, cap_wake;

static bool grow_wake(void) {
        size_t cap = cap_wake ? cap_wake * 2 : 1024;
        struct MHD_Connection **w = realloc(to_wake, cap * sizeof *w);
        if (!w)
                return false;
        to_wake = w;
        cap_wake = cap;
        return true;
}

/* (cl->lock held) Wake cl now, or later in wake_collected when collecting. */
static void wake_later(struct client *cl, bool collect) {
        if (!cl->suspended)
                return;
        if (collect && (n_wake < cap_wake || grow_wake())) {
                cl->suspended = false;
                to_wake[n_wake++] = cl->conn;
        } else
                wake(cl);
}

static void wake_collected(void) {
        for (size_t i = 0; i < n_wake; i++)
                MHD_resume_connection(to_wake[i]);
        n_wake = 0;
}

/* A message on channel: to every local client of it. payload: a board's version, or a
 * submission's "ENTRY-ID EVENT DATA". */
static void dispatch(const char *channel, const char *payload) {
        bool board = strncmp(channel, "competition:", 12) == 0;
        char id[SSE_ID_MAX] = "", event[16] = "";
        const char *data = "";
        if (!board) {
                const char *sp = strchr(payload, ' ');
                const char *sp2 = sp ? strchr(sp + 1, ' ') : NULL;
                if (!sp || !sp2 || (size_t) (sp - payload) >= sizeof id || (size_t) (sp2 - sp - 1) >= sizeof event)
                        return;
                memcpy(id, payload, (size_t) (sp - payload));
                memcpy(event, sp + 1, (size_t) (sp2 - sp - 1));
                data = sp2 + 1;
        }
        pthread_mutex_lock(&reg_lock);
        for (struct client *cl = buckets[channel_hash(channel)]; cl; cl = cl->next) {
                if (strcmp(cl->channel, channel) != 0)
                        continue;
                pthread_mutex_lock(&cl->lock);
                if (cl->replaying)
                        cl->missed = true;
                else if (board)
                        board_event(cl, payload);
                else
                        submission_event(cl, id, event, data);
                wake_later(cl, true);
                pthread_mutex_unlock(&cl->lock);
        }
        pthread_mutex_unlock(&reg_lock);
        wake_collected();
}

/* Every client: a keepalive comment (cut: end the stream). collect: the subscriber thread's
 * call (wakes after the lock). */
static void each_client(bool cut, bool collect) {
        pthread_mutex_lock(&reg_lock);
        for (size_t b = 0; b < SSE_BUCKETS; b++)
                for (struct client *cl = buckets[b]; cl; cl = cl->next) {
                        pthread_mutex_lock(&cl->lock);
                        if (cut)
                                cl->cut = true;
                        else if (!cl->replaying)
                                queue_bytes(cl, ": keepalive\n\n", 13);
                        wake_later(cl, collect);
                        pthread_mutex_unlock(&cl->lock);
                }
        pthread_mutex_unlock(&reg_lock);
        if (collect)
                wake_collected();
}

/* ---- the stream's content ---- */

/* The done event for cl's user: the submission's document as GET /submissions/{id} answers. */
static int render_done(struct client *cl, const char *id, struct buf *out) {
        struct judge_error err = { 0 };
        struct store *s = thread_store(&err);
        if (!s)
                return -ECONNREFUSED;
        struct buf doc;
        int status = api_submission_json(s, &cl->user, cl->id, &doc);
        int r = status == 200 ? 0 : -EIO;
        if (r == 0) {
                buf_printf(out, "id: %s\nevent: done\ndata: ", id);
                buf_append(out, doc.data, doc.len);
                r = buf_puts(out, "\n\n");
        }
        buf_free(&doc);
        return r;
}

static ssize_t reader(void *cls, uint64_t pos, char *buf, size_t max) {
        struct client *cl = cls;
        (void) pos;
        pthread_mutex_lock(&cl->lock);
        if (!cl->cut && cl->len == cl->off && cl->done_pending) {
                char id[SSE_ID_MAX];
                snprintf(id, sizeof id, "%s", cl->done_id);
                cl->done_pending = false;
                cl->end = true;
                pthread_mutex_unlock(&cl->lock);
                struct buf ev;
                buf_init(&ev, 32 << 20);
                int r = render_done(cl, id, &ev);
                pthread_mutex_lock(&cl->lock);
                if (r < 0) /* the client reconnects and the done event comes again */
                        cl->cut = true;
                else
                        queue_bytes(cl, ev.data, ev.len);
                buf_free(&ev);
        }
        if (cl->cut) {
                pthread_mutex_unlock(&cl->lock);
                return MHD_CONTENT_READER_END_WITH_ERROR;
        }
        if (cl->len > cl->off) {
                size_t n = cl->len - cl->off < max ? cl->len - cl->off : max;
                memcpy(buf, cl->out + cl->off, n);
                cl->off += n;
                if (cl->off == cl->len) {
                        cl->off = cl->len = 0;
                        /* a burst is over: give its memory back */
                        if (cl->cap > 4096) {
                                free(cl->out);
                                cl->out = NULL;
                                cl->cap = 0;
                        }
                }
                pthread_mutex_unlock(&cl->lock);
                return (ssize_t) n;
        }
        if (cl->end) {
                pthread_mutex_unlock(&cl->lock);
                return MHD_CONTENT_READER_END_OF_STREAM;
        }
        /* nothing to send: off MHD's loop until the next event (queue_bytes + wake) */
        cl->suspended = true;
        MHD_suspend_connection(cl->conn);
        pthread_mutex_unlock(&cl->lock);
        return 0;
}

static int error_body(struct buf *body, int status, const char *msg) {
        json_error(body, msg);
        return status;
}

/* 404 "no <what> <id>". */
static int not_found(struct buf *body, const char *what, long long id) {
        char msg[80];
        snprintf(msg, sizeof msg, "no %s %lld", what, id);
        return error_body(body, 404, msg);
}

/* A client for the Redis channel <prefix><id><suffix>; NULL with the answer in body and
 * *ret_status when there is none. */
static struct client *client_new(struct MHD_Connection *c, const char *prefix, long long id,
                                 const char *suffix, struct buf *body, long *retry_after, int *ret_status) {
        if (atomic_load(&sse_stopping) || judged_stopping) {
                *retry_after = 5;
                *ret_status = error_body(body, 503, "judged is stopping");
                return NULL;
        }
        if (atomic_fetch_add(&n_clients, 1) >= cfg.max_sse) {
                atomic_fetch_sub(&n_clients, 1);
                *retry_after = 5;
                char msg[120];
                snprintf(msg, sizeof msg, "too many event streams on this server (at most %ld): try again", cfg.max_sse);
                *ret_status = error_body(body, 503, msg);
                return NULL;
        }
        struct client *cl = calloc(1, sizeof *cl);
        if (!cl) {
                atomic_fetch_sub(&n_clients, 1);
                *ret_status = error_body(body, 500, "out of memory");
                return NULL;
        }
        pthread_mutex_init(&cl->lock, NULL);
        snprintf(cl->channel, sizeof cl->channel, "%s%lld%s", prefix, id, suffix);
        cl->id = id;
        cl->conn = c;
        cl->replaying = true;
        /* EventSource reconnects after this long when the stream breaks */
        queue_bytes(cl, "retry: 2000\n\n", 13);
        return cl;
}

/* Queue cl's response on c: from here on MHD owns cl (client_gone frees it). */
static int client_respond(struct MHD_Connection *c, struct client *cl, bool registered, struct buf *body) {
        struct MHD_Response *resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, reader, cl, client_gone);
        if (!resp) {
                if (registered)
                        reg_remove(cl);
                client_free(cl);
                return error_body(body, 500, "out of memory");
        }
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream");
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
        MHD_add_response_header(resp, "X-Accel-Buffering", "no");
        enum MHD_Result r = MHD_queue_response(c, 200, resp);
        MHD_destroy_response(resp); /* the connection holds it; client_gone runs when it ends */
        if (r != MHD_YES)
                return error_body(body, 500, "cannot queue the event stream");
        metrics_http(200);
        return SSE_STREAMING;
}

static const char *last_event_id(struct MHD_Connection *c) {
        const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Last-Event-ID");
        return v && strlen(v) < SSE_ID_MAX ? v : "";
}

/* One command on the thread's connection, tried twice: a connection that Redis dropped (a
 * restart) fails once, then reconnects. */
static int redis_twice(struct queue *q, redisReply **ret, struct judge_error *err, const char *fmt, const char *a,
                       const char *b) {
        int r = queue_command(q, (void **) ret, err, fmt, a, b);
        if (r == -ECONNRESET)
                r = queue_command(q, (void **) ret, err, fmt, a, b);
        return r;
}

/* Replay the log of cl's submission after cl->last_id (cl->lock not held: the connecting
 * thread owns the replay; pub/sub only marks it missed). */
static int replay(struct client *cl, struct queue *q, struct judge_error *err) {
        char key[64];
        snprintf(key, sizeof key, "submission:%lld:events", cl->id);
        char start[SSE_ID_MAX];
        pthread_mutex_lock(&cl->lock);
        snprintf(start, sizeof start, "%s", cl->last_id[0] ? cl->last_id : "-");
        pthread_mutex_unlock(&cl->lock);
        _cleanup_reply_ redisReply *rep = NULL;
        int r = redis_twice(q, &rep, err, "XRANGE %s %s +", key, start);
        if (r < 0)
                return r;
        pthread_mutex_lock(&cl->lock);
        for (size_t i = 0; rep->type == REDIS_REPLY_ARRAY && i < rep->elements; i++) {
                const redisReply *e = rep->element[i];
                if (e->type != REDIS_REPLY_ARRAY || e->elements != 2 || e->element[0]->type != REDIS_REPLY_STRING ||
                    e->element[1]->type != REDIS_REPLY_ARRAY)
                        continue;
                const redisReply *f = e->element[1];
                const char *event = NULL, *data = NULL;
                for (size_t k = 0; k + 1 < f->elements; k += 2) {
                        if (f->element[k]->type != REDIS_REPLY_STRING || f->element[k + 1]->type != REDIS_REPLY_STRING)
                                continue;
                        if (strcmp(f->element[k]->str, "e") == 0)
                                event = f->element[k + 1]->str;
                        else if (strcmp(f->element[k]->str, "d") == 0)
                                data = f->element[k + 1]->str;
                }
                if (event && data && strcmp(event, "done") == 0 && strcmp(e->element[0]->str, cl->last_id) == 0)
                        cl->had_done = true;
                if (event && data)
                        submission_event(cl, e->element[0]->str, event, data);
        }
        pthread_mutex_unlock(&cl->lock);
        return rep->type == REDIS_REPLY_ARRAY ? (int) rep->elements : 0;
}

/* Leave replay mode: a message that came meanwhile means the log has more. 1: replay again. */
static int replay_end(struct client *cl) {
        pthread_mutex_lock(&cl->lock);
        bool again = cl->missed;
        cl->missed = false;
        if (!again)
                cl->replaying = false;
        pthread_mutex_unlock(&cl->lock);
        return again;
}

int sse_submission(struct MHD_Connection *c, struct store *s, struct queue *q, const struct store_user *u,
                   const char *sid, struct buf *body, long *retry_after) {
        long long id = 0;
        if (!sid || !*sid || strlen(sid) > 18 || sid[strspn(sid, "0123456789")] ||
            parse_long_long(sid, 1, LLONG_MAX, &id) < 0) {
                char msg[80];
                snprintf(msg, sizeof msg, "bad submission id '%.32s'", sid ? sid : "");
                return error_body(body, 400, msg);
        }
        struct judge_error err = { 0 };
        _cleanup_(store_submission_clear) struct store_submission sub = { 0 };
        int r = store_submission_get(s, id, &sub, &err);
        if (r == -ENOENT || (r >= 0 && sub.user_id != u->id && !u->admin))
                return not_found(body, "submission", id);
        if (r < 0) {
                *retry_after = 5;
                return error_body(body, 503, err.msg);
        }
        int status = 0;
        struct client *cl = client_new(c, "submission:", id, ":events", body, retry_after, &status);
        if (!cl)
                return status;
        cl->user = *u;
        const char *last = last_event_id(c);
        unsigned long long lm, ls;
        if (entry_id(last, &lm, &ls))
                snprintf(cl->last_id, sizeof cl->last_id, "%s", last);
        bool done = strcmp(sub.status, "done") == 0;
        if (!done)
                reg_add(cl);
        /* What the log holds after Last-Event-ID (everything without one); for a live
         * submission again while pub/sub delivered something meanwhile. */
        int n = 0;
        for (int round = 0; (r = replay(cl, q, &err)) >= 0; round++) {
                n += r;
                if (done || !replay_end(cl))
                        break;
        }
        if (r < 0) {
                if (!done)
                        reg_remove(cl);
                client_free(cl);
                *retry_after = 5;
                return error_body(body, 503, err.msg);
        }
        if (done && cl->had_done) {
                /* the client had everything: 204 tells an EventSource to stop reconnecting */
                client_free(cl);
                buf_reset(body);
                return 204;
        }
        pthread_mutex_lock(&cl->lock);
        if (n == 0 && !done && !cl->last_id[0]) {
                /* no log (it expired, or the submission predates it): its state from the row */
                char data[48];
                snprintf(data, sizeof data, "{\"status\":\"%s\"}", sub.status);
                submission_event(cl, "0-1", "status", data);
        }
        if (done && !cl->done_pending && !cl->end) {
                /* done, but the log has no done event after Last-Event-ID (it expired, or the
                 * client had it): the document again, with an id past the log's */
                char did[SSE_ID_MAX];
                snprintf(did, sizeof did, "%lld-0", (long long) (sub.finished * 1000) + 1);
                if (!entry_after(did, cl->last_id))
                        snprintf(did, sizeof did, "%s", cl->last_id);
                cl->done_pending = true;
                snprintf(cl->done_id, sizeof cl->done_id, "%s", did);
        }
        cl->replaying = false;
        pthread_mutex_unlock(&cl->lock);
        return client_respond(c, cl, !done, body);
}

int sse_competition(struct MHD_Connection *c, struct store *s, struct queue *q, long long id, struct buf *body,
                    long *retry_after) {
        struct judge_error err = { 0 };
        char i[24];
        snprintf(i, sizeof i, "%lld", id);
        long rows = 0;
        int r = store_exec(s, "SELECT 1 FROM competitions WHERE id = $1", 1, (const char *[]){ i }, &rows, &err);
        if (r < 0) {
                *retry_after = 5;
                return error_body(body, 503, err.msg);
        }
        if (rows == 0)
                return not_found(body, "competition", id);
        int status = 0;
        struct client *cl = client_new(c, "competition:", id, ":board", body, retry_after, &status);
        if (!cl)
                return status;
        cl->board = true;
        snprintf(cl->last_id, sizeof cl->last_id, "%s", last_event_id(c));
        reg_add(cl);
        /* the version now, when the client has not seen it (a fresh client: always) */
        do {
                _cleanup_reply_ redisReply *rep = NULL;
                char vkey[64];
                snprintf(vkey, sizeof vkey, "competition:leaderboard:%lld:version", id);
                r = redis_twice(q, &rep, &err, "GET %s%s", vkey, "");
                if (r < 0)
                        break;
                pthread_mutex_lock(&cl->lock);
                if (rep->type == REDIS_REPLY_STRING)
                        board_event(cl, rep->str);
                else if (!cl->last_id[0])
                        board_event(cl, "0");
                pthread_mutex_unlock(&cl->lock);
        } while (replay_end(cl));
        if (r < 0) {
                reg_remove(cl);
                client_free(cl);
                *retry_after = 5;
                return error_body(body, 503, err.msg);
        }
        return client_respond(c, cl, true, body);
}

/* ---- publishing ---- */

/* XADD to the log, keep it a day, PUBLISH the same event: one step, so a subscriber that
 * reads the log after subscribing misses nothing and the ids agree. */
static const char publish_lua[] =
        "local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'e', ARGV[1], 'd', ARGV[2]) "
        "redis.call('EXPIRE', KEYS[1], ARGV[5]) "
        "redis.call('PUBLISH', ARGV[3], id .. ' ' .. ARGV[1] .. ' ' .. ARGV[2]) "
        "return id";

int sse_publish(struct queue *q, long long id, const char *event, const char *data, struct judge_error *err) {
        char key[64];
        snprintf(key, sizeof key, "submission:%lld:events", id);
        return queue_command(q, NULL, err, "EVAL %s 1 %s %s %s %s %d %d", publish_lua, key, event, data, key,
                             SSE_STREAM_LEN, SSE_STREAM_TTL);
}

/* ---- the subscriber ---- */

static redisContext *subscribe(struct queue **qp) {
        struct judge_error err = { 0 };
        *qp = queue_free(*qp);
        if (queue_open(cfg.redis, qp, &err) < 0)
                return NULL;
        redisContext *ctx = queue_redis(*qp, &err);
        if (!ctx)
                return NULL;
        redisReply *rep = redisCommand(ctx, "PSUBSCRIBE submission:*:events competition:*:board");
        bool ok = rep && rep->type == REDIS_REPLY_ARRAY;
        if (rep)
                freeReplyObject(rep);
        return ok ? ctx : NULL;
}

static void handle(redisReply *m) {
        if (m->type != REDIS_REPLY_ARRAY || m->elements != 4 || m->element[0]->type != REDIS_REPLY_STRING ||
            strcmp(m->element[0]->str, "pmessage") != 0 || m->element[2]->type != REDIS_REPLY_STRING ||
            m->element[3]->type != REDIS_REPLY_STRING)
                return;
        dispatch(m->element[2]->str, m->element[3]->str);
}

static void *subscriber_main(void *arg) {
        (void) arg;
        struct queue *q = NULL;
        redisContext *ctx = NULL;
        bool warned = false, ever = false;
        time_t last_keepalive = time(NULL);
        while (!atomic_load(&sse_stopping)) {
                if (time(NULL) - last_keepalive >= SSE_KEEPALIVE_S) {
                        last_keepalive = time(NULL);
                        each_client(false, true);
                }
                if (!ctx) {
                        ctx = subscribe(&q);
                        if (!ctx) {
                                if (!warned)
                                        fprintf(stderr, "judged: live push: cannot subscribe at %s (retrying)\n", cfg.redis);
                                warned = true;
                                for (int i = 0; i < 10 && !atomic_load(&sse_stopping); i++)
                                        usleep(100000);
                                continue;
                        }
                        if (ever || warned) {
                                /* messages may have been lost meanwhile: every stream ends, and
                                 * its client resumes from its Last-Event-ID */
                                fprintf(stderr, "judged: live push: subscribed again\n");
                                each_client(true, true);
                        }
                        ever = true;
                        warned = false;
                        atomic_store(&subscribed, 1);
                }
                void *reply = NULL;
                int r = redisGetReplyFromReader(ctx, &reply);
                if (r == REDIS_OK && reply) {
                        handle(reply);
                        freeReplyObject(reply);
                        continue;
                }
                struct pollfd pfd = { .fd = ctx->fd, .events = POLLIN };
                int pr = r == REDIS_OK ? poll(&pfd, 1, 500) : -1;
                if (pr == 0 || (pr < 0 && errno == EINTR && r == REDIS_OK))
                        continue;
                if (pr < 0 || redisBufferRead(ctx) != REDIS_OK) {
                        fprintf(stderr, "judged: live push: the subscription to %s broke: %s\n", cfg.redis,
                                ctx->errstr[0] ? ctx->errstr : "connection lost");
                        ctx = NULL;
                        q = queue_free(q);
                        warned = true;
                        atomic_store(&subscribed, 0);
                }
        }
        queue_free(q);
        return NULL;
}

int sse_start(struct judge_error *err) {
        int r = pthread_create(&sub_tid, NULL, subscriber_main, NULL);
        if (r != 0)
                return judge_err(err, -r, "cannot start the live push thread: %s", strerror(r));
        sub_started = true;
        /* streams opened before the subscription would miss events: wait for it a little (if
         * Redis is down, the streams cannot start anyway, and the thread keeps trying) */
        for (int i = 0; i < 30 && !atomic_load(&subscribed); i++)
                usleep(100000);
        return 0;
}

void sse_stop(void) {
        atomic_store(&sse_stopping, 1);
        each_client(true, false);
        /* the daemon's threads close the resumed connections (client_gone counts them down) */
        for (int i = 0; i < 50 && atomic_load(&n_clients) > 0; i++)
                usleep(100000);
        if (sub_started)
                pthread_join(sub_tid, NULL);
        sub_started = false;
}
