class Solution {
public:
    int lastDigits(int n) { return n % 1000; }
};
