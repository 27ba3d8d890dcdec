class Solution {
    public List<List<String>> groupAnagrams(List<String> strs) {
        TreeMap<String, List<String>> groups = new TreeMap<>();
        for (String s : strs) {
            char[] c = s.toCharArray();
            Arrays.sort(c);
            groups.computeIfAbsent(new String(c), k -> new ArrayList<>()).add(s);
        }
        return new ArrayList<>(groups.values());
    }
}
