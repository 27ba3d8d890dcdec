# Today's LeetCode style: Counter and comb from the prelude, a generator, no imports.
class Solution:
    def countBadPairs(self, nums: List[int]) -> int:
        # j - i != nums[j] - nums[i]  <=>  nums[i] - i != nums[j] - j
        good = sum(comb(c, 2) for c in Counter(x - i for i, x in enumerate(nums)).values())
        return comb(len(nums), 2) - good
