class Solution {
    public long maxProduct(long[] nums) {
        
    }
}
