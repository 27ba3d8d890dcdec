/**
 * @param {number} x
 * @param {number} n
 * @return {number}
 */
var myPow = function(x, n) {
    if (n < 0) {
        x = 1 / x;
        n = -n;
    }
    // Stores all n factors before multiplying them: gigabytes for large n.
    const factors = [];
    for (let i = 0; i < n; i++) factors.push(x);
    return factors.reduce((a, b) => a * b, 1);
};
