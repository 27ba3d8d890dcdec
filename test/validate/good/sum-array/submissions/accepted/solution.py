class Solution:
    def sumArray(self, nums: List[int]) -> int:
        return sum(nums)
