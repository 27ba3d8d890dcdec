/* The sealed job: the host encrypts the job lines (docs/internals.md, "The job") into
 * /sub/p/job.enc under a fresh key per judgement, and hands the key to the runner alone, in
 * the container's environment. The compile step and the user's code, which can read /sub,
 * see only ciphertext. The cipher and the file's layout are in harness/runner/chacha20.h,
 * shared with the runner. */
#pragma once

#include <stddef.h>

#include "base/error.h"

/* JUDGE_JOB_KEY=<64 hex digits>, NUL-terminated. */
#define JOBSEAL_ENV_SIZE (sizeof "JUDGE_JOB_KEY=" + 64)
/* Bytes the caller reserves at the start of the file for the header (magic and nonce). */
#define JOBSEAL_HEADER_BYTES 20

/* Seal file[0..len) in place: file[0..JOBSEAL_HEADER_BYTES) (the caller's placeholder) becomes
 * the header, the rest (the job lines) is encrypted under a new random key and nonce from
 * getrandom(2). On success ret_env holds the container's environment entry that carries the
 * key. Fails with -EINVAL when len is shorter than the header or too long for the cipher, or
 * with getrandom's error (never a weak key). */
int jobseal_seal(void *file, size_t len, char ret_env[JOBSEAL_ENV_SIZE], struct judge_error *err);
