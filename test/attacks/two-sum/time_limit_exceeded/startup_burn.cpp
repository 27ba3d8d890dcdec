// Burns 2.5 s of CPU in a static initializer (before main), then answers at once.
static int attack_burn = [] {
    clock_t end = clock() + (clock_t)(2.5 * CLOCKS_PER_SEC);
    volatile unsigned long spin = 0;
    while (clock() < end)
        spin++;
    return 0;
}();

class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) {
        unordered_map<long long, int> seen;
        for (int i = 0; i < (int)nums.size(); i++) {
            auto it = seen.find((long long)target - nums[i]);
            if (it != seen.end()) return {it->second, i};
            seen[nums[i]] = i;
        }
        return {};
    }
};
