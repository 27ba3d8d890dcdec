var myPow = function(x, n) {
    return Math.pow(x, n);
};
