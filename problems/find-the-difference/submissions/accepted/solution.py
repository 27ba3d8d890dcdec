class Solution:
    def findTheDifference(self, s: str, t: str) -> str:
        return next(iter(Counter(t) - Counter(s)))
