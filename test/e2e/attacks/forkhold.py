# Fork-heavy but well-behaved: on its first call, starts processes until the kernel says no (RLIMIT_NPROC or
# the container's pids limit), holds the children about a second, reaps them, then answers two-sum
# correctly. Judged four at a time by test/e2e/identity.sh: with one uid shared by every
# container, these four exhaust the uid's process count and a submission judged beside them
# fails (fork: EAGAIN in its runner, compiler or harness); with a uid per container nothing leaks.
import os
import sys

forked = False


class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        global forked
        if not forked:
            forked = True
            print(f"uid {os.getuid()}", file=sys.stderr, flush=True)
            kids = []
            for _ in range(4096):
                # posix_spawn (vfork + exec): a child costs a process, not a copy of Python
                try:
                    pid = os.posix_spawn("/bin/sleep", ["sleep", "1"], {})
                except OSError:
                    break
                kids.append(pid)
            for k in kids:
                os.waitpid(k, 0)
            print(f"held {len(kids)} children", file=sys.stderr)
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
        return []
