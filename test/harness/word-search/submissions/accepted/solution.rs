impl Solution {
    pub fn exist(board: Vec<Vec<char>>, word: String) -> bool {
        let mut board = board;
        let w: Vec<char> = word.chars().collect();
        fn dfs(b: &mut Vec<Vec<char>>, w: &[char], i: i32, j: i32, k: usize) -> bool {
            if k == w.len() {
                return true;
            }
            if i < 0 || j < 0 || i as usize >= b.len() || j as usize >= b[0].len() || b[i as usize][j as usize] != w[k] {
                return false;
            }
            let c = b[i as usize][j as usize];
            b[i as usize][j as usize] = '#';
            let found = dfs(b, w, i + 1, j, k + 1) || dfs(b, w, i - 1, j, k + 1) || dfs(b, w, i, j + 1, k + 1) || dfs(b, w, i, j - 1, k + 1);
            b[i as usize][j as usize] = c;
            found
        }
        for i in 0..board.len() {
            for j in 0..board[0].len() {
                if dfs(&mut board, &w, i as i32, j as i32, 0) {
                    return true;
                }
            }
        }
        false
    }
}
