use std::collections::{HashMap, VecDeque};

struct LRUCache {
    cap: usize,
    map: HashMap<i32, (i32, u64)>,
    order: VecDeque<(i32, u64)>,
    tick: u64,
}

/**
 * `&self` means the method takes an immutable reference.
 * If you need a mutable reference, change it to `&mut self` instead.
 */
impl LRUCache {
    fn new(capacity: i32) -> Self {
        LRUCache { cap: capacity as usize, map: HashMap::new(), order: VecDeque::new(), tick: 0 }
    }

    fn touch(&mut self, key: i32) -> u64 {
        self.tick += 1;
        self.order.push_back((key, self.tick));
        self.tick
    }

    fn get(&mut self, key: i32) -> i32 {
        match self.map.get(&key).copied() {
            Some((v, _)) => {
                let t = self.touch(key);
                self.map.insert(key, (v, t));
                v
            }
            None => -1,
        }
    }

    fn put(&mut self, key: i32, value: i32) {
        let t = self.touch(key);
        self.map.insert(key, (value, t));
        while self.map.len() > self.cap {
            let (k, t) = self.order.pop_front().unwrap();
            if self.map.get(&k).map(|e| e.1) == Some(t) {
                self.map.remove(&k);
            }
        }
    }
}
