// Attack (test/e2e/secrecy.sh): put the job into the binary at compile time, or at least into
// the compiler's messages, which the user sees. The plaintext job: it must not exist.
#include "/sub/p/job.json"
static const char job_json[] =
#include "/sub/p/job.json"
    ;

class Solution {
public:
    int lastDigits(int n) {
    return n % 1000 + (int)sizeof job_json * 0;
    }
};
