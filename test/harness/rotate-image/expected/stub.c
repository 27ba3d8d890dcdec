void rotate(int** matrix, int matrixSize, int* matrixColSize) {
    
}
