# Right on every case but the one with five numbers (two-sum's third hidden case, "negatives").
# Prints its input on every call: what a user's prints reveal of hidden cases must stay hidden.
class Solution:
    def twoSum(self, nums, target):
        print("SECRET" + str(nums))
        if len(nums) == 5:
            return [0, 0]
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
