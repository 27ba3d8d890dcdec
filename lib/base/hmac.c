/* HMAC-SHA256: H((K' ^ opad) || H((K' ^ ipad) || data)), K' the key padded (or hashed, when
 * longer than a block) to 64 bytes. */
#include "base/hmac.h"

#include <string.h>

#include "base/sha256.h"

void hmac_sha256_parts(const void *key, size_t key_len, size_t n, const void *const *data, const size_t *len,
                       uint8_t out[32]) {
        uint8_t k[64] = { 0 }, pad[64], inner[32];
        struct sha256 h;
        if (key_len > sizeof k) {
                sha256_init(&h);
                sha256_update(&h, key, key_len);
                sha256_final(&h, k);
        } else if (key_len > 0)
                memcpy(k, key, key_len);
        for (size_t i = 0; i < sizeof k; i++)
                pad[i] = k[i] ^ 0x36;
        sha256_init(&h);
        sha256_update(&h, pad, sizeof pad);
        for (size_t i = 0; i < n; i++)
                sha256_update(&h, data[i], len[i]);
        sha256_final(&h, inner);
        for (size_t i = 0; i < sizeof k; i++)
                pad[i] = k[i] ^ 0x5c;
        sha256_init(&h);
        sha256_update(&h, pad, sizeof pad);
        sha256_update(&h, inner, sizeof inner);
        sha256_final(&h, out);
        /* the key material does not outlive the call on the stack */
        explicit_bzero(k, sizeof k);
        explicit_bzero(pad, sizeof pad);
}

void hmac_sha256(const void *key, size_t key_len, const void *data, size_t data_len, uint8_t out[32]) {
        hmac_sha256_parts(key, key_len, 1, (const void *const[]){ data }, (const size_t[]){ data_len }, out);
}

void hmac_sha256_hex(const void *key, size_t key_len, const void *data, size_t data_len, char out[65]) {
        static const char hex[] = "0123456789abcdef";
        uint8_t mac[32];
        hmac_sha256(key, key_len, data, data_len, mac);
        for (size_t i = 0; i < sizeof mac; i++) {
                out[2 * i] = hex[mac[i] >> 4];
                out[2 * i + 1] = hex[mac[i] & 15];
        }
        out[64] = 0;
}

bool hmac_equal(const void *a, const void *b, size_t n) {
        const volatile uint8_t *x = a, *y = b;
        uint8_t d = 0;
        for (size_t i = 0; i < n; i++)
                d |= x[i] ^ y[i];
        return d == 0;
}
