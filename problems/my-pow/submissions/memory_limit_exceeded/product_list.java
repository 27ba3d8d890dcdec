class Solution {
    public double myPow(double x, int n) {
        long e = n;
        if (e < 0) {
            x = 1 / x;
            e = -e;
        }
        // Stores all e factors before multiplying them: gigabytes for large n. One array for all
        // of them, so a large n fails at once (OutOfMemoryError: Memory Limit Exceeded) rather
        // than after filling 256 MB, which on a loaded host can take longer than the time limit.
        double[] factors = new double[(int) Math.min(e, Integer.MAX_VALUE - 8)];
        for (int i = 0; i < factors.length; i++) factors[i] = x;
        double result = 1.0;
        for (double f : factors) result *= f;
        return result;
    }
}
