/* The per-submission uid allocator (lib/engine/uid.c): range validation, distinct uids across threads
 * and across processes, release, and reuse of the lock of a process that died holding it. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "engine/uid.h"

#define THREADS 8

static struct uid_range range;
static struct uid_lease leases[THREADS];
static int results[THREADS];
static pthread_barrier_t barrier;

static void *take(void *arg) {
        size_t i = (size_t)arg;
        pthread_barrier_wait(&barrier);
        results[i] = uid_lease_acquire(&range, &leases[i], NULL);
        return NULL;
}

static bool distinct(const struct uid_lease *l, size_t n) {
        for (size_t i = 0; i < n; i++)
                for (size_t j = i + 1; j < n; j++)
                        if (l[i].uid == l[j].uid)
                                return false;
        return true;
}

/* Holder mode (a fresh process: this program exec'ed with "hold"): take n uids of FIRST-LAST,
 * write them to fd 3, then wait for a byte on fd 4 (or to be killed). */
static int hold(char **argv) {
        struct uid_range hr;
        if (uid_range_parse(argv[3], &hr, NULL) < 0)
                return 2;
        int n = atoi(argv[2]);
        for (int i = 0; i < n; i++) {
                struct uid_lease l;
                unsigned u = uid_lease_acquire(&hr, &l, NULL) < 0 ? 0 : l.uid;
                if (write(3, &u, sizeof u) != sizeof u)
                        return 1;
        }
        char c;
        (void)!read(4, &c, 1);
        return 0;
}

static const char *self;

/* Start a holder of n uids of the current range: a new program image, so nothing of this
 * process (its uid set, its lock descriptors) carries over. */
static pid_t holder(int n, int *ret_report, int *ret_cmd) {
        int rep[2], cmd[2];
        if (pipe(rep) < 0 || pipe(cmd) < 0)
                return -1;
        pid_t pid = fork();
        if (pid == 0) {
                char ns[16], rs[64];
                snprintf(ns, sizeof ns, "%d", n);
                snprintf(rs, sizeof rs, "%u-%u", range.first, range.last);
                if (dup2(rep[1], 3) < 0 || dup2(cmd[0], 4) < 0)
                        _exit(1);
                close_range(5, ~0U, 0);
                execl(self, self, "hold", ns, rs, (char *)NULL);
                _exit(127);
        }
        close(rep[1]);
        close(cmd[0]);
        *ret_report = rep[0];
        *ret_cmd = cmd[1];
        return pid;
}

int main(int argc, char **argv) {
        if (argc == 4 && strcmp(argv[1], "hold") == 0)
                return hold(argv);
        self = "/proc/self/exe";
        struct judge_error err = {0};
        struct uid_range r;

        /* Ranges. */
        CHECK(uid_range_parse("200000-265535", &r, &err) == 0 && r.first == 200000 && r.last == 265535,
              "the default range parses");
        CHECK(uid_range_parse(UID_RANGE_DEFAULT, &r, &err) == 0, "UID_RANGE_DEFAULT is valid");
        CHECK(uid_range_parse("70000-70000", &r, &err) == 0 && r.first == 70000 && r.last == 70000,
              "a one-uid range");
        const char *bad[] = {"",
                             "100-2000",
                             "0-5",
                             "999-1000",
                             "60000-65534",
                             "65535-70000",
                             "65534-65534",
                             "70000-69999",
                             "70000",
                             "70000-",
                             "-70000",
                             "a-b",
                             "70000-70001x",
                             "1000-4294967295",
                             "2147483648-2147483649",
                             "+70000-70001",
                             "70000--70001",
                             "99999999999999999999-1"};
        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
                err = (struct judge_error){0};
                CHECK(uid_range_parse(bad[i], &r, &err) == -EINVAL && err.msg[0], "range \"%s\" refused: %s",
                      bad[i], err.msg);
        }
        setenv("JUDGE_UID_RANGE", "300000-300009", 1);
        CHECK(uid_range_default(&r, &err) == 0 && r.first == 300000 && r.last == 300009,
              "JUDGE_UID_RANGE sets the default");
        setenv("JUDGE_UID_RANGE", "1-10", 1);
        CHECK(uid_range_default(&r, &err) == -EINVAL && strstr(err.msg, "JUDGE_UID_RANGE"),
              "a bad JUDGE_UID_RANGE is an error naming it: %s", err.msg);
        struct uid_range set = {400000, 400001};
        uid_range_set_default(&set);
        CHECK(uid_range_default(&r, &err) == 0 && r.first == 400000,
              "uid_range_set_default wins over the env");
        unsetenv("JUDGE_UID_RANGE");

        char dir[] = "/tmp/test-uid-XXXXXX";
        if (!mkdtemp(dir)) {
                CHECK(0, "mkdtemp");
                return tap_done();
        }
        setenv("JUDGE_UID_LOCK_DIR", dir, 1);

        /* Threads of one process: distinct uids, each locked. */
        range = (struct uid_range){500000, 500000 + THREADS + 1};
        pthread_t th[THREADS];
        pthread_barrier_init(&barrier, NULL, THREADS);
        for (size_t i = 0; i < THREADS; i++)
                pthread_create(&th[i], NULL, take, (void *)i);
        for (size_t i = 0; i < THREADS; i++)
                pthread_join(th[i], NULL);
        bool all_ok = true, in_range = true, locked = true;
        for (size_t i = 0; i < THREADS; i++) {
                all_ok &= results[i] == 0;
                in_range &= leases[i].uid >= range.first && leases[i].uid <= range.last;
                locked &= leases[i].lock_fd >= 0 && !leases[i].note;
        }
        CHECK(all_ok && distinct(leases, THREADS), "%d threads get %d distinct uids", THREADS, THREADS);
        CHECK(in_range && locked, "each from the range, each with its lock file");

        /* Another process sees them taken, and takes the two that are left. */
        int rep, cmd;
        pid_t pid = holder(3, &rep, &cmd);
        unsigned got[3] = {0};
        for (int i = 0; i < 3; i++)
                if (read(rep, &got[i], sizeof got[i]) != sizeof got[i])
                        got[i] = 1;
        bool other = got[0] && got[1] && got[0] != got[1];
        for (size_t i = 0; i < THREADS; i++)
                other &= leases[i].uid != got[0] && leases[i].uid != got[1];
        CHECK(other, "a second process gets the 2 uids the first does not hold (%u, %u)", got[0], got[1]);
        CHECK(got[2] == 0, "and finds the range exhausted after that");
        struct uid_lease extra;
        err = (struct judge_error){0};
        CHECK(uid_lease_acquire(&range, &extra, &err) == -EAGAIN && strstr(err.msg, "in use"),
              "exhausted here too: -EAGAIN, %s", err.msg);

        /* Release: the uid comes back. */
        unsigned freed = leases[3].uid;
        uid_lease_release(&leases[3]);
        CHECK(!leases[3].held && leases[3].lock_fd == -1, "a released lease holds nothing");
        uid_lease_release(&leases[3]); /* idempotent */
        CHECK(uid_lease_acquire(&range, &extra, &err) == 0 && extra.uid == freed,
              "a released uid is taken again (%u)", extra.uid);

        /* A process killed while holding uids: its locks die with it, the uids are reused. */
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        close(rep);
        close(cmd);
        struct uid_lease a, b;
        int ka = uid_lease_acquire(&range, &a, NULL), kb = uid_lease_acquire(&range, &b, NULL);
        CHECK(ka == 0 && kb == 0 &&
                      ((a.uid == got[0] && b.uid == got[1]) || (a.uid == got[1] && b.uid == got[0])),
              "the uids of a killed process (stale lock files) are reused");

        for (size_t i = 0; i < THREADS; i++)
                uid_lease_release(&leases[i]);
        uid_lease_release(&extra);
        uid_lease_release(&a);
        uid_lease_release(&b);

        /* Two processes at once, many rounds: never the same uid at the same time. */
        range = (struct uid_range){600000, 600063};
        int p1r, p1c, p2r, p2c;
        pid_t p1 = holder(20, &p1r, &p1c), p2 = holder(20, &p2r, &p2c);
        unsigned u1[20], u2[20];
        bool rd = true;
        for (int i = 0; i < 20; i++)
                rd &= read(p1r, &u1[i], sizeof *u1) == sizeof *u1 &&
                      read(p2r, &u2[i], sizeof *u2) == sizeof *u2;
        bool disjoint = rd;
        for (int i = 0; i < 20; i++)
                for (int j = 0; j < 20; j++)
                        disjoint &= u1[i] && u2[j] && u1[i] != u2[j];
        CHECK(disjoint, "two processes taking 20 uids each at once never share one");
        (void)!write(p1c, "x", 1);
        (void)!write(p2c, "x", 1);
        waitpid(p1, NULL, 0);
        waitpid(p2, NULL, 0);

        /* No usable lock directory: a random uid from the range, with a note. */
        setenv("JUDGE_UID_LOCK_DIR", "/proc/no-such-dir/uid", 1);
        range = (struct uid_range){700000, 700003};
        struct uid_lease f[4];
        bool fok = true;
        for (int i = 0; i < 4; i++)
                fok &= uid_lease_acquire(&range, &f[i], NULL) == 0 && f[i].note && f[i].lock_fd == -1 &&
                       f[i].uid >= 700000 && f[i].uid <= 700003;
        CHECK(fok && distinct(f, 4), "without a lock directory: distinct random uids with a note");
        CHECK(uid_lease_acquire(&range, &extra, NULL) == -EAGAIN,
              "and -EAGAIN when this process holds them all");
        for (int i = 0; i < 4; i++)
                uid_lease_release(&f[i]);

        char rm[200];
        snprintf(rm, sizeof rm, "rm -rf %s", dir);
        (void)!system(rm);
        return tap_done();
}
