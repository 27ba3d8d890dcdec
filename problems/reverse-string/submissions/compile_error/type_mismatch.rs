impl Solution {
    pub fn reverse_string(s: &mut Vec<char>) {
        let n: i32 = s.len();
        for i in 0..n / 2 {
            s.swap(i, n - 1 - i);
        }
    }
}
