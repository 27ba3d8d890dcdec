/* Per-submission uids; see uid.h. */
#include "engine/uid.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define UID_LAST_MAX 2147483647u /* uids from 2^31 up look like negative numbers to some tools */

int uid_range_parse(const char *s, struct uid_range *ret, struct judge_error *err) {
        if (!s || !*s)
                return judge_err(err, -EINVAL, "empty uid range: want A-B, e.g. %s", UID_RANGE_DEFAULT);
        char *end = NULL;
        errno = 0;
        unsigned long long a = strtoull(s, &end, 10), b;
        if (errno || end == s || *end != '-' || *s == '-' || *s == '+')
                return judge_err(err, -EINVAL, "uid range \"%s\": want A-B (decimal), e.g. %s", s,
                                 UID_RANGE_DEFAULT);
        const char *t = end + 1;
        errno = 0;
        b = strtoull(t, &end, 10);
        if (errno || end == t || *end || *t == '-' || *t == '+')
                return judge_err(err, -EINVAL, "uid range \"%s\": want A-B (decimal), e.g. %s", s,
                                 UID_RANGE_DEFAULT);
        if (a > b)
                return judge_err(err, -EINVAL, "uid range \"%s\": %llu is above %llu", s, a, b);
        if (a < 1000)
                return judge_err(err, -EINVAL, "uid range \"%s\" overlaps the system uids 0-999", s);
        if (a <= 65535 && b >= 65534)
                return judge_err(err, -EINVAL, "uid range \"%s\" holds 65534 (nobody) or 65535", s);
        if (b > UID_LAST_MAX)
                return judge_err(err, -EINVAL, "uid range \"%s\" goes past %u", s, UID_LAST_MAX);
        *ret = (struct uid_range){.first = (unsigned)a, .last = (unsigned)b};
        return 0;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct uid_range default_range;
static unsigned *held; /* uids this process holds, unordered */
static size_t n_held, cap_held;

void uid_range_set_default(const struct uid_range *r) {
        pthread_mutex_lock(&lock);
        default_range = *r;
        pthread_mutex_unlock(&lock);
}

int uid_range_default(struct uid_range *ret, struct judge_error *err) {
        pthread_mutex_lock(&lock);
        struct uid_range r = default_range;
        pthread_mutex_unlock(&lock);
        if (r.last) {
                *ret = r;
                return 0;
        }
        const char *env = getenv("JUDGE_UID_RANGE");
        if (env && *env) {
                int k = uid_range_parse(env, ret, err);
                return k < 0 ? judge_err_prefix(err, "JUDGE_UID_RANGE") : 0;
        }
        return uid_range_parse(UID_RANGE_DEFAULT, ret, err);
}

static bool is_held(unsigned uid) {
        for (size_t i = 0; i < n_held; i++)
                if (held[i] == uid)
                        return true;
        return false;
}

static int add_held(unsigned uid) {
        if (n_held == cap_held) {
                size_t cap = cap_held ? 2 * cap_held : 64;
                unsigned *n = realloc(held, cap * sizeof *n);
                if (!n)
                        return -ENOMEM;
                held = n;
                cap_held = cap;
        }
        held[n_held++] = uid;
        return 0;
}

static const char *lock_dir(void) {
        const char *d = getenv("JUDGE_UID_LOCK_DIR");
        return d && *d ? d : "/run/judge/uid";
}

static int mkdir_p(const char *path) {
        char tmp[4096];
        if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp)
                return -ENAMETOOLONG;
        for (char *p = tmp + 1; *p; p++)
                if (*p == '/') {
                        *p = 0;
                        if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
                                return -errno;
                        *p = '/';
                }
        return mkdir(tmp, 0755) < 0 && errno != EEXIST ? -errno : 0;
}

/* Try to lock uid's file: 1 locked (*ret_fd), 0 someone else holds it, < 0 the directory is
 * unusable. */
static int try_lock(const char *dir, unsigned uid, int *ret_fd) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%u.lock", dir, uid);
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0)
                return -errno;
        if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
                int e = errno;
                close(fd);
                return e == EWOULDBLOCK ? 0 : -e;
        }
        *ret_fd = fd;
        return 1;
}

static const char random_note[] = "the uid lock directory is not usable: uid drawn at random from the range "
                                  "(concurrent judges in other processes may share it)";

int uid_lease_acquire(const struct uid_range *r, struct uid_lease *ret, struct judge_error *err) {
        if (!r || !r->last || r->first > r->last)
                return judge_err(err, -EINVAL, "no uid range");
        const char *dir = lock_dir();
        int dk = mkdir_p(dir);
        pthread_mutex_lock(&lock);
        int k = -EAGAIN;
        struct uid_lease l = UID_LEASE_NULL;
        if (dk >= 0) {
                for (unsigned long long u = r->first; u <= r->last; u++) {
                        if (is_held((unsigned)u))
                                continue;
                        int fd = -1;
                        k = try_lock(dir, (unsigned)u, &fd);
                        if (k > 0) {
                                l = (struct uid_lease){.uid = (unsigned)u, .lock_fd = fd, .held = true};
                                break;
                        }
                        if (k < 0) {
                                dk = k;
                                break;
                        }
                        k = -EAGAIN;
                }
        }
        if (dk < 0 && dk != -EMFILE && dk != -ENFILE && dk != -ENOMEM) {
                /* No usable lock directory: random draws, checked against this process only. */
                unsigned long long span = (unsigned long long)r->last - r->first + 1;
                k = -EAGAIN;
                for (int tries = 0; tries < 1000 && n_held < span; tries++) {
                        unsigned x = 0;
                        if (getrandom(&x, sizeof x, 0) != (ssize_t)sizeof x)
                                x = (unsigned)rand();
                        unsigned u = (unsigned)(r->first + x % span);
                        if (!is_held(u)) {
                                l = (struct uid_lease){
                                        .uid = u, .lock_fd = -1, .held = true, .note = random_note};
                                k = 1;
                                break;
                        }
                }
        } else if (dk < 0)
                k = dk;
        if (k > 0 && add_held(l.uid) < 0) {
                if (l.lock_fd >= 0)
                        close(l.lock_fd);
                k = -ENOMEM;
        }
        pthread_mutex_unlock(&lock);
        if (k == -EAGAIN)
                return judge_err(err, k, "every uid of the range %u-%u is in use by a running judgement",
                                 r->first, r->last);
        if (k < 0)
                return judge_err(err, k, "cannot lock a uid under %s: %s", dir, strerror(-k));
        *ret = l;
        return 0;
}

void uid_lease_release(struct uid_lease *l) {
        if (!l || !l->held)
                return;
        pthread_mutex_lock(&lock);
        for (size_t i = 0; i < n_held; i++)
                if (held[i] == l->uid) {
                        held[i] = held[--n_held];
                        break;
                }
        /* The file stays: unlinking a lock file races with a process that has just opened it. */
        if (l->lock_fd >= 0)
                close(l->lock_fd);
        pthread_mutex_unlock(&lock);
        *l = UID_LEASE_NULL;
}
