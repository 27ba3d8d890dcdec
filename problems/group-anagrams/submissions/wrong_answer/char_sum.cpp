// Bug: keys on the sum of the letters, so "ad" and "bc" collide.
class Solution {
public:
    vector<vector<string>> groupAnagrams(vector<string>& strs) {
        map<int, vector<string>> groups;
        for (const string& s : strs) {
            int key = 0;
            for (char c : s) key += c;
            groups[key].push_back(s);
        }
        vector<vector<string>> out;
        for (auto& kv : groups) out.push_back(kv.second);
        return out;
    }
};
