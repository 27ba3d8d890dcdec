static long calls; /* a side effect: the compiler may not merge the repeated calls (gcc -O1 does for a pure function) */

int maxDepth(struct TreeNode* root) {
    calls++;
    if (root == NULL) return 0;
    /* Each subtree is measured twice: exponential in the depth. */
    return maxDepth(root->left) > maxDepth(root->right) ? maxDepth(root->left) + 1
                                                        : maxDepth(root->right) + 1;
}
