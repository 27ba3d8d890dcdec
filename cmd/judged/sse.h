/* Live push: Server-Sent Events for a submission's progress and a competition board's changes,
 * fanned out through Redis pub/sub so that any API process serves any client.
 *
 * Workers write a submission's events with sse_publish: one entry of the capped stream
 * "submission:{id}:events" (the replay log for Last-Event-ID) and a PUBLISH of
 * "ENTRY-ID EVENT DATA" on the channel of the same name, in one Lua step. The leaderboard
 * writers PUBLISH a board's new version on "competition:{id}:board". Each API process has one
 * subscriber connection (PSUBSCRIBE on both patterns) whose thread hands every message to the
 * local clients of its channel.
 *
 * A client's connection is suspended in libmicrohttpd while it has nothing to send, so an idle
 * stream holds no thread: the subscriber queues the event's bytes on the client (capped: a client
 * that falls that far behind is disconnected and resumes with Last-Event-ID) and resumes the
 * connection; its content reader hands the bytes over and suspends it again when they are out. */
#pragma once

#include <microhttpd.h>

#include "base/buf.h"
#include "base/error.h"
#include "service/queue.h"
#include "service/store.h"

/* Returned by sse_submission / sse_competition when the stream's response is queued on the
 * connection (nothing left to answer). */
#define SSE_STREAMING 1

/* Start the subscriber thread (API processes). */
int sse_start(struct judge_error *err);
/* End every stream (their connections are resumed to close) and stop the subscriber; before
 * MHD_stop_daemon, which must not meet a suspended connection. */
void sse_stop(void);
/* Streams open now. */
long sse_clients(void);

/* GET /submissions/{sid}/events for u (its owner or an admin, else 404). SSE_STREAMING, or an
 * HTTP status with a JSON error in body (and *retry_after for 503). */
int sse_submission(struct MHD_Connection *c, struct store *s, struct queue *q, const struct store_user *u,
                   const char *sid, struct buf *body, long *retry_after);
/* GET /competitions/{id}/events: the board's version whenever it changes. */
int sse_competition(struct MHD_Connection *c, struct store *s, struct queue *q, long long id, struct buf *body,
                    long *retry_after);

/* Append event (status, case, done) with data (one JSON object) to submission id's stream and
 * publish it. */
int sse_publish(struct queue *q, long long id, const char *event, const char *data, struct judge_error *err);
