func exist(board [][]byte, word string) bool {
    var dfs func(r, c, k int) bool
    dfs = func(r, c, k int) bool {
        if k == len(word) {
            return true
        }
        if r < 0 || r >= len(board) || c < 0 || c >= len(board[r]) || board[r][c] != word[k] {
            return false
        }
        saved := board[r][c]
        board[r][c] = '#'
        found := dfs(r+1, c, k+1) || dfs(r-1, c, k+1) || dfs(r, c+1, k+1) || dfs(r, c-1, k+1)
        board[r][c] = saved
        return found
    }
    for r := range board {
        for c := range board[r] {
            if dfs(r, c, 0) {
                return true
            }
        }
    }
    return false
}
