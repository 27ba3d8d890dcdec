// Left-over tracing: prints every pair it looks at.
class Solution {
public:
    long long countBadPairs(vector<int>& nums) {
        long long n = nums.size(), good = 0;
        unordered_map<int, long long> seen;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) cout << "pair " << j << " " << i << "\n";
            good += seen[nums[i] - i]++;
        }
        return n * (n - 1) / 2 - good;
    }
};
