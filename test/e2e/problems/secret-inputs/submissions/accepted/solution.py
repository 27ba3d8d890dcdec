class Solution:
    def lastDigits(self, n: int) -> int:
        return n % 1000
