/* HMAC-SHA256 (RFC 2104 over FIPS 180-4, lib/base/sha256): signs judged's webhook deliveries. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* out = HMAC-SHA256(key, data). Any key length (longer than a block: hashed first). */
void hmac_sha256(const void *key, size_t key_len, const void *data, size_t data_len, uint8_t out[32]);

/* The same over the concatenation of n pieces (data[i], len[i]), without copying them together:
 * a webhook signs timestamp "." body. */
void hmac_sha256_parts(const void *key, size_t key_len, size_t n, const void *const *data, const size_t *len,
                       uint8_t out[32]);

/* 64 lowercase hex digits and a NUL. */
void hmac_sha256_hex(const void *key, size_t key_len, const void *data, size_t data_len, char out[65]);

/* Whether a and b (n bytes each) are equal, in a time that depends on n only. */
bool hmac_equal(const void *a, const void *b, size_t n);
