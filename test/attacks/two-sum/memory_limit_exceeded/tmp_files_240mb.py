# Writes 240 MB of files to /tmp (a tmpfs: memory; four 60 MB files, RLIMIT_FSIZE is 64 MB) and
# holds 40 MB itself: about 290 MB in all, over the 256 MB limit; the process alone is ~50 MB.
_hold = []


class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        if not _hold:
            chunk = b"x" * (1 << 20)
            for k in range(4):
                with open("/tmp/fill%d" % k, "wb") as f:
                    for _ in range(60):
                        f.write(chunk)
            _hold.append(b"y" * (40 << 20))
        seen = {}
        for i, v in enumerate(nums):
            if target - v in seen:
                return [seen[target - v], i]
            seen[v] = i
        return []
