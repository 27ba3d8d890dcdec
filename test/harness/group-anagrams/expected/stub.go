func groupAnagrams(strs []string) [][]string {
    
}
