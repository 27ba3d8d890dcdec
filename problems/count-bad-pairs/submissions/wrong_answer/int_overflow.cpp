// Bug: keeps the count in 32 bits, so answers past 2^31 - 1 come back wrong.
class Solution {
public:
    long long countBadPairs(vector<int>& nums) {
        unordered_map<int, int> seen;
        unsigned bad = 0;
        for (int i = 0; i < (int)nums.size(); i++) {
            int& same = seen[nums[i] - i];
            bad += i - same;
            same++;
        }
        return (int)bad;
    }
};
