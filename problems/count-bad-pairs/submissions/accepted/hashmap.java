class Solution {
    public long countBadPairs(int[] nums) {
        Map<Integer, Integer> seen = new HashMap<>();
        long bad = 0;
        for (int i = 0; i < nums.length; i++) {
            int key = nums[i] - i;
            int same = seen.getOrDefault(key, 0);
            bad += i - same;
            seen.put(key, same + 1);
        }
        return bad;
    }
}
