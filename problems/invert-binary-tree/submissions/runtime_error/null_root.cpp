// Bug: recurses into missing children without checking for nullptr.
class Solution {
public:
    TreeNode* invertTree(TreeNode* root) {
        swap(root->left, root->right);
        if (root->left || root->right) {
            invertTree(root->left);
            invertTree(root->right);
        }
        return root;
    }
};
