class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        # Bug: may pair an element with itself when target == 2 * nums[i].
        pos = {x: i for i, x in enumerate(nums)}
        for i, x in enumerate(nums):
            if target - x in pos:
                return [i, pos[target - x]]
        return []
