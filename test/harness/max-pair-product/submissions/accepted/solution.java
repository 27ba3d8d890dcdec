class Solution {
    public long maxProduct(long[] nums) {
        Arrays.sort(nums);
        int n = nums.length;
        return Math.max(nums[0] * nums[1], nums[n - 1] * nums[n - 2]);
    }
}
