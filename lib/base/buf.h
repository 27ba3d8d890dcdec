/* A growable byte buffer with a hard cap, for everything filled from outside (engine responses,
 * user output, HTTP bodies) and everything the judge writes (JSON, glue code, SQL).
 *
 * Its error is sticky, as in curl's dynbuf: the first append that fails (the cap hit, or no
 * memory) is remembered in err, keeps what fits of its bytes, and makes every later append a
 * no-op that returns the same error, until buf_reset. So a writer appends freely and checks
 * once at the end (buf_err, or the last append's return), and never hands on a text with a hole
 * in the middle. The buffer stays valid and NUL-terminated throughout. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/macro.h"

struct buf {
        char *data;       /* NUL-terminated when non-NULL */
        size_t len;
        size_t alloc;
        size_t max;       /* cap on len; 0 means 64 MiB */
        bool truncated;   /* an append hit the cap */
        int err;          /* 0, or the first append's failure (-ENOBUFS, -ENOMEM, -EINVAL): sticky */
};

void buf_init(struct buf *b, size_t max);
/* Append n bytes; returns 0, or -ENOBUFS if the cap was hit (the part that fits is kept),
 * or -ENOMEM; after any failure, that failure again (nothing is appended). */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) _printf_(2, 3);
/* Append s as a JSON string literal, quotes included. Invalid UTF-8 bytes become U+FFFD. */
int buf_json_string(struct buf *b, const char *s, size_t n);
/* The sticky error: 0 if every append since init/reset succeeded, else the first failure. */
static inline int buf_err(const struct buf *b) {
        return b->err;
}
/* Give the data to the caller (never NULL: an empty buffer yields ""); the buffer is reset. */
char *buf_steal(struct buf *b);
/* Empty the buffer and clear its error (keeps the allocation and the cap). */
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
static inline void buf_freep(struct buf *b) {
        buf_free(b);
}
#define _cleanup_buf_ _cleanup_(buf_freep)
