"""A fake harness that reads the job from fd $JUDGE_JOB_FD as the real ones do, and reports for
every case: the line it got, whether the next line was readable before it answered (it must
not be: case i+1 comes only after case i's R line), whether the key is in its environment, and
the runner's environment block (the key must have been erased from it)."""
import json
import os
import select

fd = int(os.environ["JUDGE_JOB_FD"])
f = os.fdopen(fd, "rb", buffering=0)


def line():
    b = b""
    while not b.endswith(b"\n"):
        c = f.read(1)
        if not c:
            raise SystemExit(5)
        b += c
    return b.decode()


header = json.loads(line())
try:
    with open("/proc/%d/environ" % os.getppid(), "rb") as e:
        runner_env = e.read().decode("latin-1")
except OSError as e:
    runner_env = "unreadable: %s" % e
for i in range(header["case_count"]):
    text = line()
    ahead = bool(select.select([f], [], [], 0.2)[0])
    os.write(3, b"S %d\n" % i)
    ans = {"line": text, "ahead": ahead, "key_in_env": "JUDGE_JOB_KEY" in os.environ,
           "runner_env": runner_env, "fd": fd}
    os.write(3, ("R %d 1 %s\n" % (i, json.dumps(ans))).encode())
