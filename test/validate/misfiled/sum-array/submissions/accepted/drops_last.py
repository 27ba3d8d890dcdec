# Filed under accepted/ by mistake: it is a wrong answer.
class Solution:
    def sumArray(self, nums: List[int]) -> int:
        return sum(nums[:-1])
