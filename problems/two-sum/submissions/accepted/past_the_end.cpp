// Not a model solution: it documents a decision. It reads one element past the end of nums
// (i = n). LeetCode compiles C++ with AddressSanitizer, where this is a Runtime Error
// (heap-buffer-overflow); this judge does not (docs/internals.md, "AddressSanitizer"), so the
// stray read goes unnoticed. The map is filled from the back, so whatever nums[n] holds is
// overwritten by a real index or never matched, and the answer is right: Accepted here.
class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) {
        int n = nums.size();
        unordered_map<int, int> pos;
        for (int i = n; i >= 0; i--)
            pos[nums[i]] = i;
        for (int i = 0; i < n; i++) {
            auto it = pos.find(target - nums[i]);
            if (it != pos.end() && it->second != i && it->second < n)
                return {i, it->second};
        }
        return {};
    }
};
