double myPow(double x, int n) {
    long long e = n;
    if (e < 0) {
        x = 1 / x;
        e = -e;
    }
    /* Stores all e factors before multiplying them: gigabytes for large n. */
    double* factors = NULL;
    long long len = 0, cap = 0;
    for (long long i = 0; i < e; i++) {
        if (len == cap) {
            cap = cap ? cap * 2 : 16;
            factors = realloc(factors, sizeof(double) * cap);
        }
        factors[len++] = x;
    }
    double result = 1.0;
    for (long long i = 0; i < len; i++) result *= factors[i];
    free(factors);
    return result;
}
