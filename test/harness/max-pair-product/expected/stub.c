long long maxProduct(long long* nums, int numsSize) {
    
}
