class Solution:
    def myPow(self, x: float, n: int) -> float:
        if n < 0:
            return 1 / self.myPow(x, -n)
        if n == 0:
            return 1.0
        # Bug: computes the half power twice instead of once, so the work is
        # linear in n (about 2^32 calls for n near 2^31).
        if n % 2:
            return self.myPow(x, n // 2) * self.myPow(x, n // 2) * x
        return self.myPow(x, n // 2) * self.myPow(x, n // 2)
