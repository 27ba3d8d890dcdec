impl Solution {
    pub fn find_the_difference(s: String, t: String) -> char {
        let x = s.bytes().chain(t.bytes()).fold(0u8, |acc, b| acc ^ b);
        x as char
    }
}
