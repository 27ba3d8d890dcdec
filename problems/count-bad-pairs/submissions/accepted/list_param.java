// Declares List<Integer> where LeetCode's template has int[]: PROBLEM-FORMAT.md lets the
// harness accept either for a list<integer> parameter.
class Solution {
    public long countBadPairs(List<Integer> nums) {
        int n = nums.size();
        int[] key = new int[n];
        for (int i = 0; i < n; i++) key[i] = nums.get(i) - i;
        Arrays.sort(key);
        long good = 0;
        for (int i = 0, j; i < n; i = j) {
            for (j = i; j < n && key[j] == key[i]; j++) {}
            good += (long) (j - i) * (j - i - 1) / 2;
        }
        return (long) n * (n - 1) / 2 - good;
    }
}
