// Bug: checks rows and columns but forgets the 3x3 boxes.
class Solution {
public:
    bool isValidSudoku(vector<vector<char>>& board) {
        for (int i = 0; i < 9; i++) {
            bool row[10] = {}, col[10] = {};
            for (int j = 0; j < 9; j++) {
                char a = board[i][j], b = board[j][i];
                if (a != '.') {
                    if (row[a - '0']) return false;
                    row[a - '0'] = true;
                }
                if (b != '.') {
                    if (col[b - '0']) return false;
                    col[b - '0'] = true;
                }
            }
        }
        return true;
    }
};
