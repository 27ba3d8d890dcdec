var invertTree = function(root) {
    if (root === null) return null;
    const left = invertTree(root.left);
    root.left = invertTree(root.right);
    root.right = left;
    return root;
};
