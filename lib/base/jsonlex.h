/* An incremental JSON tokenizer: bytes go in as they arrive (in pieces of any size), events come
 * out through callbacks, and nothing of the value is kept but the current token's state. Used
 * for the runner's result document, whose answers can be tens of megabytes: no tree is built.
 *
 * Strictness is the runner's (harness/runner/jsonw.c): RFC 8259 syntax, well-formed UTF-8 (no
 * overlong forms, no surrogates), at most JSONLEX_MAX_DEPTH levels. Escapes are decoded as
 * Debian's yajl tree parser decodes them, quirks included (an unpaired high surrogate escape
 * becomes "?"; one followed by any \u escape is combined with it; \u0000 is a NUL byte), so
 * decoded strings compare equal to yajl-loaded ones (test-streamcmp checks it against yajl). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSONLEX_MAX_DEPTH 1024
#define JSONLEX_KEY_MAX 64 /* bytes of a decoded object key handed to the key callback */

enum jsonlex_scalar {
        JSONLEX_NULL,
        JSONLEX_FALSE,
        JSONLEX_TRUE,
        JSONLEX_NUMBER,
        _JSONLEX_SCALAR_MAX,
};

/* Every callback returns 0 to go on or a negative errno, which stops jsonlex_feed and is
 * returned by it. Any callback may be NULL. */
struct jsonlex_ops {
        int (*open)(void *u, bool object);
        int (*close)(void *u, bool object);
        /* A decoded object key: its first JSONLEX_KEY_MAX bytes; full is false when it was longer. */
        int (*key)(void *u, const char *k, size_t n, bool full);
        /* A number (its text, checked against the JSON grammar) or a literal. */
        int (*scalar)(void *u, enum jsonlex_scalar kind, const char *text, size_t n);
        /* A string value: begin, its decoded bytes in pieces, end. */
        int (*string_begin)(void *u);
        int (*string_data)(void *u, const char *p, size_t n);
        int (*string_end)(void *u);
        /* The exact input bytes of a value armed with jsonlex_capture_next, in pieces, all of them
         * before the event that completes the value. */
        int (*raw)(void *u, const char *p, size_t n);
};

enum jsonlex_state {
        JL_VALUE, /* a value is due */
        JL_KEY,   /* a key (or, right after '{', '}') is due */
        JL_COLON,
        JL_COMMA, /* ',' or the closing bracket */
        JL_STRING,
        JL_NUMBER, /* a number split across pieces */
        JL_LITERAL,
        JL_DONE,
};

struct jsonlex {
        const struct jsonlex_ops *ops;
        void *u;
        enum jsonlex_state st;
        bool allow_close; /* right after an opening bracket */
        bool in_key;      /* the string being read is a key */
        int depth;
        uint64_t kinds[JSONLEX_MAX_DEPTH / 64]; /* bit set: that level is an object */
        /* string decoding */
        int esc;                        /* escape sub-state, see jsonlex.c */
        uint32_t cp, hi;                /* \u code point being read; pending high surrogate */
        int utf8_left;                  /* continuation bytes still due */
        unsigned char utf8_lo, utf8_hi; /* allowed range of the next continuation byte */
        char key[JSONLEX_KEY_MAX];
        size_t key_len;
        bool key_full;
        /* numbers and literals split across pieces */
        char *num;
        size_t num_len, num_alloc, max_token;
        const char *lit;
        size_t lit_pos;
        /* capture */
        int cap; /* 0 none, 1 armed, 2 active */
        int cap_depth;
        size_t offset; /* bytes consumed so far */
        char err[160];
};

/* Start a tokenizer for one top-level value. max_token caps a number's length (0: 1 MiB). */
void jsonlex_init(struct jsonlex *x, const struct jsonlex_ops *ops, void *u, size_t max_token);
void jsonlex_free(struct jsonlex *x);
/* Feed n bytes. Stops when the top-level value is complete: *ret_used (may be NULL) says how
 * many bytes were taken. Returns 0, -EBADMSG on malformed input (x->err says what and where;
 * the tokenizer is then dead), -ENOMEM, or a callback's error. */
int jsonlex_feed(struct jsonlex *x, const char *p, size_t n, size_t *ret_used);
/* True once the top-level value is complete. */
static inline bool jsonlex_done(const struct jsonlex *x) {
        return x->st == JL_DONE;
}
/* End of input: completes a top-level number (which only a delimiter could end otherwise).
 * Returns 0 if the value is complete, else -EBADMSG. */
int jsonlex_end(struct jsonlex *x);
/* Arm the capture of the next value's raw bytes (call it from a key callback). */
void jsonlex_capture_next(struct jsonlex *x);
