func myPow(x float64, n int) float64 {
    
}
