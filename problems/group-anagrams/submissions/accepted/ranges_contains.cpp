// Today's LeetCode style: ranges::sort for the key, map.contains (C++20).
class Solution {
public:
    vector<vector<string>> groupAnagrams(vector<string>& strs) {
        unordered_map<string, int> group;
        vector<vector<string>> ans;
        for (auto& s : strs) {
            string key = s;
            ranges::sort(key);
            if (!group.contains(key)) {
                group[key] = ans.size();
                ans.emplace_back();
            }
            ans[group[key]].push_back(s);
        }
        return ans;
    }
};
