impl Solution {
    pub fn is_valid_sudoku(board: Vec<Vec<char>>) -> bool {
        let unique = |cells: &mut dyn Iterator<Item = char>| {
            let mut seen = [false; 9];
            cells.filter_map(|c| c.to_digit(10)).all(|d| !std::mem::replace(&mut seen[d as usize - 1], true))
        };
        (0..9).all(|i| {
            unique(&mut board[i].iter().copied())
                && unique(&mut board.iter().map(|row| row[i]))
                && unique(&mut (0..9).map(|k| board[i / 3 * 3 + k / 3][i % 3 * 3 + k % 3]))
        }) && board.iter().flatten().all(|&c| c == '.' || c.to_digit(10).is_some_and(|d| (1..=9).contains(&d)))
    }
}
