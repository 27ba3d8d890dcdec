static int cmp_int(const void* a, const void* b) {
    int x = *(const int*)a, y = *(const int*)b;
    return (x > y) - (x < y);
}

long long countBadPairs(int* nums, int numsSize) {
    int* key = malloc(sizeof(int) * numsSize);
    for (int i = 0; i < numsSize; i++) key[i] = nums[i] - i;
    qsort(key, numsSize, sizeof(int), cmp_int);
    long long n = numsSize, good = 0;
    for (int i = 0, j; i < numsSize; i = j) {
        for (j = i; j < numsSize && key[j] == key[i]; j++) {}
        good += (long long)(j - i) * (j - i - 1) / 2;
    }
    free(key);
    return n * (n - 1) / 2 - good;
}
