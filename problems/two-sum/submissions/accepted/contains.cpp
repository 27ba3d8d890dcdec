// unordered_map::contains (C++20) and structured bindings.
class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) {
        unordered_map<int, int> seen;
        for (int i = 0; i < ssize(nums); ++i) {
            if (int need = target - nums[i]; seen.contains(need))
                return {seen[need], i};
            seen[nums[i]] = i;
        }
        return {};
    }
};
