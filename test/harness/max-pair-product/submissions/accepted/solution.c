static int cmp(const void* a, const void* b) {
    long long x = *(const long long*)a, y = *(const long long*)b;
    return (x > y) - (x < y);
}

long long maxProduct(long long* nums, int numsSize) {
    qsort(nums, numsSize, sizeof(long long), cmp);
    long long a = nums[0] * nums[1], b = nums[numsSize - 1] * nums[numsSize - 2];
    return a > b ? a : b;
}
