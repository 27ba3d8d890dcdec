int maxDepth(struct TreeNode* root) {
    /* No null check: reads root->left through NULL below the first leaf (SIGSEGV). */
    int l = root->left ? maxDepth(root->left) : 0;
    int r = maxDepth(root->right);
    return 1 + (l > r ? l : r);
}
