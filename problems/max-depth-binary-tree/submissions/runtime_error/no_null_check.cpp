// Forgets the empty tree: dereferences a null root.
class Solution {
public:
    int maxDepth(TreeNode* root) {
        int l = root->left ? maxDepth(root->left) : 0;
        int r = root->right ? maxDepth(root->right) : 0;
        return 1 + max(l, r);
    }
};
