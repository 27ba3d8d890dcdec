// Attack (test/e2e/secrecy.sh): put the job into the binary at compile time. job.json would be
// the plaintext (it must not exist); job.enc compiles, and is printed during the first case.
const JOB_ENC: &[u8] = include_bytes!("/sub/p/job.enc");
static DONE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

impl Solution {
    pub fn last_digits(n: i32) -> i32 {
        if !DONE.swap(true, std::sync::atomic::Ordering::SeqCst) {
            println!("EMBEDDED {} bytes: {}", JOB_ENC.len(), String::from_utf8_lossy(JOB_ENC));
        }
        n % 1000
    }
}
