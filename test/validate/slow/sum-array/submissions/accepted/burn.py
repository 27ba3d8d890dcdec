# Accepted, but each case burns about 60% of the 600 ms Python limit (200 ms x 3) in CPU time:
# validate must warn that the time margin is too thin.
import time


class Solution:
    def sumArray(self, nums: List[int]) -> int:
        start = time.process_time()
        while time.process_time() - start < 0.36:
            pass
        return sum(nums)
