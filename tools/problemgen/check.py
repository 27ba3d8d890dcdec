"""Throwaway checker for the sample problem set.
usage: check.py [--solutions] [--only a.py] <problem_dir>...
Validates package layout and test shapes; with --solutions runs every reference solution
(Python directly, C++ through a generated driver) and compares the verdict with its folder."""
import json, os, re, resource, signal, subprocess, sys, tempfile, time
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import lc

VERDICTS = ["accepted", "wrong_answer", "time_limit_exceeded", "memory_limit_exceeded",
            "runtime_error", "compile_error", "output_limit_exceeded"]
SIMPLE = {"int", "long", "double", "bool", "char", "string", "ListNode", "TreeNode"}
PY_MULT = 3.0   # assumed Python time multiplier for reporting
WALL_CAP = float(os.environ.get("WALL_CAP", "40"))
OUT_CAP = 8 << 20


def err(p, msg):
    print("  ERROR %s: %s" % (p, msg))
    global nerr
    nerr += 1


nerr = 0


def check_value(t, v, where):
    t = lc.norm_type(t)
    ok = True
    if t.endswith("[]"):
        if not isinstance(v, list):
            return False
        return all(check_value(t[:-2], x, where) for x in v)
    if t == "int":
        return isinstance(v, int) and not isinstance(v, bool) and -2**31 <= v < 2**31
    if t == "long":
        return isinstance(v, int) and not isinstance(v, bool) and -2**63 <= v < 2**63
    if t == "double":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == "bool":
        return isinstance(v, bool)
    if t == "char":
        return isinstance(v, str) and len(v) == 1
    if t == "string":
        return isinstance(v, str)
    if t == "ListNode":
        return isinstance(v, list) and all(check_value("int", x, where) for x in v)
    if t == "TreeNode":
        if not isinstance(v, list):
            return False
        if v and (v[0] is None or v[-1] is None):
            return False
        return all(x is None or check_value("int", x, where) for x in v)
    if t == "void":
        return v is None
    raise ValueError("unknown type " + t)


def validate(pdir):
    slug = os.path.basename(os.path.normpath(pdir))
    pj = json.load(open(os.path.join(pdir, "problem.json")))
    if pj.get("format") != 1: err(slug, "format")
    if pj.get("slug") != slug: err(slug, "slug mismatch")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", slug): err(slug, "bad slug")
    for k in ("title", "difficulty", "tags", "limits", "signature", "compare"):
        if k not in pj: err(slug, "missing " + k)
    if pj["difficulty"] not in ("easy", "medium", "hard"): err(slug, "difficulty")
    st = os.path.join(pdir, "statement.md")
    if not os.path.exists(st) or os.path.getsize(st) < 200: err(slug, "statement missing or short")
    sig = pj["signature"]
    total = 0
    for fn in ("sample.json", "hidden.json"):
        path = os.path.join(pdir, "tests", fn)
        size = os.path.getsize(path)
        if size > 320_000: err(slug, "%s is %d bytes" % (fn, size))
        cases = json.load(open(path))
        n = len(cases)
        total += n
        if fn == "sample.json" and not 2 <= n <= 3: err(slug, "sample count %d" % n)
        if fn == "hidden.json" and not 10 <= n <= 30: err(slug, "hidden count %d" % n)
        for i, c in enumerate(cases):
            w = "%s[%d]" % (fn, i)
            if sig["kind"] == "function":
                ps = sig["params"]
                if len(c["args"]) != len(ps): err(slug, w + " arg count")
                for p, a in zip(ps, c["args"]):
                    if not check_value(p["type"], a, w): err(slug, "%s arg %s bad" % (w, p["name"]))
                rt = sig["returns"]
                if lc.norm_type(rt) == "void" and "output_param" in sig:
                    rt = ps[sig["output_param"]]["type"]
                if not check_value(rt, c["expected"], w): err(slug, w + " expected bad")
            else:
                calls, args, exp = c["calls"], c["args"], c["expected"]
                if not (len(calls) == len(args) == len(exp)): err(slug, w + " lengths")
                if calls[0] != sig["name"]: err(slug, w + " first call")
                ms = {m["name"]: m for m in sig["methods"]}
                for j, (cn, a, e) in enumerate(zip(calls, args, exp)):
                    if j == 0:
                        ps, rt = sig["constructor"]["params"], "void"
                    else:
                        if cn not in ms:
                            err(slug, w + " unknown method " + cn); continue
                        ps, rt = ms[cn]["params"], ms[cn]["returns"]
                    if len(a) != len(ps): err(slug, "%s call %d arg count" % (w, j))
                    for p, x in zip(ps, a):
                        if not check_value(p["type"], x, w): err(slug, "%s call %d bad arg" % (w, j))
                    if not check_value(rt, e, w): err(slug, "%s call %d bad expected" % (w, j))
    subs = os.path.join(pdir, "submissions")
    for d in os.listdir(subs):
        if d not in VERDICTS: err(slug, "bad folder " + d)
    acc = os.listdir(os.path.join(subs, "accepted"))
    if not any(f.endswith(".py") for f in acc) or not any(f.endswith(".cpp") for f in acc):
        err(slug, "accepted needs .py and .cpp")
    return pj, total


# ---------- C++ driver generation ----------
def cpp_type(t):
    t = lc.norm_type(t)
    if t.endswith("[]"):
        return "vector<%s>" % cpp_type(t[:-2])
    return {"int": "int", "long": "long long", "double": "double", "bool": "bool", "char": "char",
            "string": "string", "ListNode": "ListNode*", "TreeNode": "TreeNode*", "void": "void"}[t]


def cpp_call(params, argexpr, callee, rettype, out_param=None):
    lines = []
    for i, p in enumerate(params):
        lines.append("auto a%d = drv::conv<%s>::from(%s.a[%d]);" % (i, cpp_type(p["type"]), argexpr, i))
    call = "%s(%s)" % (callee, ", ".join("a%d" % i for i in range(len(params))))
    if lc.norm_type(rettype) == "void":
        lines.append(call + ";")
        if out_param is not None:
            lines.append("drv::out(o, a%d);" % out_param)
        else:
            lines.append('o += "null";')
    else:
        lines.append("auto r = %s;" % call)
        lines.append("drv::out(o, r);")
    return "\n".join(lines)


def gen_driver(pj, solsrc):
    sig = pj["signature"]
    if sig["kind"] == "function":
        body = cpp_call(sig["params"], "c.at(\"args\")", "sol.%s" % sig["name"], sig["returns"],
                        sig.get("output_param"))
        body = "Solution sol;\n" + body
    else:
        parts = ["const drv::J &calls = c.at(\"calls\"), &args = c.at(\"args\");",
                 "o += '[';",
                 "%s *obj = nullptr;" % sig["name"],
                 "for (size_t k = 0; k < calls.a.size(); k++) {",
                 "if (k) o += ',';",
                 "const string &nm = calls.a[k].s; const drv::J &ca = args.a[k];",
                 "if (k == 0) { %s obj = new %s(%s); o += \"null\"; continue; }" % (
                     " ".join("auto a%d = drv::conv<%s>::from(ca.a[%d]);" % (i, cpp_type(p["type"]), i)
                              for i, p in enumerate(sig["constructor"]["params"])),
                     sig["name"], ", ".join("a%d" % i for i in range(len(sig["constructor"]["params"]))))]
        for m in sig["methods"]:
            parts.append("if (nm == \"%s\") { %s continue; }" % (
                m["name"], cpp_call(m["params"], "ca", "obj->" + m["name"], m["returns"]).replace("\n", " ")))
        parts.append("throw runtime_error(\"unknown method\");")
        parts.append("}")
        parts.append("o += ']';")
        body = "\n".join(parts)
    return r'''#include "%s/drv.hpp"
#line 1 "solution.cpp"
%s
#line 1000000 "driver.cpp"
static double cpu_ms() { struct rusage u; getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec * 1e3 + u.ru_utime.tv_usec / 1e3 + u.ru_stime.tv_sec * 1e3 + u.ru_stime.tv_usec / 1e3; }
int main(int argc, char **argv) {
    ifstream f(argv[1]); stringstream ss; ss << f.rdbuf(); string text = ss.str();
    drv::P p(text); drv::J all = p.parse();
    FILE *outf = fopen(argv[2], "w");
    for (auto &cj : all.a) {
        struct { const drv::J &j; const drv::J &at(const char *k) const { return j.a.at(k[0] == 'a' ? 0 : 1); } } c{cj};
        string o;
        double t0 = cpu_ms();
        try {
%s
        } catch (std::bad_alloc &) { fflush(stdout); _exit(3); }
        double t1 = cpu_ms();
        fflush(stdout);
        fprintf(outf, "%%.1f %%s\n", t1 - t0, o.c_str()); fflush(outf);
    }
    return 0;
}
''' % (HERE, solsrc, body)


def case_job(pj, cases):
    """Cases as [args, calls] arrays for the C++ driver (its reader has no objects)."""
    return json.dumps([[c["args"], c.get("calls", [])] for c in cases])


def limits(mem_mb, fsize):
    def f():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (mem_mb << 20, mem_mb << 20))
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        resource.setrlimit(resource.RLIMIT_STACK, (256 << 20, 256 << 20))
    return f


def run_sub(pj, pdir, sub, cases, tmp):
    """Returns (verdict, detail, max_case_ms)."""
    ext = sub.rsplit(".", 1)[1]
    ans = os.path.join(tmp, "ans.txt")
    outf = os.path.join(tmp, "stdout.txt")
    if os.path.exists(ans): os.unlink(ans)
    if ext == "cpp":
        src = os.path.join(tmp, "main.cpp")
        open(src, "w").write(gen_driver(pj, open(sub).read()))
        exe = os.path.join(tmp, "main")
        cp = subprocess.run(["g++", "-std=gnu++17", "-O2", "-o", exe, src], capture_output=True, text=True)
        if cp.returncode != 0:
            return "compile_error", cp.stderr.strip().splitlines()[0] if cp.stderr else "", 0
        job = os.path.join(tmp, "job.json")
        open(job, "w").write(case_job(pj, cases))
        argv = [exe, job, ans]
        mem = 256 + 64
    else:
        argv = [sys.executable, os.path.join(HERE, "pyrun.py"), sub, pdir, ans]
        mem = 256 + 64
    t0 = time.time()
    with open(outf, "w") as so:
        pr = subprocess.Popen(argv, stdout=so, stderr=subprocess.PIPE, preexec_fn=limits(mem, OUT_CAP))
        try:
            _, se = pr.communicate(timeout=WALL_CAP)
            rc = pr.returncode
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(pr.pid, signal.SIGKILL)
            _, se = pr.communicate()
            rc = pr.returncode
            timed_out = True
    wall = time.time() - t0
    lines = open(ans).read().splitlines() if os.path.exists(ans) else []
    outsize = os.path.getsize(outf)
    tol = pj["compare"].get("float_tolerance", 1e-5)
    unord = pj["compare"].get("unordered", 0)
    maxms = 0
    for i, line in enumerate(lines):
        ms, js = line.split(" ", 1)
        maxms = max(maxms, float(ms))
        if not lc.answers_equal(cases[i]["expected"], json.loads(js), unord, tol):
            return "wrong_answer", "case %d (%s)" % (i, cases[i].get("name", "")), maxms
    if len(lines) == len(cases) and rc == 0:
        return "accepted", "", maxms
    i = len(lines)
    where = "case %d (%s)" % (i, cases[i].get("name", "") if i < len(cases) else "?")
    se = se.decode(errors="replace").strip().splitlines()
    tail = se[-1] if se else ""
    if outsize >= OUT_CAP or rc == -signal.SIGXFSZ:
        return "output_limit_exceeded", where + " stdout %d bytes" % outsize, maxms
    if timed_out:
        return "time_limit_exceeded", where + " still running after %.0fs" % wall, maxms
    if rc == 3 or "MemoryError" in tail or "bad_alloc" in tail:
        return "memory_limit_exceeded", where + " " + tail, maxms
    if rc == 5:
        return "compile_error", tail, maxms
    return "runtime_error", "%s rc=%s %s" % (where, rc, tail[:120]), maxms


def main():
    args = sys.argv[1:]
    run = "--solutions" in args
    only = None
    if "--only" in args:
        only = args[args.index("--only") + 1]
    dirs = [a for a in args if os.path.isdir(a)]
    for pdir in dirs:
        slug = os.path.basename(os.path.normpath(pdir))
        pj, total = validate(pdir)
        print("%s: %d cases" % (slug, total))
        if not run:
            continue
        cases = json.load(open(os.path.join(pdir, "tests/sample.json"))) + json.load(open(os.path.join(pdir, "tests/hidden.json")))
        with tempfile.TemporaryDirectory() as tmp:
            for v in VERDICTS:
                d = os.path.join(pdir, "submissions", v)
                if not os.path.isdir(d):
                    continue
                for f in sorted(os.listdir(d)):
                    if only and f != only:
                        continue
                    got, detail, maxms = run_sub(pj, pdir, os.path.join(d, f), cases, tmp)
                    mark = "ok " if got == v else "BAD"
                    if got != v:
                        global nerr
                        nerr += 1
                    print("  %s %-22s %-14s -> %-22s max case %.0f ms %s" % (mark, v, f, got, maxms, detail))
    print("errors:", nerr)
    sys.exit(1 if nerr else 0)


if __name__ == "__main__":
    main()
