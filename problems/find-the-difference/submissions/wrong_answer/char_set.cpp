// Bug: looks for a letter of t that is absent from s, which fails when the
// added letter already occurs in s.
class Solution {
public:
    char findTheDifference(string s, string t) {
        set<char> have(s.begin(), s.end());
        for (char c : t)
            if (!have.count(c)) return c;
        return ' ';
    }
};
