# Burns 8 s of CPU in module-level code (the limit is 3 s), then answers at once.
import time

_end = time.process_time() + 8
_spin = 0
while time.process_time() < _end:
    for _k in range(10000):
        _spin += _k


class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen = {}
        for i, v in enumerate(nums):
            if target - v in seen:
                return [seen[target - v], i]
            seen[v] = i
        return []
