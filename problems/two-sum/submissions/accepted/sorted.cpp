class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) {
        vector<int> idx(nums.size());
        iota(idx.begin(), idx.end(), 0);
        sort(idx.begin(), idx.end(), [&](int a, int b) { return nums[a] < nums[b]; });
        int lo = 0, hi = (int)idx.size() - 1;
        while (lo < hi) {
            long long s = (long long)nums[idx[lo]] + nums[idx[hi]];
            if (s == target) return {idx[hi], idx[lo]};
            if (s < target) lo++;
            else hi--;
        }
        return {};
    }
};
