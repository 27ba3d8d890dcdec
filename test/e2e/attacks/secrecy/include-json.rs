// Attack (test/e2e/secrecy.sh): put the plaintext job into the binary at compile time, and print
// it during the first case. It must not exist: a compile error.
const JOB: &str = include_str!("/sub/p/job.json");
static DONE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

impl Solution {
    pub fn last_digits(n: i32) -> i32 {
        if !DONE.swap(true, std::sync::atomic::Ordering::SeqCst) {
            println!("EMBEDDED {}", JOB);
        }
        n % 1000
    }
}
