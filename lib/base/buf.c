#include "base/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

#define BUF_DEFAULT_MAX ((size_t) 64 << 20)

void buf_init(struct buf *b, size_t max) {
        *b = (struct buf){ .max = max ? max : BUF_DEFAULT_MAX };
}

static size_t buf_cap(const struct buf *b) {
        return b->max ? b->max : BUF_DEFAULT_MAX;
}

static int buf_reserve(struct buf *b, size_t extra) {
        size_t need = b->len + extra + 1;
        if (need <= b->alloc)
                return 0;
        size_t n = b->alloc ? b->alloc : 256;
        while (n < need)
                n *= 2;
        char *p = realloc(b->data, n);
        if (!p)
                return -ENOMEM;
        b->data = p;
        b->alloc = n;
        return 0;
}

static int buf_fail(struct buf *b, int r) {
        if (!b->err)
                b->err = r;
        return b->err;
}

int buf_append(struct buf *b, const void *p, size_t n) {
        if (b->err)
                return b->err;
        int r = 0;
        size_t room = buf_cap(b) - b->len;
        if (n > room) {
                n = room;
                b->truncated = true;
                r = -ENOBUFS;
        }
        if (buf_reserve(b, n) < 0)
                return buf_fail(b, -ENOMEM);
        if (n)
                memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = 0;
        return r < 0 ? buf_fail(b, r) : 0;
}

int buf_puts(struct buf *b, const char *s) {
        return buf_append(b, s, strlen(s));
}

int buf_printf(struct buf *b, const char *fmt, ...) {
        if (b->err)
                return b->err;
        char small[512];
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(small, sizeof small, fmt, ap);
        va_end(ap);
        if (n < 0)
                return buf_fail(b, -EINVAL);
        if ((size_t) n < sizeof small)
                return buf_append(b, small, (size_t) n);
        char *big = malloc((size_t) n + 1);
        if (!big)
                return buf_fail(b, -ENOMEM);
        va_start(ap, fmt);
        vsnprintf(big, (size_t) n + 1, fmt, ap);
        va_end(ap);
        int r = buf_append(b, big, (size_t) n);
        free(big);
        return r;
}

int buf_json_string(struct buf *b, const char *s, size_t n) {
        const unsigned char *u = (const unsigned char *) s;
        int r = buf_append(b, "\"", 1);
        for (size_t i = 0; i < n && r >= 0;) {
                unsigned char c = u[i];
                if (c == '"' || c == '\\') {
                        char esc[2] = { '\\', (char) c };
                        r = buf_append(b, esc, 2);
                        i++;
                } else if (c < 0x20 || c == 0x7f) {
                        switch (c) {
                        case '\n': r = buf_append(b, "\\n", 2); break;
                        case '\t': r = buf_append(b, "\\t", 2); break;
                        case '\r': r = buf_append(b, "\\r", 2); break;
                        default: r = buf_printf(b, "\\u%04x", c); break;
                        }
                        i++;
                } else {
                        size_t l = utf8_decode(u + i, n - i, NULL);
                        if (l == 0) {
                                r = buf_append(b, "\\ufffd", 6);
                                i++;
                        } else {
                                r = buf_append(b, u + i, l);
                                i += l;
                        }
                }
        }
        if (r >= 0)
                r = buf_append(b, "\"", 1);
        return r;
}

char *buf_steal(struct buf *b) {
        char *p = b->data;
        if (!p)
                p = strdup("");
        size_t max = b->max;
        *b = (struct buf){ .max = max };
        return p;
}

void buf_reset(struct buf *b) {
        b->len = 0;
        b->truncated = false;
        b->err = 0;
        if (b->data)
                b->data[0] = 0;
}

void buf_free(struct buf *b) {
        free(b->data);
        size_t max = b->max;
        *b = (struct buf){ .max = max };
}
