#include <errno.h>
#include <limits.h>
#include <hiredis/hiredis.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "service/cleanup.h"
#include "service/queue.h"

struct queue {
        redisContext *ctx;
        char *host;   /* or the socket path */
        int port;     /* 0: unix socket */
        bool group_ok;
};

static int connect_now(struct queue *q, struct judge_error *err) {
        if (q->ctx && !q->ctx->err)
                return 0;
        if (q->ctx)
                redisFree(q->ctx);
        struct timeval tv = { .tv_sec = 2 };
        q->ctx = q->port ? redisConnectWithTimeout(q->host, q->port, tv) : redisConnectUnixWithTimeout(q->host, tv);
        if (!q->ctx || q->ctx->err) {
                int r = judge_err(err, -ECONNREFUSED, "redis at %s%s%d: %s", q->host, q->port ? ":" : "", q->port,
                                  q->ctx ? q->ctx->errstr : "cannot allocate a context");
                if (q->ctx)
                        redisFree(q->ctx);
                q->ctx = NULL;
                return r;
        }
        /* Blocking reads wait at most block_ms (< 10 s) on the server side; the socket timeout
         * is only a guard against a hung server. */
        struct timeval rt = { .tv_sec = 15 };
        redisSetTimeout(q->ctx, rt);
        q->group_ok = false;
        return 0;
}

int queue_open(const char *addr, struct queue **ret, struct judge_error *err) {
        _cleanup_(queue_freep) struct queue *q = calloc(1, sizeof *q);
        if (!q)
                return judge_err(err, -ENOMEM, "out of memory");
        if (!addr || !*addr)
                addr = "127.0.0.1:6379";
        if (strncmp(addr, "unix:", 5) == 0) {
                q->host = strdup(addr + 5);
        } else {
                if (strncmp(addr, "redis://", 8) == 0)
                        addr += 8;
                q->host = strdup(addr);
                long port = 6379;
                char *colon = strrchr(q->host, ':');
                if (colon) {
                        *colon = 0;
                        if (parse_long(colon + 1, 1, 65535, &port) < 0)
                                return judge_err(err, -EINVAL, "bad redis address '%s'", addr);
                }
                q->port = (int) port;
        }
        int r = connect_now(q, err);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(q);
        return 0;
}

struct queue *queue_free(struct queue *q) {
        if (!q)
                return NULL;
        if (q->ctx)
                redisFree(q->ctx);
        free(q->host);
        free(q);
        return NULL;
}

struct redisContext *queue_redis(struct queue *q, struct judge_error *err) {
        return connect_now(q, err) < 0 ? NULL : q->ctx;
}

/* The one adapter from hiredis's errors to negative errno. */
static int vcommand(struct queue *q, redisReply **ret, struct judge_error *err, const char *fmt, va_list ap) {
        int r = connect_now(q, err);
        if (r < 0)
                return r;
        _cleanup_reply_ redisReply *reply = redisvCommand(q->ctx, fmt, ap);
        if (!reply) {
                r = judge_err(err, -ECONNRESET, "redis: %s", q->ctx->errstr[0] ? q->ctx->errstr : "connection lost");
                redisFree(q->ctx);
                q->ctx = NULL;
                return r;
        }
        if (reply->type == REDIS_REPLY_ERROR)
                return judge_err(err, strncmp(reply->str, "NOGROUP", 7) == 0 ? -ENOENT : -EIO, "redis: %s",
                                 reply->str);
        if (ret)
                *ret = TAKE_PTR(reply);
        return 0;
}

static int command(struct queue *q, redisReply **ret, struct judge_error *err, const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        int r = vcommand(q, ret, err, fmt, ap);
        va_end(ap);
        return r;
}

int queue_command(struct queue *q, void **ret_reply, struct judge_error *err, const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        int r = vcommand(q, (redisReply **) ret_reply, err, fmt, ap);
        va_end(ap);
        return r;
}

int queue_ensure(struct queue *q, struct judge_error *err) {
        struct judge_error e = { 0 };
        int r = command(q, NULL, &e, "XGROUP CREATE %s %s 0 MKSTREAM", QUEUE_STREAM, QUEUE_GROUP);
        if (r < 0 && !strstr(e.msg, "BUSYGROUP")) {
                if (err)
                        *err = e;
                return r;
        }
        q->group_ok = true;
        return 0;
}

int queue_push(struct queue *q, long long id, char ret_msg_id[32], struct judge_error *err) {
        _cleanup_reply_ redisReply *reply = NULL;
        int r = command(q, &reply, err, "XADD %s * sub %lld", QUEUE_STREAM, id);
        if (r < 0)
                return r;
        if (ret_msg_id)
                snprintf(ret_msg_id, 32, "%s", reply->type == REDIS_REPLY_STRING ? reply->str : "");
        return 0;
}

/* One stream entry [id, [field, value, ...]] into m; 0 if it is not one (a deleted entry). */
static int parse_entry(const redisReply *e, struct queue_msg *m) {
        if (!e || e->type != REDIS_REPLY_ARRAY || e->elements != 2 || e->element[0]->type != REDIS_REPLY_STRING)
                return 0;
        snprintf(m->msg_id, sizeof m->msg_id, "%s", e->element[0]->str);
        m->submission_id = 0;
        const redisReply *f = e->element[1];
        if (f->type != REDIS_REPLY_ARRAY)
                return 1; /* deleted entry: acknowledged by the caller */
        for (size_t i = 0; i + 1 < f->elements; i += 2)
                if (f->element[i]->type == REDIS_REPLY_STRING && strcmp(f->element[i]->str, "sub") == 0 &&
                    f->element[i + 1]->type == REDIS_REPLY_STRING) {
                        /* an id that is not a positive number is no submission (0), as a missing one */
                        long long id = 0;
                        m->submission_id = parse_long_long(f->element[i + 1]->str, 1, LLONG_MAX, &id) < 0 ? 0 : id;
                }
        return 1;
}

int queue_read(struct queue *q, const char *consumer, long reclaim_ms, long block_ms, struct queue_msg *ret,
               struct judge_error *err) {
        int r;
        if (!q->group_ok && (r = queue_ensure(q, err)) < 0)
                return r;
        _cleanup_reply_ redisReply *reply = NULL;
        /* Work of a consumer that stopped renewing its messages first. */
        r = command(q, &reply, err, "XAUTOCLAIM %s %s %s %ld 0-0 COUNT 1", QUEUE_STREAM, QUEUE_GROUP, consumer,
                    reclaim_ms);
        if (r == -ENOENT) {
                /* the stream or the group was lost (a Redis restart): make them again */
                q->group_ok = false;
                if ((r = queue_ensure(q, err)) < 0)
                        return r;
                return 0;
        }
        if (r < 0)
                return r;
        if (reply->type == REDIS_REPLY_ARRAY && reply->elements >= 2) {
                /* Entries deleted from the stream while pending: acknowledge them away. */
                if (reply->elements >= 3 && reply->element[2]->type == REDIS_REPLY_ARRAY)
                        for (size_t i = 0; i < reply->element[2]->elements; i++)
                                if (reply->element[2]->element[i]->type == REDIS_REPLY_STRING)
                                        (void) queue_ack(q, reply->element[2]->element[i]->str, NULL);
                const redisReply *entries = reply->element[1];
                if (entries->type == REDIS_REPLY_ARRAY && entries->elements > 0 &&
                    parse_entry(entries->element[0], ret)) {
                        ret->reclaimed = true;
                        return 1;
                }
        }
        redis_reply_freep(&reply);

        reply = NULL;
        if (block_ms > 0)
                r = command(q, &reply, err, "XREADGROUP GROUP %s %s COUNT 1 BLOCK %ld STREAMS %s >", QUEUE_GROUP,
                            consumer, block_ms, QUEUE_STREAM);
        else
                r = command(q, &reply, err, "XREADGROUP GROUP %s %s COUNT 1 STREAMS %s >", QUEUE_GROUP, consumer,
                            QUEUE_STREAM);
        if (r == -ENOENT) {
                q->group_ok = false;
                return 0;
        }
        if (r < 0)
                return r;
        int got = 0;
        /* [[stream, [[id, [fields]]]]] or nil on timeout */
        if (reply->type == REDIS_REPLY_ARRAY && reply->elements > 0) {
                const redisReply *s = reply->element[0];
                if (s->type == REDIS_REPLY_ARRAY && s->elements == 2 && s->element[1]->type == REDIS_REPLY_ARRAY &&
                    s->element[1]->elements > 0 && parse_entry(s->element[1]->element[0], ret)) {
                        ret->reclaimed = false;
                        got = 1;
                }
        }
        return got;
}

int queue_ack(struct queue *q, const char *msg_id, struct judge_error *err) {
        int r = command(q, NULL, err, "XACK %s %s %s", QUEUE_STREAM, QUEUE_GROUP, msg_id);
        if (r >= 0)
                r = command(q, NULL, err, "XDEL %s %s", QUEUE_STREAM, msg_id);
        return r;
}

int queue_touch(struct queue *q, const char *consumer, const char *msg_id, struct judge_error *err) {
        return command(q, NULL, err, "XCLAIM %s %s %s 0 %s JUSTID", QUEUE_STREAM, QUEUE_GROUP, consumer, msg_id);
}

int queue_has(struct queue *q, const char *msg_id, struct judge_error *err) {
        _cleanup_reply_ redisReply *reply = NULL;
        int r = command(q, &reply, err, "XRANGE %s %s %s COUNT 1", QUEUE_STREAM, msg_id, msg_id);
        if (r < 0) {
                /* an id from another stream incarnation can be malformed for this one: lost */
                return r == -EIO ? 0 : r;
        }
        return reply->type == REDIS_REPLY_ARRAY && reply->elements > 0;
}

int queue_depth(struct queue *q, long *ret_len, long *ret_pending, struct judge_error *err) {
        _cleanup_reply_ redisReply *reply = NULL;
        int r = command(q, &reply, err, "XLEN %s", QUEUE_STREAM);
        if (r < 0)
                return r;
        *ret_len = reply->type == REDIS_REPLY_INTEGER ? (long) reply->integer : 0;
        redis_reply_freep(&reply);
        *ret_pending = 0;
        reply = NULL;
        struct judge_error e = { 0 };
        if (command(q, &reply, &e, "XPENDING %s %s", QUEUE_STREAM, QUEUE_GROUP) >= 0) {
                if (reply->type == REDIS_REPLY_ARRAY && reply->elements > 0 &&
                    reply->element[0]->type == REDIS_REPLY_INTEGER)
                        *ret_pending = (long) reply->element[0]->integer;
        }
        return 0;
}
