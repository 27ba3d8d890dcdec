// Attack (test/e2e/secrecy.sh): put the job into the binary at compile time, or at least into
// the compiler's messages, which the user sees. The sealed job: ciphertext at most.
static const char job_enc[] =
#include "/sub/p/job.enc"
    ;

int lastDigits(int n) {
    return n % 1000 + (int)sizeof job_enc * 0;
}
