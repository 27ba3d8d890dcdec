// Calls the deeper subtree twice: exponential on a long path.
class Solution {
public:
    int maxDepth(TreeNode* root) {
        if (!root) return 0;
        if (maxDepth(root->left) > maxDepth(root->right))
            return maxDepth(root->left) + 1;
        return maxDepth(root->right) + 1;
    }
};
