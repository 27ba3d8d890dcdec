class Solution {
public:
    char findTheDifference(string s, string t) {
        int count[26] = {};
        for (char c : s) count[c - 'a']++;
        for (char c : t)
            if (--count[c - 'a'] < 0) return c;
        return ' ';
    }
};
