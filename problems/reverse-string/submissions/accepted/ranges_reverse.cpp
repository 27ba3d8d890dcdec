// Today's LeetCode style: ranges::reverse on the whole container.
class Solution {
public:
    void reverseString(vector<char>& s) {
        ranges::reverse(s);
    }
};
