/* A growable byte buffer with a hard cap, for everything filled from outside (engine responses,
 * user output, HTTP bodies). Appending past the cap fails with -ENOBUFS and keeps what fits
 * out: the buffer stays valid and NUL-terminated. */
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
};

void buf_init(struct buf *b, size_t max);
/* Append n bytes; returns 0, or -ENOBUFS if the cap was hit (the part that fits is kept),
 * or -ENOMEM. */
int buf_append(struct buf *b, const void *p, size_t n) _warn_unused_;
int buf_puts(struct buf *b, const char *s) _warn_unused_;
int buf_printf(struct buf *b, const char *fmt, ...) _printf_(2, 3) _warn_unused_;
/* Append s as a JSON string literal, quotes included. Invalid UTF-8 bytes become U+FFFD. */
int buf_json_string(struct buf *b, const char *s, size_t n) _warn_unused_;
/* Give the data to the caller (never NULL: an empty buffer yields ""); the buffer is reset. */
char *buf_steal(struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
static inline void buf_freep(struct buf *b) {
        buf_free(b);
}
#define _cleanup_buf_ _cleanup_(buf_freep)
