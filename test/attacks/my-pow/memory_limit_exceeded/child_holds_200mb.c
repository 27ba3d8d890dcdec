// A child holds 200 MB (my-pow allows 96 MB) while the parent answers: memory held by children
// counts. (two-sum's 256 MB took over a second of CPU to touch on the CI machines: TLE first.)
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

double myPow(double x, int n) {
    static int done;
    if (!done++) {
        int fds[2];
        if (pipe(fds) < 0)
            return 0;
        if (fork() == 0) {
            char *p = mmap(NULL, 200 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p != MAP_FAILED)
                memset(p, 1, 200 << 20);
            (void)!write(fds[1], "x", 1);
            for (;;)
                pause();
        }
        char c;
        (void)!read(fds[0], &c, 1);
    }
    long long e = n;
    if (e < 0) {
        x = 1 / x;
        e = -e;
    }
    double r = 1;
    for (; e; e >>= 1, x *= x)
        if (e & 1)
            r *= x;
    return r;
}
