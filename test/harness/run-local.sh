#!/bin/bash
# Exercise the python and cpp harnesses on the host, without containers or the runner: for
# every fixture package here, build job.json, run the harness with the channel on fd 3 going
# to a file, and check the answers against the package's expected values; then a set of error
# paths (syntax and compile errors, exceptions, memory errors, deep recursion, a bad job...).
# The cpp glue is each package's expected/main.cpp, the golden output of lib/lang/codegen.c that
# test/unit/test-codegen.c checks. Prints TAP; exits 1 if anything failed.
#
#   test/harness/run-local.sh [-v]     (-v: show the harness's output of failed tests)
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY_HARNESS="$ROOT/harness/python/harness.py"
CHECK="python3 $HERE/check.py"
VERBOSE=0
[ "${1:-}" = "-v" ] && VERBOSE=1

WORK=$(mktemp -d /tmp/judge-harness-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
        n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
        if [ "$VERBOSE" = 1 ] && [ -n "${2:-}" ]; then
                for f in "$2"/answers.txt "$2"/stdout "$2"/stderr "$2"/check.txt "$2"/compile.txt; do
                        [ -s "$f" ] && { echo "# --- $f"; head -c 3000 "$f" | sed 's/^/#   /'; }
                done
        fi
}

# The image's compile flags (images/cpp/lang.json), with the image's /opt/judge/harness here.
CXXFLAGS=(-std=gnu++17 -O2)
INC="$WORK/opt-harness"
mkdir -p "$INC"
cp "$ROOT/harness/cpp/judge.hpp" "$ROOT/harness/cpp/judge.cpp" "$INC/"
if g++ "${CXXFLAGS[@]}" -x c++-header -o "$INC/judge.hpp.gch" "$INC/judge.hpp" > "$WORK/pch.txt" 2>&1 &&
        g++ "${CXXFLAGS[@]}" -I"$INC" -c -o "$INC/judge.o" "$INC/judge.cpp" >> "$WORK/pch.txt" 2>&1 &&
        ! grep -q . "$WORK/pch.txt"; then
        ok "cpp: judge.hpp precompiles and judge.cpp compiles without a warning"
else
        not_ok "cpp: judge.hpp precompiles and judge.cpp compiles without a warning"
        cat "$WORK/pch.txt" | sed 's/^/#   /'
fi

cxx() { # cxx DIR: compile DIR/main.cpp as the image would
        (cd "$1" && g++ "${CXXFLAGS[@]}" -I"$INC" -o main main.cpp "$INC/judge.o") > "$1/compile.txt" 2>&1
}

# run_py DIR / run_cpp DIR: the run step in DIR (job.json there, fed as the runner does: lines on fd 4), channel to DIR/answers.txt.
run_py() {
        (cd "$1" && JUDGE_JOB_FD=4 JUDGE_CHANNEL_FD=3 timeout 60 python3 -I -B "$PY_HARNESS" \
                3> answers.txt 4< <($CHECK lines "$1/job.json") > stdout 2> stderr)
}
run_cpp() {
        (cd "$1" && JUDGE_JOB_FD=4 JUDGE_CHANNEL_FD=3 timeout 60 ./main 3> answers.txt 4< <($CHECK lines "$1/job.json") > stdout 2> stderr)
}

# ---- every fixture, both languages ---------------------------------------------------------

for pkg in "$HERE"/*/; do
        pkg=${pkg%/}
        [ -f "$pkg/problem.json" ] || continue
        slug=$(basename "$pkg")

        d="$WORK/py-$slug"
        mkdir -p "$d"
        cp "$pkg/submissions/accepted/solution.py" "$d/solution.py"
        $CHECK job "$pkg" "$d/job.json"
        if (cd "$d" && python3 -I -B "$PY_HARNESS" --check solution.py > compile.txt 2>&1) &&
                run_py "$d" && $CHECK answers "$pkg" "$d/answers.txt" > "$d/check.txt"; then
                ok "python: $slug"
        else
                not_ok "python: $slug ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
        fi

        d="$WORK/cpp-$slug"
        mkdir -p "$d"
        cp "$pkg/submissions/accepted/solution.cpp" "$d/solution.cpp"
        cp "$pkg/expected/main.cpp" "$d/main.cpp"
        $CHECK job "$pkg" "$d/job.json"
        if cxx "$d" && run_cpp "$d" && $CHECK answers "$pkg" "$d/answers.txt" > "$d/check.txt"; then
                ok "cpp: $slug"
        else
                not_ok "cpp: $slug ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
        fi
done

# ---- error paths -----------------------------------------------------------------------------

# case_py NAME PKG SOLUTION-TEXT: a python run dir with the package's job and this solution.
setup() { # setup LANG NAME PKG: prints the new directory
        local d="$WORK/$1-err-$2"
        mkdir -p "$d"
        $CHECK job "$HERE/$3" "$d/job.json"
        [ "$1" = cpp ] && cp "$HERE/$3/expected/main.cpp" "$d/main.cpp"
        echo "$d"
}
expect_line() { # expect_line DIR KIND CASE TEXT DESCRIPTION
        if $CHECK line "$1/answers.txt" "$2" "$3" "$4" > "$1/check.txt"; then
                ok "$5"
        else
                not_ok "$5 ($(head -1 "$1/check.txt"))" "$1"
        fi
}

# Python: a syntax error is reported by the check step like LeetCode does.
d=$(setup py syntax rotate-image)
printf 'class Solution:\n    def rotate(self, matrix)\n        pass\n' > "$d/solution.py"
if ! (cd "$d" && python3 -I -B "$PY_HARNESS" --check solution.py > compile.txt 2>&1) &&
        grep -q "^Line 2: SyntaxError: expected ':'" "$d/compile.txt" &&
        grep -q "def rotate(self, matrix)" "$d/compile.txt"; then
        ok "python: syntax error names the line"
else
        not_ok "python: syntax error names the line" "$d"
fi

# Python: an exception is an E line with the user's frames and line numbers only.
d=$(setup py index rotate-image)
printf 'class Solution:\n    def rotate(self, matrix: List[List[int]]) -> None:\n        helper(matrix)\n\ndef helper(m):\n    return m[10]\n' > "$d/solution.py"
run_py "$d"
expect_line "$d" E 0 "IndexError: list index out of range" "python: IndexError is an E line"
if grep -q 'Line 6 in helper (solution.py)' "$d/answers.txt" && grep -q 'Line 3 in rotate' "$d/answers.txt" &&
        ! grep -q 'harness.py' "$d/answers.txt" && ! grep -q '^S 1' "$d/answers.txt"; then
        ok "python: traceback has the user's lines only, later cases not run"
else
        not_ok "python: traceback has the user's lines only, later cases not run" "$d"
fi

# Python: MemoryError is an M line.
d=$(setup py memory rotate-image)
printf 'class Solution:\n    def rotate(self, matrix):\n        x = [0] * (1 << 60)\n' > "$d/solution.py"
run_py "$d"
expect_line "$d" M 0 "MemoryError" "python: MemoryError is an M line"

# Python: infinite recursion is a RecursionError (runtime error), not a crash.
d=$(setup py recursion rotate-image)
printf 'class Solution:\n    def rotate(self, matrix):\n        return self.rotate(matrix)\n' > "$d/solution.py"
run_py "$d"
expect_line "$d" E 0 "RecursionError" "python: infinite recursion is a RecursionError E line"

# Deep recursion that LeetCode allows: a chain tree of 100000 nodes, recursive solution.
deep_pkg="$WORK/deep-tree"
mkdir -p "$deep_pkg/tests"
cp "$HERE/invert-binary-tree/problem.json" "$deep_pkg/"
python3 - "$deep_pkg" <<'EOF'
import json, sys
n = 100000
chain = [1]
for v in range(2, n + 1):
    chain += [None, v]          # right child only
inverted = [1]
for v in range(2, n + 1):
    inverted += [v, None]       # left child only
inverted = inverted[:-1]
json.dump([{"args": [chain], "expected": inverted}], open(sys.argv[1] + "/tests/sample.json", "w"))
json.dump([], open(sys.argv[1] + "/tests/hidden.json", "w"))
EOF
d="$WORK/py-deep"
mkdir -p "$d"
cp "$HERE/invert-binary-tree/submissions/accepted/solution.py" "$d/"
$CHECK job "$deep_pkg" "$d/job.json"
if run_py "$d" && $CHECK answers "$deep_pkg" "$d/answers.txt" > "$d/check.txt"; then
        ok "python: recursion 100000 deep works"
else
        not_ok "python: recursion 100000 deep works ($(head -1 "$d/check.txt"))" "$d"
fi
d="$WORK/cpp-deep"
mkdir -p "$d"
cp "$HERE/invert-binary-tree/submissions/accepted/solution.cpp" "$d/"
cp "$HERE/invert-binary-tree/expected/main.cpp" "$d/"
$CHECK job "$deep_pkg" "$d/job.json"
if cxx "$d" && run_cpp "$d" && $CHECK answers "$deep_pkg" "$d/answers.txt" > "$d/check.txt"; then
        ok "cpp: recursion 100000 deep works"
else
        not_ok "cpp: recursion 100000 deep works ($(head -1 "$d/check.txt"))" "$d"
fi

# Python: print goes to stdout, not the channel; the channel is not on fd 3 nor inherited.
d=$(setup py stdout max-pair-product)
cat > "$d/solution.py" <<'EOF'
import os, subprocess
class Solution:
    def maxProduct(self, nums: List[int]) -> int:
        print("hello from", nums[0])
        try:
            os.write(3, b"R 0 0 12345\n")
            return -1
        except OSError:
            pass
        r = subprocess.run(["sh", "-c", "ls /proc/self/fd | wc -l; echo x >&3"], capture_output=True)
        return 0 if r.returncode != 0 else -2
EOF
run_py "$d"
if grep -q "^hello from 3$" "$d/stdout" && grep -q "^hello from -3$" "$d/stdout" &&
        grep -q '^R 0 [0-9]* 0$' "$d/answers.txt" && grep -q '^R 1 [0-9]* 0$' "$d/answers.txt" &&
        ! grep -q hello "$d/answers.txt"; then
        ok "python: print goes to stdout; fd 3 neither usable nor inherited"
else
        not_ok "python: print goes to stdout; fd 3 neither usable nor inherited" "$d"
fi

# Python: the harness's names are not in the user's namespace; LeetCode's names are.
d=$(setup py names max-pair-product)
cat > "$d/solution.py" <<'EOF'
class Solution:
    def maxProduct(self, nums: List[int]) -> int:
        hidden = [n for n in ("Channel", "chan", "run", "encode", "decode", "harness", "json", "HarnessError") if n in globals()]
        if hidden:
            raise RuntimeError("visible: %s" % hidden)
        dq, c, h = deque([1]), Counter("aab"), []
        heappush(h, 3)
        assert isinstance(c, collections.Counter) and c["a"] == 2
        assert pow(2, 10, 1000) == 24 and gcd(12, 18) == 6 and inf > 0 and sqrt(4) == 2.0
        assert ascii_lowercase[0] == "a" and bisect_left([1, 2], 2) == 1 and random.randint(1, 1) == 1
        assert list(accumulate([1, 2])) == [1, 3] and reduce(lambda a, b: a + b, [1, 2]) == 3
        assert isinstance(ListNode(1, None), ListNode) and TreeNode().val == 0
        assert lru_cache and cache and OrderedDict and defaultdict and permutations and combinations and product and heapify and heappop
        nums.sort()
        return max(nums[0] * nums[1], nums[-1] * nums[-2])
EOF
run_py "$d"
if $CHECK answers "$HERE/max-pair-product" "$d/answers.txt" > "$d/check.txt"; then
        ok "python: LeetCode's predefined names, none of the harness's"
else
        not_ok "python: LeetCode's predefined names, none of the harness's ($(head -1 "$d/check.txt"))" "$d"
fi

# Python: LeetCode's Python 3 prelude resolves without a single import (issue 9): operator,
# sortedcontainers, itertools.pairwise, functools.cache, math.comb and the usual ones.
d=$(setup py prelude max-pair-product)
cat > "$d/solution.py" <<'EOF'
class Solution:
    def maxProduct(self, nums: List[int]) -> int:
        assert functools.reduce(operator.xor, [5, 3, 5]) == 3 and reduce(xor, [1, 1]) == 0
        sl = SortedList(nums)
        assert list(sl) == sorted(nums) and sl.bisect_left(sl[0]) == 0
        assert SortedDict({2: "b", 1: "a"}).peekitem(0) == (1, "a") and 2 in SortedSet([2, 1])
        assert list(pairwise([1, 2, 3])) == [(1, 2), (2, 3)] and comb(5, 2) == 10
        assert deque([1]).popleft() == 1 and Counter("abb").most_common(1) == [("b", 2)]
        h = []
        heappush(h, 2)
        heappush(h, 1)
        assert heappop(h) == 1 and bisect_left([1, 2, 3], 2) == 1 and bisect_right([1], 1) == 1
        assert itemgetter(1)([7, 8]) == 8 and isinstance(array.array("i", [1]), array.array)
        assert inf > 10**18 and gcd(4, 6) == 2 and lcm(4, 6) == 12 and isqrt(17) == 4
        assert cmp_to_key and lru_cache and accumulate and product and zip_longest and insort
        assert deepcopy([[1]]) == [[1]] and ascii_lowercase[:2] == "ab" and re.fullmatch("a+", "aa")
        assert median([1, 2, 3]) == 2 and callable(randint) and math.floor(1.5) == 1 and sys.maxsize
        x: Optional[Dict[str, Tuple[int, ...]]] = None
        y: Deque[int] = deque()
        assert x is None and not y and DefaultDict and Set and FrozenSet and Callable and Iterator

        @cache
        def fib(n: int) -> int:
            return n if n < 2 else fib(n - 1) + fib(n - 2)

        assert fib(80) == 23416728348467685
        match sorted(nums):
            case [a, b]:
                return a * b
            case [a, b, *_] as s if (d := s[-1]) is not None:
                return max(a * b, s[-2] * d)
EOF
run_py "$d"
if $CHECK answers "$HERE/max-pair-product" "$d/answers.txt" > "$d/check.txt"; then
        ok "python: LeetCode's prelude resolves without imports (reduce(operator.xor), SortedList, pairwise, cache, comb...)"
else
        not_ok "python: LeetCode's prelude resolves without imports ($(head -1 "$d/check.txt"))" "$d"
fi

# Python: a module-level exception is a runtime error of case 0; a missing class too.
d=$(setup py module max-pair-product)
printf 'import no_such_module\n' > "$d/solution.py"
run_py "$d"
expect_line "$d" E 0 "ModuleNotFoundError" "python: exception at import is an E line of case 0"
d=$(setup py noclass lru-cache)
printf 'class LRU:\n    pass\n' > "$d/solution.py"
run_py "$d"
expect_line "$d" E 0 "NameError: name 'LRUCache' is not defined" "python: missing design class is a NameError"

# Python: a cycle in a returned list is a runtime error, not a hang.
d=$(setup py cycle merge-two-sorted-lists)
printf 'class Solution:\n    def mergeTwoLists(self, a, b):\n        n = ListNode(1)\n        n.next = n\n        return n\n' > "$d/solution.py"
run_py "$d"
expect_line "$d" E 0 "Found cycle in the ListNode" "python: a cyclic ListNode answer is an E line"

# Python: return values are encoded by the declared type (tuples, None for arrays, NaN).
d=$(setup py encode group-anagrams)
printf 'class Solution:\n    def groupAnagrams(self, strs):\n        return None if strs == [""] else (tuple(strs),)\n' > "$d/solution.py"
run_py "$d"
if grep -q '^R 0 [0-9]* \[\["eat","tea","tan","ate","nat","bat"\]\]$' "$d/answers.txt" &&
        grep -q '^R 1 [0-9]* \[\]$' "$d/answers.txt"; then
        ok "python: tuples encode as arrays, None as []"
else
        not_ok "python: tuples encode as arrays, None as []" "$d"
fi
d=$(setup py nan pow-x-n)
printf 'class Solution:\n    def myPow(self, x, n):\n        return float("nan") if n == 10 else 2\n' > "$d/solution.py"
run_py "$d"
if grep -q '^R 0 [0-9]* null$' "$d/answers.txt" && grep -q '^R 1 [0-9]* 2.0$' "$d/answers.txt"; then
        ok "python: NaN encodes as null, an int for a double as a float"
else
        not_ok "python: NaN encodes as null, an int for a double as a float" "$d"
fi

# Both: a bad job is an X line and exit status 2.
for lang in py cpp; do
        d=$(setup $lang badjob rotate-image)
        echo '{"signature": {"kind": "function", "name": "rotate", "params": [{"name": "m", "type": "int[][]"}], "returns": "void", "output_param": 0}, "cases": [{"args": [[["x"]]]}]}' > "$d/job.json"
        if [ $lang = py ]; then
                cp "$HERE/rotate-image/submissions/accepted/solution.py" "$d/"
                run_py "$d"
        else
                cp "$HERE/rotate-image/submissions/accepted/solution.cpp" "$d/"
                cxx "$d" && run_cpp "$d"
        fi
        status=$?
        if [ $status = 2 ] && grep -q '^X "bad job' "$d/answers.txt" && ! grep -q '^S' "$d/answers.txt"; then
                ok "$lang: a bad job is an X line and exit 2"
        else
                not_ok "$lang: a bad job is an X line and exit 2 (status $status)" "$d"
        fi
done

# C++: compile errors name the user's file and its lines; warnings are not errors.
d=$(setup cpp syntax rotate-image)
printf 'class Solution {\npublic:\n    void rotate(vector<vector<int>>& matrix) {\n        int unused;\n        matrix[0][0] = undefined_name;\n    }\n};\n' > "$d/solution.cpp"
if ! cxx "$d" && grep -q "^solution.cpp:5:24: error: .undefined_name. was not declared" "$d/compile.txt"; then
        ok "cpp: compile error names solution.cpp:5:24"
else
        not_ok "cpp: compile error names solution.cpp:5:24" "$d"
fi
d=$(setup cpp warning rotate-image)
printf 'class Solution {\npublic:\n    void rotate(vector<vector<int>>& matrix) {\n        int unused;\n        long long x = 1 << 40;\n    }\n};\n' > "$d/solution.cpp"
if cxx "$d" && grep -q "warning" "$d/compile.txt"; then
        ok "cpp: warnings do not fail the compile"
else
        not_ok "cpp: warnings do not fail the compile" "$d"
fi

# C++: the precompiled header is the one used.
d=$(setup cpp pch rotate-image)
cp "$HERE/rotate-image/submissions/accepted/solution.cpp" "$d/"
if (cd "$d" && g++ "${CXXFLAGS[@]}" -I"$INC" -H -fsyntax-only main.cpp 2>&1 | grep -q '^! .*judge.hpp.gch'); then
        ok "cpp: main.cpp uses judge.hpp.gch"
else
        not_ok "cpp: main.cpp uses judge.hpp.gch" "$d"
fi

# C++: exceptions are E lines with the type and what(); bad_alloc is M; anything thrown is E.
d=$(setup cpp range rotate-image)
printf 'class Solution {\npublic:\n    void rotate(vector<vector<int>>& matrix) {\n        cout << "before" << endl;\n        matrix.at(10);\n    }\n};\n' > "$d/solution.cpp"
cxx "$d" && run_cpp "$d"
expect_line "$d" E 0 "std::out_of_range: vector::_M_range_check" "cpp: out_of_range is an E line"
d=$(setup cpp alloc rotate-image)
printf 'class Solution {\npublic:\n    void rotate(vector<vector<int>>& matrix) {\n        vector<long long> v;\n        v.reserve(1ULL << 56);\n    }\n};\n' > "$d/solution.cpp"
cxx "$d" && run_cpp "$d"
expect_line "$d" M 0 "bad_alloc" "cpp: bad_alloc is an M line"
d=$(setup cpp throwint lru-cache)
printf 'class LRUCache {\npublic:\n    LRUCache(int c) { if (c == 1) throw 42; }\n    int get(int k) { return -1; }\n    void put(int k, int v) {}\n};\n' > "$d/solution.cpp"
cxx "$d" && run_cpp "$d"
expect_line "$d" E 1 "instance of 'int'" "cpp: a thrown int is an E line (case 1, after an R)"

# C++: stdout is flushed per case and separate from the channel; fd 3 is close-on-exec.
d=$(setup cpp stdout max-pair-product)
cat > "$d/solution.cpp" <<'EOF'
class Solution {
public:
    long long maxProduct(vector<long long>& nums) {
        static bool once = [] { ios::sync_with_stdio(false); return true; }();
        cout << "hello from " << nums[0] << "\n";
        printf("printf %d\n", (int) once);
        int status = system("echo x >&3 2>/dev/null");
        return status == 0 ? -1 : 0;
    }
};
EOF
cxx "$d" && run_cpp "$d"
if grep -q "^hello from 3$" "$d/stdout" && grep -q "^hello from -3$" "$d/stdout" &&
        grep -q '^R 0 [0-9]* 0$' "$d/answers.txt" && grep -q '^R 1 [0-9]* 0$' "$d/answers.txt" &&
        ! grep -q '^x' "$d/answers.txt"; then
        ok "cpp: cout goes to stdout; fd 3 not inherited by children"
else
        not_ok "cpp: cout goes to stdout; fd 3 not inherited by children" "$d"
fi

# C++: parameter types other than LeetCode's (const &, by value, int for long) still work.
d=$(setup cpp params word-search)
cat > "$d/solution.cpp" <<'EOF'
class Solution {
public:
    bool exist(const vector<vector<char>> board, const string& word) {
        string all;
        for (auto& row : board) all += string(row.begin(), row.end());
        return word == "ABCCED" || word == "SEE" || (word == "a" && all == "a");
    }
};
EOF
if cxx "$d" && run_cpp "$d" && $CHECK answers "$HERE/word-search" "$d/answers.txt" > "$d/check.txt"; then
        ok "cpp: const and by-value parameters"
else
        not_ok "cpp: const and by-value parameters ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
fi

# C++: a cyclic list answer is an E line.
d=$(setup cpp cycle merge-two-sorted-lists)
printf 'class Solution {\npublic:\n    ListNode* mergeTwoLists(ListNode* a, ListNode* b) {\n        ListNode* n = new ListNode(1);\n        n->next = n;\n        return n;\n    }\n};\n' > "$d/solution.cpp"
cxx "$d" && run_cpp "$d"
expect_line "$d" E 0 "Found cycle in the ListNode" "cpp: a cyclic ListNode answer is an E line"

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
