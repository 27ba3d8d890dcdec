class Solution {
    public List<List<String>> groupAnagrams(List<String> strs) {
        
    }
}
