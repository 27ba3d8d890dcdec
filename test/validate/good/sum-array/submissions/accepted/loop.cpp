class Solution {
public:
    long long sumArray(vector<int>& nums) {
        long long s = 0;
        for (int x : nums) s += x;
        return s;
    }
};
