#include "engine/jobseal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "../../harness/runner/chacha20.h"

_Static_assert(JOBSEAL_HEADER_BYTES == JOBSEAL_HEADER_SIZE, "jobseal.h and chacha20.h agree");
_Static_assert(JOBSEAL_ENV_SIZE == sizeof JOBSEAL_KEY_ENV + 1 + 2 * CHACHA20_KEY_SIZE, "env entry size");

static int random_bytes(void *out, size_t n) {
        uint8_t *p = out;
        while (n > 0) {
                ssize_t k = getrandom(p, n, 0);
                if (k < 0 && errno == EINTR)
                        continue;
                if (k <= 0)
                        return k < 0 ? -errno : -EIO;
                p += k;
                n -= (size_t)k;
        }
        return 0;
}

int jobseal_seal(void *file, size_t len, char ret_env[JOBSEAL_ENV_SIZE], struct judge_error *err) {
        uint8_t key[CHACHA20_KEY_SIZE], nonce[CHACHA20_NONCE_SIZE];
        if (len < JOBSEAL_HEADER_SIZE || (len - JOBSEAL_HEADER_SIZE) / 64 >= UINT32_MAX - 1)
                return judge_err(err, -EINVAL, "job seal: %zu bytes is not a job file", len);
        int k = random_bytes(key, sizeof key);
        if (k >= 0)
                k = random_bytes(nonce, sizeof nonce);
        if (k < 0) {
                explicit_bzero(key, sizeof key);
                return judge_err(err, k, "job seal: getrandom: %s", strerror(-k));
        }
        uint8_t *f = file;
        memcpy(f, JOBSEAL_MAGIC, JOBSEAL_MAGIC_SIZE);
        memcpy(f + JOBSEAL_MAGIC_SIZE, nonce, sizeof nonce);
        chacha20_xor(key, 1, nonce, f + JOBSEAL_HEADER_SIZE, len - JOBSEAL_HEADER_SIZE);
        int n = snprintf(ret_env, JOBSEAL_ENV_SIZE, "%s=", JOBSEAL_KEY_ENV);
        for (size_t i = 0; i < sizeof key; i++)
                n += snprintf(ret_env + n, JOBSEAL_ENV_SIZE - (size_t)n, "%02x", key[i]);
        explicit_bzero(key, sizeof key);
        return 0;
}
