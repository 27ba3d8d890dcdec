// Bug: wrong box index (r / 3 * 3 + c instead of + c / 3), caught by vector::at.
class Solution {
public:
    bool isValidSudoku(vector<vector<char>>& board) {
        vector<vector<bool>> rows(9, vector<bool>(9)), cols(9, vector<bool>(9)), boxes(9, vector<bool>(9));
        for (int r = 0; r < 9; r++) {
            for (int c = 0; c < 9; c++) {
                if (board[r][c] == '.') continue;
                int d = board[r][c] - '1';
                int b = r / 3 * 3 + c;
                if (rows[r][d] || cols[c][d] || boxes.at(b)[d]) return false;
                rows[r][d] = cols[c][d] = boxes.at(b)[d] = true;
            }
        }
        return true;
    }
};
