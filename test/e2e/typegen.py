#!/usr/bin/env python3
"""Identity problems for every type spelling that lib/problem/types.c accepts (types-roundtrip.sh).

  typegen.py JUDGE OUTDIR LANG...     write OUTDIR/echo-<lang>-<k>/ (problem packages, class Echo,
                                      one method per spelling, each returning its argument,
                                      at most CHUNK methods a package,
                                      with submissions/accepted/solution.<ext>) and
                                      OUTDIR/methods.json (spelling and expected values of
                                      every method)
  typegen.py check PKG RESULT         every case of judge run --json --all's RESULT is AC, and
                                      an answer the report shows (the failing case's) equals
                                      the value sent strictly (ints stay ints, -0.0 keeps its
                                      sign, true is not 1); prints one line per method that
                                      differs, exits 1 if any

The spellings follow the grammar in lib/problem/types.c: every base name and alias, T[], list<T> and
List<T>, whitespace (spaces, tabs) around every token, and nesting of both array forms. A
language whose code generator has no form for a spelling (C has no arrays nested deeper than
2) gets the methods it has; the script lists what was left out. The solutions are the
language's `judge stub` with each body filled in, so the test also covers the stubs.
"""
import json
import math
import os
import re
import subprocess
import sys

CHUNK = 24
# C, C++ and Rust compile every method's glue (templates, generics): smaller packages stay inside
# the compile step's CPU limit on a loaded machine.
CHUNK_OF = {"cpp": 8, "c": 12, "rust": 12}
EXT = {"python": "py", "cpp": "cpp", "java": "java", "javascript": "js", "c": "c", "go": "go", "rust": "rs"}

# Base names as lib/problem/types.c's type_names table spells them, with the canonical kind.
BASES = [("int", "int"), ("integer", "int"), ("Integer", "int"), ("long", "long"), ("Long", "long"),
         ("double", "double"), ("Double", "double"), ("bool", "bool"), ("boolean", "bool"),
         ("Boolean", "bool"), ("char", "char"), ("character", "char"), ("Character", "char"),
         ("string", "string"), ("String", "string"), ("ListNode", "ListNode"), ("TreeNode", "TreeNode")]

VALUES = {
    "int": [0, 1, -1, 2147483647, -2147483648],
    "long": [0, -1, 2147483648, 9007199254740993, 9223372036854775807, -9223372036854775808],
    "double": [0.0, -0.0, 0.1, -2.5, 3, 1e21, 1.7976931348623157e308, -1.7976931348623157e308,
               2.2250738585072014e-308, 123456789.123456789],
    "bool": [True, False],
    "char": ["a", "Z", "0", " ", "\"", "\\", "~"],
    "string": ["", "a", "hello world", "quote\" backslash\\ slash/ tab\t nl\n", "\u00e9t\u00e9",
               "\u65e5\u672c\u8a9e", "\U0001F600 and \U0001D11E", "\u007f\u0080\u07ff\u0800\uffff"],
    "ListNode": [[], [1], [1, 2, 3], [-2147483648, 0, 2147483647]],
    "TreeNode": [[], [1], [1, None, 2], [3, 9, 20, None, None, 15, 7], [1, 2, None, 3, None, 4],
                 [0, -2147483648, 2147483647], [5, None, 6, None, 7, None, 8]],
}


def arrays(kind, depth, lang=None):
    """A few values of kind nested depth levels deep: empty, singleton, several, empty rows.
    JavaScript's numbers are doubles: its longs stay within 2^53 (known, docs/problem-format.md)."""
    if depth == 0:
        if lang == "javascript" and kind == "long":
            return [v for v in VALUES[kind] if abs(v) <= 2 ** 53]
        return VALUES[kind]
    inner = arrays(kind, depth - 1, lang)
    out = [[], [inner[0]], list(inner[:6])]
    if depth >= 2:
        out.append([[], inner[1] if len(inner) > 1 else inner[0], []])
    return out


def spellings():
    """(spelling, canonical base kind, depth) for every form lib/problem/types.c accepts."""
    out = []
    forms = ("%s[]", "list<%s>", "List<%s>")
    for k, (name, kind) in enumerate(BASES):
        out.append((name, kind, 0))
        out.append((forms[k % 3] % name, kind, 1))
    out += [
        (" int ", "int", 0), ("\tlong\t", "long", 0), ("int [ ]", "int", 1), ("int\t[\t]", "int", 1),
        ("List< Integer >", "int", 1), ("list <int>", "int", 1), ("List < String > [ ]", "string", 2),
        ("int[][]", "int", 2), ("int[][][]", "int", 3), ("list<list<int>>", "int", 2),
        ("List<List<Integer>>", "int", 2), ("List<List<String>>", "string", 2),
        ("List<List<List<Long>>>", "long", 3), ("list<int[]>", "int", 2), ("list<int>[]", "int", 2),
        ("List<Integer[]>[]", "int", 3), ("char[][]", "char", 2), ("List<List<Character>>", "char", 2),
        ("String[][]", "string", 2), ("double[][]", "double", 2), ("boolean[][]", "bool", 2),
        ("long[][]", "long", 2), ("TreeNode[]", "TreeNode", 1),
        ("List<ListNode>", "ListNode", 1), ("List<TreeNode>", "TreeNode", 1),
    ]
    return out


def package(methods, slug):
    sig = {"kind": "class", "name": "Echo", "constructor": {"params": []},
           "methods": [{"name": m["name"], "params": [{"name": "x", "type": m["type"]}], "returns": m["returns"]}
                       for m in methods]}
    return {"format": 1, "slug": slug, "title": "Echo every type", "difficulty": "easy",
            "limits": {"time_ms": 4000, "memory_mb": 256}, "signature": sig, "compare": {"float_tolerance": 0}}


def write_package(d, methods, slug):
    os.makedirs(d + "/tests", exist_ok=True)
    with open(d + "/problem.json", "w") as f:
        json.dump(package(methods, slug), f, indent=1)
    with open(d + "/statement.md", "w") as f:
        f.write("Return the argument.\n")
    cases = []
    for m in methods:
        vals = m["values"]
        cases.append({"name": m["name"], "calls": ["Echo"] + [m["name"]] * len(vals),
                      "args": [[]] + [[v] for v in vals],
                      "expected": [None] + [None if m["returns"] == "void" else v for v in vals]})
    with open(d + "/tests/sample.json", "w") as f:
        json.dump(cases[:1], f)
    with open(d + "/tests/hidden.json", "w") as f:
        json.dump(cases[1:] or cases, f)


def stub(judge, lang, d):
    r = subprocess.run([judge, "stub", "--lang", lang, d], capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else None


CTOR = re.compile(r"(__init__\(self\)|\bEcho\(\) \{|var Echo = function\(\) \{|Constructor\(\) Echo \{|"
                  r"fn new\(\) -> Self \{|echoCreate\(\) \{)")
METHOD = re.compile(r"(?:\b[mM]|echoM)(\d+)(?:\(| = function\()")


def fill(lang, text, methods):
    """The stub with every body filled in: constructors build an empty Echo, methods return x."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else ""
        opens = prev.rstrip().endswith("{") or (lang == "python" and prev.rstrip().endswith(":"))
        if not (opens and line.strip() == ""):
            out.append(line)
            continue
        indent = " " * (len(prev) - len(prev.lstrip()) + 4)
        m = METHOD.search(prev)
        if CTOR.search(prev):
            body = {"python": "pass", "go": "return Echo{}", "rust": "Echo {}",
                    "c": "return calloc(1, sizeof(Echo));"}.get(lang, "")
        elif m and not (prev.lstrip().startswith(("type ", "struct ", "typedef ", "impl ")) and "(" not in prev):
            void = methods[int(m.group(1))]["returns"] == "void"
            if lang == "python":
                body = "pass" if void else "return x"
            elif void:
                body = ""
            elif lang == "go":
                body = "return x"
            elif lang == "rust":
                body = "x"
            elif lang == "c":
                body = ""
                if "retSize" in prev:
                    body += "*retSize = xSize; "
                if "retColSize" in prev:
                    body += "*retColSize = xColSize; "
                body += "return x;"
            else:
                body = "return x;"
        else:
            body = ""
        out.append(indent + body)
    return "\n".join(out)


def generate(judge, outdir, langs):
    methods = []
    for i, (sp, kind, depth) in enumerate(spellings()):
        methods.append({"name": "m%d" % i, "type": sp, "returns": sp, "kind": kind, "depth": depth,
                        "values": arrays(kind, depth)})
    methods.append({"name": "m%d" % len(methods), "type": "Integer", "returns": "void", "kind": "int",
                    "depth": 0, "values": [7]})
    os.makedirs(outdir, exist_ok=True)
    with open(outdir + "/methods.json", "w") as f:
        json.dump(methods, f)
    for lang in langs:
        # Which spellings the language's code generator has a form for: one method at a time.
        keep = []
        for m in methods:
            probe = "%s/probe-%s" % (outdir, lang)
            # (the slug must be the folder's name)
            one = dict(m, name="m0")
            write_package(probe, [one], "probe-" + lang)
            if stub(judge, lang, probe) is not None:
                keep.append(dict(m, values=arrays(m["kind"], m["depth"], lang)))
            else:
                print("%s: %r has no %s form in the code generator" % (m["name"], m["type"], lang))
        # Packages of at most CHUNK methods: one compile of every method at once can pass the
        # compile step's time limit (C++ on a loaded machine).
        size = CHUNK_OF.get(lang, CHUNK)
        for c in range(0, len(keep), size):
            part = keep[c:c + size]
            renamed = [dict(m, name="m%d" % k, orig=m["name"]) for k, m in enumerate(part)]
            d = "%s/echo-%s-%d" % (outdir, lang, c // size)
            write_package(d, renamed, os.path.basename(d))
            text = stub(judge, lang, d)
            if text is None:
                print("%s: judge stub failed on %s" % (lang, d))
                continue
            os.makedirs(d + "/submissions/accepted", exist_ok=True)
            with open("%s/submissions/accepted/solution.%s" % (d, EXT[lang]), "w") as f:
                f.write(fill(lang, text, renamed))
            with open(d + "/methods.json", "w") as f:
                json.dump(renamed, f)
    return 0


def same(a, b):
    """Strict JSON equality: true is not 1, 1 is not 1.0 for ints (the caller passes kinds),
    -0.0 is not 0.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
            return False
        return float(a) == float(b) and math.copysign(1, float(a)) == math.copysign(1, float(b))
    return type(a) is type(b) and a == b


def ints_stay_ints(v, kind):
    """Answers of int/long/ListNode/TreeNode kinds must be written in integer syntax."""
    if isinstance(v, list):
        return all(ints_stay_ints(x, kind) for x in v)
    if kind in ("int", "long", "ListNode", "TreeNode"):
        return v is None or (isinstance(v, int) and not isinstance(v, bool))
    return True


def check(pkg, result):
    with open(pkg + "/methods.json") as f:
        methods = {m["name"]: m for m in json.load(f)}
    with open(result) as f:
        res = json.load(f)
    cases = res.get("cases") or []
    bad = 0
    seen = set()
    for c in cases:
        name = c.get("name")
        m = methods.get(name)
        if m is None:
            continue
        seen.add(name)
        want = [None] + [None if m["returns"] == "void" else v for v in m["values"]]
        got = c.get("actual")
        if "actual" not in c and "actual_preview" not in c:
            # judge run's report shows an answer only for the failing case: an Accepted case
            # was compared with what was sent by the host (float_tolerance 0).
            if c.get("status") != "AC":
                print("%s %r: %s" % (name, m["type"], c.get("status")))
                bad += 1
            continue
        if got is None and "actual_preview" in c:
            print("%s %r: answer truncated in the report" % (name, m["type"]))
            bad += 1
            continue
        if isinstance(got, str):
            try:
                got = json.loads(got)
            except ValueError:
                pass
        if not same(got, want) or not ints_stay_ints(got, m["kind"]):
            print("%s %r: sent %s, got %s" % (name, m["type"], json.dumps(want)[:300], json.dumps(got)[:300]))
            bad += 1
    for name in methods:
        if name not in seen:
            print("%s %r: no case result" % (name, methods[name]["type"]))
            bad += 1
    return 1 if bad else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "check":
        return check(argv[2], argv[3])
    if len(argv) >= 4:
        return generate(argv[1], argv[2], argv[3:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
