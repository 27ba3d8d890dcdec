double myPow(double x, int n) {
    
}
