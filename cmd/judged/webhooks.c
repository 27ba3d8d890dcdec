/* Webhooks: admins register URLs; when a submission finishes, the statement that stores its
 * final result also writes one delivery row per matching webhook (a trigger, same transaction:
 * db/migrations/004_webhooks.sql). Each judged with the api role runs SENDERS (4) delivery
 * threads, which claim due rows (UPDATE ... FOR UPDATE SKIP LOCKED and a lease, so two senders,
 * of one process or of two, never send one delivery at the same time), POSTs them with libcurl, signed with HMAC-SHA256 over
 * "timestamp.body", and records the outcome: delivered on a 2xx, else retried with a doubling
 * backoff until --webhook-attempts, then failed. */
#include "webhooks.h"

#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <yajl/yajl_tree.h>

#include "base/clock.h"
#include "base/hmac.h"
#include "base/parse.h"
#include "config.h"
#include "judged.h"
#include "service/cleanup.h"

#define EVENT_FINISHED "submission.finished"
#define URL_MAX 2048
#define RESPONSE_MAX 4096 /* bytes of a receiver's answer read; the rest is not */
#define POLL_MS 500       /* the outbox is polled this often when nothing wakes the thread */

/* ---- answers ---- */

static int error_reply(struct buf *out, int status, const char *fmt, ...) _printf_(3, 4);
static int error_reply(struct buf *out, int status, const char *fmt, ...) {
        char msg[600];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        json_error(out, msg);
        return status;
}

static int failure_reply(struct buf *out, int code, const struct judge_error *err) {
        bool down = code == -ECONNREFUSED || code == -ECONNRESET;
        return error_reply(out, down ? 503 : 500, "%s", err->msg[0] ? err->msg : strerror(-code));
}

/* An epoch-seconds column (text from PostgreSQL) as a JSON number with milliseconds, or null. */
static void json_epoch(struct buf *b, const char *v) {
        if (v && *v)
                buf_printf(b, "%.3f", strtod(v, NULL));
        else
                buf_puts(b, "null");
}

static void json_text(struct buf *b, const char *v) {
        if (v)
                buf_json_string(b, v, strlen(v));
        else
                buf_puts(b, "null");
}

/* An integer column as a JSON number, or null. */
static void json_int(struct buf *b, const char *v) {
        long long x = 0;
        if (v && parse_long_long(v, LLONG_MIN, LLONG_MAX, &x) >= 0)
                buf_printf(b, "%lld", x);
        else
                buf_puts(b, "null");
}

/* ---- validation ---- */

/* An absolute http:// or https:// URL with a host, at most URL_MAX bytes, no spaces or control
 * characters. false with the reason in why. */
static bool valid_url(const char *url, char *why, size_t why_len) {
        size_t n = strlen(url);
        if (n == 0 || n > URL_MAX) {
                snprintf(why, why_len, "\"url\": 1 to %d bytes", URL_MAX);
                return false;
        }
        for (const unsigned char *p = (const unsigned char *) url; *p; p++)
                if (*p <= 0x20 || *p >= 0x7f) {
                        snprintf(why, why_len, "\"url\": no spaces, control or non-ASCII characters (percent-encode them)");
                        return false;
                }
        CURLU *h = curl_url();
        char *scheme = NULL, *host = NULL;
        bool ok = h && curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK &&
                  curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
                  curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK;
        if (!ok)
                snprintf(why, why_len, "\"url\": not an absolute URL with a host");
        else if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
                snprintf(why, why_len, "\"url\": http or https only, not %s", scheme);
                ok = false;
        } else if (!host[0]) {
                snprintf(why, why_len, "\"url\": no host");
                ok = false;
        }
        curl_free(scheme);
        curl_free(host);
        curl_url_cleanup(h);
        return ok;
}

static int random_hex(char *out, size_t bytes) {
        unsigned char r[64];
        if (bytes > sizeof r)
                return -EINVAL;
        size_t got = 0;
        while (got < bytes) {
                ssize_t k = getrandom(r + got, bytes - got, 0);
                if (k < 0 && errno == EINTR)
                        continue;
                if (k <= 0)
                        return k < 0 ? -errno : -EIO;
                got += (size_t) k;
        }
        for (size_t i = 0; i < bytes; i++)
                sprintf(out + 2 * i, "%02x", r[i]);
        explicit_bzero(r, sizeof r);
        return 0;
}

/* ---- handlers ---- */

static yajl_val body_field(yajl_val obj, const char *name) {
        for (size_t i = 0; i < obj->u.object.len; i++)
                if (strcmp(obj->u.object.keys[i], name) == 0)
                        return obj->u.object.values[i];
        return NULL;
}

static int post_webhook(struct store *s, const struct store_user *u, const char *body, size_t len, struct buf *out) {
        if (!body || len == 0)
                return error_reply(out, 400, "a JSON body is required");
        char ebuf[256];
        _cleanup_yajl_val_ yajl_val v = json_parse_bounded(body, len, 8, ebuf, sizeof ebuf);
        if (!v)
                return error_reply(out, 400, "malformed JSON: %s", ebuf);
        if (!YAJL_IS_OBJECT(v))
                return error_reply(out, 400, "the body must be a JSON object");
        yajl_val url = body_field(v, "url"), events = body_field(v, "events");
        if (!url || !YAJL_IS_STRING(url))
                return error_reply(out, 400, "\"url\" (a string) is required");
        char why[200];
        if (!valid_url(url->u.string, why, sizeof why))
                return error_reply(out, 400, "%s", why);
        /* events: the known names, at least one; absent means every event (there is one) */
        if (events && (!YAJL_IS_ARRAY(events) || events->u.array.len == 0))
                return error_reply(out, 400, "\"events\": a non-empty array of event names (\"" EVENT_FINISHED "\")");
        for (size_t i = 0; events && i < events->u.array.len; i++) {
                yajl_val e = events->u.array.values[i];
                if (!YAJL_IS_STRING(e) || strcmp(e->u.string, EVENT_FINISHED) != 0)
                        return error_reply(out, 400, "\"events\": unknown event %.64s (known: \"" EVENT_FINISHED "\")",
                                           YAJL_IS_STRING(e) ? e->u.string : "(not a string)");
        }
        char secret[65];
        int r = random_hex(secret, 32);
        if (r < 0)
                return error_reply(out, 500, "getrandom: %s", strerror(-r));
        char by[24];
        snprintf(by, sizeof by, "%lld", u->id);
        struct judge_error err = { 0 };
        const char *p[] = { url->u.string, "{" EVENT_FINISHED "}", secret, by };
        r = store_exec(s,
                       "INSERT INTO webhooks (url, events, secret, created_by) VALUES ($1, $2, $3, $4) "
                       "RETURNING id, array_to_json(events), extract(epoch from created_at)",
                       4, p, NULL, &err);
        if (r < 0)
                return failure_reply(out, r, &err);
        buf_printf(out, "{\"id\":%s,\"url\":", store_last_value(s, 0, 0));
        json_text(out, url->u.string);
        buf_printf(out, ",\"events\":%s,\"secret\":\"%s\",\"created_at\":", store_last_value(s, 0, 1), secret);
        json_epoch(out, store_last_value(s, 0, 2));
        r = buf_puts(out, "}");
        explicit_bzero(secret, sizeof secret);
        return r < 0 ? 500 : 201;
}

static int get_webhooks(struct store *s, struct buf *out) {
        struct judge_error err = { 0 };
        long rows = 0;
        int r = store_exec(s,
                           "SELECT id, url, array_to_json(events), extract(epoch from created_at) FROM webhooks "
                           "ORDER BY id",
                           0, NULL, &rows, &err);
        if (r < 0)
                return failure_reply(out, r, &err);
        buf_puts(out, "{\"webhooks\":[");
        for (int i = 0; i < (int) rows; i++) {
                buf_printf(out, "%s{\"id\":%s,\"url\":", i ? "," : "", store_last_value(s, i, 0));
                json_text(out, store_last_value(s, i, 1));
                buf_printf(out, ",\"events\":%s,\"created_at\":", store_last_value(s, i, 2));
                json_epoch(out, store_last_value(s, i, 3));
                buf_puts(out, "}");
        }
        return buf_puts(out, "]}") < 0 ? 500 : 200;
}

static int delete_webhook(struct store *s, long long id, struct buf *out) {
        char i[24];
        snprintf(i, sizeof i, "%lld", id);
        struct judge_error err = { 0 };
        long rows = 0;
        /* its deliveries go with it (ON DELETE CASCADE): nothing pending is sent afterwards */
        int r = store_exec(s, "DELETE FROM webhooks WHERE id = $1", 1, (const char *[]){ i }, &rows, &err);
        if (r < 0)
                return failure_reply(out, r, &err);
        if (rows == 0)
                return error_reply(out, 404, "no webhook %lld", id);
        return buf_printf(out, "{\"id\":%lld,\"deleted\":true}", id) < 0 ? 500 : 200;
}

static int get_deliveries(struct MHD_Connection *c, struct store *s, long long id, struct buf *out) {
        long limit = 50;
        const char *lv = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit");
        if (lv && parse_long(lv, 1, 1000, &limit) < 0)
                return error_reply(out, 400, "query parameter limit=%.32s: an integer from 1 to 1000", lv);
        char i[24], l[24];
        snprintf(i, sizeof i, "%lld", id);
        snprintf(l, sizeof l, "%ld", limit);
        struct judge_error err = { 0 };
        long rows = 0;
        int r = store_exec(s, "SELECT 1 FROM webhooks WHERE id = $1", 1, (const char *[]){ i }, &rows, &err);
        if (r < 0)
                return failure_reply(out, r, &err);
        if (rows == 0)
                return error_reply(out, 404, "no webhook %lld", id);
        r = store_exec(s,
                       "SELECT id, event, submission_id, status, attempts, last_status_code, last_error, "
                       "CASE WHEN status = 'pending' THEN extract(epoch from next_at) END, "
                       "extract(epoch from created_at), extract(epoch from delivered_at) "
                       "FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2",
                       2, (const char *[]){ i, l }, &rows, &err);
        if (r < 0)
                return failure_reply(out, r, &err);
        buf_puts(out, "{\"deliveries\":[");
        for (int k = 0; k < (int) rows; k++) {
                buf_printf(out, "%s{\"id\":%s,\"event\":", k ? "," : "", store_last_value(s, k, 0));
                json_text(out, store_last_value(s, k, 1));
                buf_printf(out, ",\"submission\":%s,\"status\":\"%s\",\"attempts\":%s,\"last_status_code\":",
                           store_last_value(s, k, 2), store_last_value(s, k, 3), store_last_value(s, k, 4));
                json_int(out, store_last_value(s, k, 5));
                buf_puts(out, ",\"last_error\":");
                json_text(out, store_last_value(s, k, 6));
                buf_puts(out, ",\"next_at\":");
                json_epoch(out, store_last_value(s, k, 7));
                buf_puts(out, ",\"created_at\":");
                json_epoch(out, store_last_value(s, k, 8));
                buf_puts(out, ",\"delivered_at\":");
                json_epoch(out, store_last_value(s, k, 9));
                buf_puts(out, "}");
        }
        return buf_puts(out, "]}") < 0 ? 500 : 200;
}

static bool parse_webhook_id(const char *s, long long *ret) {
        return s && *s && strlen(s) <= 18 && !s[strspn(s, "0123456789")] &&
               parse_long_long(s, 1, LLONG_MAX, ret) >= 0;
}

int webhooks_route(struct MHD_Connection *c, struct store *s, const struct store_user *u, const char *method,
                   char **seg, int n, const char *body, size_t body_len, struct buf *out) {
        bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
        bool post = strcmp(method, "POST") == 0, del = strcmp(method, "DELETE") == 0;
        long long id = 0;
        bool known = (n == 1 && (get || post)) || (n == 2 && del) ||
                     (n == 3 && get && strcmp(seg[2], "deliveries") == 0);
        if (!known)
                return error_reply(out, 404, "no such endpoint: %s under /webhooks", method);
        if (!u->admin)
                return error_reply(out, 403, "this endpoint is for administrators");
        if (n >= 2 && !parse_webhook_id(seg[1], &id))
                return error_reply(out, 400, "bad webhook id '%.32s'", seg[1]);
        if (n == 1)
                return post ? post_webhook(s, u, body, body_len, out) : get_webhooks(s, out);
        if (n == 2)
                return delete_webhook(s, id, out);
        return get_deliveries(c, s, id, out);
}

/* ---- delivery ---- */

/* Senders per process: a slow or hanging receiver (up to --webhook-timeout-ms per attempt)
 * holds one of them, not every delivery behind it. */
#define SENDERS 4
static pthread_t sender_tids[SENDERS];
static size_t n_senders;
static atomic_bool sender_started;
static atomic_int sender_stop;
static pthread_mutex_t wake_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake_cond;
static bool wake_flag;

void webhooks_wake(void) {
        if (!atomic_load(&sender_started))
                return;
        pthread_mutex_lock(&wake_lock);
        wake_flag = true;
        pthread_cond_signal(&wake_cond);
        pthread_mutex_unlock(&wake_lock);
}

static void wait_wake(long ms) {
        struct timespec ts = clock_after_ms(CLOCK_MONOTONIC, ms);
        pthread_mutex_lock(&wake_lock);
        while (!wake_flag && !atomic_load(&sender_stop))
                if (pthread_cond_timedwait(&wake_cond, &wake_lock, &ts) == ETIMEDOUT)
                        break;
        wake_flag = false;
        pthread_mutex_unlock(&wake_lock);
}

struct response {
        char text[RESPONSE_MAX + 1];
        size_t len;
        bool truncated;
};

/* The receiver's answer: its first RESPONSE_MAX bytes are kept, then the transfer ends. */
static size_t on_response(char *p, size_t size, size_t nmemb, void *userdata) {
        struct response *r = userdata;
        size_t n = size * nmemb, room = RESPONSE_MAX - r->len;
        memcpy(r->text + r->len, p, n < room ? n : room);
        r->len += n < room ? n : room;
        r->text[r->len] = 0;
        if (n > room) {
                r->truncated = true;
                return 0; /* CURLE_WRITE_ERROR: enough of it */
        }
        return n;
}

/* POST one delivery. Returns the HTTP status (0 when there was none) with why set when it is
 * not a 2xx. */
static long send_delivery(const char *url, const char *secret, const char *delivery_id, const char *event,
                          const struct buf *body, char *why, size_t why_len) {
        char ts[24], sig[80], hex[65];
        snprintf(ts, sizeof ts, "%lld", (long long) time(NULL));
        uint8_t mac[32];
        hmac_sha256_parts(secret, strlen(secret), 3, (const void *const[]){ ts, ".", body->data },
                          (const size_t[]){ strlen(ts), 1, body->len }, mac);
        for (size_t i = 0; i < sizeof mac; i++)
                sprintf(hex + 2 * i, "%02x", mac[i]);
        snprintf(sig, sizeof sig, "sha256=%s", hex);
        char h_event[128], h_id[64], h_ts[64], h_sig[128];
        snprintf(h_event, sizeof h_event, "X-Judge-Event: %s", event);
        snprintf(h_id, sizeof h_id, "X-Judge-Delivery: %s", delivery_id);
        snprintf(h_ts, sizeof h_ts, "X-Judge-Timestamp: %s", ts);
        snprintf(h_sig, sizeof h_sig, "X-Judge-Signature: %s", sig);
        struct curl_slist *hdrs = NULL;
        const char *lines[] = { "Content-Type: application/json", h_event, h_id, h_ts, h_sig,
                                "Expect:" /* no 100-continue round trip */ };
        for (size_t i = 0; i < ELEMENTSOF(lines); i++) {
                struct curl_slist *t = curl_slist_append(hdrs, lines[i]);
                if (!t) {
                        curl_slist_free_all(hdrs);
                        snprintf(why, why_len, "out of memory");
                        return 0;
                }
                hdrs = t;
        }
        CURL *h = curl_easy_init();
        if (!h) {
                curl_slist_free_all(hdrs);
                snprintf(why, why_len, "curl_easy_init failed");
                return 0;
        }
        struct response resp = { .len = 0 };
        char ebuf[CURL_ERROR_SIZE] = "";
        curl_easy_setopt(h, CURLOPT_URL, url);
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L); /* a 3xx is an answer, not followed */
        curl_easy_setopt(h, CURLOPT_PROXY, "");           /* no proxy from the environment */
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, cfg.webhook_timeout_ms);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, cfg.webhook_timeout_ms);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body->data);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long) body->len);
        curl_easy_setopt(h, CURLOPT_USERAGENT, "judged/" JUDGE_VERSION);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_response);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &resp);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
        CURLcode rc = curl_easy_perform(h);
        long code = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
        curl_easy_cleanup(h);
        curl_slist_free_all(hdrs);
        if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && resp.truncated)) {
                snprintf(why, why_len, "%s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
                return code;
        }
        if (code >= 200 && code < 300)
                return code;
        /* the start of the answer, printable ASCII only (it goes into a text column) */
        char snippet[201];
        size_t k = 0;
        for (size_t i = 0; i < resp.len && k < sizeof snippet - 1; i++)
                snippet[k++] = resp.text[i] >= 0x20 && resp.text[i] < 0x7f ? resp.text[i] : ' ';
        snippet[k] = 0;
        snprintf(why, why_len, "HTTP %ld%s%s", code, k ? ": " : "", snippet);
        return code;
}

/* The delivery's body, from the claimed row's columns 5.. (see claim_sql). */
static int render_body(struct store *s, struct buf *b) {
        const char *did = store_last_value(s, 0, 0), *event = store_last_value(s, 0, 1);
        buf_puts(b, "{\"event\":");
        json_text(b, event);
        buf_printf(b, ",\"id\":%s,\"submission\":{\"id\":%s,\"problem\":", did, store_last_value(s, 0, 5));
        json_text(b, store_last_value(s, 0, 6));
        buf_printf(b, ",\"user\":{\"id\":%s,\"name\":", store_last_value(s, 0, 7));
        json_text(b, store_last_value(s, 0, 8));
        buf_puts(b, "},\"language\":");
        json_text(b, store_last_value(s, 0, 9));
        buf_puts(b, ",\"verdict\":");
        json_text(b, store_last_value(s, 0, 10));
        const char *t = store_last_value(s, 0, 11);
        if (t)
                buf_printf(b, ",\"runtime_ms\":%.3f", strtod(t, NULL));
        else
                buf_puts(b, ",\"runtime_ms\":null");
        buf_puts(b, ",\"memory_kb\":");
        json_int(b, store_last_value(s, 0, 12));
        buf_puts(b, ",\"passed\":");
        json_int(b, store_last_value(s, 0, 13));
        buf_puts(b, ",\"total\":");
        json_int(b, store_last_value(s, 0, 14));
        buf_puts(b, ",\"competition\":");
        json_int(b, store_last_value(s, 0, 15));
        buf_puts(b, ",\"finished_at\":");
        json_epoch(b, store_last_value(s, 0, 16));
        return buf_puts(b, "}}");
}

/* Claim one due delivery (a lease long enough for one send), send it, record the outcome.
 * 1: one was handled; 0: none is due; < 0: PostgreSQL failed. */
static int deliver_one(struct store *s) {
        char lease[24];
        snprintf(lease, sizeof lease, "%ld", cfg.webhook_timeout_ms * 2 + 5000);
        struct judge_error err = { 0 };
        long rows = 0;
        int r = store_exec(s,
                           "UPDATE webhook_deliveries d SET attempts = d.attempts + 1, "
                           "lease_until = now() + $1 * interval '1 millisecond' "
                           "FROM webhooks w, submissions s, users u "
                           "WHERE d.id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' "
                           "AND next_at <= now() AND (lease_until IS NULL OR lease_until < now()) "
                           "ORDER BY next_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
                           "AND w.id = d.webhook_id AND s.id = d.submission_id AND u.id = s.user_id "
                           "RETURNING d.id, d.event, d.attempts, w.url, w.secret, "
                           "s.id, s.problem_slug, s.user_id, u.name, s.language, s.verdict, s.time_ms, s.memory_kb, "
                           "s.passed, s.total, s.competition_id, extract(epoch from s.finished_at)",
                           1, (const char *[]){ lease }, &rows, &err);
        if (r < 0) {
                fprintf(stderr, "judged: webhooks: %s\n", err.msg);
                return r;
        }
        if (rows == 0)
                return 0;
        char id[24], event[64], url[URL_MAX + 1], secret[129];
        long attempts = 0;
        snprintf(id, sizeof id, "%s", store_last_value(s, 0, 0));
        snprintf(event, sizeof event, "%s", store_last_value(s, 0, 1));
        (void) parse_long(store_last_value(s, 0, 2), 0, INT_MAX, &attempts);
        snprintf(url, sizeof url, "%s", store_last_value(s, 0, 3));
        snprintf(secret, sizeof secret, "%s", store_last_value(s, 0, 4));
        struct buf body;
        buf_init(&body, 1 << 16);
        char why[400] = "";
        long code = 0;
        if (render_body(s, &body) < 0)
                snprintf(why, sizeof why, "the body could not be rendered");
        else
                code = send_delivery(url, secret, id, event, &body, why, sizeof why);
        buf_free(&body);
        explicit_bzero(secret, sizeof secret);
        bool ok = code >= 200 && code < 300 && !why[0];
        char c[16], max[16], base[24];
        snprintf(c, sizeof c, "%ld", code);
        snprintf(max, sizeof max, "%d", cfg.webhook_attempts);
        snprintf(base, sizeof base, "%ld", cfg.webhook_retry_ms);
        if (ok)
                r = store_exec(s,
                               "UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), "
                               "lease_until = NULL, last_status_code = $2, last_error = NULL "
                               "WHERE id = $1 AND status = 'pending'",
                               2, (const char *[]){ id, c }, NULL, &err);
        else
                /* the n-th failed attempt waits base * 2^(n-1) ms (at most a day) */
                r = store_exec(s,
                               "UPDATE webhook_deliveries SET lease_until = NULL, last_status_code = $2, "
                               "last_error = $3, "
                               "status = CASE WHEN attempts >= $4::int THEN 'failed' ELSE 'pending' END, "
                               "next_at = CASE WHEN attempts >= $4::int THEN next_at ELSE now() + "
                               "least($5::float8 * power(2, least(attempts - 1, 40)), 86400000) "
                               "* interval '1 millisecond' END "
                               "WHERE id = $1 AND status = 'pending' RETURNING status",
                               5, (const char *[]){ id, code ? c : NULL, why, max, base }, &rows, &err);
        if (r < 0) {
                /* the lease expires and the delivery is sent again: at least once */
                fprintf(stderr, "judged: webhooks: delivery %s: cannot record the outcome: %s\n", id, err.msg);
                return r;
        }
        if (!ok && rows == 1 && strcmp(store_last_value(s, 0, 0), "failed") == 0)
                fprintf(stderr, "judged: webhooks: delivery %s to %s failed after %ld attempts: %s\n", id, url,
                        attempts, why);
        return 1;
}

static void *sender_main(void *arg) {
        bool said = false;
        while (!atomic_load(&sender_stop)) {
                struct judge_error err = { 0 };
                struct store *s = thread_store(&err);
                if (!s) {
                        if (!said)
                                fprintf(stderr, "judged: webhooks: %s (retrying)\n", err.msg);
                        said = true;
                        wait_wake(1000);
                        continue;
                }
                said = false;
                int r = deliver_one(s);
                if (r < 0)
                        wait_wake(1000);
                else if (r == 0)
                        wait_wake(POLL_MS);
                else
                        webhooks_wake(); /* there may be more: a sleeping sender joins in */
        }
        thread_connections_close();
        return NULL;
}

int webhooks_start(struct judge_error *err) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        pthread_condattr_t ca;
        pthread_condattr_init(&ca);
        pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
        pthread_cond_init(&wake_cond, &ca);
        pthread_condattr_destroy(&ca);
        for (n_senders = 0; n_senders < SENDERS; n_senders++) {
                int r = pthread_create(&sender_tids[n_senders], NULL, sender_main, NULL);
                if (r != 0) {
                        judge_err(err, -r, "webhooks: cannot start a delivery thread: %s", strerror(r));
                        atomic_store(&sender_started, true);
                        webhooks_stop();
                        return -r;
                }
        }
        atomic_store(&sender_started, true);
        return 0;
}

void webhooks_stop(void) {
        if (!sender_started)
                return;
        atomic_store(&sender_stop, 1);
        pthread_mutex_lock(&wake_lock);
        pthread_cond_broadcast(&wake_cond);
        pthread_mutex_unlock(&wake_lock);
        for (size_t i = 0; i < n_senders; i++)
                pthread_join(sender_tids[i], NULL);
        n_senders = 0;
        atomic_store(&sender_started, false);
}
