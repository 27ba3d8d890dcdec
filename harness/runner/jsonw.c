/* JSON output and validation for the runner (see jsonw.h). */
#include "jsonw.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool jsonw_reserve(struct jsonw *w, size_t extra) {
        if (w->oom)
                return false;
        if (w->len + extra + 1 <= w->alloc)
                return true;
        size_t want = w->alloc ? w->alloc : 4096;
        while (want < w->len + extra + 1) {
                if (want > SIZE_MAX / 2) {
                        w->oom = true;
                        return false;
                }
                want *= 2;
        }
        char *p = realloc(w->data, want);
        if (!p) {
                w->oom = true;
                return false;
        }
        w->data = p;
        w->alloc = want;
        return true;
}

void jsonw_raw(struct jsonw *w, const void *p, size_t n) {
        if (!jsonw_reserve(w, n))
                return;
        memcpy(w->data + w->len, p, n);
        w->len += n;
        w->data[w->len] = '\0';
}

void jsonw_puts(struct jsonw *w, const char *s) {
        jsonw_raw(w, s, strlen(s));
}

void jsonw_printf(struct jsonw *w, const char *fmt, ...) {
        char tmp[256];
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
        va_end(ap);
        if (n < 0)
                return;
        jsonw_raw(w, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

void jsonw_free(struct jsonw *w) {
        free(w->data);
        *w = (struct jsonw){0};
}

/* Length of the well-formed UTF-8 sequence at p (at most n bytes), or 0 if there is none. */
static size_t utf8_seq(const unsigned char *p, size_t n) {
        unsigned char c = p[0];
        size_t len;
        uint32_t cp;
        if (c < 0x80)
                return 1;
        if (c >= 0xc2 && c <= 0xdf) {
                len = 2;
                cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
                len = 3;
                cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
                len = 4;
                cp = c & 0x07;
        } else
                return 0;
        if (n < len)
                return 0;
        for (size_t i = 1; i < len; i++) {
                if ((p[i] & 0xc0) != 0x80)
                        return 0;
                cp = (cp << 6) | (p[i] & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
                return 0; /* overlong or out of range */
        if (cp >= 0xd800 && cp <= 0xdfff)
                return 0; /* surrogates are not characters */
        return len;
}

void jsonw_string(struct jsonw *w, const void *src, size_t n) {
        const unsigned char *p = src;
        /* Worst case 6 bytes out per byte in: reserve once, then write directly. */
        if (n > (SIZE_MAX - 2) / 6 || !jsonw_reserve(w, n * 6 + 2)) {
                w->oom = true;
                return;
        }
        char *o = w->data + w->len;
        *o++ = '"';
        size_t i = 0;
        while (i < n) {
                unsigned char c = p[i];
                if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                        *o++ = (char)c;
                        i++;
                        continue;
                }
                if (c < 0x80) {
                        *o++ = '\\';
                        switch (c) {
                        case '"':
                                *o++ = '"';
                                break;
                        case '\\':
                                *o++ = '\\';
                                break;
                        case '\n':
                                *o++ = 'n';
                                break;
                        case '\r':
                                *o++ = 'r';
                                break;
                        case '\t':
                                *o++ = 't';
                                break;
                        default:
                                o += sprintf(o, "u%04x", c);
                        }
                        i++;
                        continue;
                }
                size_t len = utf8_seq(p + i, n - i);
                if (len == 0) {
                        memcpy(o, "\xef\xbf\xbd", 3); /* U+FFFD for one bad byte */
                        o += 3;
                        i++;
                        continue;
                }
                memcpy(o, p + i, len);
                o += len;
                i += len;
        }
        *o++ = '"';
        *o = '\0';
        w->len = (size_t)(o - w->data);
}

/* A recursive-descent syntax check (RFC 8259), depth-capped so hostile input cannot blow the
 * runner's stack. */
struct jparse {
        const unsigned char *p;
        size_t n, i;
        int depth;
};

static void jp_ws(struct jparse *j) {
        while (j->i < j->n &&
               (j->p[j->i] == ' ' || j->p[j->i] == '\t' || j->p[j->i] == '\n' || j->p[j->i] == '\r'))
                j->i++;
}

static bool jp_string(struct jparse *j) {
        if (j->i >= j->n || j->p[j->i] != '"')
                return false;
        j->i++;
        while (j->i < j->n) {
                unsigned char c = j->p[j->i];
                if (c == '"') {
                        j->i++;
                        return true;
                }
                if (c < 0x20)
                        return false;
                if (c == '\\') {
                        if (++j->i >= j->n)
                                return false;
                        c = j->p[j->i];
                        if (c == 'u') {
                                if (j->n - j->i < 5)
                                        return false;
                                for (int k = 1; k <= 4; k++) {
                                        unsigned char h = j->p[j->i + k];
                                        if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') ||
                                              (h >= 'A' && h <= 'F')))
                                                return false;
                                }
                                j->i += 5;
                        } else if (strchr("\"\\/bfnrt", c) && c) {
                                j->i++;
                        } else
                                return false;
                        continue;
                }
                size_t len = utf8_seq(j->p + j->i, j->n - j->i);
                if (len == 0)
                        return false;
                j->i += len;
        }
        return false;
}

static bool jp_digits(struct jparse *j) {
        size_t start = j->i;
        while (j->i < j->n && j->p[j->i] >= '0' && j->p[j->i] <= '9')
                j->i++;
        return j->i > start;
}

static bool jp_number(struct jparse *j) {
        if (j->i < j->n && j->p[j->i] == '-')
                j->i++;
        if (j->i >= j->n)
                return false;
        if (j->p[j->i] == '0')
                j->i++;
        else if (!jp_digits(j))
                return false;
        if (j->i < j->n && j->p[j->i] == '.') {
                j->i++;
                if (!jp_digits(j))
                        return false;
        }
        if (j->i < j->n && (j->p[j->i] == 'e' || j->p[j->i] == 'E')) {
                j->i++;
                if (j->i < j->n && (j->p[j->i] == '+' || j->p[j->i] == '-'))
                        j->i++;
                if (!jp_digits(j))
                        return false;
        }
        return true;
}

static bool jp_literal(struct jparse *j, const char *lit) {
        size_t l = strlen(lit);
        if (j->n - j->i < l || memcmp(j->p + j->i, lit, l) != 0)
                return false;
        j->i += l;
        return true;
}

static bool jp_value(struct jparse *j);

static bool jp_container(struct jparse *j, char close, bool object) {
        if (++j->depth > 512)
                return false;
        j->i++; /* the opening bracket */
        jp_ws(j);
        if (j->i < j->n && j->p[j->i] == close) {
                j->i++;
                j->depth--;
                return true;
        }
        for (;;) {
                if (object) {
                        if (!jp_string(j))
                                return false;
                        jp_ws(j);
                        if (j->i >= j->n || j->p[j->i] != ':')
                                return false;
                        j->i++;
                }
                if (!jp_value(j))
                        return false;
                jp_ws(j);
                if (j->i >= j->n)
                        return false;
                if (j->p[j->i] == ',') {
                        j->i++;
                        jp_ws(j);
                        continue;
                }
                if (j->p[j->i] != close)
                        return false;
                j->i++;
                j->depth--;
                return true;
        }
}

static bool jp_value(struct jparse *j) {
        jp_ws(j);
        if (j->i >= j->n)
                return false;
        switch (j->p[j->i]) {
        case '{':
                return jp_container(j, '}', true);
        case '[':
                return jp_container(j, ']', false);
        case '"':
                return jp_string(j);
        case 't':
                return jp_literal(j, "true");
        case 'f':
                return jp_literal(j, "false");
        case 'n':
                return jp_literal(j, "null");
        default:
                return jp_number(j);
        }
}

bool jsonw_valid(const char *p, size_t n) {
        struct jparse j = {.p = (const unsigned char *)p, .n = n};
        if (!jp_value(&j))
                return false;
        jp_ws(&j);
        return j.i == n;
}

bool jsonw_valid_string(const char *p, size_t n) {
        struct jparse j = {.p = (const unsigned char *)p, .n = n};
        jp_ws(&j);
        if (!jp_string(&j))
                return false;
        jp_ws(&j);
        return j.i == n;
}
