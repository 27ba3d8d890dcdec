// Attack (test/e2e/secrecy.sh): include the plaintext job at compile time; it must not exist.
const JOB: &str = include_str!("/sub/p/job.json");

impl Solution {
    pub fn last_digits(n: i32) -> i32 {
        n % 1000 + JOB.len() as i32 * 0
    }
}
