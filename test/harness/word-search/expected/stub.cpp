class Solution {
public:
    bool exist(vector<vector<char>>& board, string word) {
        
    }
};
