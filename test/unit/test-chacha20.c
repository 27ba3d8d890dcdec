/* ChaCha20 (harness/runner/chacha20.h) against RFC 8439's test vectors, and the sealed job of
 * lib/engine/jobseal.c: the runner's decryption gives back the host's lines; keys are fresh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../harness/runner/chacha20.h"
#include "engine/jobseal.h"
#include "tap.h"

static void hex(const uint8_t *p, size_t n, char *out) {
        for (size_t i = 0; i < n; i++)
                sprintf(out + 2 * i, "%02x", p[i]);
}

int main(void) {
        uint8_t key[32], nonce[12], block[64];
        char got[1024];

        /* RFC 8439 A.1, test vector 1: all-zero key and nonce, counter 0. */
        memset(key, 0, sizeof key);
        memset(nonce, 0, sizeof nonce);
        chacha20_block(key, 0, nonce, block);
        hex(block, 64, got);
        CHECK(strcmp(got, "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                          "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586") == 0,
              "A.1 #1 keystream block");

        /* RFC 8439 2.3.2: the block function. */
        for (int i = 0; i < 32; i++)
                key[i] = (uint8_t)i;
        memcpy(nonce, "\x00\x00\x00\x09\x00\x00\x00\x4a\x00\x00\x00\x00", 12);
        chacha20_block(key, 1, nonce, block);
        hex(block, 64, got);
        CHECK(strcmp(got, "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                          "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e") == 0,
              "2.3.2 block function");

        /* RFC 8439 2.4.2: encryption (114 bytes: a partial last block). */
        const char *sunscreen = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip "
                                "for the future, sunscreen would be it.";
        const char *want = "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733"
                           "ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b6"
                           "5e52bc514d16ccf806818ce91ab77937365af90bbf74a35be6b40b8eedf2785e42874d";
        uint8_t msg[200];
        size_t n = strlen(sunscreen);
        memcpy(msg, sunscreen, n);
        memcpy(nonce, "\x00\x00\x00\x00\x00\x00\x00\x4a\x00\x00\x00\x00", 12);
        chacha20_xor(key, 1, nonce, msg, n);
        hex(msg, n, got);
        CHECK(strcmp(got, want) == 0, "2.4.2 encryption");
        chacha20_xor(key, 1, nonce, msg, n);
        CHECK(memcmp(msg, sunscreen, n) == 0, "2.4.2 decryption is the same call");

        /* Hex keys. */
        uint8_t k2[32];
        CHECK(chacha20_unhex("000102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1F", k2, 32) ==
                              0 &&
                      memcmp(k2, key, 32) == 0,
              "unhex: either case");
        CHECK(chacha20_unhex("0001", k2, 32) < 0, "unhex: short key refused");
        CHECK(chacha20_unhex("zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", k2, 32) < 0,
              "unhex: non-hex refused");

        /* jobseal: header, fresh key and nonce, and the runner's decryption gives the lines back. */
        const char *lines = "{\"signature\":{},\"case_count\":1}\n{\"args\":[987654321]}\n";
        size_t len = JOBSEAL_HEADER_BYTES + strlen(lines);
        uint8_t *a = calloc(1, len), *b = calloc(1, len);
        memcpy(a + JOBSEAL_HEADER_BYTES, lines, strlen(lines));
        memcpy(b + JOBSEAL_HEADER_BYTES, lines, strlen(lines));
        char env_a[JOBSEAL_ENV_SIZE], env_b[JOBSEAL_ENV_SIZE];
        struct judge_error err = {0};
        CHECK(jobseal_seal(a, len, env_a, &err) == 0 && jobseal_seal(b, len, env_b, &err) == 0,
              "seal: ok (%s)", err.msg);
        CHECK(memcmp(a, JOBSEAL_MAGIC, JOBSEAL_MAGIC_SIZE) == 0, "seal: magic");
        CHECK(strncmp(env_a, "JUDGE_JOB_KEY=", 14) == 0 && strlen(env_a) == 14 + 64, "seal: env entry '%s'",
              env_a);
        CHECK(strcmp(env_a, env_b) != 0, "seal: a fresh key each time");
        CHECK(memcmp(a + 8, b + 8, 12) != 0, "seal: a fresh nonce each time");
        CHECK(memmem(a, len, "987654321", 9) == NULL, "seal: the arguments are not in the file");
        CHECK(chacha20_unhex(env_a + 14, k2, 32) == 0, "open: the key parses");
        chacha20_xor(k2, 1, a + JOBSEAL_MAGIC_SIZE, a + JOBSEAL_HEADER_SIZE, len - JOBSEAL_HEADER_SIZE);
        CHECK(memcmp(a + JOBSEAL_HEADER_SIZE, lines, strlen(lines)) == 0, "open: the lines come back");
        CHECK(jobseal_seal(a, 3, env_a, &err) == -EINVAL, "seal: shorter than the header refused");
        free(a);
        free(b);
        return tap_done();
}
