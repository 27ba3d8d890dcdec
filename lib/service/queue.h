/* The judging queue: a Redis stream (hiredis) read through a consumer group. A message carries
 * only a submission id; the PostgreSQL row is the source of truth (store.h).
 *
 * Stream "judge:submissions", group "judged", one consumer per worker thread. A message stays in
 * the group's pending list until acknowledged; messages idle longer than the reclaim time
 * (their worker died) are taken over by another worker with XAUTOCLAIM. A worker that is still
 * judging keeps its message fresh with queue_touch.
 *
 * One struct queue owns one connection and is not thread-safe. A broken connection (a Redis
 * restart) is re-established on the next call, and a lost stream or group is re-created.
 * hiredis errors are translated here: functions return >= 0 or a negative errno with err set. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

#define QUEUE_STREAM "judge:submissions"
#define QUEUE_GROUP "judged"

struct queue;
struct redisContext;

/* addr: "host:port" (default port 6379) or "unix:/path/to/redis.sock". Connects now. */
int queue_open(const char *addr, struct queue **ret, struct judge_error *err);
struct queue *queue_free(struct queue *q);
DEFINE_CLEANUP(struct queue, queue_free)

/* The underlying hiredis context, connected (reconnecting if needed), for other modules that keep
 * data in the same Redis (leaderboard.c). NULL with err set when Redis is unreachable. */
struct redisContext *queue_redis(struct queue *q, struct judge_error *err);
/* Run one command (hiredis printf-style format); *ret_reply (a redisReply, free with
 * freeReplyObject) if non-NULL. An error reply is -EIO with its text. A connection error
 * drops the connection so the next call reconnects. */
int queue_command(struct queue *q, void **ret_reply, struct judge_error *err, const char *fmt, ...);

/* Create the stream and the group if missing (from the stream's start, so entries added
 * while the group was missing are still delivered). */
int queue_ensure(struct queue *q, struct judge_error *err);

/* XADD a message for submission id; ret_msg_id (>= 32 bytes) receives the entry id. */
int queue_push(struct queue *q, long long id, char ret_msg_id[32], struct judge_error *err);

struct queue_msg {
        char msg_id[32];
        long long submission_id;
        bool reclaimed; /* taken over from a consumer that stopped (XAUTOCLAIM) */
};

/* Next message for consumer: first one idle for over reclaim_ms in anyone's pending list,
 * else a new one, waiting up to block_ms. Returns 1 with *ret, or 0 when there was none. */
int queue_read(struct queue *q, const char *consumer, long reclaim_ms, long block_ms, struct queue_msg *ret,
               struct judge_error *err);
/* Acknowledge and delete the entry: the stream's length is the backlog. */
int queue_ack(struct queue *q, const char *msg_id, struct judge_error *err);
/* Reset the idle time of msg_id in consumer's pending list (a worker still judging). */
int queue_touch(struct queue *q, const char *consumer, const char *msg_id, struct judge_error *err);
/* 1 if the entry msg_id is still in the stream, 0 if not (lost with a Redis restart). */
int queue_has(struct queue *q, const char *msg_id, struct judge_error *err);
/* Entries in the stream (waiting + being judged) and pending (delivered, not acknowledged). */
int queue_depth(struct queue *q, long *ret_len, long *ret_pending, struct judge_error *err);
