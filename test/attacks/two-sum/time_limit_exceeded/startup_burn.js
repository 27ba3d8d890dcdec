// Burns 8 s of CPU in top-level code (the limit is 3 s), then answers at once.
const attackEnd = process.cpuUsage().user + 8e6;
let attackSpin = 0;
while (process.cpuUsage().user < attackEnd)
    for (let k = 0; k < 100000; k++) attackSpin += k;

var twoSum = function(nums, target) {
    const seen = new Map();
    for (let i = 0; i < nums.length; i++) {
        const j = seen.get(target - nums[i]);
        if (j !== undefined) return [j, i];
        seen.set(nums[i], i);
    }
    return [];
};
