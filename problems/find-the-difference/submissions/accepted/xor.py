class Solution:
    def findTheDifference(self, s: str, t: str) -> str:
        acc = 0
        for ch in s + t:
            acc ^= ord(ch)
        return chr(acc)
