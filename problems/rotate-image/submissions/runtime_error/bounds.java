class Solution {
    public void rotate(int[][] matrix) {
        int n = matrix.length;
        int[][] copy = new int[n][n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                copy[j][n - i] = matrix[i][j]; // off by one: ArrayIndexOutOfBoundsException
        for (int i = 0; i < n; i++) matrix[i] = copy[i];
    }
}
