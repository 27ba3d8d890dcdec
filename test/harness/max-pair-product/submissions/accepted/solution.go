func maxProduct(nums []int) int {
    sort.Ints(nums)
    n := len(nums)
    return max(nums[0]*nums[1], nums[n-1]*nums[n-2])
}

func max(a, b int) int {
    if a > b {
        return a
    }
    return b
}
