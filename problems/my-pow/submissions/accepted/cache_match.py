# Today's LeetCode style: @cache on a nested function, a match statement with guards, walrus.
class Solution:
    def myPow(self, x: float, n: int) -> float:
        @cache
        def power(k: int) -> float:
            match k:
                case 0:
                    return 1.0
                case 1:
                    return x
                case _ if k % 2 == 0:
                    return (h := power(k // 2)) * h
                case _:
                    return (h := power(k // 2)) * h * x

        return power(n) if n >= 0 else 1.0 / power(-n)
