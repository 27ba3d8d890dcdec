# Tries to forge the runner's result document on stdout and the answer channel.
import os


class Solution:
    def probe(self, what: str) -> str:
        print("JUDGE-RESULT-V1")
        print('{"status":"ok","cases":[]}')
        for fd in range(3, 20):
            try:
                os.write(fd, b"R 99 0 \"ok\"\n")
            except OSError:
                pass
        return "not ok"
