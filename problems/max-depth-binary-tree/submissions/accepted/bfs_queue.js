// Level-order BFS with datastructures-js's Queue (a global on LeetCode).
/**
 * @param {TreeNode} root
 * @return {number}
 */
var maxDepth = function (root) {
    if (!root) return 0;
    const queue = new Queue([root]);
    let depth = 0;
    while (!queue.isEmpty()) {
        depth++;
        for (let n = queue.size(); n > 0; n--) {
            const node = queue.dequeue();
            if (node.left) queue.enqueue(node.left);
            if (node.right) queue.enqueue(node.right);
        }
    }
    return depth;
};
