class Solution:
    def myPow(self, x: float, n: int) -> float:
        if n < 0:
            x, n = 1 / x, -n
        # Builds a list of n copies of x: gigabytes for large n.
        return prod([x] * n)
