# Today's LeetCode style: the walrus operator in a dict lookup.
class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen: dict[int, int] = {}
        for i, x in enumerate(nums):
            if (j := seen.get(target - x)) is not None:
                return [j, i]
            seen[x] = i
        return []
