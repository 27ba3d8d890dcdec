import sys


class Solution:
    def probe(self, what: str) -> str:
        line = "x" * 4096 + "\n"
        while True:
            sys.stderr.write(line)
