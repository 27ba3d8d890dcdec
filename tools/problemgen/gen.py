"""Throwaway generator for the sample problem set under problems/.
usage: gen.py [slug...]   (all when none given)
Writes problem.json and tests/*.json; every expected value comes from running the package's
submissions/accepted/solution.py through lc.py. Inputs are seeded, so reruns are stable."""
import json, os, random, string, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import lc

ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "problems"))
LIMITS = {"time_ms": 1000, "memory_mb": 256}
GEN = {}


def problem(fn):
    GEN[fn.__name__.replace("_", "-")] = fn
    return fn


def fsig(name, params, returns, **extra):
    s = {"kind": "function", "name": name,
         "params": [{"name": n, "type": t} for n, t in params], "returns": returns}
    s.update(extra)
    return s


def meta(slug, title, difficulty, tags, sig, unordered=0, tol=None, limits=LIMITS):
    cmp = {"unordered": unordered}
    if tol is not None:
        cmp["float_tolerance"] = tol
    return {"format": 1, "slug": slug, "title": title, "difficulty": difficulty, "tags": tags,
            "limits": dict(limits), "signature": sig, "compare": cmp}


def C(*args, name=None):
    c = {}
    if name:
        c["name"] = name
    c["args"] = list(args)
    return c


def K(calls, args, name=None):
    c = {}
    if name:
        c["name"] = name
    c["calls"] = calls
    c["args"] = args
    return c


def dump_cases(cases, path):
    lines = []
    for c in cases:
        lines.append("  " + json.dumps(c, separators=(", ", ": ") if len(json.dumps(c)) < 400 else (",", ":")))
    with open(path, "w") as f:
        f.write("[\n" + ",\n".join(lines) + "\n]\n")


def write(slug, m, sample, hidden):
    pdir = os.path.join(ROOT, slug)
    os.makedirs(os.path.join(pdir, "tests"), exist_ok=True)
    with open(os.path.join(pdir, "problem.json"), "w") as f:
        f.write(json.dumps(m, indent=2) + "\n")
    sol = os.path.join(pdir, "submissions", "accepted", "solution.py")
    for cases in (sample, hidden):
        for c in cases:
            ns = lc.load_solution(sol)  # fresh namespace per case
            c["expected"] = lc.run_case(ns, m["signature"], c)
    dump_cases(sample, os.path.join(pdir, "tests", "sample.json"))
    dump_cases(hidden, os.path.join(pdir, "tests", "hidden.json"))
    print("%s: %d sample, %d hidden, hidden.json %d bytes" % (
        slug, len(sample), len(hidden), os.path.getsize(os.path.join(pdir, "tests", "hidden.json"))))


# ---------- trees ----------
class _N:
    __slots__ = ("val", "left", "right")

    def __init__(self, v):
        self.val, self.left, self.right = v, None, None


def tree_levels(root):
    return lc.encode("TreeNode", root)


def random_tree(rng, n, lo=-100, hi=100):
    """A random binary tree of n nodes: each new node fills a random free child slot."""
    if n == 0:
        return []
    root = _N(rng.randint(lo, hi))
    slots = [(root, 0), (root, 1)]
    for _ in range(n - 1):
        k = rng.randrange(len(slots))
        slots[k], slots[-1] = slots[-1], slots[k]
        parent, side = slots.pop()
        node = _N(rng.randint(lo, hi))
        if side == 0:
            parent.left = node
        else:
            parent.right = node
        slots.append((node, 0))
        slots.append((node, 1))
    return tree_levels(root)


def path_tree(rng, n, pattern, lo=-100, hi=100):
    """A path of n nodes; pattern 'L', 'R' or 'Z' (zigzag)."""
    root = cur = _N(rng.randint(lo, hi))
    for i in range(n - 1):
        node = _N(rng.randint(lo, hi))
        left = pattern == "L" or (pattern == "Z" and i % 2 == 0)
        if left:
            cur.left = node
        else:
            cur.right = node
        cur = node
    return tree_levels(root)


def complete_tree(rng, n, lo=-100, hi=100):
    return [rng.randint(lo, hi) for _ in range(n)]


def tree_depth(levels):
    ns = lc.new_namespace()
    root = lc.decode(ns, "TreeNode", levels)
    d, level = 0, [root] if root else []
    while level:
        d += 1
        level = [c for n in level for c in (n.left, n.right) if c]
    return d


@problem
def max_depth_binary_tree(rng):
    m = meta("max-depth-binary-tree", "Maximum Depth of Binary Tree", "easy",
             ["tree", "depth-first-search", "breadth-first-search", "binary-tree"],
             fsig("maxDepth", [("root", "TreeNode")], "int"))
    sample = [C([3, 9, 20, None, None, 15, 7]), C([1, None, 2])]
    hidden = [C([], name="empty-tree"), C([0], name="single-node"),
              C([1, 2], name="left-child-only"), C([1, None, 2, None, 3], name="right-chain"),
              C([-100, -100, 100], name="extreme-values"),
              C(complete_tree(rng, 15), name="perfect-15"),
              C([1, 2, 3, 4, None, None, 5, 6, None, None, 7], name="two-deep-branches")]
    for i in range(4):
        hidden.append(C(random_tree(rng, rng.randint(5, 40)), name="random-small-%d" % i))
    hidden.append(C(path_tree(rng, 500, "L"), name="left-path-500"))
    hidden.append(C(path_tree(rng, 500, "R"), name="right-path-500"))
    hidden.append(C(path_tree(rng, 301, "Z"), name="zigzag-301"))
    hidden.append(C(complete_tree(rng, 8191), name="perfect-8191"))
    hidden.append(C(random_tree(rng, 10000), name="random-10000"))
    return m, sample, hidden


# ---------- two-sum ----------
def pair_count(nums, target):
    from collections import Counter
    cnt = Counter(nums)
    total = 0
    for x, c in cnt.items():
        y = target - x
        if y == x:
            total += c * (c - 1)
        else:
            total += c * cnt.get(y, 0)
    return total // 2


def two_sum_case(rng, n, lo, hi, name, tlo=-10**9, thi=10**9):
    while True:
        nums = [rng.randint(lo, hi) for _ in range(n)]
        i, j = rng.sample(range(n), 2)
        t = nums[i] + nums[j]
        if tlo <= t <= thi and pair_count(nums, t) == 1:
            return C(nums, t, name=name)


@problem
def two_sum(rng):
    m = meta("two-sum", "Two Sum", "easy", ["array", "hash-table"],
             fsig("twoSum", [("nums", "int[]"), ("target", "integer")], "int[]"), unordered=1)
    sample = [C([2, 7, 11, 15], 9), C([3, 2, 4], 6), C([3, 3], 6)]
    hidden = [C([1, 2], 3, name="two-elements"),
              C([0, 4, 3, 0], 0, name="zeros"),
              C([-1, -2, -3, -4, -5], -8, name="negatives"),
              C([5, 75, 25], 100, name="answer-at-end"),
              C([3, 8, 1, 5], 6, name="not-the-same-element-twice"),
              C([10**9, -10**9, 7, 13], 0, name="extremes"),
              C([-10**9, 2, 5, -10**9 + 1], -10**9 + 3, name="extreme-negative-target"),
              C([1, 1, 1, 1, 5, 1, 9], 14, name="duplicates-around"),
              C([2, 5, 5, 11], 10, name="equal-halves")]
    for i in range(5):
        hidden.append(two_sum_case(rng, rng.randint(5, 60), -50, 50, "random-small-%d" % i))
    hidden.append(two_sum_case(rng, 1000, -10**9, 10**9, "random-1000-wide"))
    hidden.append(two_sum_case(rng, 5000, -10**5, 10**5, "random-5000"))
    # large: even numbers in [0, 98], one odd value; exactly one pair sums to the odd target,
    # and it is the last two indices, so a brute force scans nearly every pair.
    n = 80000
    nums = [2 * rng.randint(0, 49) for _ in range(n - 2)] + [99999, 100002]
    t = 99999 + 100002
    assert pair_count(nums, t) == 1
    hidden.append(C(nums, t, name="large-80000-pair-at-end"))
    return m, sample, hidden


# ---------- lists ----------
@problem
def reverse_linked_list(rng):
    m = meta("reverse-linked-list", "Reverse Linked List", "easy", ["linked-list", "recursion"],
             fsig("reverseList", [("head", "ListNode")], "ListNode"))
    sample = [C([1, 2, 3, 4, 5]), C([1, 2]), C([])]
    hidden = [C([7], name="single"), C([-1, 1], name="two"),
              C([3, 3, 3], name="all-equal"), C([-5000, 0, 5000], name="extremes"),
              C([1, 2, 3, 2, 1], name="palindrome")]
    for i in range(4):
        hidden.append(C([rng.randint(-5000, 5000) for _ in range(rng.randint(3, 50))], name="random-%d" % i))
    hidden.append(C([rng.randint(-5000, 5000) for _ in range(1000)], name="random-1000"))
    hidden.append(C([5000 - i for i in range(2000)], name="descending-2000"))
    hidden.append(C([rng.randint(-5000, 5000) for _ in range(5000)], name="max-5000"))
    return m, sample, hidden


@problem
def merge_two_sorted_lists(rng):
    m = meta("merge-two-sorted-lists", "Merge Two Sorted Lists", "easy", ["linked-list", "recursion"],
             fsig("mergeTwoLists", [("list1", "ListNode"), ("list2", "ListNode")], "ListNode"))
    sample = [C([1, 2, 4], [1, 3, 4]), C([], []), C([], [0])]

    def sl(n, lo=-10**4, hi=10**4):
        return sorted(rng.randint(lo, hi) for _ in range(n))
    hidden = [C([5], [], name="second-empty"), C([], [-3], name="first-empty"),
              C([1, 1, 1], [1, 1], name="all-equal"),
              C([1, 2, 3], [4, 5, 6], name="first-all-smaller"),
              C([7, 8], [1, 2, 3], name="second-all-smaller"),
              C([-10000, 0, 10000], [-10000, 10000], name="extremes"),
              C([1, 3, 5, 7], [2, 4, 6, 8], name="interleaved")]
    for i in range(5):
        hidden.append(C(sl(rng.randint(0, 30), -20, 20), sl(rng.randint(0, 30), -20, 20), name="random-%d" % i))
    hidden.append(C(sl(3000), sl(20), name="long-and-short"))
    hidden.append(C(sl(5000), sl(5000), name="max-5000-each"))
    return m, sample, hidden


# ---------- LRU ----------
def lru_ops(rng, cap, n_ops, key_hi, val_hi=10**5, get_ratio=0.5):
    calls, args = ["LRUCache"], [[cap]]
    for _ in range(n_ops):
        if rng.random() < get_ratio:
            calls.append("get"); args.append([rng.randint(0, key_hi)])
        else:
            calls.append("put"); args.append([rng.randint(0, key_hi), rng.randint(0, val_hi)])
    return calls, args


@problem
def lru_cache(rng):
    m = meta("lru-cache", "LRU Cache", "medium", ["hash-table", "linked-list", "design"],
             {"kind": "class", "name": "LRUCache",
              "constructor": {"params": [{"name": "capacity", "type": "int"}]},
              "methods": [{"name": "get", "params": [{"name": "key", "type": "int"}], "returns": "int"},
                          {"name": "put", "params": [{"name": "key", "type": "int"}, {"name": "value", "type": "int"}],
                           "returns": "void"}]})
    sample = [K(["LRUCache", "put", "put", "get", "put", "get", "put", "get", "get", "get"],
                [[2], [1, 1], [2, 2], [1], [3, 3], [2], [4, 4], [1], [3], [4]])]
    sample.append(K(["LRUCache", "get", "put", "get"], [[1], [5], [5, 50], [5]]))
    hidden = [
        K(["LRUCache", "put", "put", "put", "put", "get", "get"], [[2], [2, 1], [1, 1], [2, 3], [4, 1], [1], [2]],
          name="update-refreshes-recency"),
        K(["LRUCache", "put", "get", "put", "get", "get"], [[1], [2, 1], [2], [3, 2], [2], [3]], name="capacity-one"),
        K(["LRUCache", "get", "get"], [[3], [0], [10000]], name="gets-on-empty"),
        K(["LRUCache", "put", "put", "get", "put", "get", "get", "get"],
          [[2], [0, 0], [10000, 100000], [0], [5, 5], [10000], [0], [5]], name="extreme-keys-values"),
        K(["LRUCache", "put", "put", "put", "get", "put", "get", "get", "get", "get"],
          [[3], [1, 10], [2, 20], [3, 30], [1], [4, 40], [2], [3], [1], [4]], name="get-refreshes-recency"),
        K(["LRUCache", "put", "put", "put", "get", "get"], [[2], [7, 1], [7, 2], [7, 3], [7], [8]],
          name="same-key-overwritten"),
    ]
    for i in range(6):
        cap = rng.randint(1, 5)
        calls, args = lru_ops(rng, cap, rng.randint(10, 40), 8)
        hidden.append(K(calls, args, name="random-small-%d" % i))
    calls, args = lru_ops(rng, 50, 2000, 120)
    hidden.append(K(calls, args, name="random-2000"))
    calls, args = lru_ops(rng, 3000, 9000, 6000, get_ratio=0.45)
    hidden.append(K(calls, args, name="large-cap-3000"))
    return m, sample, hidden


# ---------- MinStack ----------
def minstack_ops(rng, n_ops, lo, hi):
    calls, args, size = ["MinStack"], [[]], 0
    for _ in range(n_ops):
        r = rng.random()
        if size == 0 or r < 0.4:
            calls.append("push"); args.append([rng.randint(lo, hi)]); size += 1
        elif r < 0.6:
            calls.append("pop"); args.append([]); size -= 1
        elif r < 0.8:
            calls.append("top"); args.append([])
        else:
            calls.append("getMin"); args.append([])
    return calls, args


@problem
def min_stack(rng):
    m = meta("min-stack", "Min Stack", "medium", ["stack", "design"],
             {"kind": "class", "name": "MinStack", "constructor": {"params": []},
              "methods": [{"name": "push", "params": [{"name": "val", "type": "int"}], "returns": "void"},
                          {"name": "pop", "params": [], "returns": "void"},
                          {"name": "top", "params": [], "returns": "int"},
                          {"name": "getMin", "params": [], "returns": "int"}]})
    sample = [K(["MinStack", "push", "push", "push", "getMin", "pop", "top", "getMin"],
                [[], [-2], [0], [-3], [], [], [], []]),
              K(["MinStack", "push", "top", "getMin"], [[], [5], [], []])]
    hidden = [K(["MinStack", "push", "push", "pop", "getMin"], [[], [0], [0], [], []], name="duplicate-minimum"),
              K(["MinStack", "push", "push", "push", "pop", "getMin", "pop", "getMin"],
                [[], [3], [1], [1], [], [], [], []], name="duplicate-minimum-deeper"),
              K(["MinStack", "push", "push", "getMin", "top"], [[], [-2147483648], [2147483647], [], []],
                name="int-extremes"),
              K(["MinStack", "push", "pop", "push", "getMin", "top"], [[], [1], [], [2], [], []], name="empty-then-refill"),
              K(["MinStack", "push", "push", "push", "getMin", "pop", "getMin", "pop", "getMin"],
                [[], [3], [2], [1], [], [], [], [], []], name="decreasing"),
              K(["MinStack", "push", "push", "push", "getMin", "pop", "getMin"],
                [[], [1], [2], [3], [], [], []], name="increasing")]
    for i in range(6):
        calls, args = minstack_ops(rng, rng.randint(10, 40), -10, 10)
        hidden.append(K(calls, args, name="random-small-%d" % i))
    calls, args = minstack_ops(rng, 2000, -2**31, 2**31 - 1)
    hidden.append(K(calls, args, name="random-2000-wide"))
    # large: 5000 decreasing pushes, then alternate getMin/pop down to empty
    calls, args = ["MinStack"], [[]]
    for v in range(4000, 0, -1):
        calls.append("push"); args.append([v])
    for _ in range(4000):
        calls.append("getMin"); args.append([])
        calls.append("pop"); args.append([])
    hidden.append(K(calls, args, name="large-push-then-pop"))
    return m, sample, hidden


# ---------- rotate ----------
@problem
def rotate_image(rng):
    m = meta("rotate-image", "Rotate Image", "medium", ["array", "math", "matrix"],
             fsig("rotate", [("matrix", "int[][]")], "void", output_param=0))
    sample = [C([[1, 2, 3], [4, 5, 6], [7, 8, 9]]),
              C([[5, 1, 9, 11], [2, 4, 8, 10], [13, 3, 6, 7], [15, 14, 12, 16]])]

    def mat(n, lo=-1000, hi=1000):
        return [[rng.randint(lo, hi) for _ in range(n)] for _ in range(n)]
    hidden = [C([[42]], name="1x1"), C([[1, 2], [3, 4]], name="2x2"),
              C([[-1000, 1000], [1000, -1000]], name="extremes"),
              C([[7] * 3 for _ in range(3)], name="all-equal")]
    for n in (5, 6, 7, 10, 20):
        hidden.append(C(mat(n), name="random-%dx%d" % (n, n)))
    hidden.append(C(mat(101, 0, 9), name="odd-101x101"))
    hidden.append(C(mat(150, 0, 9), name="large-150x150"))
    return m, sample, hidden


# ---------- group anagrams ----------
@problem
def group_anagrams(rng):
    m = meta("group-anagrams", "Group Anagrams", "medium", ["array", "hash-table", "string", "sorting"],
             fsig("groupAnagrams", [("strs", "String[]")], "list<list<string>>"), unordered=2)
    sample = [C(["eat", "tea", "tan", "ate", "nat", "bat"]), C([""]), C(["a"])]

    def word(lo, hi, alpha=string.ascii_lowercase):
        return "".join(rng.choice(alpha) for _ in range(rng.randint(lo, hi)))

    def shuffled(w):
        l = list(w); rng.shuffle(l); return "".join(l)
    hidden = [C(["", ""], name="two-empty"), C(["", "b", ""], name="empty-and-letter"),
              C(["aab", "abb", "bab", "aba"], name="same-letters-different-counts"),
              C(["ad", "bc", "da", "cb"], name="same-letter-sum"),
              C(["abc", "abc", "cba"], name="duplicates"),
              C(["x", "y", "z"], name="no-anagrams"),
              C(["listen", "silent", "enlist", "google", "gogole", "inlets"], name="classic")]
    for i in range(4):
        bases = [word(1, 6, "abcde") for _ in range(rng.randint(2, 6))]
        hidden.append(C([shuffled(rng.choice(bases)) for _ in range(rng.randint(5, 25))], name="random-%d" % i))
    hidden.append(C([shuffled("z" * 50 + "y" * 50), "y" * 50 + "z" * 50, "z" * 100], name="long-strings"))
    bases = [word(3, 8) for _ in range(1500)]
    hidden.append(C([shuffled(rng.choice(bases)) for _ in range(10000)], name="large-10000"))
    return m, sample, hidden


# ---------- pow ----------
@problem
def my_pow(rng):
    m = meta("my-pow", "Pow(x, n)", "medium", ["math", "recursion"],
             fsig("myPow", [("x", "double"), ("n", "int")], "double"), tol=1e-5)
    sample = [C(2.0, 10), C(2.1, 3), C(2.0, -2)]
    hidden = [C(5.5, 0, name="zero-exponent"), C(0.0, 5, name="zero-base"),
              C(-2.0, 11, name="negative-base-odd"), C(-2.0, 12, name="negative-base-even"),
              C(0.5, -10, name="fraction-negative-exponent"), C(1.0, 2147483647, name="one-int-max"),
              C(1.0, -2147483648, name="one-int-min"), C(-1.0, -2147483648, name="minus-one-int-min"),
              C(-1.0, 2147483647, name="minus-one-int-max"),
              C(2.0, -2147483648, name="underflow-to-zero"),
              C(1.0000000001, 2147483647, name="near-one-int-max"),
              C(0.9999999999, -2147483648, name="near-one-int-min"),
              C(1.00001, 123456, name="compound"),
              C(99.9, 2, name="large-base"), C(-99.9, -1, name="large-negative-base"),
              C(34.00515, -3, name="leetcode-like"), C(8.84372, -5, name="small-result"),
              C(0.44528, 0, name="fraction-zero-exponent"), C(2.0, 13, name="power-of-two")]
    return m, sample, hidden


# ---------- sudoku ----------
def solved_grid(rng):
    base = [[(3 * (r % 3) + r // 3 + c) % 9 + 1 for c in range(9)] for r in range(9)]
    digits = list(range(1, 10)); rng.shuffle(digits)
    g = [[digits[v - 1] for v in row] for row in base]
    bands = [0, 1, 2]; rng.shuffle(bands)
    rows = [b * 3 + r for b in bands for r in rng.sample(range(3), 3)]
    stacks = [0, 1, 2]; rng.shuffle(stacks)
    cols = [s * 3 + c for s in stacks for c in rng.sample(range(3), 3)]
    g = [[g[r][c] for c in cols] for r in rows]
    if rng.random() < 0.5:
        g = [list(x) for x in zip(*g)]
    return g


def puzzle(rng, keep):
    g = solved_grid(rng)
    return [[str(g[r][c]) if rng.random() < keep else "." for c in range(9)] for r in range(9)]


def add_conflict(rng, board, kind):
    """Put a digit into an empty cell so that exactly the given unit ('row', 'col', 'box') conflicts."""
    cells = [(r, c) for r in range(9) for c in range(9) if board[r][c] == "."]
    rng.shuffle(cells)
    for r, c in cells:
        row = {board[r][j] for j in range(9)}
        col = {board[i][c] for i in range(9)}
        br, bc = r // 3 * 3, c // 3 * 3
        box = {board[i][j] for i in range(br, br + 3) for j in range(bc, bc + 3)}
        for d in rng.sample("123456789", 9):
            inr, inc, inb = d in row, d in col, d in box
            if (kind, inr, inc, inb) in (("row", True, False, False), ("col", False, True, False),
                                         ("box", False, False, True)):
                b = [list(x) for x in board]
                b[r][c] = d
                return b
    raise RuntimeError("no conflict cell")


@problem
def valid_sudoku(rng):
    m = meta("valid-sudoku", "Valid Sudoku", "medium", ["array", "hash-table", "matrix"],
             fsig("isValidSudoku", [("board", "char[][]")], "boolean"))
    sample = [C(puzzle(rng, 0.35)), C(add_conflict(rng, puzzle(rng, 0.3), "col")), C(add_conflict(rng, puzzle(rng, 0.3), "row"))]
    empty = [["."] * 9 for _ in range(9)]
    full = [[str(v) for v in row] for row in solved_grid(rng)]
    hidden = [C(empty, name="empty-board"), C(full, name="complete-valid"),
              C(add_conflict(rng, puzzle(rng, 0.3), "box"), name="box-conflict-only"),
              C(add_conflict(rng, puzzle(rng, 0.5), "box"), name="box-conflict-only-dense"),
              C(add_conflict(rng, puzzle(rng, 0.2), "row"), name="row-conflict"),
              C(add_conflict(rng, puzzle(rng, 0.2), "col"), name="col-conflict")]
    one = [["."] * 9 for _ in range(9)]; one[4][4] = "5"
    hidden.append(C(one, name="single-digit"))
    corner = [["."] * 9 for _ in range(9)]; corner[0][0] = "9"; corner[2][2] = "9"
    hidden.append(C(corner, name="box-diagonal-duplicate"))
    far = [["."] * 9 for _ in range(9)]; far[0][0] = "1"; far[8][8] = "1"; far[4][0] = "2"; far[4][8] = "3"
    hidden.append(C(far, name="sparse-valid"))
    swapped = [list(r) for r in full]; swapped[0][0], swapped[0][1] = swapped[0][1], swapped[0][0]
    hidden.append(C(swapped, name="complete-two-swapped"))
    # a complete grid whose rows and columns are all permutations but whose boxes are not
    latin = [[str((r + c) % 9 + 1) for c in range(9)] for r in range(9)]
    hidden.append(C(latin, name="latin-square-not-sudoku"))
    for i in range(6):
        p = puzzle(rng, rng.choice([0.2, 0.4, 0.6]))
        if i % 2:
            p = add_conflict(rng, p, rng.choice(["row", "col", "box"]))
        hidden.append(C(p, name="random-%d" % i))
    return m, sample, hidden


# ---------- find the difference ----------
@problem
def find_the_difference(rng):
    m = meta("find-the-difference", "Find the Difference", "easy", ["hash-table", "string", "bit-manipulation", "sorting"],
             fsig("findTheDifference", [("s", "String"), ("t", "String")], "char"))

    def case(s, extra, name=None):
        t = list(s + extra); rng.shuffle(t)
        return C(s, "".join(t), name=name)
    sample = [C("abcd", "abcde"), C("", "y")]
    L = string.ascii_lowercase
    hidden = [C("", "a", name="empty-s"), C("a", "aa", name="added-duplicate"),
              C("abc", "cabb", name="added-existing-letter"), C("z", "zz", name="last-letter"),
              C("xyz", "axyz", name="added-at-front"),
              case("aaaaaaaaaa", "a", name="all-same"),
              case("abcdefghijklmnopqrstuvwxyz", "m", name="alphabet-plus-existing"),
              case("abcdefghijklmnopqrstuvwxy", "z", name="missing-z")]
    for i in range(5):
        s = "".join(rng.choice(L[:rng.randint(3, 26)]) for _ in range(rng.randint(1, 60)))
        hidden.append(case(s, rng.choice(s if i % 2 else L), name="random-%d" % i))
    s = "".join(rng.choice(L) for _ in range(50000))
    hidden.append(case(s, "q", name="large-50000"))
    return m, sample, hidden


# ---------- count bad pairs ----------
@problem
def count_bad_pairs(rng):
    m = meta("count-bad-pairs", "Count Number of Bad Pairs", "medium", ["array", "hash-table", "math", "counting"],
             fsig("countBadPairs", [("nums", "list<integer>")], "long"))
    sample = [C([4, 1, 3, 3]), C([1, 2, 3, 4, 5])]
    hidden = [C([7], name="single"), C([1, 1], name="two-bad"), C([1, 2], name="two-good"),
              C([10**9, 10**9], name="max-values"), C([1] * 20, name="all-equal"),
              C(list(range(5, 105)), name="consecutive-all-good"),
              C([10**9 - i for i in range(30)], name="decreasing-from-max"),
              C([1, 10**9, 3, 10**9, 5, 6], name="mixed")]
    for i in range(4):
        n = rng.randint(5, 60)
        hidden.append(C([rng.randint(1, 8) + (j if i % 2 else 0) for j in range(n)], name="random-%d" % i))
    hidden.append(C([rng.randint(1, 10**9) for _ in range(2000)], name="random-2000-wide"))
    n = 70000
    hidden.append(C([rng.randint(1, 9) for _ in range(n)], name="large-70000-answer-over-2^31"))
    return m, sample, hidden


# ---------- reverse string ----------
@problem
def reverse_string(rng):
    m = meta("reverse-string", "Reverse String", "easy", ["two-pointers", "string"],
             fsig("reverseString", [("s", "char[]")], "void", output_param=0))
    sample = [C(list("hello")), C(list("Hannah"))]
    printable = [chr(c) for c in range(32, 127)]
    hidden = [C(["a"], name="single"), C(["a", "b"], name="two"), C(list("racecar"), name="palindrome"),
              C(list("A man, a plan"), name="spaces-and-punctuation"),
              C(list('"\\q/\''), name="quotes-and-backslash"),
              C(list("~ !"), name="printable-edges"), C(list("aaaa"), name="all-same")]
    for i in range(4):
        hidden.append(C([rng.choice(printable) for _ in range(rng.randint(3, 80))], name="random-%d" % i))
    hidden.append(C([rng.choice(string.ascii_letters) for _ in range(25001)], name="large-25001"))
    return m, sample, hidden


# ---------- invert tree ----------
@problem
def invert_binary_tree(rng):
    m = meta("invert-binary-tree", "Invert Binary Tree", "easy",
             ["tree", "depth-first-search", "breadth-first-search", "binary-tree"],
             fsig("invertTree", [("root", "TreeNode")], "TreeNode"))
    sample = [C([4, 2, 7, 1, 3, 6, 9]), C([2, 1, 3]), C([])]
    hidden = [C([1], name="single"), C([1, 2], name="left-child-only"),
              C([1, None, 2], name="right-child-only"), C([1, 2, 3, 4, None, None, 5], name="one-child-per-branch"),
              C([-100, 100, 0], name="extremes"), C(complete_tree(rng, 31), name="perfect-31")]
    for i in range(4):
        hidden.append(C(random_tree(rng, rng.randint(5, 40)), name="random-small-%d" % i))
    hidden.append(C(path_tree(rng, 400, "Z"), name="zigzag-400"))
    hidden.append(C(random_tree(rng, 5000), name="random-5000"))
    return m, sample, hidden


def main():
    slugs = sys.argv[1:] or sorted(GEN)
    for slug in slugs:
        rng = random.Random("judge-" + slug)
        m, sample, hidden = GEN[slug](rng)
        assert m["slug"] == slug
        write(slug, m, sample, hidden)


if __name__ == "__main__":
    main()
