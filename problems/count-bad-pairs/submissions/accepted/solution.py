class Solution:
    def countBadPairs(self, nums: List[int]) -> int:
        # (i, j) is good exactly when nums[i] - i == nums[j] - j.
        n = len(nums)
        good = 0
        seen = Counter()
        for i, x in enumerate(nums):
            good += seen[x - i]
            seen[x - i] += 1
        return n * (n - 1) // 2 - good
