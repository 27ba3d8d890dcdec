// Sort [value, index] pairs through a PriorityQueue with a compare function, then close in
// from both ends.
/**
 * @param {number[]} nums
 * @param {number} target
 * @return {number[]}
 */
var twoSum = function (nums, target) {
    const pq = new PriorityQueue((a, b) => a[0] - b[0] || a[1] - b[1]);
    nums.forEach((v, i) => pq.enqueue([v, i]));
    const sorted = [];
    while (!pq.isEmpty()) sorted.push(pq.dequeue());
    let lo = 0, hi = sorted.length - 1;
    while (lo < hi) {
        const sum = sorted[lo][0] + sorted[hi][0];
        if (sum === target) return [sorted[lo][1], sorted[hi][1]].sort((a, b) => a - b);
        if (sum < target) lo++;
        else hi--;
    }
    return [];
};
