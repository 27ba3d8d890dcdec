/* Passwords: libxcrypt's yescrypt ("$y$" crypt strings, the library's default cost), compared in
 * constant time. Thread-safe: every call has its own crypt_data (crypt_ra allocates it). One
 * hash or check costs tens of milliseconds of CPU and tens of MiB of memory (docs/service.md
 * has the figure): call these off any event loop. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

/* Longest crypt string stored (yescrypt's are about 73 bytes). */
#define PASSWORD_HASH_MAX 128

/* Hash password with a fresh random salt into out ("$y$..."). -EIO (err set) when libxcrypt
 * fails (no randomness, no memory). */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX], struct judge_error *err);

/* 1 when password matches stored (a crypt string), 0 when it does not, or when stored is NULL or
 * not a valid crypt string: then a built-in dummy hash is checked instead, so that an unknown
 * user costs the same time as a wrong password. Negative errno when libxcrypt fails. */
int password_verify(const char *password, const char *stored, struct judge_error *err);

/* Equal strings, compared in time that depends on their lengths only. */
bool password_equal(const char *a, const char *b);
