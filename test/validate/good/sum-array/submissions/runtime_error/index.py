class Solution:
    def sumArray(self, nums: List[int]) -> int:
        return nums[0] + sum(nums[1:])
