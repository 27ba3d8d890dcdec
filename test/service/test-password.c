/* service/password.c: yescrypt hashes from libxcrypt, checked in constant time, with a dummy hash
 * for unknown users; and the cost of one hash, measured (CPU time of this thread, so that other
 * load on the machine does not count). Needs no services. */
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "service/password.h"
#include "tap.h"

static double cpu_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

int main(void) {
        char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
        struct judge_error err = { 0 };
        CHECK(password_hash("correct horse", h1, &err) == 0, "hash: %s", err.msg[0] ? err.msg : h1);
        CHECK(strncmp(h1, "$y$", 3) == 0, "a yescrypt string: %.10s...", h1);
        CHECK(password_hash("correct horse", h2, &err) == 0 && strcmp(h1, h2) != 0,
              "the same password twice: two salts, two strings");
        CHECK(password_verify("correct horse", h1, &err) == 1, "the right password matches");
        CHECK(password_verify("correct horsf", h1, &err) == 0, "a wrong password does not");
        CHECK(password_verify("", h1, &err) == 0, "the empty password does not");
        CHECK(password_verify("correct horse", NULL, &err) == 0, "no stored hash (unknown user): no match");
        CHECK(password_verify("correct horse", "", &err) == 0, "an empty stored hash: no match");
        CHECK(password_verify("x", "not a crypt string", &err) == 0, "a stored string that is not a hash: no match");
        char longpw[257];
        memset(longpw, 'a', 256);
        longpw[256] = 0;
        CHECK(password_hash(longpw, h2, &err) == 0 && password_verify(longpw, h2, &err) == 1,
              "a 256-byte password hashes and verifies");
        longpw[255] = 'b';
        CHECK(password_verify(longpw, h2, &err) == 0, "... and its last byte counts");

        CHECK(password_equal("abc", "abc") && !password_equal("abc", "abd") && !password_equal("abc", "ab") &&
                      !password_equal("ab", "abc") && password_equal("", ""),
              "password_equal: equal strings only");

        /* the cost: N hashes and N checks of an unknown user (the dummy hash) */
        enum { N = 10 };
        (void) password_verify("warm", NULL, &err);
        double t0 = cpu_ms();
        for (int i = 0; i < N; i++)
                (void) password_hash("correct horse", h2, &err);
        double hash_ms = (cpu_ms() - t0) / N;
        t0 = cpu_ms();
        for (int i = 0; i < N; i++)
                (void) password_verify("correct horse", h1, &err);
        double real_ms = (cpu_ms() - t0) / N;
        t0 = cpu_ms();
        for (int i = 0; i < N; i++)
                (void) password_verify("correct horse", NULL, &err);
        double dummy_ms = (cpu_ms() - t0) / N;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        printf("# yescrypt (libxcrypt default cost): %.1f ms CPU per hash, %.1f ms per check of a real hash, "
               "%.1f ms per check of an unknown user; peak RSS %ld KiB\n",
               hash_ms, real_ms, dummy_ms, ru.ru_maxrss);
        CHECK(hash_ms >= 1.0, "a hash is slow on purpose: %.1f ms of CPU (at least 1 ms)", hash_ms);
        CHECK(dummy_ms > real_ms * 0.5 && dummy_ms < real_ms * 2.0,
              "an unknown user costs what a wrong password costs (%.1f ms vs %.1f ms of CPU)", dummy_ms, real_ms);
        return tap_done();
}
