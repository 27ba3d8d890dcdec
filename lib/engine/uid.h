/* Per-submission identity: every container runs as its own unprivileged uid (gid = uid), taken
 * from a configurable range, so that what the kernel accounts per uid (RLIMIT_NPROC, signals
 * between processes of one uid) is per submission and never shared with another submission
 * or with a host process.
 *
 * No two judgements on one host hold the same uid at once: a process-wide set guards the
 * threads of one process (judged's workers, `judge validate -j`), and an exclusive flock(2) on
 * <lock dir>/<uid>.lock guards processes from each other. The kernel drops a flock when its
 * holder dies, so a crashed judge leaves at most an unlocked file behind, never a lost uid.
 * Uids are taken lowest-free first, so the lock directory holds as many files as judgements
 * ever ran at once. The lock directory is $JUDGE_UID_LOCK_DIR, else /run/judge/uid; when it
 * cannot be created or written (an unprivileged caller), a uid is drawn at random from the
 * range (only the process-wide set then prevents sharing) and the lease says so in note. */
#pragma once

#include <stdbool.h>

#include "base/error.h"

#define UID_RANGE_DEFAULT "200000-265535"

struct uid_range {
        unsigned first, last; /* inclusive; last == 0: unset */
};

/* Parse "A-B" (decimal, A <= B) into *ret. A range is refused (-EINVAL, with a message) unless
 * it is unprivileged: it must not touch the system uids 0-999, 65534 (nobody) or 65535, and
 * must end below 2^31 (no 16-bit or -1 look-alikes). */
int uid_range_parse(const char *s, struct uid_range *ret, struct judge_error *err);

/* The process's default range: the last uid_range_set_default(), else $JUDGE_UID_RANGE, else
 * UID_RANGE_DEFAULT. Fails with -EINVAL when $JUDGE_UID_RANGE is not a valid range. */
int uid_range_default(struct uid_range *ret, struct judge_error *err);
void uid_range_set_default(const struct uid_range *r);

struct uid_lease {
        unsigned uid; /* the container runs as uid:uid */
        int lock_fd;  /* the flock'ed file, -1 if none (random fallback) */
        bool held;
        const char *note; /* static text when the uid was drawn at random, else NULL */
};

#define UID_LEASE_NULL ((struct uid_lease){.lock_fd = -1})

/* Take a uid of range r that no other judgement on this host holds. On success *ret holds it
 * until uid_lease_release(). Fails with -EAGAIN when every uid of the range is taken (by this
 * process, or, with the lock directory, by another one). */
int uid_lease_acquire(const struct uid_range *r, struct uid_lease *ret, struct judge_error *err);

/* Give the uid back (closes the lock). Accepts a lease that holds nothing; idempotent. Call it
 * only once nothing runs as the uid any more (the container is removed). */
void uid_lease_release(struct uid_lease *l);
