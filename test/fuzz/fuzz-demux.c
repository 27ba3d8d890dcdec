/* Fuzz target for engine_demux, the parser of the engine's multiplexed log stream.
 *
 * Built with -DJUDGE_LIBFUZZER and -fsanitize=fuzzer it is a libFuzzer target; otherwise main()
 * (replay.c) replays every corpus file given as arguments (meson test, suite 'fuzz'). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct buf out, err, small;
        buf_init(&out, 1 << 20);
        buf_init(&err, 1 << 20);
        buf_init(&small, 7);

        int r = engine_demux(data, size, &out, &err);
        if (r < 0 && r != -ENOMEM)
                abort();
        /* Nothing is invented: what comes out is at most what went in. */
        if (out.len + err.len > size)
                abort();
        if ((out.data && out.data[out.len] != 0) || (err.data && err.data[err.len] != 0))
                abort();

        /* Fed in two pieces at every 37th split point: the same result. */
        for (size_t cut = 0; cut <= size; cut += 37) {
                struct engine_demuxer d;
                struct buf o2, e2;
                buf_init(&o2, 1 << 20);
                buf_init(&e2, 1 << 20);
                engine_demuxer_init(&d);
                if (engine_demuxer_feed(&d, data, cut, &o2, &e2) < 0 ||
                    engine_demuxer_feed(&d, data + cut, size - cut, &o2, &e2) < 0)
                        abort();
                int r2 = engine_demuxer_finish(&d);
                if (r2 != r || o2.len != out.len || e2.len != err.len ||
                    (out.len && memcmp(o2.data, out.data, out.len)) || (err.len && memcmp(e2.data, err.data, err.len)))
                        abort();
                buf_free(&o2);
                buf_free(&e2);
        }

        /* A tiny cap never overflows. */
        (void) engine_demux(data, size, &small, NULL);
        if (small.len > 7)
                abort();

        buf_free(&out);
        buf_free(&err);
        buf_free(&small);
        return 0;
}
