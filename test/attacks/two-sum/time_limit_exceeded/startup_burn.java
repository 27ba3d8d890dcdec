// Burns 5 s of CPU in a static block (the limit is 2 s), then answers at once.
class Solution {
    static long spin;

    static {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = mx.getCurrentThreadCpuTime() + 5_000_000_000L;
        while (mx.getCurrentThreadCpuTime() < end)
            for (int k = 0; k < 100000; k++)
                spin += k;
    }

    public int[] twoSum(int[] nums, int target) {
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = 0; i < nums.length; i++) {
            Integer j = seen.get((long) target - nums[i]);
            if (j != null) return new int[] {j, i};
            seen.put((long) nums[i], i);
        }
        return new int[0];
    }
}
