func isValidSudoku(board [][]byte) bool {
    seen := map[byte]bool{}
    check := func(cell func(k int) byte) bool {
        clear(seen)
        for k := range 9 {
            c := cell(k)
            if c == '.' {
                continue
            }
            if seen[c] {
                return false
            }
            seen[c] = true
        }
        return true
    }
    for i := range 9 {
        row := check(func(k int) byte { return board[i][k] })
        col := check(func(k int) byte { return board[k][i] })
        box := check(func(k int) byte { return board[i/3*3+k/3][i%3*3+k%3] })
        if !row || !col || !box {
            return false
        }
    }
    return true
}
