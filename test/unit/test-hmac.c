/* HMAC-SHA256 (lib/base/hmac) against the RFC 4231 test vectors, plus the pieces-wise form and
 * the constant-time comparison. */
#include <stdint.h>
#include <string.h>

#include "base/hmac.h"
#include "tap.h"

static void hex(const uint8_t *b, size_t n, char *out) {
        for (size_t i = 0; i < n; i++)
                sprintf(out + 2 * i, "%02x", b[i]);
}

int main(void) {
        uint8_t k20b[20], k20a[20], d50d[50], k25[25], d50c[50], k20c[20], k131[131];
        memset(k20b, 0x0b, sizeof k20b);
        memset(k20a, 0xaa, sizeof k20a);
        memset(d50d, 0xdd, sizeof d50d);
        for (size_t i = 0; i < sizeof k25; i++)
                k25[i] = (uint8_t) (i + 1);
        memset(d50c, 0xcd, sizeof d50c);
        memset(k20c, 0x0c, sizeof k20c);
        memset(k131, 0xaa, sizeof k131);
        static const char t6[] = "Test Using Larger Than Block-Size Key - Hash Key First";
        static const char t7[] = "This is a test using a larger than block-size key and a larger than block-size data. "
                                 "The key needs to be hashed before being used by the HMAC algorithm.";
        const struct {
                const char *name;
                const void *key;
                size_t key_len;
                const void *data;
                size_t data_len;
                const char *mac; /* hex; case 5 is truncated to 128 bits */
        } v[] = {
                { "RFC 4231 case 1", k20b, 20, "Hi There", 8,
                  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
                { "RFC 4231 case 2 (a key shorter than the output)", "Jefe", 4, "what do ya want for nothing?", 28,
                  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
                { "RFC 4231 case 3", k20a, 20, d50d, 50,
                  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
                { "RFC 4231 case 4", k25, 25, d50c, 50,
                  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
                { "RFC 4231 case 5 (truncated to 128 bits)", k20c, 20, "Test With Truncation", 20,
                  "a3b6167473100ee06e0c796c2955552b" },
                { "RFC 4231 case 6 (a key longer than a block)", k131, 131, t6, sizeof t6 - 1,
                  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
                { "RFC 4231 case 7 (key and data longer than a block)", k131, 131, t7, sizeof t7 - 1,
                  "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
        };
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
                uint8_t mac[32];
                char h[65];
                hmac_sha256(v[i].key, v[i].key_len, v[i].data, v[i].data_len, mac);
                hex(mac, 32, h);
                CHECK(strncmp(h, v[i].mac, strlen(v[i].mac)) == 0, "%s: %s", v[i].name, h);
        }

        /* hex form, and the pieces: timestamp "." body signs like the concatenation */
        char h1[65], h2[65];
        hmac_sha256_hex("Jefe", 4, "what do ya want for nothing?", 28, h1);
        CHECK(strcmp(h1, v[1].mac) == 0, "hex form");
        uint8_t a[32], b[32];
        hmac_sha256_parts("secret", 6, 3, (const void *const[]){ "1700000000", ".", "{\"x\":1}" },
                          (const size_t[]){ 10, 1, 7 }, a);
        hmac_sha256("secret", 6, "1700000000.{\"x\":1}", 18, b);
        hex(a, 32, h1);
        hex(b, 32, h2);
        CHECK(strcmp(h1, h2) == 0, "pieces sign like their concatenation");
        /* a key of exactly one block is used as it is, one byte more is hashed first */
        uint8_t k64[65];
        memset(k64, 0x42, sizeof k64);
        hmac_sha256(k64, 64, "x", 1, a);
        hmac_sha256(k64, 65, "x", 1, b);
        CHECK(memcmp(a, b, 32) != 0, "a 64-byte key and a 65-byte key differ");

        CHECK(hmac_equal("abcd", "abcd", 4), "equal: same bytes");
        CHECK(!hmac_equal("abcd", "abce", 4), "equal: the last byte differs");
        CHECK(!hmac_equal("xbcd", "abcd", 4), "equal: the first byte differs");
        CHECK(hmac_equal("", "", 0), "equal: nothing");
        return tap_done();
}
