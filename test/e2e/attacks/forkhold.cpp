// Fork-heavy but well-behaved: on its first call, forks until the kernel says no (RLIMIT_NPROC or
// the container's pids limit), holds the children about a second, reaps them, then answers two-sum
// correctly. Judged four at a time by test/e2e/identity.sh: with one uid shared by every
// container, these four exhaust the uid's process count and a submission judged beside them
// fails (fork: EAGAIN in its compiler or harness); with a uid per container nothing leaks.
#include <sys/wait.h>
#include <unistd.h>
static bool forked_once;
class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) {
        if (!forked_once) {
            forked_once = true;
            cerr << "uid " << getuid() << endl;
            vector<pid_t> kids;
            for (int i = 0; i < 4096; i++) {
                pid_t p = fork();
                if (p < 0) break;
                if (p == 0) { usleep(1000 * 1000); _exit(0); }
                kids.push_back(p);
            }
            for (pid_t k : kids) waitpid(k, nullptr, 0);
            cerr << "held " << kids.size() << " children\n";
        }
        unordered_map<int, int> seen;
        for (int i = 0; i < (int)nums.size(); i++) {
            auto it = seen.find(target - nums[i]);
            if (it != seen.end()) return {it->second, i};
            seen[nums[i]] = i;
        }
        return {};
    }
};
