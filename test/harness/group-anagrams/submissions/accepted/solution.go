func groupAnagrams(strs []string) [][]string {
    groups := map[string][]string{}
    for _, s := range strs {
        b := []byte(s)
        sort.Slice(b, func(i, j int) bool { return b[i] < b[j] })
        groups[string(b)] = append(groups[string(b)], s)
    }
    keys := make([]string, 0, len(groups))
    for k := range groups {
        keys = append(keys, k)
    }
    sort.Strings(keys)
    var out [][]string
    for _, k := range keys {
        out = append(out, groups[k])
    }
    return out
}
