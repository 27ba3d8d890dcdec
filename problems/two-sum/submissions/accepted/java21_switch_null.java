// Java 21: var, and a pattern-matching switch with a `case null` on the map's answer.
class Solution {
    public int[] twoSum(int[] nums, int target) {
        var seen = new HashMap<Integer, Integer>();
        for (var i = 0; i < nums.length; i++) {
            Integer partner = seen.get(target - nums[i]);
            switch (partner) {
                case null -> seen.putIfAbsent(nums[i], i);
                case Integer j when j >= 0 -> {
                    return new int[] {j, i};
                }
                case Integer j -> throw new IllegalStateException("negative index " + j);
            }
        }
        return new int[0];
    }
}
