func myPow(x float64, n int) float64 {
	if n < 0 {
		x, n = 1/x, -n
	}
	// Stores all n factors before multiplying them: gigabytes for large n.
	var factors []float64
	for i := 0; i < n; i++ {
		factors = append(factors, x)
	}
	result := 1.0
	for _, f := range factors {
		result *= f
	}
	return result
}
