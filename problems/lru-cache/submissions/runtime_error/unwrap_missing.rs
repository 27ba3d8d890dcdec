struct LRUCache {
    capacity: usize,
    tick: u64,
    values: HashMap<i32, (i32, u64)>,
}

impl LRUCache {
    fn new(capacity: i32) -> Self {
        LRUCache { capacity: capacity as usize, tick: 0, values: HashMap::new() }
    }

    fn get(&mut self, key: i32) -> i32 {
        self.tick += 1;
        // Forgets that a key may be missing: panics on unwrap() of None.
        let entry = self.values.get_mut(&key).unwrap();
        entry.1 = self.tick;
        entry.0
    }

    fn put(&mut self, key: i32, value: i32) {
        self.tick += 1;
        if !self.values.contains_key(&key) && self.values.len() == self.capacity {
            let oldest = *self.values.iter().min_by_key(|(_, v)| v.1).unwrap().0;
            self.values.remove(&oldest);
        }
        self.values.insert(key, (value, self.tick));
    }
}
