#include "addrlimit.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void client_address(struct MHD_Connection *c, char out[INET6_ADDRSTRLEN]) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        const struct sockaddr *sa = ci ? ci->client_addr : NULL;
        out[0] = 0;
        if (sa && sa->sa_family == AF_INET)
                inet_ntop(AF_INET, &((const struct sockaddr_in *) (const void *) sa)->sin_addr, out,
                          INET6_ADDRSTRLEN);
        else if (sa && sa->sa_family == AF_INET6)
                inet_ntop(AF_INET6, &((const struct sockaddr_in6 *) (const void *) sa)->sin6_addr, out,
                          INET6_ADDRSTRLEN);
        if (!out[0])
                snprintf(out, INET6_ADDRSTRLEN, "unknown");
}

static struct addrlimit_slot *slot_of(struct addrlimit *l, const char *addr) {
        unsigned h = 2166136261u; /* FNV-1a */
        for (const char *p = addr; *p; p++)
                h = (h ^ (unsigned char) *p) * 16777619u;
        return &l->slots[h % l->n_slots];
}

long addrlimit_get(struct addrlimit *l, const char *addr) {
        long window = (long) (time(NULL) / 60);
        pthread_mutex_lock(&l->lock);
        struct addrlimit_slot *s = slot_of(l, addr);
        long n = strcmp(s->addr, addr) == 0 && s->window == window ? s->n : 0;
        pthread_mutex_unlock(&l->lock);
        return n;
}

void addrlimit_add(struct addrlimit *l, const char *addr) {
        long window = (long) (time(NULL) / 60);
        pthread_mutex_lock(&l->lock);
        struct addrlimit_slot *s = slot_of(l, addr);
        if (strcmp(s->addr, addr) != 0 || s->window != window) {
                snprintf(s->addr, sizeof s->addr, "%s", addr);
                s->window = window;
                s->n = 0;
        }
        s->n++;
        pthread_mutex_unlock(&l->lock);
}

long addrlimit_retry_after(void) {
        return 60 - (long) (time(NULL) % 60);
}
