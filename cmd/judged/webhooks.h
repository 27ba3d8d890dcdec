/* judged's webhooks: the admin endpoints (/webhooks...) and the delivery thread that POSTs
 * signed deliveries from the outbox table webhook_deliveries (db/migrations/004_webhooks.sql;
 * docs/service.md, "Webhooks"). */
#pragma once

#include <microhttpd.h>
#include <stddef.h>

#include "base/buf.h"
#include "service/store.h"

/* Answer a request under /webhooks (seg[0] == "webhooks", n segments) for user u: writes the
 * JSON answer (an {"error":...} object on failure) to out and returns the HTTP status. */
int webhooks_route(struct MHD_Connection *c, struct store *s, const struct store_user *u, const char *method,
                   char **seg, int n, const char *body, size_t body_len, struct buf *out);

/* Start this process's delivery thread (processes with the api role). */
int webhooks_start(struct judge_error *err);
/* A submission's final result was just stored: deliver now rather than at the next poll (a
 * no-op without a delivery thread in this process). */
void webhooks_wake(void);
/* Stop the delivery thread: a delivery being sent finishes (at most --webhook-timeout-ms). */
void webhooks_stop(void);
