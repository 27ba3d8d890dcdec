"""Throwaway helpers for building the sample problem set: LeetCode-like Python prelude,
type-directed decoding/encoding of PROBLEM-FORMAT.md values, and answer comparison."""
import json, math, re, sys

PRELUDE = '''
from typing import *
import collections, heapq, bisect, functools, itertools, math, string, re, random
from collections import *
from heapq import *
from bisect import *
from functools import *
from itertools import *
from math import *

class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right
'''

ALIASES = {"integer": "int", "boolean": "bool", "character": "char", "String": "string"}


def norm_type(t):
    t = t.strip()
    m = re.fullmatch(r"list<(.*)>", t)
    if m:
        return norm_type(m.group(1)) + "[]"
    if t.endswith("[]"):
        return norm_type(t[:-2]) + "[]"
    return ALIASES.get(t, t)


def new_namespace():
    ns = {}
    exec(PRELUDE, ns)
    return ns


def decode(ns, t, v):
    t = norm_type(t)
    if t.endswith("[]"):
        return [decode(ns, t[:-2], x) for x in v]
    if t == "ListNode":
        head = None
        for x in reversed(v):
            head = ns["ListNode"](x, head)
        return head
    if t == "TreeNode":
        if not v:
            return None
        TN = ns["TreeNode"]
        root = TN(v[0])
        q = [root]
        qi = 0
        i = 1
        while i < len(v):
            node = q[qi]; qi += 1
            if i < len(v) and v[i] is not None:
                node.left = TN(v[i]); q.append(node.left)
            i += 1
            if i < len(v) and v[i] is not None:
                node.right = TN(v[i]); q.append(node.right)
            i += 1
        return root
    if t == "double":
        return float(v)
    return v


def encode(t, v):
    t = norm_type(t)
    if t.endswith("[]"):
        return [encode(t[:-2], x) for x in (v or [])]
    if t == "ListNode":
        out = []
        while v is not None:
            out.append(v.val)
            v = v.next
            if len(out) > 2_000_000:
                raise RuntimeError("list too long (cycle?)")
        return out
    if t == "TreeNode":
        out = []
        q = [v]
        qi = 0
        while qi < len(q):
            n = q[qi]; qi += 1
            if n is None:
                out.append(None)
            else:
                out.append(n.val)
                q.append(n.left); q.append(n.right)
            if len(out) > 4_000_000:
                raise RuntimeError("tree too big")
        while out and out[-1] is None:
            out.pop()
        return out
    if t == "double":
        return float(v)
    if t == "void":
        return None
    return v


def load_solution(path):
    ns = new_namespace()
    src = open(path).read()
    exec(compile(src, path, "exec"), ns)
    return ns


def run_case(ns, sig, case):
    """Run one case, return the encoded answer."""
    if sig["kind"] == "class":
        cls = ns[sig["name"]]
        methods = {m["name"]: m for m in sig["methods"]}
        out = []
        obj = None
        for i, (name, args) in enumerate(zip(case["calls"], case["args"])):
            if i == 0:
                ps = sig["constructor"]["params"]
                obj = cls(*[decode(ns, p["type"], a) for p, a in zip(ps, args)])
                out.append(None)
            else:
                m = methods[name]
                r = getattr(obj, name)(*[decode(ns, p["type"], a) for p, a in zip(m["params"], args)])
                out.append(encode(m["returns"], r))
        return out
    params = sig["params"]
    args = [decode(ns, p["type"], a) for p, a in zip(params, case["args"])]
    r = getattr(ns["Solution"](), sig["name"])(*args)
    if norm_type(sig["returns"]) == "void" and "output_param" in sig:
        k = sig["output_param"]
        return encode(params[k]["type"], args[k])
    return encode(sig["returns"], r)


def _canon(v, levels):
    if levels > 0 and isinstance(v, list):
        return sorted((_canon(x, levels - 1) for x in v), key=lambda x: json.dumps(x))
    return v


def _eq(a, b, tol):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b if isinstance(a, bool) and isinstance(b, bool) else False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) or isinstance(b, float):
            if math.isnan(a) or math.isnan(b):
                return False
            d = abs(a - b)
            return d <= tol or d <= tol * max(abs(a), abs(b))
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_eq(x, y, tol) for x, y in zip(a, b))
    return a == b


def answers_equal(expected, actual, unordered=0, tol=1e-5):
    return _eq(_canon(expected, unordered), _canon(actual, unordered), tol)
