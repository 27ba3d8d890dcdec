/* Incremental JSON tokenizer; see jsonlex.h. */
#include "base/jsonlex.h"
#include "base/macro.h"
#include "base/utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Escape sub-states inside a string. */
enum {
        E_NONE,
        E_BSL,          /* after a backslash */
        E_U,            /* E_U + k: k hex digits of \uXXXX read */
        E_HS = E_U + 4, /* a high surrogate escape was read: what follows decides (yajl's rules) */
        E_HS_BSL,       /* ... and then a backslash */
        E_HS_U,         /* E_HS_U + k: k hex digits of the second escape read */
};

static int fail(struct jsonlex *x, size_t at, const char *fmt, ...) _printf_(3, 4);
static int fail(struct jsonlex *x, size_t at, const char *fmt, ...) {
        char what[120];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(what, sizeof what, fmt, ap);
        va_end(ap);
        snprintf(x->err, sizeof x->err, "%s at byte %zu", what, x->offset + at);
        x->st = JL_DONE;
        x->depth = -1; /* dead: jsonlex_feed refuses more */
        return -EBADMSG;
}

void jsonlex_init(struct jsonlex *x, const struct jsonlex_ops *ops, void *u, size_t max_token) {
        *x = (struct jsonlex){
                .ops = ops, .u = u, .st = JL_VALUE, .max_token = max_token ? max_token : 1 << 20};
}

void jsonlex_free(struct jsonlex *x) {
        free(x->num);
        x->num = NULL;
        x->num_alloc = x->num_len = 0;
}

void jsonlex_capture_next(struct jsonlex *x) {
        x->cap = 1;
}

static bool is_object(const struct jsonlex *x) {
        return x->depth > 0 && (x->kinds[(x->depth - 1) / 64] >> ((x->depth - 1) % 64) & 1);
}

/* JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool number_valid(const char *s, size_t n) {
        size_t i = 0;
        if (i < n && s[i] == '-')
                i++;
        if (i >= n)
                return false;
        if (s[i] == '0')
                i++;
        else if (s[i] >= '1' && s[i] <= '9')
                while (i < n && s[i] >= '0' && s[i] <= '9')
                        i++;
        else
                return false;
        if (i < n && s[i] == '.') {
                size_t d = ++i;
                while (i < n && s[i] >= '0' && s[i] <= '9')
                        i++;
                if (i == d)
                        return false;
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
                i++;
                if (i < n && (s[i] == '+' || s[i] == '-'))
                        i++;
                size_t d = i;
                while (i < n && s[i] >= '0' && s[i] <= '9')
                        i++;
                if (i == d)
                        return false;
        }
        return i == n;
}

static inline bool number_char(unsigned char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

static inline int hexval(unsigned char c) {
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -1;
}

/* Decoded string bytes: to the key buffer or to the string_data callback. */
static int emit(struct jsonlex *x, const char *p, size_t n) {
        if (n == 0)
                return 0;
        if (x->in_key) {
                size_t room = JSONLEX_KEY_MAX - x->key_len;
                if (n > room) {
                        n = room;
                        x->key_full = false;
                }
                memcpy(x->key + x->key_len, p, n);
                x->key_len += n;
                return 0;
        }
        return x->ops->string_data ? x->ops->string_data(x->u, p, n) : 0;
}

/* yajl's Utf32toUtf8: up to 4 bytes, '?' past 0x1FFFFF; a zero code point is one NUL byte. */
static int emit_cp(struct jsonlex *x, uint32_t cp) {
        char b[4];
        size_t n = utf8_encode(cp, b);
        if (!n)
                b[0] = '?', n = 1;
        return emit(x, b, n);
}

/* A UTF-8 lead byte: set up the continuation check (the runner's strict rules). */
static bool utf8_lead(struct jsonlex *x, unsigned char c) {
        x->utf8_lo = 0x80;
        x->utf8_hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
                x->utf8_left = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
                x->utf8_left = 2;
                if (c == 0xE0)
                        x->utf8_lo = 0xA0;
                if (c == 0xED)
                        x->utf8_hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
                x->utf8_left = 3;
                if (c == 0xF0)
                        x->utf8_lo = 0x90;
                if (c == 0xF4)
                        x->utf8_hi = 0x8F;
        } else
                return false;
        return true;
}

static const char *escape_of(unsigned char c) {
        switch (c) {
        case '"':
                return "\"";
        case '\\':
                return "\\";
        case '/':
                return "/";
        case 'b':
                return "\b";
        case 'f':
                return "\f";
        case 'n':
                return "\n";
        case 'r':
                return "\r";
        case 't':
                return "\t";
        default:
                return NULL;
        }
}

/* After a complete value at the current depth: flush a capture that ends here (end: index just
 * past the value in p), then set the next state. The completing event is the caller's. */
static int flush_capture_at_end(struct jsonlex *x, const char *p, size_t cap_from, size_t end) {
        if (x->cap == 2 && x->depth == x->cap_depth) {
                x->cap = 0;
                if (x->ops->raw && end > cap_from)
                        return x->ops->raw(x->u, p + cap_from, end - cap_from);
        }
        return 0;
}

static void after_value(struct jsonlex *x) {
        x->st = x->depth == 0 ? JL_DONE : JL_COMMA;
}

static int number_done(struct jsonlex *x, const char *text, size_t n, size_t at) {
        if (!number_valid(text, n))
                return fail(x, at, "malformed number");
        int r = x->ops->scalar ? x->ops->scalar(x->u, JSONLEX_NUMBER, text, n) : 0;
        after_value(x);
        return r;
}

static int num_append(struct jsonlex *x, const char *p, size_t n, size_t at) {
        if (x->num_len + n + 1 > x->max_token)
                return fail(x, at, "number longer than %zu bytes", x->max_token);
        if (x->num_len + n + 1 > x->num_alloc) {
                size_t a = x->num_alloc ? x->num_alloc : 64;
                while (a < x->num_len + n + 1)
                        a *= 2;
                char *q = realloc(x->num, a);
                if (!q)
                        return -ENOMEM;
                x->num = q;
                x->num_alloc = a;
        }
        memcpy(x->num + x->num_len, p, n);
        x->num_len += n;
        return 0;
}

int jsonlex_feed(struct jsonlex *x, const char *p, size_t n, size_t *ret_used) {
        const unsigned char *u = (const unsigned char *)p;
        size_t i = 0, cap_from = 0;
        int r = 0;
        if (x->depth < 0)
                return -EBADMSG;
        while (i < n && x->st != JL_DONE) {
                unsigned char c = u[i];
                switch (x->st) {
                case JL_STRING: {
                        size_t run = i;
                        for (;;) {
                                /* the plain bytes, fast */
                                if (x->esc == E_NONE && !x->utf8_left)
                                        while (i < n && u[i] >= 0x20 && u[i] < 0x80 && u[i] != '"' &&
                                               u[i] != '\\')
                                                i++;
                                if (i >= n)
                                        break;
                                c = u[i];
                                if (x->utf8_left) {
                                        if (c < x->utf8_lo || c > x->utf8_hi)
                                                return fail(x, i, "malformed UTF-8 in a string");
                                        x->utf8_lo = 0x80;
                                        x->utf8_hi = 0xBF;
                                        x->utf8_left--;
                                        i++;
                                        continue;
                                }
                                if (x->esc == E_NONE) {
                                        if (c == '"' || c == '\\') {
                                                if ((r = emit(x, p + run, i - run)) < 0)
                                                        return r;
                                                i++;
                                                run = i;
                                                if (c == '"')
                                                        goto string_end;
                                                x->esc = E_BSL;
                                                continue;
                                        }
                                        if (c < 0x20)
                                                return fail(x, i, "control character in a string");
                                        if (!utf8_lead(x, c))
                                                return fail(x, i, "malformed UTF-8 in a string");
                                        i++;
                                        continue;
                                }
                                /* inside an escape: nothing of the run is pending (run == i) */
                                if (x->esc == E_BSL || x->esc == E_HS_BSL) {
                                        bool after_hs = x->esc == E_HS_BSL;
                                        if (c == 'u') {
                                                x->esc = after_hs ? E_HS_U : E_U;
                                                x->cp = 0;
                                        } else {
                                                const char *e = escape_of(c);
                                                if (!e)
                                                        return fail(x, i, "invalid escape in a string");
                                                /* yajl: an unpaired high surrogate is "?" */
                                                if (after_hs && (r = emit(x, "?", 1)) < 0)
                                                        return r;
                                                if ((r = emit(x, e, 1)) < 0)
                                                        return r;
                                                x->esc = E_NONE;
                                        }
                                        i++;
                                        run = i;
                                        continue;
                                }
                                if (x->esc == E_HS) {
                                        if (c == '\\') {
                                                x->esc = E_HS_BSL;
                                                i++;
                                                run = i;
                                                continue;
                                        }
                                        /* an unpaired high surrogate is "?"; the byte after it
                                         * is read as usual */
                                        if ((r = emit(x, "?", 1)) < 0)
                                                return r;
                                        x->esc = E_NONE;
                                        continue;
                                }
                                /* hex digits of \uXXXX */
                                int h = hexval(c);
                                if (h < 0)
                                        return fail(x, i, "invalid \\u escape in a string");
                                x->cp = x->cp << 4 | (uint32_t)h;
                                i++;
                                run = i;
                                bool second = x->esc >= E_HS_U;
                                int k = x->esc - (second ? E_HS_U : E_U) + 1;
                                if (k < 4) {
                                        x->esc++;
                                        continue;
                                }
                                x->esc = E_NONE;
                                if (second) {
                                        uint32_t hi = x->hi, lo = x->cp;
                                        uint32_t cp = ((hi & 0x3F) << 10) | ((((hi >> 6) & 0xF) + 1) << 16) |
                                                      (lo & 0x3FF);
                                        if ((r = emit_cp(x, cp)) < 0)
                                                return r;
                                } else if ((x->cp & 0xFC00) == 0xD800) {
                                        x->hi = x->cp;
                                        x->esc = E_HS;
                                } else if ((r = emit_cp(x, x->cp)) < 0)
                                        return r;
                        }
                        /* the piece ended inside the string */
                        if ((r = emit(x, p + run, i - run)) < 0)
                                return r;
                        break;
                string_end:
                        if (x->in_key) {
                                x->in_key = false;
                                x->st = JL_COLON;
                                if (x->ops->key &&
                                    (r = x->ops->key(x->u, x->key, x->key_len, x->key_full)) < 0)
                                        return r;
                                break;
                        }
                        if ((r = flush_capture_at_end(x, p, cap_from, i)) < 0)
                                return r;
                        after_value(x);
                        if (x->ops->string_end && (r = x->ops->string_end(x->u)) < 0)
                                return r;
                        break;
                }
                case JL_NUMBER: {
                        size_t s = i;
                        while (i < n && number_char(u[i]))
                                i++;
                        if ((r = num_append(x, p + s, i - s, s)) < 0)
                                return r;
                        if (i < n) {
                                if ((r = flush_capture_at_end(x, p, cap_from, i)) < 0)
                                        return r;
                                if ((r = number_done(x, x->num, x->num_len, i)) < 0)
                                        return r;
                        }
                        break;
                }
                case JL_LITERAL: {
                        while (i < n && x->lit[x->lit_pos]) {
                                if ((char)u[i] != x->lit[x->lit_pos])
                                        return fail(x, i, "invalid literal");
                                i++;
                                x->lit_pos++;
                        }
                        if (!x->lit[x->lit_pos]) {
                                enum jsonlex_scalar k = x->lit[0] == 'n'   ? JSONLEX_NULL
                                                        : x->lit[0] == 't' ? JSONLEX_TRUE
                                                                           : JSONLEX_FALSE;
                                if ((r = flush_capture_at_end(x, p, cap_from, i)) < 0)
                                        return r;
                                after_value(x);
                                if (x->ops->scalar &&
                                    (r = x->ops->scalar(x->u, k, x->lit, strlen(x->lit))) < 0)
                                        return r;
                        }
                        break;
                }
                default:
                        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                                i++;
                                break;
                        }
                        switch (x->st) {
                        case JL_KEY:
                                if (c == '}' && x->allow_close)
                                        goto close;
                                if (c != '"')
                                        return fail(x, i, "expected an object key");
                                x->allow_close = false;
                                x->in_key = true;
                                x->key_len = 0;
                                x->key_full = true;
                                x->esc = E_NONE;
                                x->st = JL_STRING;
                                i++;
                                break;
                        case JL_COLON:
                                if (c != ':')
                                        return fail(x, i, "expected ':'");
                                x->st = JL_VALUE;
                                i++;
                                break;
                        case JL_COMMA:
                                if (c == ']' || c == '}')
                                        goto close;
                                if (c != ',')
                                        return fail(x, i, "expected ',' or a closing bracket");
                                x->st = is_object(x) ? JL_KEY : JL_VALUE;
                                x->allow_close = false;
                                i++;
                                break;
                        case JL_VALUE:
                                if (c == ']' && x->allow_close)
                                        goto close;
                                x->allow_close = false;
                                if (x->cap == 1) {
                                        x->cap = 2;
                                        x->cap_depth = x->depth;
                                        cap_from = i;
                                }
                                if (c == '[' || c == '{') {
                                        if (x->depth >= JSONLEX_MAX_DEPTH)
                                                return fail(x, i, "nested deeper than %d levels",
                                                            JSONLEX_MAX_DEPTH);
                                        bool obj = c == '{';
                                        uint64_t bit = (uint64_t)1 << (x->depth % 64);
                                        if (obj)
                                                x->kinds[x->depth / 64] |= bit;
                                        else
                                                x->kinds[x->depth / 64] &= ~bit;
                                        x->depth++;
                                        x->st = obj ? JL_KEY : JL_VALUE;
                                        x->allow_close = true;
                                        i++;
                                        if (x->ops->open && (r = x->ops->open(x->u, obj)) < 0)
                                                return r;
                                } else if (c == '"') {
                                        x->in_key = false;
                                        x->esc = E_NONE;
                                        x->st = JL_STRING;
                                        i++;
                                        if (x->ops->string_begin && (r = x->ops->string_begin(x->u)) < 0)
                                                return r;
                                } else if (c == '-' || (c >= '0' && c <= '9')) {
                                        size_t s = i;
                                        /* Arrays of integers, the common large answer, in a tight
                                         * loop: "d,d,d" without going round the state machine. */
                                        for (;;) {
                                                size_t d0 = i + (u[i] == '-');
                                                i = d0;
                                                while (i < n && u[i] >= '0' && u[i] <= '9')
                                                        i++;
                                                if (i >= n || number_char(u[i]) || i == d0 ||
                                                    (u[d0] == '0' && i > d0 + 1))
                                                        break; /* not a plain integer here: the general path
                                                                */
                                                if ((r = flush_capture_at_end(x, p, cap_from, i)) < 0)
                                                        return r;
                                                if (x->ops->scalar &&
                                                    (r = x->ops->scalar(x->u, JSONLEX_NUMBER, p + s, i - s)) <
                                                            0)
                                                        return r;
                                                after_value(x);
                                                if (x->st != JL_COMMA || is_object(x) || x->cap == 1 ||
                                                    i + 1 >= n || u[i] != ',' ||
                                                    !(u[i + 1] == '-' ||
                                                      (u[i + 1] >= '0' && u[i + 1] <= '9')))
                                                        goto next;
                                                i++;
                                                s = i;
                                                x->st = JL_VALUE;
                                        }
                                        while (i < n && number_char(u[i]))
                                                i++;
                                        if (i < n) {
                                                if ((r = flush_capture_at_end(x, p, cap_from, i)) < 0)
                                                        return r;
                                                if ((r = number_done(x, p + s, i - s, s)) < 0)
                                                        return r;
                                        } else {
                                                x->num_len = 0;
                                                x->st = JL_NUMBER;
                                                if ((r = num_append(x, p + s, i - s, s)) < 0)
                                                        return r;
                                        }
                                } else if (c == 't' || c == 'f' || c == 'n') {
                                        x->lit = c == 't' ? "true" : c == 'f' ? "false" : "null";
                                        x->lit_pos = 0;
                                        x->st = JL_LITERAL;
                                } else
                                        return fail(x, i, "unexpected character '%c'",
                                                    c >= 0x20 && c < 0x7f ? c : '?');
                                break;
                        default:
                                return fail(x, i, "internal state");
                        }
                        break;
                close : {
                        bool obj = c == '}';
                        if (obj != is_object(x))
                                return fail(x, i, "mismatched '%c'", c);
                        x->depth--;
                        x->allow_close = false;
                        i++;
                        if ((r = flush_capture_at_end(x, p, cap_from, i)) < 0)
                                return r;
                        after_value(x);
                        if (x->ops->close && (r = x->ops->close(x->u, obj)) < 0)
                                return r;
                        break;
                }
                }
        next:;
        }
        if (x->cap == 2 && i > cap_from && x->ops->raw &&
            (r = x->ops->raw(x->u, p + cap_from, i - cap_from)) < 0)
                return r;
        x->offset += i;
        if (ret_used)
                *ret_used = i;
        return 0;
}

int jsonlex_end(struct jsonlex *x) {
        if (x->depth < 0)
                return -EBADMSG;
        if (x->st == JL_NUMBER && x->depth == 0) {
                int r = num_append(x, "", 0, 0);
                if (r == 0)
                        r = number_done(x, x->num, x->num_len, 0);
                return r;
        }
        if (x->st != JL_DONE)
                return fail(x, 0, "the value ends early");
        return 0;
}
