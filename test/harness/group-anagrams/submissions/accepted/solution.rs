use std::collections::HashMap;

impl Solution {
    pub fn group_anagrams(strs: Vec<String>) -> Vec<Vec<String>> {
        let mut groups: HashMap<Vec<u8>, Vec<String>> = HashMap::new();
        let mut order: Vec<Vec<u8>> = Vec::new();
        for s in strs {
            let mut key = s.clone().into_bytes();
            key.sort_unstable();
            if !groups.contains_key(&key) {
                order.push(key.clone());
            }
            groups.entry(key).or_default().push(s);
        }
        order.into_iter().map(|k| groups.remove(&k).unwrap()).collect()
    }
}
