class Solution:
    def probe(self, what: str) -> str:
        n = 0
        while True:
            n += 1
