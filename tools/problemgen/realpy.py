"""Throwaway: run Python solutions through the project's real harness (harness/python/harness.py)
outside any container, and compare its R lines with the expected answers.
usage: realpy.py <problem_dir> <solution.py>..."""
import json, os, shutil, subprocess, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import lc
HARNESS = os.path.normpath(os.path.join(HERE, "..", "..", "harness", "python", "harness.py"))

pdir = sys.argv[1]
pj = json.load(open(os.path.join(pdir, "problem.json")))
cases = json.load(open(os.path.join(pdir, "tests/sample.json"))) + json.load(open(os.path.join(pdir, "tests/hidden.json")))
for sol in sys.argv[2:]:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(sol, os.path.join(tmp, "solution.py"))
        # The job as the runner feeds it (docs/internals.md): a header line, then a line per case.
        lines = [json.dumps({"signature": pj["signature"], "case_count": len(cases)})]
        lines += [json.dumps({k: c[k] for k in ("calls", "args") if k in c}) for c in cases]
        open(os.path.join(tmp, "job.lines"), "w").write("".join(l + "\n" for l in lines))
        env = {"PATH": "/usr/bin:/bin", "JUDGE_JOB_FD": "4", "JUDGE_CHANNEL_FD": "3"}
        p = subprocess.run(["sh", "-c", 'exec python3 -I -B "$0" 3>&1 1>/dev/null 2>/dev/null 4<job.lines', HARNESS],
                           cwd=tmp, env=env, stdout=subprocess.PIPE, timeout=300)
        data = p.stdout
        ok, bad = 0, []
        for line in data.decode().splitlines():
            parts = line.split(" ", 3)
            if parts[0] == "R":
                i = int(parts[1])
                got = json.loads(parts[3])
                if got is None and cases[i]["expected"] == []:
                    got = []  # the host reads null as [] for ListNode/TreeNode
                if lc.answers_equal(cases[i]["expected"], got, pj["compare"].get("unordered", 0),
                                    pj["compare"].get("float_tolerance", 1e-5)):
                    ok += 1
                else:
                    bad.append("WA case %d" % i)
            elif parts[0] in ("E", "M", "X"):
                bad.append(line[:200])
        print("%-30s %-20s %d/%d ok %s" % (os.path.basename(pdir.rstrip('/')), os.path.basename(sol), ok, len(cases), bad[:2]))
