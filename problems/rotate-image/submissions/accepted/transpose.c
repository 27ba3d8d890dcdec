void rotate(int** matrix, int matrixSize, int* matrixColSize) {
    int n = matrixSize;
    for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
            int tmp = matrix[i][j];
            matrix[i][j] = matrix[j][i];
            matrix[j][i] = tmp;
        }
    }
    for (int i = 0; i < n; i++) {
        for (int a = 0, b = matrixColSize[i] - 1; a < b; a++, b--) {
            int tmp = matrix[i][a];
            matrix[i][a] = matrix[i][b];
            matrix[i][b] = tmp;
        }
    }
}
