#include <crypt.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/macro.h"
#include "service/password.h"

bool password_equal(const char *a, const char *b) {
        size_t la = strlen(a), lb = strlen(b);
        unsigned char d = la != lb;
        /* every byte of a is read whatever the contents; b is read as far as it goes */
        for (size_t i = 0; i < la; i++)
                d |= (unsigned char) a[i] ^ (unsigned char) (i < lb ? b[i] : 0);
        return d == 0;
}

/* crypt_ra with our own allocation, freed here: the result copied into out. */
static int run_crypt(const char *password, const char *setting, char out[PASSWORD_HASH_MAX],
                     struct judge_error *err) {
        void *data = NULL;
        int size = 0;
        errno = 0;
        const char *h = crypt_ra(password, setting, &data, &size);
        int r = 0;
        /* libxcrypt answers a failure with NULL or a string starting with '*' */
        if (!h || h[0] == '*')
                r = judge_err(err, errno ? -errno : -EINVAL, "crypt: %s", errno ? strerror(errno) : "bad setting");
        else if (strlen(h) >= PASSWORD_HASH_MAX)
                r = judge_err(err, -ENAMETOOLONG, "crypt: the hash is longer than %d bytes", PASSWORD_HASH_MAX);
        else
                memcpy(out, h, strlen(h) + 1);
        if (data) {
                explicit_bzero(data, (size_t) size);
                free(data);
        }
        return r;
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX], struct judge_error *err) {
        errno = 0;
        _cleanup_free_ char *setting = crypt_gensalt_ra("$y$", 0, NULL, 0);
        if (!setting)
                return judge_err(err, errno ? -errno : -EIO, "crypt_gensalt: %s",
                                 errno ? strerror(errno) : "no yescrypt");
        return run_crypt(password, setting, out, err);
}

static char dummy[PASSWORD_HASH_MAX];
static int dummy_r;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void) {
        dummy_r = password_hash("judge: no such user or no password set", dummy, NULL);
}

int password_verify(const char *password, const char *stored, struct judge_error *err) {
        bool real = stored && stored[0] == '$' && strlen(stored) < PASSWORD_HASH_MAX;
        if (!real) {
                pthread_once(&dummy_once, make_dummy);
                if (dummy_r < 0)
                        return judge_err(err, dummy_r, "crypt: cannot make the dummy hash");
        }
        const char *setting = real ? stored : dummy;
        char h[PASSWORD_HASH_MAX];
        int r = run_crypt(password, setting, h, err);
        if (r < 0)
                return real && r == -EINVAL ? 0 : r; /* a stored string libxcrypt refuses matches nothing */
        bool eq = password_equal(h, setting);
        explicit_bzero(h, sizeof h);
        return real && eq;
}
