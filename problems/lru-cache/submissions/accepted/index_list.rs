struct Node {
    key: i32,
    value: i32,
    prev: usize,
    next: usize,
}

/// Doubly linked list in a Vec; slot 0 is the sentinel (next = most recent).
struct LRUCache {
    capacity: usize,
    nodes: Vec<Node>,
    index: HashMap<i32, usize>,
}


/**
 * `&self` means the method takes an immutable reference.
 * If you need a mutable reference, change it to `&mut self` instead.
 */
impl LRUCache {

    fn new(capacity: i32) -> Self {
        let sentinel = Node { key: 0, value: 0, prev: 0, next: 0 };
        LRUCache { capacity: capacity as usize, nodes: vec![sentinel], index: HashMap::new() }
    }

    fn unlink(&mut self, i: usize) {
        let (p, n) = (self.nodes[i].prev, self.nodes[i].next);
        self.nodes[p].next = n;
        self.nodes[n].prev = p;
    }

    fn push_front(&mut self, i: usize) {
        let first = self.nodes[0].next;
        self.nodes[i].prev = 0;
        self.nodes[i].next = first;
        self.nodes[first].prev = i;
        self.nodes[0].next = i;
    }

    fn get(&mut self, key: i32) -> i32 {
        match self.index.get(&key) {
            Some(&i) => {
                self.unlink(i);
                self.push_front(i);
                self.nodes[i].value
            }
            None => -1,
        }
    }

    fn put(&mut self, key: i32, value: i32) {
        if let Some(&i) = self.index.get(&key) {
            self.nodes[i].value = value;
            self.unlink(i);
            self.push_front(i);
            return;
        }
        let i = if self.index.len() == self.capacity {
            let last = self.nodes[0].prev;
            self.unlink(last);
            self.index.remove(&self.nodes[last].key);
            self.nodes[last].key = key;
            self.nodes[last].value = value;
            last
        } else {
            self.nodes.push(Node { key, value, prev: 0, next: 0 });
            self.nodes.len() - 1
        };
        self.index.insert(key, i);
        self.push_front(i);
    }
}

/**
 * Your LRUCache object will be instantiated and called as such:
 * let obj = LRUCache::new(capacity);
 * let ret_1: i32 = obj.get(key);
 * obj.put(key, value);
 */
