use std::collections::HashMap;

impl Solution {
    pub fn group_anagrams(strs: Vec<String>) -> Vec<Vec<String>> {
        let mut groups: HashMap<[u8; 26], Vec<String>> = HashMap::new();
        for s in strs {
            let key = s.bytes().fold([0u8; 26], |mut count, b| {
                count[(b - b'a') as usize] += 1;
                count
            });
            groups.entry(key).or_default().push(s);
        }
        groups.into_values().collect()
    }
}
