use std::rc::Rc;
use std::cell::RefCell;
impl Solution {
    pub fn max_depth(root: Option<Rc<RefCell<TreeNode>>>) -> i32 {
        match root {
            None => 0,
            Some(node) => {
                let (l, r) = (node.borrow().left.clone(), node.borrow().right.clone());
                // Each subtree is measured twice: exponential in the depth.
                if Self::max_depth(l.clone()) > Self::max_depth(r.clone()) {
                    Self::max_depth(l) + 1
                } else {
                    Self::max_depth(r) + 1
                }
            }
        }
    }
}
