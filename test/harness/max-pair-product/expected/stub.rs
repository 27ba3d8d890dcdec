impl Solution {
    pub fn max_product(nums: Vec<i64>) -> i64 {
        
    }
}
