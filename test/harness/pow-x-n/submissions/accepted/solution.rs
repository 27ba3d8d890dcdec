impl Solution {
    pub fn my_pow(x: f64, n: i32) -> f64 {
        let mut e = (n as i64).abs();
        let mut base = if n < 0 { 1.0 / x } else { x };
        let mut r = 1.0;
        while e > 0 {
            if e & 1 == 1 {
                r *= base;
            }
            base *= base;
            e >>= 1;
        }
        r
    }
}
