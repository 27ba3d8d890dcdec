// Bug: notes that n is negative but never takes the reciprocal.
class Solution {
public:
    double myPow(double x, int n) {
        long long e = n;
        bool negative = e < 0;
        if (negative) e = -e;
        double result = 1.0;
        while (e) {
            if (e & 1) result *= x;
            x *= x;
            e >>= 1;
        }
        return result;
    }
};
