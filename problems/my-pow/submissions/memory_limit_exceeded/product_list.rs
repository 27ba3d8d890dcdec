impl Solution {
    pub fn my_pow(x: f64, n: i32) -> f64 {
        let (x, e) = if n < 0 { (1.0 / x, -(n as i64)) } else { (x, n as i64) };
        // Stores all e factors before multiplying them: gigabytes for large n.
        let mut factors = Vec::new();
        for _ in 0..e {
            factors.push(x);
        }
        factors.iter().product()
    }
}
