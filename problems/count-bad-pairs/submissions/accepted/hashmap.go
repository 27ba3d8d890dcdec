func countBadPairs(nums []int) int64 {
	seen := make(map[int]int)
	var bad int64
	for i, v := range nums {
		key := v - i
		bad += int64(i - seen[key])
		seen[key]++
	}
	return bad
}
