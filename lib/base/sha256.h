/* SHA-256 (FIPS 180-4), for content-addressed image tags. */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct sha256 {
        uint32_t h[8];
        uint64_t len;
        uint8_t block[64];
        size_t fill;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
void sha256_final(struct sha256 *s, uint8_t out[32]);
/* Hex digest of the state so far (the state is finalized): 65 bytes with the NUL. */
void sha256_hex(struct sha256 *s, char out[65]);
