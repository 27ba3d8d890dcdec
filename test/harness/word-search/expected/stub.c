bool exist(char** board, int boardSize, int* boardColSize, char* word) {
    
}
