# Today's LeetCode style: no imports (functools, operator are preloaded), reduce over xor.
class Solution:
    def findTheDifference(self, s: str, t: str) -> str:
        return chr(functools.reduce(operator.xor, map(ord, s + t), 0))
