class Solution {
public:
    void rotate(vector<vector<int>>& matrix) {
        
    }
};
