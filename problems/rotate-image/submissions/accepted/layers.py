class Solution:
    def rotate(self, matrix: List[List[int]]) -> None:
        n = len(matrix)
        for layer in range(n // 2):
            first, last = layer, n - 1 - layer
            for i in range(first, last):
                off = i - first
                top = matrix[first][i]
                matrix[first][i] = matrix[last - off][first]
                matrix[last - off][first] = matrix[last][last - off]
                matrix[last][last - off] = matrix[i][last]
                matrix[i][last] = top
