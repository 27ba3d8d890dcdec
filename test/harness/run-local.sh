#!/bin/bash
# Exercise the language harnesses on the host, without containers or the runner. For each
# language asked for: build what the image's prepare step builds (images/LANG/lang.json), then for
# every fixture package here compile the accepted solution with the package's golden glue
# (expected/main.cpp, main.c + judge_proto.h, main.go, main.rs: the output of lib/lang/codegen*.c
# that test/unit/test-codegen.c checks) as the image's compile step does, run it with the channel
# on fd 3 going to a file and the job's lines on fd 4, and check the answers against the package's
# expected values; then the language's error paths (compile and syntax errors and their lines,
# exceptions, memory errors, deep and runaway recursion, cyclic answers, stdout, doubles, a bad
# job...). One table of languages below (EXT, GLUE, NEEDS) and, per language, the functions
# prepare_LANG, build_LANG DIR, run_LANG DIR and errors_LANG. Prints TAP; exits 1 if anything
# failed. A language whose toolchain is missing is a "not ok" line, not a skip.
#
#   test/harness/run-local.sh [-v] [LANG...]   (-v: show the harness's output of failed tests;
#                                               LANG: python cpp c go java javascript rust;
#                                               none: python cpp)
#   RUSTC=/path/to/rustc                        (default: Debian's /usr/bin/rustc, the image's)
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CHECK="python3 $HERE/check.py"
VERBOSE=0
[ "${1:-}" = "-v" ] && { VERBOSE=1; shift; }
LANGS=("$@")
[ ${#LANGS[@]} = 0 ] && LANGS=(python cpp)

# ---- the table -------------------------------------------------------------------------------

# The accepted solution's extension, the golden glue copied from expected/, and the commands the
# language needs on the host (with the package that has them).
declare -A EXT=([python]=py [cpp]=cpp [c]=c [go]=go [java]=java [javascript]=js [rust]=rs)
declare -A GLUE=([python]="" [cpp]="main.cpp" [c]="main.c judge_proto.h" [go]="main.go" [java]=""
        [javascript]="" [rust]="main.rs")
RUSTC=${RUSTC:-/usr/bin/rustc}
declare -A NEEDS=([python]="python3" [cpp]="g++" [c]="gcc" [go]="go goimports" [java]="javac java jar"
        [javascript]="node" [rust]="$RUSTC")
declare -A PACKAGES=([python]="python3" [cpp]="g++" [c]="gcc uthash-dev" [go]="golang-go golang-golang-x-tools"
        [java]="openjdk-17-jdk-headless" [javascript]="nodejs" [rust]="rustc")

WORK=$(mktemp -d /tmp/judge-harness-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# ---- TAP and the checks every language shares ------------------------------------------------

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
# expect DIR DESCRIPTION CONDITION [NOTE]: ok if the shell condition holds, else not ok (with
# NOTE, evaluated after the condition, appended in parentheses).
expect() {
        if eval "$3"; then
                ok "$2"
        else
                not_ok "$2${4:+ ($(eval "echo \"$4\""))}" "$1"
        fi
}
expect_line() { # expect_line DIR KIND CASE TEXT DESCRIPTION
        if $CHECK line "$1/answers.txt" "$2" "$3" "$4" > "$1/check.txt"; then
                ok "$5"
        else
                not_ok "$5 ($(head -1 "$1/check.txt"))" "$1"
        fi
}
answers_right() { # answers_right DIR PKG-DIR: every answer in DIR/answers.txt is PKG's
        $CHECK answers "$2" "$1/answers.txt" > "$1/check.txt"
}
expect_answers() { # expect_answers DIR PKG DESCRIPTION: the answers are the fixture PKG's
        if answers_right "$1" "$HERE/$2"; then
                ok "$3"
        else
                not_ok "$3 ($(head -1 "$1/check.txt" 2>/dev/null))" "$1"
        fi
}

# lang.json of LANG: the value of KEY, one argv a line ("prepare": the steps joined by spaces).
lang_json() {
        python3 - "$ROOT/images/$1/lang.json" "$2" <<'EOF'
import json, sys
v = json.load(open(sys.argv[1]))[sys.argv[2]]
if sys.argv[2] == "prepare":
    v = [" ".join(step) for step in v]
print("\n".join(v))
EOF
}

# setup LANG NAME PKG [JOB-PKG]: a run directory with LANG's glue for the fixture PKG and the job
# of PKG (or of the package directory JOB-PKG); prints it.
setup() {
        local d="$WORK/$1-$2" g
        mkdir -p "$d"
        $CHECK job "${4:-$HERE/$3}" "$d/job.json"
        for g in ${GLUE[$1]}; do
                cp "$HERE/$3/expected/$g" "$d/"
        done
        echo "$d"
}
# write_case LANG NAME PKG TEXT: setup, and the solution TEXT (printf format); the directory in $d.
write_case() {
        d=$(setup "$1" "$2" "$3")
        printf "$4" > "$d/solution.${EXT[$1]}"
}
# attempt LANG NAME PKG TEXT: write_case, compile and run; the run directory in $d and the status
# (of the compile, or else of the run) in $status.
attempt() {
        write_case "$@"
        "build_$1" "$d" && "run_$1" "$d"
        status=$?
}
# attempt_here LANG NAME PKG < TEXT: attempt with the solution on stdin.
attempt_here() {
        d=$(setup "$1" "$2" "$3")
        cat > "$d/solution.${EXT[$1]}"
        "build_$1" "$d" && "run_$1" "$d"
        status=$?
}

# The chain tree of 100000 nodes (each the right child of the last) and its inversion: recursion
# as deep as LeetCode allows.
DEEP="$WORK/deep-tree"
mkdir -p "$DEEP/tests"
cp "$HERE/invert-binary-tree/problem.json" "$DEEP/"
python3 - "$DEEP" <<'EOF'
import json, sys
n = 100000
chain = [1]
for v in range(2, n + 1):
    chain += [None, v]          # right child only
inverted = [1]
for v in range(2, n + 1):
    inverted += [v, None]       # left child only
json.dump([{"args": [chain], "expected": inverted[:-1]}], open(sys.argv[1] + "/tests/sample.json", "w"))
json.dump([], open(sys.argv[1] + "/tests/hidden.json", "w"))
EOF
# expect_deep LANG [STACK-KB]: the accepted recursive invert-binary-tree solution (or the one in
# $WORK/LANG-deep.src) on the chain tree, with RLIMIT_STACK at STACK-KB if given.
expect_deep() {
        local d
        d=$(setup "$1" deep invert-binary-tree "$DEEP")
        if [ -f "$WORK/$1-deep.src" ]; then
                cp "$WORK/$1-deep.src" "$d/solution.${EXT[$1]}"
        else
                cp "$HERE/invert-binary-tree/submissions/accepted/solution.${EXT[$1]}" "$d/"
        fi
        if "build_$1" "$d" && (if [ -n "${2:-}" ]; then ulimit -s "$2"; fi; "run_$1" "$d") && answers_right "$d" "$DEEP"; then
                ok "$1: recursion 100000 deep works"
        else
                not_ok "$1: recursion 100000 deep works ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
        fi
}
# expect_bad_job LANG JOB: rotate-image's accepted solution run on JOB: an X line, exit 2, no case.
expect_bad_job() {
        d=$(setup "$1" badjob rotate-image)
        echo "$2" > "$d/job.json"
        cp "$HERE/rotate-image/submissions/accepted/solution.${EXT[$1]}" "$d/"
        "build_$1" "$d" && "run_$1" "$d"
        status=$?
        expect "$d" "$1: a bad job is an X line and exit 2" \
                '[ $status = 2 ] && grep -q "^X \"bad job" "$d/answers.txt" && ! grep -q "^S" "$d/answers.txt"' 'status $status'
}
# said_hello DIR: the solution printed "hello from 3" and answered 0 to cases 0 and 1 (it found fd 3
# neither writable nor inherited by its children).
said_hello() {
        grep -q "^hello from 3$" "$1/stdout" && grep -q '^R 0 [0-9]* 0$' "$1/answers.txt" &&
                grep -q '^R 1 [0-9]* 0$' "$1/answers.txt"
}
# run_channel DIR CMD...: run CMD in DIR as the runner does (job lines on fd 4, channel on fd 3 to
# DIR/answers.txt, stdout and stderr to files).
run_channel() {
        local d=$1
        shift
        (cd "$d" && JUDGE_JOB_FD=4 JUDGE_CHANNEL_FD=3 timeout 60 "$@" \
                3> answers.txt 4< <($CHECK lines "$d/job.json") > stdout 2> stderr)
}
# The pow-x-n job with ten cases (for solutions that answer from a list of doubles).
ten_pow_cases() {
        python3 -c '
import json, sys
sig = json.load(open(sys.argv[1] + "/pow-x-n/problem.json"))["signature"]
json.dump({"signature": sig, "cases": [{"args": [2.0, 1]}] * 10}, open(sys.argv[2], "w"))' "$HERE" "$1"
}
# The answers of an R line each, joined by spaces.
answers_of() {
        grep '^R' "$1/answers.txt" | cut -d' ' -f4 | tr '\n' ' '
}
DOUBLES="1024.0 0.25 1e+16 1.5e-05 123456789.125 -0.0 0.1 1e+22 0.0001 null "

# ---- python ----------------------------------------------------------------------------------

PY_HARNESS="$ROOT/harness/python/harness.py"
prepare_python() { :; }
build_python() {
        (cd "$1" && python3 -I -B "$PY_HARNESS" --check solution.py > compile.txt 2>&1)
}
run_python() {
        run_channel "$1" python3 -I -B "$PY_HARNESS"
}
errors_python() {
        # A syntax error is reported by the check step like LeetCode does.
        write_case python syntax rotate-image 'class Solution:\n    def rotate(self, matrix)\n        pass\n'
        expect "$d" "python: syntax error names the line" \
                '! build_python "$d" && grep -q "^Line 2: SyntaxError: expected '"':'"'" "$d/compile.txt" &&
                grep -q "def rotate(self, matrix)" "$d/compile.txt"'

        # An exception is an E line with the user's frames and line numbers only.
        attempt python index rotate-image 'class Solution:\n    def rotate(self, matrix: List[List[int]]) -> None:\n        helper(matrix)\n\ndef helper(m):\n    return m[10]\n'
        expect_line "$d" E 0 "IndexError: list index out of range" "python: IndexError is an E line"
        expect "$d" "python: traceback has the user's lines only, later cases not run" \
                'grep -q "Line 6 in helper (solution.py)" "$d/answers.txt" && grep -q "Line 3 in rotate" "$d/answers.txt" &&
                ! grep -q harness.py "$d/answers.txt" && ! grep -q "^S 1" "$d/answers.txt"'

        # MemoryError is an M line; infinite recursion is a RecursionError (runtime error).
        attempt python memory rotate-image 'class Solution:\n    def rotate(self, matrix):\n        x = [0] * (1 << 60)\n'
        expect_line "$d" M 0 "MemoryError" "python: MemoryError is an M line"
        attempt python recursion rotate-image 'class Solution:\n    def rotate(self, matrix):\n        return self.rotate(matrix)\n'
        expect_line "$d" E 0 "RecursionError" "python: infinite recursion is a RecursionError E line"

        expect_deep python

        # print goes to stdout, not the channel; the channel is not on fd 3 nor inherited.
        attempt_here python stdout max-pair-product <<'EOF'
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
        expect "$d" "python: print goes to stdout; fd 3 neither usable nor inherited" \
                'said_hello "$d" && grep -q "^hello from -3$" "$d/stdout" && ! grep -q hello "$d/answers.txt"'

        # The harness's names are not in the user's namespace; LeetCode's names are.
        attempt_here python names max-pair-product <<'EOF'
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
        expect_answers "$d" max-pair-product "python: LeetCode's predefined names, none of the harness's"

        # LeetCode's Python 3 prelude resolves without a single import (issue 9): operator,
        # sortedcontainers, itertools.pairwise, functools.cache, math.comb and the usual ones.
        attempt_here python prelude max-pair-product <<'EOF'
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
        expect_answers "$d" max-pair-product "python: LeetCode's prelude resolves without imports (reduce(operator.xor), SortedList, pairwise, cache, comb...)"

        # A module-level exception is a runtime error of case 0; a missing class too.
        attempt python module max-pair-product 'import no_such_module\n'
        expect_line "$d" E 0 "ModuleNotFoundError" "python: exception at import is an E line of case 0"
        attempt python noclass lru-cache 'class LRU:\n    pass\n'
        expect_line "$d" E 0 "NameError: name 'LRUCache' is not defined" "python: missing design class is a NameError"

        # A cycle in a returned list is a runtime error, not a hang.
        attempt python cycle merge-two-sorted-lists 'class Solution:\n    def mergeTwoLists(self, a, b):\n        n = ListNode(1)\n        n.next = n\n        return n\n'
        expect_line "$d" E 0 "Found cycle in the ListNode" "python: a cyclic ListNode answer is an E line"

        # Return values are encoded by the declared type (tuples, None for arrays, NaN).
        attempt python encode group-anagrams 'class Solution:\n    def groupAnagrams(self, strs):\n        return None if strs == [""] else (tuple(strs),)\n'
        expect "$d" "python: tuples encode as arrays, None as []" \
                'grep -q "^R 0 [0-9]* \[\[\"eat\",\"tea\",\"tan\",\"ate\",\"nat\",\"bat\"\]\]$" "$d/answers.txt" &&
                grep -q "^R 1 [0-9]* \[\]$" "$d/answers.txt"'
        attempt python nan pow-x-n 'class Solution:\n    def myPow(self, x, n):\n        return float("nan") if n == 10 else 2\n'
        expect "$d" "python: NaN encodes as null, an int for a double as a float" \
                'grep -q "^R 0 [0-9]* null$" "$d/answers.txt" && grep -q "^R 1 [0-9]* 2.0$" "$d/answers.txt"'

        expect_bad_job python '{"signature": {"kind": "function", "name": "rotate", "params": [{"name": "m", "type": "int[][]"}], "returns": "void", "output_param": 0}, "cases": [{"args": [[["x"]]]}]}'
}

# ---- cpp -------------------------------------------------------------------------------------

# The image's compile flags (images/cpp/lang.json), with the image's /opt/judge/harness here.
CXXFLAGS=(-std=gnu++17 -O2)
CPP_INC="$WORK/opt-harness-cpp"
prepare_cpp() {
        mkdir -p "$CPP_INC"
        cp "$ROOT/harness/cpp/judge.hpp" "$ROOT/harness/cpp/judge.cpp" "$CPP_INC/"
        if g++ "${CXXFLAGS[@]}" -x c++-header -o "$CPP_INC/judge.hpp.gch" "$CPP_INC/judge.hpp" > "$WORK/pch.txt" 2>&1 &&
                g++ "${CXXFLAGS[@]}" -I"$CPP_INC" -c -o "$CPP_INC/judge.o" "$CPP_INC/judge.cpp" >> "$WORK/pch.txt" 2>&1 &&
                ! grep -q . "$WORK/pch.txt"; then
                ok "cpp: judge.hpp precompiles and judge.cpp compiles without a warning"
        else
                not_ok "cpp: judge.hpp precompiles and judge.cpp compiles without a warning"
                sed 's/^/#   /' "$WORK/pch.txt"
        fi
}
build_cpp() { # compile DIR/main.cpp as the image would
        (cd "$1" && g++ "${CXXFLAGS[@]}" -I"$CPP_INC" -o main main.cpp "$CPP_INC/judge.o") > "$1/compile.txt" 2>&1
}
run_cpp() {
        run_channel "$1" ./main
}
errors_cpp() {
        expect_deep cpp
        expect_bad_job cpp '{"signature": {"kind": "function", "name": "rotate", "params": [{"name": "m", "type": "int[][]"}], "returns": "void", "output_param": 0}, "cases": [{"args": [[["x"]]]}]}'

        # Compile errors name the user's file and its lines; warnings are not errors.
        write_case cpp syntax rotate-image 'class Solution {\npublic:\n    void rotate(vector<vector<int>>& matrix) {\n        int unused;\n        matrix[0][0] = undefined_name;\n    }\n};\n'
        expect "$d" "cpp: compile error names solution.cpp:5:24" \
                '! build_cpp "$d" && grep -q "^solution.cpp:5:24: error: .undefined_name. was not declared" "$d/compile.txt"'
        write_case cpp warning rotate-image 'class Solution {\npublic:\n    void rotate(vector<vector<int>>& matrix) {\n        int unused;\n        long long x = 1 << 40;\n    }\n};\n'
        expect "$d" "cpp: warnings do not fail the compile" 'build_cpp "$d" && grep -q warning "$d/compile.txt"'

        # The precompiled header is the one used.
        d=$(setup cpp pch rotate-image)
        cp "$HERE/rotate-image/submissions/accepted/solution.cpp" "$d/"
        expect "$d" "cpp: main.cpp uses judge.hpp.gch" \
                '(cd "$d" && g++ "${CXXFLAGS[@]}" -I"$CPP_INC" -H -fsyntax-only main.cpp 2>&1 | grep -q "^! .*judge.hpp.gch")'

        # Exceptions are E lines with the type and what(); bad_alloc is M; anything thrown is E.
        attempt cpp range rotate-image 'class Solution {\npublic:\n    void rotate(vector<vector<int>>& matrix) {\n        cout << "before" << endl;\n        matrix.at(10);\n    }\n};\n'
        expect_line "$d" E 0 "std::out_of_range: vector::_M_range_check" "cpp: out_of_range is an E line"
        attempt cpp alloc rotate-image 'class Solution {\npublic:\n    void rotate(vector<vector<int>>& matrix) {\n        vector<long long> v;\n        v.reserve(1ULL << 56);\n    }\n};\n'
        expect_line "$d" M 0 "bad_alloc" "cpp: bad_alloc is an M line"
        attempt cpp throwint lru-cache 'class LRUCache {\npublic:\n    LRUCache(int c) { if (c == 1) throw 42; }\n    int get(int k) { return -1; }\n    void put(int k, int v) {}\n};\n'
        expect_line "$d" E 1 "instance of 'int'" "cpp: a thrown int is an E line (case 1, after an R)"

        # stdout is flushed per case and separate from the channel; fd 3 is close-on-exec.
        attempt_here cpp stdout max-pair-product <<'EOF'
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
        expect "$d" "cpp: cout goes to stdout; fd 3 not inherited by children" \
                'said_hello "$d" && grep -q "^hello from -3$" "$d/stdout" && ! grep -q "^x" "$d/answers.txt"'

        # Parameter types other than LeetCode's (const &, by value, int for long) still work.
        attempt_here cpp params word-search <<'EOF'
class Solution {
public:
    bool exist(const vector<vector<char>> board, const string& word) {
        string all;
        for (auto& row : board) all += string(row.begin(), row.end());
        return word == "ABCCED" || word == "SEE" || (word == "a" && all == "a");
    }
};
EOF
        expect "$d" "cpp: const and by-value parameters" '[ $status = 0 ] && answers_right "$d" "$HERE/word-search"' \
                '$(head -1 "$d/check.txt" 2>/dev/null)'

        # A cyclic list answer is an E line.
        attempt cpp cycle merge-two-sorted-lists 'class Solution {\npublic:\n    ListNode* mergeTwoLists(ListNode* a, ListNode* b) {\n        ListNode* n = new ListNode(1);\n        n->next = n;\n        return n;\n    }\n};\n'
        expect_line "$d" E 0 "Found cycle in the ListNode" "cpp: a cyclic ListNode answer is an E line"
}

# ---- c ---------------------------------------------------------------------------------------

# The image's harness directory and compile step (images/c/lang.json), with /opt/judge/harness
# replaced by a copy here.
C_INC="$WORK/opt-harness-c"
prepare_c() {
        mkdir -p "$C_INC"
        cp "$ROOT"/harness/c/* "$C_INC/"
        local prepare
        prepare=$(lang_json c prepare)
        command -v gcc-14 > /dev/null || prepare=${prepare//gcc-14/gcc}
        if (cd "$C_INC" && eval "${prepare//\/opt\/judge\/harness/$C_INC}") > "$WORK/prepare.txt" 2>&1 && ! grep -q . "$WORK/prepare.txt"; then
                ok "c: judge.c compiles without a warning (image prepare step)"
        else
                not_ok "c: judge.c compiles without a warning (image prepare step)"
                sed 's/^/#   /' "$WORK/prepare.txt"
        fi
        mapfile -t C_COMPILE < <(lang_json c compile)
        C_COMPILE=("${C_COMPILE[@]//\/opt\/judge\/harness/$C_INC}")
        # The image's compiler is gcc-14 (Debian 13); a host without it (Debian 12) uses its gcc, with
        # the image's flags (gnu11, -O1, AddressSanitizer) and the image's ASAN_OPTIONS.
        if ! command -v gcc-14 > /dev/null; then
                echo "# no gcc-14 on this host: $(gcc -dumpfullversion) as gcc"
                C_COMPILE=("${C_COMPILE[@]/#gcc-14/gcc}")
        fi
        export "$(lang_json c env | grep '^ASAN_OPTIONS=')"
}
build_c() {
        (cd "$1" && "${C_COMPILE[@]}") > "$1/compile.txt" 2>&1
}
run_c() {
        run_channel "$1" ./main
}
errors_c() {
        # Compile errors name solution.c and the user's own lines.
        write_case c syntax rotate-image 'void rotate(int** matrix, int matrixSize, int* matrixColSize) {\n    int unused;\n    matrix[0][0] = undefined_name;\n}\n'
        expect "$d" "c: compile error names solution.c:3:20" \
                '! build_c "$d" && grep -q "^solution.c:3:20: error: .undefined_name. undeclared" "$d/compile.txt"'

        # A signature other than LeetCode's is a compile error in solution.c, not a crash.
        write_case c signature rotate-image '\nvoid rotate(int** matrix, int matrixSize) {\n}\n'
        expect "$d" "c: a wrong signature is a compile error at the user's line" \
                '! build_c "$d" && grep -q "^solution.c:2:6: error: conflicting types for .rotate." "$d/compile.txt"'

        # LeetCode's predefined headers (and uthash) need no #include.
        attempt_here c headers max-pair-product <<'C'
struct item { long long key; int n; UT_hash_handle hh; };
long long maxProduct(long long* nums, int numsSize) {
    struct item *set = NULL, *it;
    for (int i = 0; i < numsSize; i++) {
        HASH_FIND(hh, set, &nums[i], sizeof(long long), it);
        if (!it) { it = calloc(1, sizeof *it); it->key = nums[i]; HASH_ADD(hh, set, key, sizeof(long long), it); }
    }
    long long best = LLONG_MIN;
    for (int i = 0; i < numsSize; i++)
        for (int j = i + 1; j < numsSize; j++)
            if (nums[i] * nums[j] > best) best = nums[i] * nums[j];
    (void) sqrt(4.0); (void) INT32_MAX; (void) strlen("");
    bool t = true;
    return t ? best : 0;
}
C
        expect "$d" "c: predefined headers and uthash" '[ $status = 0 ] && answers_right "$d" "$HERE/max-pair-product"'

        # A crash is the runner's business: the harness dies by the signal, after the S line.
        attempt c segv invert-binary-tree 'struct TreeNode* invertTree(struct TreeNode* root) {\n    return *(struct TreeNode**)16;\n}\n'
        expect "$d" "c: a segfault kills the harness after S 0" \
                '[ $status = 139 ] && grep -q "^S 0$" "$d/answers.txt" && ! grep -q "^R" "$d/answers.txt"' 'status $status'

        # Cycles in a returned list or tree are E lines.
        attempt c cycle merge-two-sorted-lists 'struct ListNode* mergeTwoLists(struct ListNode* a, struct ListNode* b) {\n    if (a) a->next = a;\n    return a ? a : b;\n}\n'
        expect_line "$d" E 0 "Found cycle in the ListNode" "c: a cyclic ListNode answer is an E line"
        attempt c treecycle invert-binary-tree 'struct TreeNode* invertTree(struct TreeNode* root) {\n    if (root) root->left = root;\n    return root;\n}\n'
        expect_line "$d" E 0 "Found cycle in the TreeNode" "c: a cyclic TreeNode answer is an E line"

        # Freeing: the user may free inputs, return inputs, literals, or pointers into blocks.
        attempt_here c freeing group-anagrams <<'C'
char*** groupAnagrams(char** strs, int strsSize, int* returnSize, int** returnColumnSizes) {
    static int calls;
    calls++;
    if (strsSize == 1 && strs[0][0] == 0) {          /* [""]: a literal, and a freed input */
        free(strs);
        char ***r = malloc(sizeof(char **));
        r[0] = malloc(sizeof(char *));
        r[0][0] = "";
        *returnSize = 1;
        *returnColumnSizes = malloc(sizeof(int));
        (*returnColumnSizes)[0] = 1;
        return r;
    }
    if (strsSize == 1) {                             /* ["a"]: the input array itself */
        char ***r = malloc(sizeof(char **));
        r[0] = strs;
        *returnSize = 1;
        *returnColumnSizes = malloc(sizeof(int));
        (*returnColumnSizes)[0] = 1;
        return r;
    }
    /* otherwise the expected groups, built from a copy: pointers into the middle of blocks */
    char *pool = malloc(64);
    strcpy(pool, "bat eat tea ate tan nat");
    for (char *p = pool; *p; p++) if (*p == ' ') *p = 0;
    static int cols[3] = {1, 3, 2};
    char ***r = malloc(3 * sizeof(char **));
    for (int g = 0, k = 0; g < 3; g++) {
        r[g] = malloc(cols[g] * sizeof(char *));
        for (int j = 0; j < cols[g]; j++, k++) r[g][j] = pool + 4 * k;
    }
    *returnSize = 3;
    *returnColumnSizes = cols;                       /* static: not the harness's to free */
    return r;
}
C
        expect "$d" "c: freed inputs, returned inputs, literals, interior and static pointers" \
                '[ $status = 0 ] && answers_right "$d" "$HERE/group-anagrams"' 'status $status'

        # Results are freed: a leak-free loop over many cases does not grow.
        local big="$WORK/big-pkg"
        mkdir -p "$big/tests"
        cp "$HERE/group-anagrams/problem.json" "$big/"
        python3 - "$big" <<'PY'
import json, sys
words = ["w%05d" % i for i in range(20000)]
case = {"args": [words], "expected": [[w] for w in words]}
json.dump([case] * 40, open(sys.argv[1] + "/tests/sample.json", "w"))
json.dump([], open(sys.argv[1] + "/tests/hidden.json", "w"))
PY
        d=$(setup c memory group-anagrams "$big")
        cat > "$d/solution.c" <<'C'
char*** groupAnagrams(char** strs, int strsSize, int* returnSize, int** returnColumnSizes) {
    char ***r = malloc(strsSize * sizeof(char **));
    *returnColumnSizes = malloc(strsSize * sizeof(int));
    for (int i = 0; i < strsSize; i++) {
        r[i] = malloc(sizeof(char *));
        r[i][0] = malloc(1000);                      /* 20 MB per case unless freed */
        strcpy(r[i][0], strs[i]);
        (*returnColumnSizes)[i] = 1;
    }
    *returnSize = strsSize;
    return r;
}
C
        if build_c "$d" && (cd "$d" && JUDGE_JOB_FD=4 /usr/bin/time -f "%M" -o rss.txt ./main 3> answers.txt 4< <($CHECK lines "$d/job.json") > stdout 2> stderr) &&
                [ "$(grep -c '^R' "$d/answers.txt")" = 40 ] && [ "$(tail -1 "$d/rss.txt")" -lt 150000 ]; then
                ok "c: results are freed after each case (peak RSS $(tail -1 "$d/rss.txt") KiB over 40 x 20 MB)"
        else
                not_ok "c: results are freed after each case (peak RSS $(tail -1 "$d/rss.txt" 2>/dev/null) KiB)" "$d"
        fi

        # Array results: NULL with a size, or unset column sizes, are E lines; an unset size is [].
        attempt c nullarray group-anagrams 'char*** groupAnagrams(char** strs, int strsSize, int* returnSize, int** returnColumnSizes) {\n    *returnSize = 2;\n    return NULL;\n}\n'
        expect_line "$d" E 0 "NULL but its size is 2" "c: a NULL array with a size is an E line"
        attempt c nocols group-anagrams 'char*** groupAnagrams(char** strs, int strsSize, int* returnSize, int** returnColumnSizes) {\n    *returnSize = 1;\n    return malloc(8);\n}\n'
        expect_line "$d" E 0 "returnColumnSizes" "c: unset returnColumnSizes is an E line"

        # printf goes to stdout, flushed per case; fd 3 is not inherited.
        attempt_here c stdout max-pair-product <<'C'
#include <unistd.h>
long long maxProduct(long long* nums, int numsSize) {
    printf("hello from %lld\n", nums[0]);
    int status = system("echo x >&3 2>/dev/null");
    if (write(3, "R 0 0 12345\n", 12) > 0) return -2;
    return status == 0 ? -1 : 0;
}
C
        expect "$d" "c: printf goes to stdout; fd 3 neither usable nor inherited" \
                'said_hello "$d" && grep -q "^hello from -3$" "$d/stdout" && ! grep -q "^x" "$d/answers.txt" &&
                [ "$(wc -l < "$d/answers.txt")" = 5 ]'

        # A forked child never answers.
        attempt_here c fork max-pair-product <<'C'
#include <unistd.h>
long long maxProduct(long long* nums, int numsSize) {
    fork();                      /* the child returns into the harness too */
    return 7;
}
C
        sleep 0.2
        expect "$d" "c: a forked child writes nothing on the channel" \
                '[ "$(grep -c "^R" "$d/answers.txt")" = 2 ] && [ "$(grep -c "^S" "$d/answers.txt")" = 2 ]'

        # Doubles are written like Python's repr.
        d=$(setup c doubles pow-x-n)
        cat > "$d/solution.c" <<'C'
double myPow(double x, int n) {
    static const double v[] = {1024, 0.25, 1e16, 1.5e-5, 123456789.125, -0.0, 0.1, 1e22, 0.0001, 1.0 / 0.0};
    static int i;
    return v[i++ % 10];
}
C
        ten_pow_cases "$d/job.json"
        build_c "$d" && run_c "$d"
        expect "$d" "c: doubles like Python's repr" '[ "$(answers_of "$d")" = "$DOUBLES" ]' 'got $(answers_of "$d")'

        # Deep recursion that LeetCode allows (stack as the runner sets it).
        expect_deep c 262144

        # Design class without a Free function still runs (the glue's reference is weak).
        d=$(setup c nofree lru-cache)
        sed '/^void lRUCacheFree/,/^}/d' "$HERE/lru-cache/submissions/accepted/solution.c" > "$d/solution.c"
        expect "$d" "c: a design class without xxxFree" 'build_c "$d" && run_c "$d" && answers_right "$d" "$HERE/lru-cache"'

        expect_bad_job c '{"signature": {}, "cases": [{"args": [[["x"]]]}]}'
}

# ---- go --------------------------------------------------------------------------------------

# The image's harness directory, with /opt/judge/harness replaced by a copy here.
GO_H="$WORK/opt-harness-go"
prepare_go() {
        mkdir -p "$GO_H"
        cp -r "$ROOT"/harness/go/* "$GO_H/"
        local prepare
        prepare=$(lang_json go prepare)
        if (cd "$GO_H" && eval "${prepare//\/opt\/judge\/harness/$GO_H}") > "$WORK/prepare.txt" 2>&1 && ! grep -q . "$WORK/prepare.txt"; then
                ok "go: judge.a and gobuild build (image prepare steps)"
        else
                not_ok "go: judge.a and gobuild build (image prepare steps)"
                sed 's/^/#   /' "$WORK/prepare.txt"
        fi
        expect "" "go: harness sources are gofmt-clean" '[ -z "$(gofmt -l "$ROOT/harness/go")" ]' '$(gofmt -l "$ROOT/harness/go")'
        mapfile -t GO_ENV < <(lang_json go env)
        GO_ENV=("${GO_ENV[@]//\/tmp\//$WORK/}")
}
build_go() {
        (cd "$1" && env -i "${GO_ENV[@]}" JUDGE_GO_HARNESS="$GO_H" "$GO_H/gobuild") > "$1/compile.txt" 2>&1
}
run_go() {
        run_channel "$1" env -i "${GO_ENV[@]}" JUDGE_JOB_FD=4 JUDGE_CHANNEL_FD=3 ./main
}
errors_go() {
        # Compile errors name solution.go and the user's own lines and columns, imports added or not.
        write_case go syntax rotate-image 'func rotate(matrix [][]int)  {\n    sort.Ints(matrix[0])\n    x := strings.Repeat("a", 2)\n    matrix[0][0] = undefinedName\n}\n'
        expect "$d" "go: compile errors name solution.go:4:20 with imports added" \
                '! build_go "$d" && grep -q "^solution.go:4:20: undefined: undefinedName" "$d/compile.txt" &&
                grep -q "^solution.go:3:5: declared and not used: x" "$d/compile.txt" && ! grep -q sort "$d/compile.txt"'
        write_case go parse rotate-image '\nfunc rotate(matrix [][]int)  {\n    for {\n}\n'
        expect "$d" "go: a syntax error names its line" '! build_go "$d" && grep -q "^solution.go:5:1: syntax error" "$d/compile.txt"'

        # A file with its own package clause and imports is compiled as it is.
        attempt go package max-pair-product 'package main\n\nimport "sort"\n\nfunc maxProduct(nums []int) int {\n    sort.Ints(nums)\n    n := len(nums)\n    a, b := nums[0]*nums[1], nums[n-1]*nums[n-2]\n    if a > b {\n        return a\n    }\n    return b\n}\n'
        expect "$d" "go: a file with package and imports" '[ $status = 0 ] && answers_right "$d" "$HERE/max-pair-product"'

        # A panic is an E line with the user's frames (solution.go and its lines).
        attempt go panic rotate-image 'func rotate(matrix [][]int)  {\n    helper(matrix)\n}\n\nfunc helper(m [][]int) {\n    _ = m[10]\n}\n'
        expect_line "$d" E 0 "panic: runtime error: index out of range [10] with length" "go: a panic is an E line"
        expect "$d" "go: the panic names the user's frames only; later cases not run" \
                'grep -q solution.go:6 "$d/answers.txt" && grep -q solution.go:2 "$d/answers.txt" &&
                grep -q main.helper "$d/answers.txt" && ! grep -q judge.go "$d/answers.txt" && ! grep -q "^S 1" "$d/answers.txt"'

        # Cycles in a returned list or tree are E lines.
        attempt go cycle merge-two-sorted-lists 'func mergeTwoLists(a *ListNode, b *ListNode) *ListNode {\n    n := &ListNode{Val: 1}\n    n.Next = n\n    return n\n}\n'
        expect_line "$d" E 0 "Found cycle in the ListNode" "go: a cyclic ListNode answer is an E line"
        attempt go treecycle invert-binary-tree 'func invertTree(root *TreeNode) *TreeNode {\n    if root != nil {\n        root.Left = root\n    }\n    return root\n}\n'
        expect_line "$d" E 0 "Found cycle in the TreeNode" "go: a cyclic TreeNode answer is an E line"

        # A nil slice is [], nested ones too.
        attempt go nil group-anagrams 'func groupAnagrams(strs []string) [][]string {\n    if len(strs) == 1 {\n        return [][]string{nil}\n    }\n    return nil\n}\n'
        expect "$d" "go: nil slices encode as []" \
                'grep -q "^R 0 [0-9]* \[\]$" "$d/answers.txt" && grep -q "^R 1 [0-9]* \[\[\]\]$" "$d/answers.txt"'

        # A parameter list other than the problem's is the submission's runtime error, not the judge's.
        attempt go params rotate-image 'func rotate(matrix [][]int, n int)  {\n}\n'
        expect_line "$d" E 0 "rotate takes 2 parameter(s), the problem passes 1" "go: a wrong parameter count is an E line"
        attempt go types rotate-image 'func rotate(matrix [][]string)  {\n}\n'
        expect_line "$d" E 0 "cannot use" "go: a parameter type that cannot hold the argument is an E line"

        # Design classes: value receivers, and a Constructor returning a pointer, work too.
        attempt_here go design lru-cache <<'GO'
type LRUCache struct {
    cap  int
    keys []int
    vals map[int]int
}

func Constructor(capacity int) *LRUCache {
    return &LRUCache{cap: capacity, vals: map[int]int{}}
}

func (this *LRUCache) touch(key int) {
    for i, k := range this.keys {
        if k == key {
            this.keys = append(this.keys[:i:i], this.keys[i+1:]...)
            break
        }
    }
    this.keys = append(this.keys, key)
}

func (this LRUCache) Get(key int) int {
    if v, ok := this.vals[key]; ok {
        return v
    }
    return -1
}

func (this *LRUCache) Put(key int, value int) {
    if _, ok := this.vals[key]; !ok && len(this.vals) == this.cap {
        delete(this.vals, this.keys[0])
        this.keys = this.keys[1:]
    }
    this.vals[key] = value
    this.touch(key)
}
GO
        expect "$d" "go: value receivers and a pointer Constructor" 'grep -q "^R 0 " "$d/answers.txt" && ! grep -q "^E" "$d/answers.txt"'

        # fmt.Println goes to stdout; the channel is not inherited by children.
        attempt_here go stdout max-pair-product <<'GO'
func maxProduct(nums []int) int {
    fmt.Println("hello from", nums[0])
    if err := exec.Command("sh", "-c", "echo x >&3").Run(); err == nil {
        return -1
    }
    if _, err := os.NewFile(3, "x").Write([]byte("R 0 0 12345\n")); err == nil {
        return -2
    }
    return 0
}
GO
        expect "$d" "go: fmt.Println goes to stdout; fd 3 neither usable nor inherited" \
                'said_hello "$d" && grep -q "^hello from -3$" "$d/stdout" && [ "$(wc -l < "$d/answers.txt")" = 5 ]'

        # Doubles are written like Python's repr; bytes returned for a char are one-character strings.
        write_case go doubles pow-x-n 'var i int\n\nfunc myPow(x float64, n int) float64 {\n    v := []float64{1024, 0.25, 1e16, 1.5e-5, 123456789.125, math.Copysign(0, -1), 0.1, 1e22, 0.0001, math.Inf(1)}\n    i++\n    return v[(i-1)%%10]\n}\n'
        ten_pow_cases "$d/job.json"
        build_go "$d" && run_go "$d"
        expect "$d" "go: doubles like Python's repr" '[ "$(answers_of "$d")" = "$DOUBLES" ]' 'got $(answers_of "$d")'
        d="$WORK/go-chars"
        mkdir -p "$d"
        cat > "$d/main.go" <<'GO'
package main

import judgelib "judge"

func main() {
	judgelib.RunFunction(firstChars)
}
GO
        printf 'func firstChars(board [][]byte, c byte) []byte {\n    out := []byte{c}\n    for _, row := range board {\n        out = append(out, row[0])\n    }\n    return out\n}\n' > "$d/solution.go"
        echo '{"signature": {"kind": "function", "name": "firstChars", "params": [{"name": "board", "type": "char[][]"}, {"name": "c", "type": "char"}], "returns": "char[]"}, "cases": [{"args": [[["a","b"],["\"","d"]], "z"]}]}' > "$d/job.json"
        build_go "$d" && run_go "$d"
        expect "$d" "go: byte is a char both ways" 'grep -q "^R 0 [0-9]* \[\"z\",\"a\",\"\\\\\"\"\]$" "$d/answers.txt"'

        expect_deep go 262144

        # Runaway recursion is a stack overflow (exit 2, "stack overflow" on stderr), not a memory limit.
        write_case go overflow rotate-image 'func rotate(matrix [][]int)  {\n    rotate(matrix)\n}\n'
        build_go "$d" && (ulimit -s 262144; run_go "$d")
        status=$?
        expect "$d" "go: runaway recursion stops at a quarter of RLIMIT_STACK" \
                '[ $status = 2 ] && grep -q "stack overflow" "$d/stderr" && grep -q "exceeds 67108864-byte limit" "$d/stderr"' 'status $status'

        expect_bad_job go '{"signature": {}, "cases": [{"args": [[["x"]]]}]'
}

# ---- java ------------------------------------------------------------------------------------

JAVA_OPT="$WORK/opt-java"
JAR="$JAVA_OPT/harness.jar"
# Build harness.jar as the image does (images/java/lang.json's prepare steps, without the CDS
# archives). Needs javac/java 17 or later (the host's; the image has 21: Compile uses --release of
# the running JDK).
prepare_java() {
        mkdir -p "$JAVA_OPT/classes"
        local h="$ROOT/harness/java"
        if javac -d "$JAVA_OPT/classes" -encoding UTF-8 -nowarn "$h/Json.java" "$h/Harness.java" "$h/Compile.java" \
                "$h/ListNode.java" "$h/TreeNode.java" "$h/Pair.java" > "$WORK/javac.txt" 2>&1 &&
                jar --create --file "$JAR" -C "$JAVA_OPT/classes" . >> "$WORK/javac.txt" 2>&1 &&
                java -cp "$JAR" judge.Harness --selftest >> "$WORK/javac.txt" 2>&1 &&
                java -cp "$JAR" judge.Compile "$h/sample-solution.txt" "$WORK/sample" >> "$WORK/javac.txt" 2>&1; then
                ok "java: the harness builds, its self-test and the sample solution pass"
        else
                not_ok "java: the harness builds, its self-test and the sample solution pass"
                sed 's/^/#   /' "$WORK/javac.txt"
                return 1
        fi
}
build_java() {
        (cd "$1" && java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$JAR" judge.Compile solution.java classes \
                > compile.txt 2>&1)
}
run_java() { # run_java DIR [MEMORY_MB]: the run step (jvm.args as codegen writes it)
        local mb=${2:-256}
        local stack=$((mb / 16 < 8 ? 8 : mb / 16))
        printf -- '-Xmx%dm\n-Djudge.stack_mb=%d\n' "$mb" "$stack" > "$1/jvm.args"
        run_channel "$1" java @jvm.args -XX:+UseSerialGC -XX:ActiveProcessorCount=1 -XX:-UsePerfData \
                -cp "$JAR:classes" judge.Harness
}
errors_java() {
        write_case java ce rotate-image 'class Solution {\n    public void rotate(int[][] matrix) {\n        int x = undefinedName;\n    }\n}\n'
        expect "$d" "java: compile error: solution.java:3, the user's line and a caret at its column" \
                '! build_java "$d" && grep -q "^solution.java:3: error: cannot find symbol" "$d/compile.txt" &&
                grep -q "^        int x = undefinedName;" "$d/compile.txt" && grep -q "^                ^" "$d/compile.txt" &&
                grep -q "^1 error" "$d/compile.txt"'
        write_case java ce1 rotate-image 'class Solution { public void rotate(int[][] m) { int y = 1 } }\n'
        expect "$d" "java: compile error on line 1: the imports put there do not shift the caret" \
                '! build_java "$d" && grep -q "^solution.java:1: error: '"';'"' expected" "$d/compile.txt" &&
                grep -q "^class Solution { public void rotate(int\[\]\[\] m) { int y = 1 } }$" "$d/compile.txt" &&
                grep -qx " \{58\}^" "$d/compile.txt"'

        attempt java index rotate-image 'class Solution {\n    public void rotate(int[][] matrix) {\n        helper(matrix);\n    }\n    int helper(int[][] m) {\n        return m[10][0];\n    }\n}\n'
        expect_line "$d" E 0 "java.lang.ArrayIndexOutOfBoundsException: Index 10 out of bounds for length" "java: an exception is an E line"
        expect "$d" "java: the user's frames with their lines, none of the harness's; later cases not run" \
                'grep -q "at line 6, Solution.helper\\\\n  at line 3, Solution.rotate\"" "$d/answers.txt" && ! grep -q "judge\." "$d/answers.txt" &&
                ! grep -q "^S 1" "$d/answers.txt"'

        write_case java oom rotate-image 'class Solution {\n    public void rotate(int[][] matrix) {\n        long[] x = new long[1 << 30];\n    }\n}\n'
        build_java "$d" && run_java "$d" 64
        expect_line "$d" M 0 "OutOfMemoryError" "java: OutOfMemoryError is an M line"

        write_case java soe rotate-image 'class Solution {\n    public void rotate(int[][] matrix) {\n        rotate(matrix);\n    }\n}\n'
        build_java "$d" && /usr/bin/time -f "%M" -o "$d/rss" bash -c "$(declare -f run_java run_channel); JAR=$JAR CHECK='$CHECK' run_java $d"
        expect_line "$d" E 0 "java.lang.StackOverflowError" "java: infinite recursion is a StackOverflowError E line"
        expect "$d" "java: a stack overflow stays well under the memory limit ($(cat "$d/rss" 2>/dev/null) KB)" \
                '[ "$(cat "$d/rss" 2>/dev/null || echo 999999)" -lt 200000 ]'

        attempt java noclass lru-cache 'class LRU {}\n'
        expect_line "$d" E 0 "class LRUCache not found" "java: a missing design class is an E line"

        # Parameter types LeetCode uses either way: List<Long> for long[], public class, helper classes.
        attempt_here java listparam max-pair-product <<'EOF'
import java.util.*;

public class Solution {
    public long maxProduct(List<Long> nums) {
        List<Long> s = new ArrayList<>(nums);
        Collections.sort(s);
        int n = s.size();
        return Helper.max(s.get(0) * s.get(1), s.get(n - 1) * s.get(n - 2));
    }
}

class Helper {
    static long max(long a, long b) { return Math.max(a, b); }
}
EOF
        expect_answers "$d" max-pair-product "java: List<Long> for long[], public class Solution, its own imports, a helper class"

        attempt_here java pair word-search <<'EOF'
class Solution {
    public boolean exist(char[][] board, String word) {
        Deque<Pair<Integer, Integer>> q = new ArrayDeque<>();
        Map<Character, Integer> count = new HashMap<>();
        for (char[] row : board) for (char c : row) count.merge(c, 1, Integer::sum);
        q.add(new Pair<>(0, 0));
        String all = Arrays.stream(board).map(String::new).collect(Collectors.joining());
        BigInteger big = BigInteger.TEN;
        Function<String, Boolean> f = w -> w.equals("ABCCED") || w.equals("SEE") || (w.equals("a") && all.equals("a"));
        return f.apply(word) && q.peek().getKey() == 0 && big.intValue() == 10;
    }
}
EOF
        expect_answers "$d" word-search "java: LeetCode's predefined imports (java.util, stream, function, math, javafx.util.Pair)"

        attempt_here java stdout max-pair-product <<'EOF'
class Solution {
    public long maxProduct(long[] nums) {
        System.out.println("hello from " + nums[0]);
        try {
            Process p = new ProcessBuilder("sh", "-c", "echo x >&3").start();
            return p.waitFor() == 0 ? -2 : 0;
        } catch (Exception e) {
            return -3;
        }
    }
}
EOF
        expect "$d" "java: System.out goes to stdout, flushed per case; fd 3 not inherited by children" \
                'said_hello "$d" && grep -q "^hello from -3$" "$d/stdout"'

        attempt java cycle merge-two-sorted-lists 'class Solution {\n    public ListNode mergeTwoLists(ListNode a, ListNode b) {\n        ListNode n = new ListNode(1);\n        n.next = n;\n        return n;\n    }\n}\n'
        expect_line "$d" E 0 "Found cycle in the ListNode" "java: a cyclic ListNode answer is an E line"

        attempt java doubles pow-x-n 'class Solution {\n    public double myPow(double x, int n) {\n        return n == 10 ? Double.NaN : n == -2 ? 1e-7 : 2;\n    }\n}\n'
        expect "$d" "java: doubles like Python's repr: NaN null, 1e-07, 2.0" \
                'grep -q "^R 0 [0-9]* null$" "$d/answers.txt" && grep -q "^R 1 [0-9]* 1e-07$" "$d/answers.txt" &&
                grep -q "^R 2 [0-9]* 2.0$" "$d/answers.txt"'

        expect_bad_job java '{"signature": {"kind": "function", "name": "rotate", "params": [{"name": "m", "type": "int[][]"}], "returns": "void", "output_param": 0}, "cases": [{"args": [[["x"]]]}]}'
        expect_deep java
}

# ---- javascript ------------------------------------------------------------------------------

JS_HARNESS="$ROOT/harness/javascript/harness.js"
# The image's run flags (images/javascript/lang.json).
NODE_RUN=(node --stack-size=65500 --max-old-space-size=4096)
prepare_javascript() { :; }
build_javascript() {
        (cd "$1" && node "$JS_HARNESS" --check solution.js > compile.txt 2>&1)
}
run_javascript() {
        # The runner's RLIMIT_STACK is the memory limit: room for --stack-size's 64 MB.
        (ulimit -s 262144 2> /dev/null || ulimit -s unlimited 2> /dev/null; run_channel "$1" "${NODE_RUN[@]}" "$JS_HARNESS")
}
errors_javascript() {
        # LeetCode's preloaded libraries (lang.json's "npm" pins, from the image build's cache): the
        # tarballs images_npm_fetch keeps in the cache, unpacked as the image build does; the harness
        # finds them by NODE_PATH here (in the image, by /opt/judge/node_modules).
        local cache=${JUDGE_CACHE_DIR:-$([ "$(id -u)" = 0 ] && echo /var/cache/judge || echo "$HOME/.cache/judge")}
        local mods="$WORK/node_modules" libs_ok=1 name version file
        while IFS=$'\t' read -r name version; do
                file="$(echo "${name#@}" | tr / -)-$version.tgz"
                mkdir -p "$mods/$name"
                tar -xzf "$cache/npm/$file" --strip-components=1 -C "$mods/$name" 2> /dev/null || { libs_ok=0; echo "# missing $cache/npm/$file"; }
        done < <(python3 -c 'import json,sys; [print(p["name"] + "\t" + p["version"]) for p in json.load(open(sys.argv[1]))["npm"]]' "$ROOT/images/javascript/lang.json")
        if [ "$libs_ok" = 1 ] && NODE_PATH="$mods" node "$JS_HARNESS" --libraries; then
                ok "javascript: every npm pin of lang.json loads as a global (--libraries)"
        else
                not_ok "javascript: the npm tarballs are not all in $cache/npm (judge images build javascript fetches them)"
        fi
        if NODE_PATH=/nonexistent node "$JS_HARNESS" --libraries 2> "$WORK/libs.err"; then
                not_ok "javascript: --libraries fails without the libraries"
        else
                grep -q "library missing: _ (lodash)" "$WORK/libs.err" && ok "javascript: --libraries fails, naming the library, without them" ||
                        not_ok "javascript: --libraries names the missing library ($(head -1 "$WORK/libs.err"))"
        fi
        write_case javascript lodash rotate-image '/** lodash: the rows of the rotated matrix are the columns, read bottom up. */\nvar rotate = function(matrix) {\n    _.zip(..._.reverse([...matrix])).forEach((row, i) => { matrix[i] = row; });\n};\n'
        expect "$d" "javascript with lodash as _ (rotate-image with _.zip)" \
                'build_javascript "$d" && NODE_PATH="$mods" run_javascript "$d" && answers_right "$d" "$HERE/rotate-image"' \
                '$(head -1 "$d/check.txt" 2>/dev/null)'
        local slug=merge-two-sorted-lists sol=min_priority_queue.js
        d=$(setup javascript "lib-$slug" "$slug")
        cp "$ROOT/problems/$slug/submissions/accepted/$sol" "$d/solution.js"
        expect "$d" "javascript with the preloaded libraries: problems/$slug/submissions/accepted/$sol" \
                'build_javascript "$d" && NODE_PATH="$mods" run_javascript "$d" && answers_right "$d" "$HERE/$slug"' \
                '$(head -1 "$d/check.txt" 2>/dev/null)'
        d=$(setup javascript own-queue group-anagrams)
        printf 'class Queue { constructor() { this.mine = true; } }
const _ = null;
var groupAnagrams = function(strs) {
    return new Queue().mine && _ === null ? [strs] : [];
};
' > "$d/solution.js"
        NODE_PATH="$mods" run_javascript "$d"
        expect_line "$d" R 0 '[["eat", "tea", "tan", "ate", "nat", "bat"]]' "javascript: the user's own class Queue and const _ shadow the globals"

        write_case javascript syntax rotate-image 'var rotate = function(matrix) {\n    for (let i = 0; i < 3; i++ {\n    }\n};\n'
        expect "$d" "javascript: syntax error: CE names the user's line, shows it, no harness frames" \
                '! build_javascript "$d" && grep -q "^Line 2: SyntaxError" "$d/compile.txt" &&
                grep -q "for (let i = 0; i < 3; i++ {" "$d/compile.txt" && ! grep -q harness.js "$d/compile.txt"'

        attempt javascript index rotate-image 'var rotate = function(matrix) {\n    helper(matrix);\n};\n\nfunction helper(m) {\n    return m[10].length;\n}\n'
        expect_line "$d" E 0 "TypeError: Cannot read properties of undefined" "javascript: an exception is an E line"
        expect "$d" "javascript: the user's frames with their lines, none of the harness's; later cases not run" \
                'grep -q "Line 6: Char 18 in solution.js (helper)" "$d/answers.txt" && grep -q "Line 2: Char 5 in solution.js (rotate)" "$d/answers.txt" &&
                ! grep -q harness.js "$d/answers.txt" && ! grep -q "^S 1" "$d/answers.txt"'

        attempt javascript throw rotate-image 'var rotate = function(matrix) {\n    throw "boom";\n};\n'
        expect_line "$d" E 0 "Uncaught 'boom'" "javascript: a thrown string is an E line"
        attempt javascript recursion rotate-image 'var rotate = function(matrix) {\n    return rotate(matrix);\n};\n'
        expect_line "$d" E 0 "RangeError: Maximum call stack size exceeded" "javascript: infinite recursion is a RangeError E line"
        attempt javascript nobinding lru-cache 'var LRU = function(c) {};\n'
        expect_line "$d" E 0 "ReferenceError: LRUCache is not defined" "javascript: a missing design class is a ReferenceError"
        attempt javascript module max-pair-product 'undefinedFunction();\nvar maxProduct = function(nums) { return 0; };\n'
        expect_line "$d" E 0 "Line 1: Char 1 in solution.js" "javascript: an exception at load time is an E line of case 0 with its line"

        # The three ways LeetCode users declare a function, and an ES class for a design problem.
        local form
        for form in "function maxProduct(nums) {" "const maxProduct = (nums) => {" "let maxProduct = function(nums) {"; do
                attempt javascript "form-$(echo "$form" | cut -d' ' -f1)" max-pair-product \
                        "$form"'\n    nums.sort((a, b) => a - b);\n    const n = nums.length;\n    return Math.max(nums[0] * nums[1], nums[n - 1] * nums[n - 2]);\n}\n'
                expect_answers "$d" max-pair-product "javascript: declared as '$form'"
        done
        d=$(setup javascript esclass lru-cache)
        cp "$ROOT/problems/lru-cache/submissions/accepted/es_class.js" "$d/solution.js"
        build_javascript "$d" && run_javascript "$d"
        expect_answers "$d" lru-cache "javascript: an ES class for a design problem"

        # stdout is the user's; the channel is not fd 3 and not inherited by child processes.
        attempt_here javascript stdout max-pair-product <<'EOF'
var maxProduct = function(nums) {
    console.log("hello from", nums[0]);
    let wrote = false;
    try { process.mainModule.require("fs").writeSync(3, "R 0 0 12345\n"); wrote = true; } catch (e) {}
    const r = process.mainModule.require("child_process").spawnSync("sh", ["-c", "echo x >&3"]);
    return wrote ? -1 : r.status === 0 ? -2 : 0;
};
EOF
        expect "$d" "javascript: console.log goes to stdout; fd 3 neither usable nor inherited" 'said_hello "$d"'

        # The predefined names are LeetCode's; the harness's own names are not reachable.
        attempt_here javascript names merge-two-sorted-lists <<'EOF'
var mergeTwoLists = function(a, b) {
    for (const name of ["encode", "decode", "run", "chan", "HarnessError", "SOURCE"])
        if (typeof globalThis[name] !== "undefined") throw new Error("visible: " + name);
    const head = new ListNode(), t = new TreeNode(5);
    if (head.val !== 0 || head.next !== null || t.left !== null) throw new Error("not LeetCode's nodes");
    let tail = head;
    while (a && b) {
        if (a.val <= b.val) { tail.next = a; a = a.next; } else { tail.next = b; b = b.next; }
        tail = tail.next;
    }
    tail.next = a || b;
    return head.next;
};
EOF
        expect_answers "$d" merge-two-sorted-lists "javascript: ListNode/TreeNode are LeetCode's, the harness's names are hidden"

        attempt javascript cycle merge-two-sorted-lists 'var mergeTwoLists = function(a, b) {\n    const n = new ListNode(1);\n    n.next = n;\n    return n;\n};\n'
        expect_line "$d" E 0 "Found cycle in the ListNode" "javascript: a cyclic ListNode answer is an E line"

        attempt javascript doubles pow-x-n 'var myPow = function(x, n) {\n    return n === 10 ? NaN : n === -2 ? 1e-7 : 2;\n};\n'
        expect "$d" "javascript: doubles like Python's repr: NaN null, 2 as 2.0, 1e-07" \
                'grep -q "^R 0 [0-9]* null$" "$d/answers.txt" && grep -q "^R 1 [0-9]* 1e-07$" "$d/answers.txt" &&
                grep -q "^R 2 [0-9]* 2.0$" "$d/answers.txt"'

        expect_bad_job javascript '{"signature": {"kind": "function", "name": "rotate", "params": [{"name": "m", "type": "int[][]"}], "returns": "void", "output_param": 0}, "cases": [{"args": [[["x"]]]}]}'

        # Deep recursion with a recursive solution of its own.
        printf 'var invertTree = function(root) {\n    if (root === null) return null;\n    const l = invertTree(root.left);\n    root.left = invertTree(root.right);\n    root.right = l;\n    return root;\n};\n' > "$WORK/javascript-deep.src"
        expect_deep javascript
}

# ---- rust ------------------------------------------------------------------------------------

# The image's prepare and compile argv (images/rust/lang.json), with its /opt/judge/harness here.
RS_INC="$WORK/opt-harness-rust"
rust_argv() { # rust_argv prepare|compile: one argument per line
        python3 - "$ROOT/images/rust/lang.json" "$1" "$RS_INC" "$RUSTC" <<'EOF'
import json, sys
lang = json.load(open(sys.argv[1]))
# prepare: the step that builds the harness rlib (the one before it checks the image's version)
argv = [s for s in lang["prepare"] if s[0] == "rustc"][0] if sys.argv[2] == "prepare" else lang["compile"]
for a in argv:
    a = a.replace("/opt/judge/harness", sys.argv[3])
    print(sys.argv[4] if a == "rustc" else a)
EOF
}
prepare_rust() {
        mkdir -p "$RS_INC"
        cp "$ROOT"/harness/rust/* "$RS_INC/"
        mapfile -t RS_PREPARE < <(rust_argv prepare)
        mapfile -t RS_COMPILE < <(rust_argv compile)
        if "${RS_PREPARE[@]}" > "$WORK/prepare.txt" 2>&1 && ! grep -q . "$WORK/prepare.txt"; then
                ok "rust: judge_harness.rs builds into an rlib without a warning"
        else
                not_ok "rust: judge_harness.rs builds into an rlib without a warning"
                sed 's/^/#   /' "$WORK/prepare.txt"
        fi
}
build_rust() {
        (cd "$1" && "${RS_COMPILE[@]}") > "$1/compile.txt" 2>&1
}
run_rust() {
        run_channel "$1" ./main 2> /dev/null
}
errors_rust() {
        # Compile errors name solution.rs with the user's own lines; warnings do not fail.
        write_case rust syntax rotate-image 'impl Solution {\n    pub fn rotate(matrix: &mut Vec<Vec<i32>>) {\n        let unused = 1;\n        matrix[0][0] = undefined_name;\n    }\n}\n'
        expect "$d" "rust: compile error names solution.rs:4:24" \
                '! build_rust "$d" && grep -q "^ *--> solution.rs:4:24" "$d/compile.txt" &&
                grep -q "cannot find value .undefined_name." "$d/compile.txt"'
        write_case rust warning rotate-image 'impl Solution {\n    pub fn rotate(matrix: &mut Vec<Vec<i32>>) {\n        let unused = 1;\n        let n = matrix.len();\n        for i in 0..n { for j in i + 1..n { let t = matrix[i][j]; matrix[i][j] = matrix[j][i]; matrix[j][i] = t; } }\n        for r in matrix.iter_mut() { r.reverse(); }\n    }\n}\n'
        expect "$d" "rust: warnings name the user's code only and do not fail the compile" \
                'build_rust "$d" && grep -q "warning: unused variable" "$d/compile.txt" && ! grep -q main.rs "$d/compile.txt"'
        write_case rust badname rotate-image 'impl Solution {\n    pub fn rotate_it(matrix: &mut Vec<Vec<i32>>) {}\n}\n'
        expect "$d" "rust: a misnamed method is a compile error naming the expected method" \
                '! build_rust "$d" && grep -q "no function or associated item named .rotate. found" "$d/compile.txt"'

        # LeetCode's predefined use lines, repeated by the user in every spelling, still compile.
        attempt_here rust uses invert-binary-tree <<'EOF'
use std::rc::Rc;
use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::*;
use std::collections::{VecDeque, HashSet};
use std::cmp::{max, min};
impl Solution {
    pub fn invert_tree(root: Option<Rc<RefCell<TreeNode>>>) -> Option<Rc<RefCell<TreeNode>>> {
        let mut q: VecDeque<Rc<RefCell<TreeNode>>> = VecDeque::new();
        let _m: HashMap<i32, i32> = HashMap::new();
        let _s: BTreeMap<i32, i32> = BTreeMap::new();
        let _h: BinaryHeap<i32> = BinaryHeap::new();
        let _ = (max(1, 2), min(1, 2), HashSet::<i32>::new());
        if let Some(r) = &root { q.push_back(r.clone()); }
        while let Some(n) = q.pop_front() {
            let mut b = n.borrow_mut();
            let l = b.left.take();
            b.left = b.right.take();
            b.right = l;
            if let Some(x) = &b.left { q.push_back(Rc::clone(x)); }
            if let Some(x) = &b.right { q.push_back(x.clone()); }
        }
        root
    }
}
EOF
        rust_expect_answers invert-binary-tree "rust: repeated and extra use lines compile (Rc, RefCell, collections::*)"

        # Deriving and implementing std traits for ListNode (a BinaryHeap of nodes) is allowed.
        attempt_here rust ord merge-two-sorted-lists <<'EOF'
use std::collections::BinaryHeap;
use std::cmp::Ordering;
impl Ord for ListNode {
    fn cmp(&self, other: &Self) -> Ordering { other.val.cmp(&self.val) }
}
impl PartialOrd for ListNode {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> { Some(self.cmp(other)) }
}
impl Solution {
    pub fn merge_two_lists(list1: Option<Box<ListNode>>, list2: Option<Box<ListNode>>) -> Option<Box<ListNode>> {
        let mut heap = BinaryHeap::new();
        for l in [list1, list2] { if let Some(n) = l { heap.push(n); } }
        let mut dummy = Box::new(ListNode::new(0));
        let mut tail = &mut dummy;
        while let Some(mut n) = heap.pop() {
            if let Some(next) = n.next.take() { heap.push(next); }
            tail.next = Some(n);
            tail = tail.next.as_mut().unwrap();
        }
        dummy.next
    }
}
EOF
        rust_expect_answers merge-two-sorted-lists "rust: impl Ord for ListNode, ListNode::new (private, as on LeetCode)"

        # LeetCode's design stub takes &self: interior mutability works, and so does &mut self.
        d=$(setup rust refcell lru-cache)
        cat > "$d/solution.rs" <<'EOF'
use std::cell::RefCell;
use std::collections::HashMap;
struct LRUCache {
    cap: usize,
    inner: RefCell<(HashMap<i32, (i32, u64)>, u64)>,
}
impl LRUCache {
    fn new(capacity: i32) -> Self {
        LRUCache { cap: capacity as usize, inner: RefCell::new((HashMap::new(), 0)) }
    }
    fn get(&self, key: i32) -> i32 {
        let mut g = self.inner.borrow_mut();
        g.1 += 1;
        let t = g.1;
        match g.0.get_mut(&key) { Some(e) => { e.1 = t; e.0 } None => -1 }
    }
    fn put(&self, key: i32, value: i32) {
        let mut g = self.inner.borrow_mut();
        g.1 += 1;
        let t = g.1;
        g.0.insert(key, (value, t));
        if g.0.len() > self.cap {
            let oldest = *g.0.iter().min_by_key(|(_, v)| v.1).unwrap().0;
            g.0.remove(&oldest);
        }
    }
}

/**
 * Your LRUCache object will be instantiated and called as such:
 * let obj = LRUCache::new(capacity);
 * let ret_1: i32 = obj.get(key);
 * obj.put(key, value);
 */
EOF
        printf ' * no newline at the end */' >> "$d/solution.rs"
        sed -i 's|^ \*/$| *|' "$d/solution.rs"
        build_rust "$d" && run_rust "$d"
        status=$?
        rust_expect_answers lru-cache "rust: a design class with &self methods (RefCell inside), LeetCode's trailing doc comment"

        # Reference parameters: &str, &[T], &Vec<Vec<char>> are passed as the user declares them.
        attempt_here rust refs word-search <<'EOF'
impl Solution {
    pub fn exist(board: &Vec<Vec<char>>, word: &str) -> bool {
        let mut b = board.clone();
        let w: Vec<char> = word.chars().collect();
        fn go(b: &mut [Vec<char>], w: &[char], i: usize, j: usize, k: usize) -> bool {
            if b[i][j] != w[k] { return false; }
            if k + 1 == w.len() { return true; }
            let c = b[i][j];
            b[i][j] = '#';
            let (h, wd) = (b.len(), b[0].len());
            let r = (i > 0 && go(b, w, i - 1, j, k + 1)) || (i + 1 < h && go(b, w, i + 1, j, k + 1))
                || (j > 0 && go(b, w, i, j - 1, k + 1)) || (j + 1 < wd && go(b, w, i, j + 1, k + 1));
            b[i][j] = c;
            r
        }
        for i in 0..b.len() { for j in 0..b[0].len() { if go(&mut b, &w, i, j, 0) { return true; } } }
        false
    }
}
EOF
        rust_expect_answers word-search "rust: reference parameters (&Vec<Vec<char>>, &str)"

        # An in-place parameter taken by value cannot give its answer: an E line that says why.
        attempt rust byvalue rotate-image 'impl Solution {\n    pub fn rotate(mut matrix: Vec<Vec<i32>>) {\n        matrix.reverse();\n    }\n}\n'
        expect_line "$d" E 0 "declare the parameter" "rust: an in-place parameter taken by value is an E line"

        # A panic is an E line in the form rustc prints, with the user's file, line and column; the
        # later cases are not run.
        attempt rust panic rotate-image 'impl Solution {\n    pub fn rotate(matrix: &mut Vec<Vec<i32>>) {\n        println!("before");\n        let v = vec![1, 2, 3];\n        matrix[0][0] = v[matrix.len() + 10];\n    }\n}\n'
        expect_line "$d" E 0 "index out of bounds: the len is 3 but the index is 13" "rust: a panic is an E line with its message"
        expect "$d" "rust: the E line names solution.rs:5:24; later cases not run; stdout kept, stderr clean" \
                'grep -q solution.rs:5:24 "$d/answers.txt" && ! grep -q "^S 1" "$d/answers.txt" &&
                grep -q "^before$" "$d/stdout" && ! grep -q panicked "$d/stderr"'

        # Integer overflow panics, as on LeetCode (overflow checks on); running out of memory is an M line.
        attempt rust overflow max-pair-product 'impl Solution {\n    pub fn max_product(nums: Vec<i64>) -> i64 {\n        let mut x: i32 = i32::MAX;\n        x += nums.len() as i32;\n        x as i64\n    }\n}\n'
        expect_line "$d" E 0 "attempt to add with overflow" "rust: integer overflow is a runtime error"
        attempt rust memory rotate-image 'impl Solution {\n    pub fn rotate(matrix: &mut Vec<Vec<i32>>) {\n        let v = vec![7u8; 1 << 46];\n        matrix[0][0] = v[12345] as i32;\n    }\n}\n'
        expect_line "$d" M 0 "memory allocation of" "rust: a failed allocation is an M line"

        # A value that does not fit the type the user declared (i32 for long) is the user's runtime
        # error, not the judge's.
        attempt rust narrow max-pair-product 'impl Solution {\n    pub fn max_product(nums: Vec<i32>) -> i64 {\n        0\n    }\n}\n'
        expect_line "$d" E 0 "4000000000 does not fit in i32" "rust: an argument that does not fit the declared type is an E line"

        expect_deep rust

        # Infinite recursion overflows the stack: the process aborts with Rust's message on stderr
        # (the runner reports it as a runtime error with the tail of stderr).
        attempt rust stack rotate-image 'impl Solution {\n    pub fn rotate(matrix: &mut Vec<Vec<i32>>) {\n        Self::rotate(matrix);\n        matrix.push(vec![1]);\n    }\n}\n'
        expect "$d" "rust: a stack overflow aborts with Rust's message (status $status)" \
                '[ $status -ne 0 ] && grep -q "overflowed its stack" "$d/stderr" && ! grep -q "^R" "$d/answers.txt"'

        # print goes to stdout, not the channel; fd 3 is neither usable nor inherited.
        attempt_here rust stdout max-pair-product <<'EOF'
use std::io::Write;
use std::os::unix::io::FromRawFd;
impl Solution {
    pub fn max_product(nums: Vec<i64>) -> i64 {
        print!("hello from {}", nums[0]);
        println!();
        let mut f = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(3) });
        if f.write_all(b"R 0 0 12345\n").is_ok() {
            return -1;
        }
        let st = std::process::Command::new("sh").arg("-c").arg("echo x >&3").status().unwrap();
        if st.success() { -2 } else { 0 }
    }
}
EOF
        expect "$d" "rust: print goes to stdout; fd 3 neither usable nor inherited" \
                'said_hello "$d" && grep -q "^hello from -3$" "$d/stdout" && ! grep -q hello "$d/answers.txt"'

        # The case's CPU time is exact even under RLIMIT_CPU (set by the runner), which makes the
        # process CPU clock advance at scheduler ticks only: a sub-tick case must not read 0.
        d=$(setup rust cputime max-pair-product)
        cat > "$d/solution.rs" <<'EOF'
impl Solution {
    pub fn max_product(mut nums: Vec<i64>) -> i64 {
        let mut x: u64 = 12345;
        let mut v: Vec<u64> = (0..20000).map(|_| { x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); x >> 11 }).collect();
        v.sort_unstable();
        nums.push((v[0] % 2) as i64 * 0);
        nums.pop();
        nums.sort();
        let n = nums.len();
        (nums[0] * nums[1]).max(nums[n - 1] * nums[n - 2])
    }
}
EOF
        build_rust "$d" && (ulimit -t 100 && run_rust "$d")
        if answers_right "$d" "$HERE/max-pair-product" && ! grep -q '^R [0-9]* 0 ' "$d/answers.txt"; then
                ok "rust: a sub-tick case's CPU time is not 0 under RLIMIT_CPU ($(grep '^R 0' "$d/answers.txt" | cut -d' ' -f3) us)"
        else
                not_ok "rust: a sub-tick case's CPU time is not 0 under RLIMIT_CPU" "$d"
        fi

        # A forked copy of the harness never answers.
        attempt_here rust fork max-pair-product <<'EOF'
extern "C" { fn fork() -> i32; fn waitpid(pid: i32, status: *mut i32, options: i32) -> i32; }
impl Solution {
    pub fn max_product(mut nums: Vec<i64>) -> i64 {
        let pid = unsafe { fork() };
        if pid == 0 {
            return 777; // the child returns into the harness
        }
        let mut st = 0;
        unsafe { waitpid(pid, &mut st, 0) };
        nums.sort();
        let n = nums.len();
        (nums[0] * nums[1]).max(nums[n - 1] * nums[n - 2])
    }
}
EOF
        rust_expect_answers max-pair-product "rust: a forked child of the harness does not answer"

        # A cyclic tree answer is an E line, not a hang.
        attempt rust cycle invert-binary-tree 'impl Solution {\n    pub fn invert_tree(root: Option<Rc<RefCell<TreeNode>>>) -> Option<Rc<RefCell<TreeNode>>> {\n        let n = Rc::new(RefCell::new(TreeNode::new(1)));\n        n.borrow_mut().left = Some(n.clone());\n        Some(n)\n    }\n}\n'
        expect_line "$d" E 0 "Found cycle in the TreeNode" "rust: a cyclic TreeNode answer is an E line"

        # Doubles are written like Python's repr; strings keep their UTF-8 and escapes.
        attempt rust doubles pow-x-n 'impl Solution {\n    pub fn my_pow(x: f64, n: i32) -> f64 {\n        if n == 10 { 1e16 } else if n == 3 { f64::NAN } else if n == 2 { 1.5e-7 } else { x.powi(n) }\n    }\n}\n'
        expect "$d" "rust: doubles as Python's repr (1e+16, 1.5e-07, 0.25), NaN as null" \
                'grep -q "^R 0 [0-9]* 1e+16$" "$d/answers.txt" && grep -q "^R 1 [0-9]* 0.25$" "$d/answers.txt" &&
                grep -q "^R 2 [0-9]* null$" "$d/answers.txt" && grep -q "^R 3 [0-9]* 1.5e-07$" "$d/answers.txt"'
        d=$(setup rust strings group-anagrams)
        python3 - "$d/job.json" <<'EOF'
import json, sys
job = json.load(open(sys.argv[1]))
job["cases"] = [{"args": [["h\u00e9", "\u00e9h", "tab\there", "q\"uote\\", "\u0001", "\U0001F600x", ""]]}]
json.dump(job, open(sys.argv[1], "w"))
EOF
        printf 'impl Solution {\n    pub fn group_anagrams(strs: Vec<String>) -> Vec<Vec<String>> {\n        vec![strs]\n    }\n}\n' > "$d/solution.rs"
        build_rust "$d" && run_rust "$d"
        expect "$d" "rust: strings round-trip (UTF-8, surrogate pairs, escapes, control characters)" 'python3 - "$d/answers.txt" <<'"'EOF'"'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
want = [["h\u00e9", "\u00e9h", "tab\there", "q\"uote\\", "\u0001", "\U0001F600x", ""]]
sys.exit(0 if len(lines) == 2 and lines[1].startswith("R 0 ") and json.loads(lines[1].split(" ", 3)[3]) == want else 1)
EOF'

        # A bad job is an X line and exit status 2; so is an unknown method of a class.
        expect_bad_job rust '{"signature": {"kind": "function", "name": "rotate", "params": [{"name": "m", "type": "int[][]"}], "returns": "void", "output_param": 0}, "cases": [{"args": [[[1]], 2]}]}'
        d=$(setup rust badmethod lru-cache)
        echo '{"signature": {}, "cases": [{"calls": ["LRUCache", "evict"], "args": [[1], []]}]}' > "$d/job.json"
        cp "$HERE/lru-cache/submissions/accepted/solution.rs" "$d/"
        build_rust "$d" && run_rust "$d"
        status=$?
        expect "$d" "rust: an unknown method is an X line" \
                '[ $status = 2 ] && grep -q "^X \"bad job: case 0: unknown method evict" "$d/answers.txt"' 'status $status'
}
# rust_expect_answers PKG DESCRIPTION: the attempt in $d compiled, ran, and every answer is right.
rust_expect_answers() {
        local pkg=$1 # the condition is evaluated inside expect, where $1 is expect's own
        expect "$d" "$2" '[ $status = 0 ] && answers_right "$d" "$HERE/$pkg"' '$(head -1 "$d/check.txt" 2>/dev/null)'
}

# ---- the run ---------------------------------------------------------------------------------

# The languages asked for whose toolchain is here, each prepared once (a failed preparation that
# makes every later check meaningless drops the language).
ready=()
for lang in "${LANGS[@]}"; do
        if [ -z "${EXT[$lang]:-}" ]; then
                not_ok "$lang: no such language (python cpp c go java javascript rust)"
                continue
        fi
        missing=""
        for tool in ${NEEDS[$lang]}; do
                command -v "$tool" > /dev/null || missing="$missing $tool"
        done
        if [ -n "$missing" ]; then
                not_ok "$lang: the toolchain is missing on this host:$missing (apt-get install ${PACKAGES[$lang]})"
                continue
        fi
        "prepare_$lang" && ready+=("$lang")
done

# Every fixture package, in every ready language: the accepted solution with the golden glue.
for pkg in "$HERE"/*/; do
        pkg=${pkg%/}
        [ -f "$pkg/problem.json" ] || continue
        slug=$(basename "$pkg")
        for lang in "${ready[@]}"; do
                src="$pkg/submissions/accepted/solution.${EXT[$lang]}"
                [ -f "$src" ] || continue
                d=$(setup "$lang" "fixture-$slug" "$slug")
                cp "$src" "$d/"
                # C: the fixtures compile without a single warning.
                if "build_$lang" "$d" && { [ "$lang" != c ] || ! grep -q . "$d/compile.txt"; } &&
                        "run_$lang" "$d" && answers_right "$d" "$pkg"; then
                        ok "$lang: $slug"
                else
                        not_ok "$lang: $slug ($(head -1 "$d/check.txt" 2>/dev/null || echo "compile or run failed"))" "$d"
                fi
        done
done

for lang in "${ready[@]}"; do
        "errors_$lang"
done

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
