var maxProduct = function(nums) {
    const b = nums.map(BigInt).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const n = b.length;
    const p = b[0] * b[1], q = b[n - 1] * b[n - 2];
    return p > q ? p : q;
};
