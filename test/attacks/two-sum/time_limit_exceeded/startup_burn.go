// Burns 4 s of CPU in init() (before main; the limit is 1.5 s), then answers at once.
func init() {
	var ru syscall.Rusage
	spin := 0
	for {
		for k := 0; k < 1000000; k++ {
			spin += k
		}
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		if ru.Utime.Sec+ru.Stime.Sec >= 4 || spin == -1 {
			break
		}
	}
}

func twoSum(nums []int, target int) []int {
	seen := make(map[int]int, len(nums))
	for i, v := range nums {
		if j, ok := seen[target-v]; ok {
			return []int{j, i}
		}
		seen[v] = i
	}
	return nil
}
