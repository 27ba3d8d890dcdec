impl Solution {
    pub fn count_bad_pairs(nums: Vec<i32>) -> i64 {
        let mut seen: HashMap<i32, i64> = HashMap::new();
        let mut bad: i64 = 0;
        for (i, &v) in nums.iter().enumerate() {
            let same = seen.entry(v - i as i32).or_insert(0);
            bad += i as i64 - *same;
            *same += 1;
        }
        bad
    }
}
