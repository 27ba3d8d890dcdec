class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) {
        unordered_map<int, int> seen;
        seen.reserve(nums.size() * 2);
        for (int i = 0; i < (int)nums.size(); i++) {
            // target - nums[i] can leave the int range: compute in 64 bits.
            long long want = (long long)target - nums[i];
            if (want >= INT_MIN && want <= INT_MAX) {
                auto it = seen.find((int)want);
                if (it != seen.end()) return {it->second, i};
            }
            seen[nums[i]] = i;
        }
        return {};
    }
};
