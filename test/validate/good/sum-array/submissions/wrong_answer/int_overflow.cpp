class Solution {
public:
    long long sumArray(vector<int>& nums) {
        int s = 0;  // wraps on the "big" hidden case
        for (int x : nums) s = (int)((unsigned)s + (unsigned)x);
        return s;
    }
};
