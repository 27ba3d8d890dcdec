class Solution:
    def sumArray(self, nums: List[int]) -> int:
        while True:
            pass
