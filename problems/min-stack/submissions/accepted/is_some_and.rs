struct MinStack {
    values: Vec<i32>,
    mins: Vec<i32>,
}

/**
 * `&self` means the method takes an immutable reference.
 * If you need a mutable reference, change it to `&mut self` instead.
 */
impl MinStack {
    fn new() -> Self {
        Self { values: vec![], mins: vec![] }
    }

    fn push(&mut self, val: i32) {
        if self.mins.last().is_none_or(|&m| val <= m) {
            self.mins.push(val);
        }
        self.values.push(val);
    }

    fn pop(&mut self) {
        let Some(v) = self.values.pop() else { return };
        if self.mins.last().is_some_and(|&m| m == v) {
            self.mins.pop();
        }
    }

    fn top(&self) -> i32 {
        *self.values.last().expect("top of an empty stack")
    }

    fn get_min(&self) -> i32 {
        *self.mins.last().expect("min of an empty stack")
    }
}

/**
 * Your MinStack object will be instantiated and called as such:
 * let obj = MinStack::new();
 * obj.push(val);
 * obj.pop();
 * let ret_3: i32 = obj.top();
 * let ret_4: i32 = obj.get_min();
 */
