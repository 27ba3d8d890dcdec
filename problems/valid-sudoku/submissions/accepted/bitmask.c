bool isValidSudoku(char** board, int boardSize, int* boardColSize) {
    int rows[9] = {0}, cols[9] = {0}, boxes[9] = {0};
    for (int r = 0; r < boardSize; r++) {
        for (int c = 0; c < boardColSize[r]; c++) {
            char ch = board[r][c];
            if (ch == '.') continue;
            int bit = 1 << (ch - '1');
            int b = r / 3 * 3 + c / 3;
            if ((rows[r] | cols[c] | boxes[b]) & bit) return false;
            rows[r] |= bit;
            cols[c] |= bit;
            boxes[b] |= bit;
        }
    }
    return true;
}
