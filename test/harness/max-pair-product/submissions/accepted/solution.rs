impl Solution {
    pub fn max_product(mut nums: Vec<i64>) -> i64 {
        nums.sort();
        let n = nums.len();
        (nums[0] * nums[1]).max(nums[n - 1] * nums[n - 2])
    }
}
