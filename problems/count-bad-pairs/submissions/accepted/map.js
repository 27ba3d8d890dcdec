/**
 * @param {number[]} nums
 * @return {number}
 */
var countBadPairs = function(nums) {
    const seen = new Map();
    let bad = 0;
    for (let i = 0; i < nums.length; i++) {
        const key = nums[i] - i;
        const same = seen.get(key) || 0;
        bad += i - same;
        seen.set(key, same + 1);
    }
    return bad;
};
