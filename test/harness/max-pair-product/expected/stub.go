func maxProduct(nums []int) int {
    
}
