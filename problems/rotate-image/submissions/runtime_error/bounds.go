func rotate(matrix [][]int) {
	n := len(matrix)
	copied := make([][]int, n)
	for i := range copied {
		copied[i] = make([]int, n)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			copied[j][n-i] = matrix[i][j] // off by one: index out of range
		}
	}
	copy(matrix, copied)
}
