// C++23 deducing this: a recursive lambda without std::function, and ranges::max.
class Solution {
public:
    int maxDepth(TreeNode* root) {
        auto dfs = [&](this auto&& dfs, TreeNode* n) -> int {
            if (!n) return 0;
            return 1 + ranges::max(dfs(n->left), dfs(n->right));
        };
        return dfs(root);
    }
};
