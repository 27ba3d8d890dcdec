// C++23 deducing this: the recursive lambda names itself through its explicit object parameter.
class Solution {
public:
    TreeNode* invertTree(TreeNode* root) {
        auto invert = [](this auto&& self, TreeNode* n) -> TreeNode* {
            if (n) {
                swap(n->left, n->right);
                self(n->left);
                self(n->right);
            }
            return n;
        };
        return invert(root);
    }
};
