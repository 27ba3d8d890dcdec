func exist(board [][]byte, word string) bool {
    
}
