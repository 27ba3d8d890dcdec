class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        # Tabulates the sum of every pair first: O(n^2) memory.
        n = len(nums)
        sums = [(nums[i] + nums[j], i, j) for i in range(n) for j in range(i + 1, n)]
        for s, i, j in sums:
            if s == target:
                return [i, j]
        return []
