use std::collections::HashMap;

impl Solution {
    pub fn two_sum(nums: Vec<i32>, target: i32) -> Vec<i32> {
        let mut seen = HashMap::with_capacity(nums.len());
        for (i, x) in nums.into_iter().enumerate() {
            let Some(&j) = target.checked_sub(x).and_then(|want| seen.get(&want)) else {
                seen.insert(x, i as i32);
                continue;
            };
            return vec![j, i as i32];
        }
        unreachable!("every input has an answer")
    }
}
