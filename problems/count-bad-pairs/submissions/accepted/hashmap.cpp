class Solution {
public:
    long long countBadPairs(vector<int>& nums) {
        unordered_map<int, long long> seen;
        long long bad = 0;
        for (int i = 0; i < (int)nums.size(); i++) {
            long long& same = seen[nums[i] - i];
            bad += i - same;  // earlier indices with a different key
            same++;
        }
        return bad;
    }
};
