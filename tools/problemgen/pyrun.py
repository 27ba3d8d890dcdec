"""Throwaway: run a Python solution over a problem's cases. argv: solution.py problem_dir answers_out
Writes one line per case: '<cpu_ms> <json answer>'. Exit 3 on MemoryError, 1 on exception."""
import json, os, resource, sys, time, traceback
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lc

sol, pdir, outp = sys.argv[1:4]
prob = json.load(open(os.path.join(pdir, "problem.json")))
cases = json.load(open(os.path.join(pdir, "tests/sample.json"))) + json.load(open(os.path.join(pdir, "tests/hidden.json")))
out = open(outp, "w")
try:
    ns = lc.load_solution(sol)
except SyntaxError:
    traceback.print_exc()
    sys.exit(5)
for c in cases:
    t0 = time.process_time()
    try:
        ans = lc.run_case(ns, prob["signature"], c)
    except MemoryError:
        sys.exit(3)
    except Exception:
        traceback.print_exc()
        sys.exit(1)
    t1 = time.process_time()
    out.write("%.1f %s\n" % ((t1 - t0) * 1000, json.dumps(ans)))
    out.flush()
    sys.stdout.flush()
