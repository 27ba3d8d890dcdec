"""The Python harness of the judge (docs/internals.md).

  harness.py --check solution.py   compile step: syntax check, LeetCode-like message, exit 1
  harness.py                       run step: cwd holds solution.py; the job's lines come on
                                   fd $JUDGE_JOB_FD (a header, then a case at a time),
                                   answers go to fd $JUDGE_CHANNEL_FD as S/R/E/M/X lines

One generic harness: arguments are decoded and answers encoded by the signature's types.
Nothing the user's code can reach by a plain name refers to the harness: the user's module
runs in its own namespace, and the channel lives only in locals of this file's functions.
"""

import builtins
import json
import math
import os
import sys
import threading
import time
import traceback
import types

SOURCE = "solution.py"
MESSAGE_CAP = 8192
STACK_SIZES = (512 << 20, 256 << 20, 64 << 20)


class HarnessError(Exception):
    """The job is not what the harness expects: an internal error, not the user's fault."""


class AnswerError(Exception):
    """The user's return value cannot be encoded (a cycle in a list, ...): a runtime error."""


# --- the predefined names -------------------------------------------------------------------


class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

    def __repr__(self):
        return "ListNode{val: %r, next: %r}" % (self.val, self.next)


class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right

    def __repr__(self):
        return "TreeNode{val: %r, left: %r, right: %r}" % (self.val, self.left, self.right)


ListNode.__module__ = "builtins"
TreeNode.__module__ = "builtins"

# LeetCode's Python 3 prelude: these modules are imported by name and their public names are
# star-imported (in this order, so a later module's name wins), after typing's names. The
# sortedcontainers types (SortedList, SortedDict, SortedSet, SortedKeyList) come last.
PRELUDE_MODULES = ("array", "bisect", "collections", "copy", "functools", "heapq", "itertools",
                   "math", "operator", "random", "re", "statistics", "string")
PRELUDE_IMPORT_ONLY = ("typing", "sys", "sortedcontainers")


def user_namespace():
    """The globals the user's module starts with, as on LeetCode: typing's names, the public
    names of the usual modules, the modules themselves, sortedcontainers' types, ListNode and
    TreeNode. A star-import name never hides a builtin (math.pow would break pow(a, b, mod);
    re.compile compile; operator.abs abs)."""
    # A real module, registered in sys.modules: dataclasses, typing.get_type_hints and pickle
    # look classes up by their __module__.
    mod = types.ModuleType("solution")
    sys.modules["solution"] = mod
    ns = mod.__dict__
    ns["__file__"] = SOURCE
    ns["__builtins__"] = builtins

    def star(modname):
        mod = __import__(modname)
        names = getattr(mod, "__all__", None)
        if names is None:
            names = [n for n in dir(mod) if not n.startswith("_")]
        for n in names:
            if hasattr(builtins, n):
                continue
            try:
                ns[n] = getattr(mod, n)
            except AttributeError:
                pass

    star("typing")
    for m in PRELUDE_MODULES:
        star(m)
    star("sortedcontainers")
    for m in PRELUDE_MODULES + PRELUDE_IMPORT_ONLY:
        ns[m] = __import__(m)
    ns["ListNode"] = ListNode
    ns["TreeNode"] = TreeNode
    return ns


# --- types ----------------------------------------------------------------------------------

BASE_TYPES = ("int", "long", "double", "bool", "char", "string", "ListNode", "TreeNode", "void")


def parse_type(s):
    """A canonical type of the job (the host's lib/problem/types.c spelled it: a base name, then "[]"
    per array level; no aliases, no spaces) as a nested tuple: ("int",), ("array", elem)."""
    if not isinstance(s, str):
        raise HarnessError("type is not a string: %r" % (s,))
    t, depth = s, 0
    while t.endswith("[]"):
        t, depth = t[:-2], depth + 1
    if t not in BASE_TYPES or (t == "void" and depth):
        raise HarnessError("unknown type %r" % s)
    out = (t,)
    for _ in range(depth):
        out = ("array", out)
    return out


def decode(t, v, where):
    k = t[0]
    if k in ("int", "long"):
        if type(v) is not int:
            raise HarnessError("%s: expected an integer" % where)
        return v
    if k == "double":
        if type(v) not in (int, float):
            raise HarnessError("%s: expected a number" % where)
        return float(v)
    if k == "bool":
        if type(v) is not bool:
            raise HarnessError("%s: expected true or false" % where)
        return v
    if k == "char":
        if not isinstance(v, str) or len(v) != 1:
            raise HarnessError("%s: expected a one-character string" % where)
        return v
    if k == "string":
        if not isinstance(v, str):
            raise HarnessError("%s: expected a string" % where)
        return v
    if k == "array":
        if not isinstance(v, list):
            raise HarnessError("%s: expected an array" % where)
        e = t[1]
        return [decode(e, x, where) for x in v]
    if k == "ListNode":
        if not isinstance(v, list) or any(type(x) is not int for x in v):
            raise HarnessError("%s: expected an array of integers" % where)
        head = None
        for x in reversed(v):
            head = ListNode(x, head)
        return head
    if k == "TreeNode":
        if not isinstance(v, list) or any(x is not None and type(x) is not int for x in v):
            raise HarnessError("%s: expected an array of integers and nulls" % where)
        if not v or v[0] is None:
            return None
        root = TreeNode(v[0])
        queue = [root]
        qi, i, n = 0, 1, len(v)
        while i < n:
            if qi >= len(queue):
                raise HarnessError("%s: level order has values below no parent" % where)
            node = queue[qi]
            qi += 1
            if v[i] is not None:
                node.left = TreeNode(v[i])
                queue.append(node.left)
            i += 1
            if i < n and v[i] is not None:
                node.right = TreeNode(v[i])
                queue.append(node.right)
            i += 1
        return root
    raise HarnessError("%s: type %s cannot be an argument" % (where, k))


def encode_any(v, depth=0):
    """A value whose type does not match the declared one, encoded as JSON would see it."""
    if depth > 1000:
        raise AnswerError("return value nested too deeply")
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, ListNode):
        return encode(("ListNode",), v)
    if isinstance(v, TreeNode):
        return encode(("TreeNode",), v)
    if isinstance(v, dict):
        return {str(k): encode_any(x, depth + 1) for k, x in v.items()}
    try:
        it = iter(v)
    except TypeError:
        raise AnswerError("cannot serialize a return value of type %s" % type(v).__name__)
    return [encode_any(x, depth + 1) for x in it]


def encode(t, v):
    k = t[0]
    if k == "void":
        return None
    if v is None:
        # A null array (Go's nil) and an empty list or tree all read as [].
        return [] if k in ("array", "ListNode", "TreeNode") else None
    if k in ("int", "long"):
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, int):
            return v
        if isinstance(v, float) and v.is_integer():
            return int(v)
        return encode_any(v)
    if k == "double":
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            f = float(v)
            return f if math.isfinite(f) else None
        return encode_any(v)
    if k == "bool":
        return v if isinstance(v, bool) else encode_any(v)
    if k in ("char", "string"):
        return v if isinstance(v, str) else encode_any(v)
    if k == "array":
        if isinstance(v, (str, bytes, dict)) or not hasattr(v, "__iter__"):
            if isinstance(v, str) and t[1][0] == "char":
                return list(v)
            return encode_any(v)
        e = t[1]
        return [encode(e, x) for x in v]
    if k == "ListNode":
        out, seen = [], set()
        while v is not None:
            if id(v) in seen:
                raise AnswerError("Error - Found cycle in the ListNode")
            seen.add(id(v))
            out.append(encode_any(getattr(v, "val", None)))
            v = getattr(v, "next", None)
        return out
    if k == "TreeNode":
        out, seen, queue, qi = [], set(), [v], 0
        while qi < len(queue):
            node = queue[qi]
            qi += 1
            if node is None:
                out.append(None)
                continue
            if id(node) in seen:
                raise AnswerError("Error - Found cycle in the TreeNode")
            seen.add(id(node))
            out.append(encode_any(getattr(node, "val", None)))
            queue.append(getattr(node, "left", None))
            queue.append(getattr(node, "right", None))
        while out and out[-1] is None:
            out.pop()
        return out
    return encode_any(v)


def to_json(v):
    return json.dumps(v, ensure_ascii=True, separators=(",", ":"), allow_nan=False)


# --- signature and job ----------------------------------------------------------------------


def parse_params(m, where):
    params = m.get("params", [])
    if not isinstance(params, list):
        raise HarnessError("%s: params is not an array" % where)
    out = []
    for p in params:
        if not isinstance(p, dict) or "type" not in p:
            raise HarnessError("%s: a param without a type" % where)
        out.append(parse_type(p["type"]))
    return out


def parse_signature(sig):
    if not isinstance(sig, dict) or not isinstance(sig.get("name"), str):
        raise HarnessError("signature without a name")
    s = {"kind": sig.get("kind", "function"), "name": sig["name"]}
    if s["kind"] == "class":
        s["ctor"] = parse_params(sig.get("constructor", {}) or {}, "constructor")
        s["methods"] = {}
        for m in sig.get("methods", []):
            if not isinstance(m, dict) or not isinstance(m.get("name"), str):
                raise HarnessError("a method without a name")
            s["methods"][m["name"]] = (parse_params(m, m["name"]),
                                       parse_type(m.get("returns", "void")))
    elif s["kind"] == "function":
        s["params"] = parse_params(sig, sig["name"])
        s["returns"] = parse_type(sig.get("returns", "void"))
        op = sig.get("output_param", -1)
        if op is None:
            op = -1
        if type(op) is not int or op >= len(s["params"]):
            raise HarnessError("output_param out of range")
        s["output_param"] = op
    else:
        raise HarnessError("unknown signature kind %r" % s["kind"])
    return s


def decode_args(types, args, where):
    if not isinstance(args, list) or len(args) != len(types):
        raise HarnessError("%s: expected %d arguments" % (where, len(types)))
    return [decode(t, a, "%s[%d]" % (where, j)) for j, (t, a) in enumerate(zip(types, args))]


def prepare_case(sig, case, i):
    """Decode one case before its clock starts: a list of (name, args, return type)."""
    if not isinstance(case, dict):
        raise HarnessError("case %d is not an object" % i)
    if sig["kind"] == "function":
        args = decode_args(sig["params"], case.get("args"), "cases[%d].args" % i)
        return [(sig["name"], args, sig["returns"])]
    calls, args = case.get("calls"), case.get("args")
    if not isinstance(calls, list) or not isinstance(args, list) or len(calls) != len(args) \
            or not calls:
        raise HarnessError("case %d: calls and args do not match" % i)
    steps = [(sig["name"], decode_args(sig["ctor"], args[0], "cases[%d].args[0]" % i), None)]
    for j in range(1, len(calls)):
        m = sig["methods"].get(calls[j])
        if m is None:
            raise HarnessError("case %d: unknown method %r" % (i, calls[j]))
        steps.append((calls[j], decode_args(m[0], args[j], "cases[%d].args[%d]" % (i, j)), m[1]))
    return steps


# --- messages -------------------------------------------------------------------------------


def cap(msg):
    b = msg.encode("utf-8", "replace")
    if len(b) <= MESSAGE_CAP:
        return msg
    return b[:MESSAGE_CAP - 16].decode("utf-8", "ignore") + "\n... (truncated)"


def user_traceback(exc):
    """LeetCode's form: the exception, then each of the user's frames, innermost first, as
    the source line and 'Line N in func (solution.py)'."""
    head = "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n")
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == SOURCE]
    lines = [head]
    for f in reversed(frames[-64:]):
        if f.line:
            lines.append("    " + f.line.strip())
        lines.append("Line %d in %s (%s)" % (f.lineno, f.name, SOURCE))
    if len(frames) > 64:
        lines.append("... %d more frames" % (len(frames) - 64))
    return cap("\n".join(lines))


# --- steps ----------------------------------------------------------------------------------


def read_source(path):
    with open(path, "rb") as f:
        return f.read()


def check(path):
    try:
        # The file name matters: a syntax error's line text is read back from that file.
        compile(read_source(path), path, "exec", dont_inherit=True)
    except SyntaxError as e:
        msg = "Line %s: %s: %s" % (e.lineno if e.lineno is not None else "?",
                                   type(e).__name__, e.msg)
        text = (e.text or "").rstrip("\r\n")
        if text.strip():
            stripped = text.lstrip()
            msg += "\n    " + stripped
            if e.offset:
                col = max(e.offset - 1 - (len(text) - len(stripped)), 0)
                msg += "\n    " + " " * col + "^"
        print(msg)
        return 1
    except (ValueError, OSError) as e:
        print("%s: %s" % (type(e).__name__, e))
        return 1
    return 0


class Channel:
    def __init__(self, fd):
        self.fd = fd
        self.pid = os.getpid()

    def send(self, line):
        if os.getpid() != self.pid:
            # A process the user's code forked got back into the harness: it has no answer
            # to give, and must not speak for the harness.
            os._exit(0)
        data = (line + "\n").encode("utf-8", "replace")
        while data:
            n = os.write(self.fd, data)
            data = data[n:]


def open_channel():
    try:
        fd = int(os.environ.get("JUDGE_CHANNEL_FD", "3"))
        # Move the channel off fd 3 (a number user code might guess) and make it
        # close-on-exec so the user's child processes never hold it.
        import fcntl
        import resource
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        target = 200 if soft == resource.RLIM_INFINITY else min(200, soft - 1)
        if target > fd:
            high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, target)
            os.close(fd)
        else:
            high = fd
            os.set_inheritable(fd, False)
    except (ValueError, OSError) as e:
        print("harness: no answer channel: %s" % e, file=sys.stderr)
        sys.exit(2)
    return Channel(high)


class JobReader:
    """The job from the runner's pipe (fd $JUDGE_JOB_FD): a header line, then one line per case,
    which the runner sends only when the case before it has answered. Moved off fd 4 and made
    close-on-exec, like the channel."""

    def __init__(self):
        fd = int(os.environ.get("JUDGE_JOB_FD", "4"))
        import fcntl
        import resource
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        target = 201 if soft == resource.RLIM_INFINITY else min(201, soft - 1)
        if target > fd:
            high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, target)
            os.close(fd)
        else:
            high = fd
            os.set_inheritable(fd, False)
        self.f = os.fdopen(high, "rb")

    def line(self):
        text = self.f.readline()
        if not text.endswith(b"\n"):
            # Only the user's code can have closed or drained the pipe: its runtime error.
            print("harness: the job pipe was closed or read by someone else", file=sys.stderr)
            flush_user()
            os._exit(3)
        return json.loads(text)

    def cases(self, n):
        for _ in range(n):
            yield self.line()


def flush_user():
    for f in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            if f is not None:
                f.flush()
        except Exception:
            pass


def user_global(ns, name):
    if name not in ns:
        raise NameError("name '%s' is not defined" % name)
    return ns[name]


def run(chan, sig, cases):
    code = read_source(SOURCE)
    ns = user_namespace()
    chan.send("B")  # booted: the user's module-level code runs from here on, charged
    loaded = False
    for i, case in enumerate(cases):
        steps = prepare_case(sig, case, i)
        results = []
        cpu = 0
        chan.send("S %d" % i)
        try:
            t0 = time.thread_time_ns()
            try:
                if not loaded:
                    loaded = True
                    exec(compile(code, SOURCE, "exec", dont_inherit=True), ns)
                if sig["kind"] == "function":
                    name, args, ret = steps[0]
                    fn = getattr(user_global(ns, "Solution")(), name)
                    value = fn(*args)
                else:
                    obj = user_global(ns, sig["name"])(*steps[0][1])
                    value = [None]
                    for name, args, ret in steps[1:]:
                        value.append((getattr(obj, name)(*args), ret))
            finally:
                cpu = (time.thread_time_ns() - t0) // 1000
            if sig["kind"] == "function":
                if sig["returns"][0] == "void" and sig["output_param"] >= 0:
                    k = sig["output_param"]
                    answer = encode(sig["params"][k], args[k])
                else:
                    answer = encode(ret, value)
            else:
                answer = [None] + [encode(r, v) for v, r in value[1:]]
            text = to_json(answer)
        except MemoryError:
            flush_user()
            chan.send("M %d %d %s" % (i, cpu, to_json("MemoryError")))
            return
        except AnswerError as e:
            flush_user()
            chan.send("E %d %d %s" % (i, cpu, to_json(str(e))))
            return
        except BaseException as e:
            flush_user()
            try:
                msg = user_traceback(e)
            except BaseException:
                msg = type(e).__name__
            chan.send("E %d %d %s" % (i, cpu, to_json(msg)))
            return
        flush_user()
        chan.send("R %d %d %s" % (i, cpu, text))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        return check(sys.argv[2])
    chan = open_channel()
    try:
        reader = JobReader()
        job = reader.line()
        sig = parse_signature(job["signature"])
        n = job["case_count"]
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise HarnessError("case_count is not a count")
        cases = reader.cases(n)
    except (HarnessError, KeyError, ValueError, OSError, TypeError) as e:
        chan.send("X %s" % to_json("bad job: %s" % e))
        return 2

    sys.setrecursionlimit(10 ** 6)
    outcome = []

    def body():
        try:
            run(chan, sig, cases)
            outcome.append(0)
        except HarnessError as e:
            chan.send("X %s" % to_json("bad job: %s" % e))
            outcome.append(2)
        except BaseException as e:
            chan.send("X %s" % to_json("harness: %s: %s" % (type(e).__name__, e)))
            outcome.append(2)

    thread = None
    for size in STACK_SIZES:
        try:
            threading.stack_size(size)
            thread = threading.Thread(target=body, name="solution")
            thread.start()
            break
        except (ValueError, RuntimeError, MemoryError):
            thread = None
    if thread is None:
        body()
    else:
        thread.join()
    flush_user()
    # Leave now: threads the user's code left running must not hold the exit, and the
    # runner allows 1 s after the last line.
    os._exit(outcome[0] if outcome else 2)


if __name__ == "__main__":
    sys.exit(main())
