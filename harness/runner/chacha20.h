/* ChaCha20 (RFC 8439, section 2.4) and the sealed job file, shared by the host (lib/engine/jobseal.c,
 * which writes /sub/p/job.enc) and the runner (harness/runner/job.c, which reads it). Header
 * only, libc only: the runner is a static binary that cannot link lib/.
 *
 * The cipher hides the job's arguments from everything in the container except the runner,
 * which alone gets the key (docs/internals.md, "job.enc"). It gives confidentiality only: the
 * file is root-owned and read-only in the container, so nothing there can change it. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define CHACHA20_KEY_SIZE 32
#define CHACHA20_NONCE_SIZE 12

/* job.enc: JOBSEAL_MAGIC (8 bytes), the nonce (12 bytes), then the ciphertext of the job lines,
 * encrypted with block counter 1 onwards (as RFC 8439's encryption examples). */
#define JOBSEAL_MAGIC "JUDGEJB1"
#define JOBSEAL_MAGIC_SIZE 8
#define JOBSEAL_HEADER_SIZE (JOBSEAL_MAGIC_SIZE + CHACHA20_NONCE_SIZE)
/* The environment variable that carries the key (64 lowercase hex digits) to the runner. */
#define JOBSEAL_KEY_ENV "JUDGE_JOB_KEY"

static inline uint32_t chacha20_rotl(uint32_t v, int n) {
        return (v << n) | (v >> (32 - n));
}

static inline uint32_t chacha20_le32(const uint8_t *p) {
        return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define CHACHA20_QR(a, b, c, d)                                                                              \
        do {                                                                                                 \
                a += b;                                                                                      \
                d = chacha20_rotl(d ^ a, 16);                                                                \
                c += d;                                                                                      \
                b = chacha20_rotl(b ^ c, 12);                                                                \
                a += b;                                                                                      \
                d = chacha20_rotl(d ^ a, 8);                                                                 \
                c += d;                                                                                      \
                b = chacha20_rotl(b ^ c, 7);                                                                 \
        } while (0)

/* One 64-byte keystream block (RFC 8439 2.3) for key, counter and nonce into out. */
static inline void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
                                  const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t out[64]) {
        uint32_t s[16], x[16];
        s[0] = 0x61707865;
        s[1] = 0x3320646e;
        s[2] = 0x79622d32;
        s[3] = 0x6b206574;
        for (int i = 0; i < 8; i++)
                s[4 + i] = chacha20_le32(key + 4 * i);
        s[12] = counter;
        for (int i = 0; i < 3; i++)
                s[13 + i] = chacha20_le32(nonce + 4 * i);
        memcpy(x, s, sizeof x);
        for (int i = 0; i < 10; i++) {
                CHACHA20_QR(x[0], x[4], x[8], x[12]);
                CHACHA20_QR(x[1], x[5], x[9], x[13]);
                CHACHA20_QR(x[2], x[6], x[10], x[14]);
                CHACHA20_QR(x[3], x[7], x[11], x[15]);
                CHACHA20_QR(x[0], x[5], x[10], x[15]);
                CHACHA20_QR(x[1], x[6], x[11], x[12]);
                CHACHA20_QR(x[2], x[7], x[8], x[13]);
                CHACHA20_QR(x[3], x[4], x[9], x[14]);
        }
        for (int i = 0; i < 16; i++) {
                uint32_t v = x[i] + s[i];
                out[4 * i] = (uint8_t)v;
                out[4 * i + 1] = (uint8_t)(v >> 8);
                out[4 * i + 2] = (uint8_t)(v >> 16);
                out[4 * i + 3] = (uint8_t)(v >> 24);
        }
        /* No copy of the key schedule or keystream is left on the stack. */
        explicit_bzero(s, sizeof s);
        explicit_bzero(x, sizeof x);
}

/* XOR data[0..len) in place with the keystream that starts at block `counter` (RFC 8439 2.4):
 * encryption and decryption are the same call. len must stay below 2^32 blocks of 64 bytes. */
static inline void chacha20_xor(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
                                const uint8_t nonce[CHACHA20_NONCE_SIZE], void *data, size_t len) {
        uint8_t *p = data, ks[64];
        for (size_t off = 0; off < len; off += 64, counter++) {
                chacha20_block(key, counter, nonce, ks);
                size_t n = len - off < 64 ? len - off : 64;
                for (size_t i = 0; i < n; i++)
                        p[off + i] ^= ks[i];
        }
        explicit_bzero(ks, sizeof ks);
}

/* Parse 2*n hex digits (either case) into out[0..n); returns 0, or -1 on anything else
 * (a wrong length included). */
static inline int chacha20_unhex(const char *hex, uint8_t *out, size_t n) {
        if (strlen(hex) != 2 * n)
                return -1;
        for (size_t i = 0; i < 2 * n; i++) {
                char c = hex[i];
                int v = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
                if (v < 0)
                        return -1;
                if (i % 2 == 0)
                        out[i / 2] = (uint8_t)(v << 4);
                else
                        out[i / 2] |= (uint8_t)v;
        }
        return 0;
}
