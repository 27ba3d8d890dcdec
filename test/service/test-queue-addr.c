/* queue_open's address parsing (lib/service/queue.c): the port of "host:port" and
 * "redis://host:port" goes through the checked parser, so a port with trailing text, a sign or
 * out of 1-65535 is refused with -EINVAL before any connection is tried. Needs no Redis. */
#include <errno.h>
#include <string.h>

#include "service/queue.h"
#include "tap.h"

int main(void) {
        const char *bad[] = { "127.0.0.1:abc", "127.0.0.1:6379x", "127.0.0.1:0", "127.0.0.1:65536",
                              "127.0.0.1:-1", "127.0.0.1:", "redis://127.0.0.1:99999999999999999999",
                              "127.0.0.1: 6379", "127.0.0.1:6379 ", NULL };
        for (int i = 0; bad[i]; i++) {
                struct queue *q = NULL;
                struct judge_error err = { 0 };
                int r = queue_open(bad[i], &q, &err);
                CHECK(r == -EINVAL && !q && strstr(err.msg, "bad redis address"), "'%s' refused: %s", bad[i],
                      err.msg);
                queue_free(q);
        }
        /* a good address gets as far as connecting: port 1 on loopback refuses */
        struct queue *q = NULL;
        struct judge_error err = { 0 };
        int r = queue_open("127.0.0.1:1", &q, &err);
        CHECK(r == -ECONNREFUSED && strstr(err.msg, "redis at 127.0.0.1:1"), "'127.0.0.1:1' is parsed: %s",
              err.msg);
        queue_free(q);
        return tap_done();
}
