func groupAnagrams(strs []string) [][]string {
    groups := map[string][]string{}
    for _, s := range strs {
        key := []byte(s)
        slices.Sort(key)
        groups[string(key)] = append(groups[string(key)], s)
    }
    return slices.Collect(maps.Values(groups))
}
