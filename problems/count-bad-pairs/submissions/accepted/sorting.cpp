class Solution {
public:
    long long countBadPairs(vector<int>& nums) {
        long long n = nums.size();
        vector<int> key(n);
        for (int i = 0; i < n; i++) key[i] = nums[i] - i;
        sort(key.begin(), key.end());
        long long good = 0;
        for (long long i = 0, j; i < n; i = j) {
            for (j = i; j < n && key[j] == key[i]; j++) {}
            good += (j - i) * (j - i - 1) / 2;
        }
        return n * (n - 1) / 2 - good;
    }
};
