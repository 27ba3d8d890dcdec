// Materialises every pair before searching: O(n^2) memory.
class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) {
        vector<pair<int, int>> pairs;
        int n = nums.size();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                pairs.push_back({i, j});
        for (auto& p : pairs)
            if ((long long)nums[p.first] + nums[p.second] == target) return {p.first, p.second};
        return {};
    }
};
