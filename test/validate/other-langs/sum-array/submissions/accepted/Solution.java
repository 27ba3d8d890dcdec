class Solution {
    public long sumArray(int[] nums) {
        long s = 0;
        for (int x : nums) s += x;
        return s;
    }
}
