/* Per client address counters in a fixed one-minute window, in this process's memory: api.c's
 * failed authentications and auth.c's signups and failed logins. */
#pragma once

#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stddef.h>

struct addrlimit_slot {
        char addr[INET6_ADDRSTRLEN];
        long window; /* epoch minute */
        long n;
};

/* One counter table: a small hash table by address (a colliding address takes the slot over),
 * with its own lock. */
struct addrlimit {
        pthread_mutex_t lock;
        size_t n_slots;
        struct addrlimit_slot *slots;
};

/* A static initializer over a static array of struct addrlimit_slot. */
#define ADDRLIMIT_INIT(table) { PTHREAD_MUTEX_INITIALIZER, sizeof(table) / sizeof((table)[0]), (table) }

/* The client's address of c as text (IPv4 or IPv6), "unknown" when there is none. */
void client_address(struct MHD_Connection *c, char out[INET6_ADDRSTRLEN]);

/* How many times addr was counted in l in the current minute (0 when never). */
long addrlimit_get(struct addrlimit *l, const char *addr);

/* Count addr once more in l in the current minute. */
void addrlimit_add(struct addrlimit *l, const char *addr);

/* Seconds until the current minute ends (1..60): a 429's Retry-After. */
long addrlimit_retry_after(void);
