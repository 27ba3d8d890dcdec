// A second thread burns CPU while the calling thread sleeps 1.5 s (no CPU of its own), then
// answers.
#include <thread>
#include <unistd.h>

class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) {
        static bool done;
        if (!done) {
            done = true;
            std::thread([] {
                volatile unsigned long spin = 0;
                for (;;)
                    spin++;
            }).detach();
            usleep(1500000);
        }
        unordered_map<long long, int> seen;
        for (int i = 0; i < (int)nums.size(); i++) {
            auto it = seen.find((long long)target - nums[i]);
            if (it != seen.end()) return {it->second, i};
            seen[nums[i]] = i;
        }
        return {};
    }
};
