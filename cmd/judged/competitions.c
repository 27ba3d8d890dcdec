/* GET /competitions and POST /competitions/{id}/unfreeze (the rest of the competition
 * endpoints are in api.c). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/parse.h"
#include "judged.h"
#include "service/leaderboard.h"

/* A number PostgreSQL wrote, through the checked parser (0 if it is not one). */
static double pg_number(const char *v) {
        double d = 0;
        return v && parse_double(v, -1e18, 1e18, &d) >= 0 ? d : 0;
}

/* {"error":msg} into out (reset first); returns status, with Retry-After for a 503. */
static int fail(struct buf *out, long *retry_after, int code, const struct judge_error *err) {
        bool down = code == -ECONNREFUSED || code == -ECONNRESET || code == -EAGAIN || code == -EBUSY;
        const char *msg = err && err->msg[0] ? err->msg : strerror(-code);
        json_error(out, msg);
        if (down)
                *retry_after = code == -EAGAIN || code == -EBUSY ? 1 : 5;
        return down ? 503 : 500;
}

int competitions_list(struct store *s, const struct store_user *u, struct buf *out, long *retry_after) {
        char uid[24];
        snprintf(uid, sizeof uid, "%lld", u->id);
        const char *p[] = { uid };
        long rows = 0;
        struct judge_error err = { 0 };
        int r = store_exec(s,
                           "SELECT c.id, c.title, extract(epoch from c.starts_at), extract(epoch from c.ends_at), "
                           "c.freeze_minutes, c.unfrozen, "
                           "(SELECT count(*) FROM entries e WHERE e.competition_id = c.id), "
                           "EXISTS (SELECT 1 FROM entries e WHERE e.competition_id = c.id AND e.user_id = $1) "
                           "FROM competitions c ORDER BY c.starts_at DESC, c.id DESC",
                           1, p, &rows, &err);
        if (r < 0)
                return fail(out, retry_after, r, &err);
        double now = (double) time(NULL);
        buf_puts(out, "{\"competitions\":[");
        for (long i = 0; i < rows; i++) {
                struct store_competition c = { 0 };
                const char *title = store_last_value(s, (int) i, 1);
                c.starts_at = pg_number(store_last_value(s, (int) i, 2));
                c.ends_at = pg_number(store_last_value(s, (int) i, 3));
                c.freeze_minutes = (long) pg_number(store_last_value(s, (int) i, 4));
                c.unfrozen = strcmp(store_last_value(s, (int) i, 5), "t") == 0;
                buf_printf(out, "%s{\"id\":%s,\"title\":", i ? "," : "", store_last_value(s, (int) i, 0));
                buf_json_string(out, title, strlen(title));
                buf_printf(out, ",\"starts_at\":%.0f,\"ends_at\":%.0f,\"freeze_at\":", c.starts_at, c.ends_at);
                if (c.freeze_minutes > 0)
                        buf_printf(out, "%.0f", leaderboard_freeze_at(&c));
                else
                        buf_puts(out, "null");
                buf_printf(out, ",\"frozen\":%s,\"joined\":%s,\"participants\":%s}",
                           leaderboard_frozen(&c, now) ? "true" : "false",
                           strcmp(store_last_value(s, (int) i, 7), "t") == 0 ? "true" : "false",
                           store_last_value(s, (int) i, 6));
        }
        if (buf_puts(out, "]}") < 0)
                return fail(out, retry_after, -ENOMEM, NULL);
        return 200;
}

int competitions_unfreeze(struct store *s, struct queue *q, long long id, struct buf *out, long *retry_after) {
        struct judge_error err = { 0 };
        int r = store_competition_unfreeze(s, id, &err);
        if (r == -ENOENT) {
                buf_reset(out);
                buf_printf(out, "{\"error\":\"no competition %lld\"}", id);
                return 404;
        }
        if (r < 0)
                return fail(out, retry_after, r, &err);
        /* also when it was unfrozen already: a retry after a Redis failure finishes the job */
        r = leaderboard_unfreeze(s, q, id, &err);
        api_competition_changed(id); /* this process's next reader sees it at once */
        if (r < 0)
                return fail(out, retry_after, r, &err);
        buf_printf(out, "{\"competition\":%lld,\"frozen\":false}", id);
        return 200;
}
