class Solution {
    public double myPow(double x, int n) {
        long e = n;
        if (e < 0) {
            x = 1 / x;
            e = -e;
        }
        // Stores all e factors before multiplying them: gigabytes for large n.
        List<Double> factors = new ArrayList<>();
        for (long i = 0; i < e; i++) factors.add(x);
        double result = 1.0;
        for (double f : factors) result *= f;
        return result;
    }
}
