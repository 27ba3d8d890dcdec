impl Solution {
    pub fn is_valid_sudoku(board: Vec<Vec<char>>) -> bool {
        // Checks rows and columns but forgets the 3x3 boxes.
        let mut rows = vec![HashSet::new(); 9];
        let mut cols = vec![HashSet::new(); 9];
        for r in 0..9 {
            for c in 0..9 {
                let ch = board[r][c];
                if ch == '.' {
                    continue;
                }
                if !rows[r].insert(ch) || !cols[c].insert(ch) {
                    return false;
                }
            }
        }
        true
    }
}
