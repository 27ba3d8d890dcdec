class Solution {
public:
    long long maxProduct(vector<long long>& nums) {
        sort(nums.begin(), nums.end());
        int n = nums.size();
        return max(nums[0] * nums[1], nums[n - 1] * nums[n - 2]);
    }
};
