int maxDepth(struct TreeNode* root) {
    if (root == NULL) return 0;
    /* Each subtree is measured twice: exponential in the depth. */
    return maxDepth(root->left) > maxDepth(root->right) ? maxDepth(root->left) + 1
                                                        : maxDepth(root->right) + 1;
}
