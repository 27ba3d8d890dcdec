// Java 21: an explicit DFS stack of records on an ArrayList (addLast / removeLast), var.
class Solution {
    record Frame(TreeNode node, int depth) {}

    public int maxDepth(TreeNode root) {
        var best = 0;
        var stack = new ArrayList<Frame>();
        if (root != null)
            stack.addLast(new Frame(root, 1));
        while (!stack.isEmpty()) {
            var f = stack.removeLast();
            best = Math.max(best, f.depth());
            if (f.node().left != null)
                stack.addLast(new Frame(f.node().left, f.depth() + 1));
            if (f.node().right != null)
                stack.addLast(new Frame(f.node().right, f.depth() + 1));
        }
        return best;
    }
}
