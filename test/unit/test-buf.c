/* Unit tests for lib/base/buf.c: capped appends, truncation, stealing, JSON string escaping. */
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "tap.h"

static bool json_is(const char *in, size_t n, const char *want) {
        struct buf b;
        buf_init(&b, 0);
        int r = buf_json_string(&b, in, n);
        bool ok = r == 0 && b.data && strcmp(b.data, want) == 0 && b.len == strlen(want);
        if (!ok)
                printf("#   got %s\n", b.data ? b.data : "(null)");
        buf_free(&b);
        return ok;
}

int main(void) {
        struct buf b;

        buf_init(&b, 0);
        CHECK(b.max == (size_t) 64 << 20 && b.len == 0 && !b.data, "init: default cap 64 MiB, empty");
        CHECK(buf_puts(&b, "") == 0 && b.data && b.data[0] == 0 && b.len == 0, "empty append allocates a NUL");
        CHECK(buf_puts(&b, "hello") == 0 && buf_printf(&b, " %d%s", 42, "!") == 0 && strcmp(b.data, "hello 42!") == 0 &&
                      b.len == 9,
              "puts + printf");
        {
                char big[2000];
                memset(big, 'x', sizeof big - 1);
                big[sizeof big - 1] = 0;
                CHECK(buf_printf(&b, "%s", big) == 0 && b.len == 9 + 1999 && b.data[b.len] == 0,
                      "printf longer than the small buffer");
        }
        CHECK(buf_append(&b, "a\0b", 3) == 0 && b.len == 2011 && memcmp(b.data + 2008, "a\0b", 3) == 0,
              "binary append keeps NUL bytes");
        buf_reset(&b);
        CHECK(b.len == 0 && b.data && b.data[0] == 0 && !b.truncated, "reset");
        buf_free(&b);
        CHECK(!b.data && b.len == 0 && b.max == (size_t) 64 << 20, "free keeps the cap");

        /* cap and truncation */
        buf_init(&b, 8);
        CHECK(buf_puts(&b, "12345") == 0 && !b.truncated, "under the cap");
        CHECK(buf_puts(&b, "6789") == -ENOBUFS && b.truncated && b.len == 8 && strcmp(b.data, "12345678") == 0,
              "over the cap: -ENOBUFS, the part that fits is kept");
        CHECK(buf_puts(&b, "x") == -ENOBUFS && b.len == 8, "full buffer stays full");
        CHECK(buf_printf(&b, "%d", 1) == -ENOBUFS && b.len == 8, "printf at the cap");
        CHECK(buf_append(&b, "", 0) == -ENOBUFS && buf_err(&b) == -ENOBUFS, "the error is sticky: even an empty append says it");
        char *s = buf_steal(&b);
        CHECK(s && strcmp(s, "12345678") == 0 && !b.data && b.len == 0 && b.max == 8 && !b.truncated,
              "steal hands over the data and resets");
        free(s);
        s = buf_steal(&b);
        CHECK(s && strcmp(s, "") == 0, "steal of an empty buffer is \"\"");
        free(s);
        buf_free(&b);

        buf_init(&b, 5);
        CHECK(buf_json_string(&b, "abcdef", 6) == -ENOBUFS && b.len == 5 && b.truncated, "json string capped");
        buf_free(&b);

        /* growth over many appends */
        buf_init(&b, 100000);
        int r = 0;
        for (int i = 0; i < 10001 && r == 0; i++)
                r = buf_puts(&b, "0123456789");
        CHECK(r == -ENOBUFS && b.len == 100000 && b.alloc > 100000, "grows to the cap and stops");
        buf_free(&b);
        { /* _cleanup_buf_ compiles and runs */
                _cleanup_buf_ struct buf c;
                buf_init(&c, 0);
                CHECK(buf_puts(&c, "scoped") == 0, "cleanup attribute");
        }

        /* JSON escaping */
        CHECK(json_is("", 0, "\"\""), "empty string");
        CHECK(json_is("plain text", 10, "\"plain text\""), "plain");
        CHECK(json_is("q\"b\\s/", 6, "\"q\\\"b\\\\s/\""), "quote and backslash escaped");
        CHECK(json_is("a\nb\tc\rd", 7, "\"a\\nb\\tc\\rd\""), "newline, tab, CR");
        CHECK(json_is("\x01\x1f\x7f\b\f", 5, "\"\\u0001\\u001f\\u007f\\u0008\\u000c\""), "control chars as \\u00XX");
        CHECK(json_is("a\0b", 3, "\"a\\u0000b\""), "NUL byte escaped");
        CHECK(json_is("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80", 15, "\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80\""),
              "valid UTF-8 kept");
        CHECK(json_is("a\xff" "b", 3, "\"a\\ufffdb\""), "invalid byte becomes U+FFFD");
        CHECK(json_is("\xc3", 1, "\"\\ufffd\""), "truncated sequence");
        CHECK(json_is("\xc3(", 2, "\"\\ufffd(\""), "bad continuation byte");
        CHECK(json_is("\xc0\xaf", 2, "\"\\ufffd\\ufffd\""), "overlong encoding rejected");
        CHECK(json_is("\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""), "UTF-16 surrogate rejected");
        CHECK(json_is("\xf4\x90\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\""), "above U+10FFFF rejected");
        CHECK(json_is("\x80", 1, "\"\\ufffd\""), "lone continuation byte");
        CHECK(json_is("abc", 2, "\"ab\""), "length respected");

        /* lib/base/utf8.h: the decoder every escaper shares, and the encoder. */
        {
                uint32_t cp = 0;
                CHECK(utf8_decode((const unsigned char *) "\xe2\x82\xac", 3, &cp) == 3 && cp == 0x20ac, "utf8: a 3-byte sequence");
                CHECK(utf8_decode((const unsigned char *) "\xf0\x9f\x98\x80", 4, NULL) == 4, "utf8: 4 bytes, no cp wanted");
                CHECK(utf8_decode((const unsigned char *) "\xc0\xaf", 2, &cp) == 0 &&
                              utf8_decode((const unsigned char *) "\xed\xa0\x80", 3, &cp) == 0 &&
                              utf8_decode((const unsigned char *) "\xf4\x90\x80\x80", 4, &cp) == 0 &&
                              utf8_decode((const unsigned char *) "\xe2\x82", 2, &cp) == 0,
                      "utf8: overlong, surrogate, past U+10FFFF and truncated are invalid");
                char u[4];
                CHECK(utf8_encode(0x20ac, u) == 3 && memcmp(u, "\xe2\x82\xac", 3) == 0 &&
                              utf8_encode(0x1f600, u) == 4 && memcmp(u, "\xf0\x9f\x98\x80", 4) == 0 &&
                              utf8_encode(0x200000, u) == 0,
                      "utf8: encode 3 and 4 bytes; nothing past 0x1FFFFF");
        }

        /* Sticky error: after a failure no later append lands, so no text has a hole in it. */
        {
                _cleanup_buf_ struct buf c;
                buf_init(&c, 6);
                CHECK(buf_puts(&c, "ab") == 0 && buf_err(&c) == 0, "sticky: no error yet");
                CHECK(buf_puts(&c, "cdefgh") == -ENOBUFS && strcmp(c.data, "abcdef") == 0, "sticky: the prefix that fits");
                c.max = 100; /* even with room again, nothing more is appended */
                CHECK(buf_puts(&c, "XY") == -ENOBUFS && buf_printf(&c, "%d", 7) == -ENOBUFS &&
                              buf_json_string(&c, "q", 1) == -ENOBUFS && strcmp(c.data, "abcdef") == 0,
                      "sticky: later appends are no-ops returning the first error");
                buf_reset(&c);
                CHECK(buf_err(&c) == 0 && buf_puts(&c, "ok") == 0 && strcmp(c.data, "ok") == 0,
                      "sticky: reset clears the error");
                c.max = 3;
                buf_puts(&c, "zzzz");
                char *t = buf_steal(&c);
                CHECK(t && buf_err(&c) == 0 && buf_puts(&c, "a") == 0, "sticky: steal clears the error too");
                free(t);
        }

        return tap_done();
}
