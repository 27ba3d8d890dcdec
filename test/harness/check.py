#!/usr/bin/env python3
"""Helpers of run-local.sh.

  check.py job PKG OUT            write OUT, the job.json of package PKG (sample then hidden), as
                                  the host builds it: canonical types (job-json, a build
                                  artefact: $JUDGE_JOB_JSON, else build/test/harness/job-json)
  check.py lines JOB              print JOB (a job.json as above) as the runner feeds it to the
                                  harness: a header line, then a line per case; then wait until
                                  the reader is gone (the runner keeps its end open too). A job
                                  that is not such an object is printed as one line.
  check.py answers PKG FILE       FILE (what the harness wrote on its channel) must be, for every
                                  case i in order, "B" first, then "S i" and "R i <cpu_us> <json>" with the
                                  package's expected value (compared as JSON values)
  check.py line FILE KIND I TEXT  FILE must hold a KIND line ("E", "M", "X", "R") for case I
                                  whose JSON payload contains TEXT (I is ignored for X)
"""
import json
import sys


def load_cases(pkg):
    cases = []
    for name in ("sample", "hidden"):
        with open("%s/tests/%s.json" % (pkg, name)) as f:
            cases += json.load(f)
    return cases


def cmd_job(pkg, out):
    import os
    import subprocess
    tool = os.environ.get("JUDGE_JOB_JSON") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "test", "harness", "job-json")
    r = subprocess.run([tool, pkg], capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write("check.py job: %s failed: %s" % (tool, r.stderr))
        return 1
    job = json.loads(r.stdout)
    with open(out, "w") as f:
        json.dump(job, f)
    return 0


def cmd_lines(path):
    import select
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        job = json.loads(text)
        cases = job["cases"]
        assert isinstance(cases, list)
        out = json.dumps({"signature": job.get("signature"), "case_count": len(cases)}) + "\n"
        out += "".join(json.dumps(c) + "\n" for c in cases)
    except (ValueError, KeyError, TypeError, AssertionError):
        out = text.replace("\n", " ") + "\n"
    try:
        sys.stdout.write(out)
        sys.stdout.flush()
        p = select.poll()
        p.register(1, select.POLLERR)
        p.poll(300 * 1000)
    except (BrokenPipeError, OSError):
        pass
    return 0


def parse_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def cmd_answers(pkg, path):
    cases = load_cases(pkg)
    lines = parse_lines(path)
    if not lines or lines[0] != "B":
        print("line 1: expected 'B' (the runtime booted), got %r" % (lines[:1],))
        return 1
    lines = lines[1:]
    if len(lines) != 2 * len(cases):
        print("expected %d lines, got %d: %r" % (2 * len(cases), len(lines), lines[:6]))
        return 1
    for i, c in enumerate(cases):
        if lines[2 * i] != "S %d" % i:
            print("line %d: expected 'S %d', got %r" % (2 * i + 1, i, lines[2 * i]))
            return 1
        parts = lines[2 * i + 1].split(" ", 3)
        if len(parts) != 4 or parts[0] != "R" or parts[1] != str(i) or not parts[2].isdigit():
            print("case %d: not an R line: %r" % (i, lines[2 * i + 1][:300]))
            return 1
        got = json.loads(parts[3])
        if not same(got, c["expected"]):
            print("case %d: expected %s, got %s" % (i, json.dumps(c["expected"]), parts[3]))
            return 1
    return 0


def same(a, b):
    """JSON equality where true is not 1 (Python's == says it is)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def cmd_line(path, kind, i, text):
    for line in parse_lines(path):
        parts = line.split(" ", 1 if kind == "X" else 3)
        if parts[0] != kind:
            continue
        if kind != "X" and parts[1] != i:
            continue
        payload = json.loads(parts[-1])
        if text in (payload if isinstance(payload, str) else json.dumps(payload)):
            return 0
        print("%s line found, but without %r: %s" % (kind, text, parts[-1][:500]))
        return 1
    print("no %s line for case %s in %r" % (kind, i, parse_lines(path)[:6]))
    return 1


def main(argv):
    if len(argv) == 4 and argv[1] == "job":
        return cmd_job(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "lines":
        return cmd_lines(argv[2])
    if len(argv) == 4 and argv[1] == "answers":
        return cmd_answers(argv[2], argv[3])
    if len(argv) == 6 and argv[1] == "line":
        return cmd_line(*argv[2:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
