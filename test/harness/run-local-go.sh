#!/bin/bash
# Exercise the Go harness on the host, without containers or the runner: build judge.a and the
# gobuild compile driver as the image's prepare steps do (images/go/lang.json), then for every
# fixture package here compile the accepted solution.go with the package's golden main.go
# (checked by test/unit/test-codegen-go.c), run it with the channel on fd 3 going to a file and
# check the answers; then error paths (compile errors and their lines with imports added,
# panics, cycles, nil slices, doubles, parameter mismatches, stdout, a bad job).
# Prints TAP; exits 1 if anything failed.
#
#   test/harness/run-local-go.sh [-v]     (-v: show the harness's output of failed tests)
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CHECK="python3 $HERE/check.py"
VERBOSE=0
[ "${1:-}" = "-v" ] && VERBOSE=1

WORK=$(mktemp -d /tmp/judge-harness-go-XXXXXX)
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

if ! command -v go > /dev/null || ! command -v goimports > /dev/null; then
        echo "1..0 # SKIP go or goimports missing (apt-get install golang-go golang-golang-x-tools)"
        exit 0
fi

# The image's harness directory, with /opt/judge/harness replaced by a copy here.
H="$WORK/opt-harness"
mkdir -p "$H"
cp -r "$ROOT"/harness/go/* "$H/"
prepare=$(python3 -c 'import json,sys; print("\n".join(" ".join(s) for s in json.load(open(sys.argv[1]))["prepare"]))' "$ROOT/images/go/lang.json")
if (cd "$H" && eval "${prepare//\/opt\/judge\/harness/$H}") > "$WORK/prepare.txt" 2>&1 && ! grep -q . "$WORK/prepare.txt"; then
        ok "go: judge.a and gobuild build (image prepare steps)"
else
        not_ok "go: judge.a and gobuild build (image prepare steps)"
        sed 's/^/#   /' "$WORK/prepare.txt"
fi
if [ -z "$(gofmt -l "$ROOT/harness/go")" ]; then
        ok "go: harness sources are gofmt-clean"
else
        not_ok "go: harness sources are gofmt-clean ($(gofmt -l "$ROOT/harness/go"))"
fi
mapfile -t ENV < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["env"]))' "$ROOT/images/go/lang.json")
ENV=("${ENV[@]//\/tmp\//$WORK/}")

gc() { # gc DIR: the compile step in DIR
        (cd "$1" && env -i "${ENV[@]}" JUDGE_GO_HARNESS="$H" "$H/gobuild") > "$1/compile.txt" 2>&1
}
run() { # run DIR: the run step in DIR (job.json there, fed as the runner does: lines on fd 4), channel to DIR/answers.txt
        (cd "$1" && env -i "${ENV[@]}" JUDGE_JOB_FD=4 JUDGE_CHANNEL_FD=3 timeout 60 ./main \
                3> answers.txt 4< <($CHECK lines "$1/job.json") > stdout 2> stderr)
}
setup() { # setup NAME PKG: a directory with the package's job and glue; prints it
        local d="$WORK/$1"
        mkdir -p "$d"
        $CHECK job "$HERE/$2" "$d/job.json"
        cp "$HERE/$2/expected/main.go" "$d/"
        echo "$d"
}
expect_line() { # expect_line DIR KIND CASE TEXT DESCRIPTION
        if $CHECK line "$1/answers.txt" "$2" "$3" "$4" > "$1/check.txt"; then
                ok "$5"
        else
                not_ok "$5 ($(head -1 "$1/check.txt"))" "$1"
        fi
}
expect_answers() { # expect_answers DIR PKG DESCRIPTION
        if $CHECK answers "$HERE/$2" "$1/answers.txt" > "$1/check.txt"; then
                ok "$3"
        else
                not_ok "$3 ($(head -1 "$1/check.txt" 2>/dev/null))" "$1"
        fi
}

# ---- every fixture ---------------------------------------------------------------------------

for pkg in "$HERE"/*/; do
        pkg=${pkg%/}
        [ -f "$pkg/problem.json" ] && [ -f "$pkg/submissions/accepted/solution.go" ] || continue
        slug=$(basename "$pkg")
        d=$(setup "fixture-$slug" "$slug")
        cp "$pkg/submissions/accepted/solution.go" "$d/"
        if gc "$d" && run "$d"; then
                expect_answers "$d" "$slug" "go: $slug"
        else
                not_ok "go: $slug (compile or run failed)" "$d"
        fi
done

# ---- error paths -----------------------------------------------------------------------------

# Compile errors name solution.go and the user's own lines and columns, imports added or not.
d=$(setup syntax rotate-image)
printf 'func rotate(matrix [][]int)  {\n    sort.Ints(matrix[0])\n    x := strings.Repeat("a", 2)\n    matrix[0][0] = undefinedName\n}\n' > "$d/solution.go"
if ! gc "$d" && grep -q "^solution.go:4:20: undefined: undefinedName" "$d/compile.txt" &&
        grep -q "^solution.go:3:5: declared and not used: x" "$d/compile.txt" && ! grep -q sort "$d/compile.txt"; then
        ok "go: compile errors name solution.go:4:20 with imports added"
else
        not_ok "go: compile errors name solution.go:4:20 with imports added" "$d"
fi
d=$(setup parse rotate-image)
printf '\nfunc rotate(matrix [][]int)  {\n    for {\n}\n' > "$d/solution.go"
if ! gc "$d" && grep -q "^solution.go:5:1: syntax error" "$d/compile.txt"; then
        ok "go: a syntax error names its line"
else
        not_ok "go: a syntax error names its line" "$d"
fi

# A file with its own package clause and imports is compiled as it is.
d=$(setup package max-pair-product)
printf 'package main\n\nimport "sort"\n\nfunc maxProduct(nums []int) int {\n    sort.Ints(nums)\n    n := len(nums)\n    a, b := nums[0]*nums[1], nums[n-1]*nums[n-2]\n    if a > b {\n        return a\n    }\n    return b\n}\n' > "$d/solution.go"
if gc "$d" && run "$d"; then
        expect_answers "$d" max-pair-product "go: a file with package and imports"
else
        not_ok "go: a file with package and imports" "$d"
fi

# A panic is an E line with the user's frames (solution.go and its lines).
d=$(setup panic rotate-image)
printf 'func rotate(matrix [][]int)  {\n    helper(matrix)\n}\n\nfunc helper(m [][]int) {\n    _ = m[10]\n}\n' > "$d/solution.go"
gc "$d" && run "$d"
expect_line "$d" E 0 "panic: runtime error: index out of range [10] with length" "go: a panic is an E line"
if grep -q 'solution.go:6' "$d/answers.txt" && grep -q 'solution.go:2' "$d/answers.txt" &&
        grep -q 'main.helper' "$d/answers.txt" && ! grep -q 'judge.go' "$d/answers.txt" && ! grep -q '^S 1' "$d/answers.txt"; then
        ok "go: the panic names the user's frames only; later cases not run"
else
        not_ok "go: the panic names the user's frames only; later cases not run" "$d"
fi

# Cycles in a returned list or tree are E lines.
d=$(setup cycle merge-two-sorted-lists)
printf 'func mergeTwoLists(a *ListNode, b *ListNode) *ListNode {\n    n := &ListNode{Val: 1}\n    n.Next = n\n    return n\n}\n' > "$d/solution.go"
gc "$d" && run "$d"
expect_line "$d" E 0 "Found cycle in the ListNode" "go: a cyclic ListNode answer is an E line"
d=$(setup treecycle invert-binary-tree)
printf 'func invertTree(root *TreeNode) *TreeNode {\n    if root != nil {\n        root.Left = root\n    }\n    return root\n}\n' > "$d/solution.go"
gc "$d" && run "$d"
expect_line "$d" E 0 "Found cycle in the TreeNode" "go: a cyclic TreeNode answer is an E line"

# A nil slice is [], nested ones too.
d=$(setup nil group-anagrams)
printf 'func groupAnagrams(strs []string) [][]string {\n    if len(strs) == 1 {\n        return [][]string{nil}\n    }\n    return nil\n}\n' > "$d/solution.go"
gc "$d" && run "$d"
if grep -q '^R 0 [0-9]* \[\]$' "$d/answers.txt" && grep -q '^R 1 [0-9]* \[\[\]\]$' "$d/answers.txt"; then
        ok "go: nil slices encode as []"
else
        not_ok "go: nil slices encode as []" "$d"
fi

# A parameter list other than the problem's is the submission's runtime error, not the judge's.
d=$(setup params rotate-image)
printf 'func rotate(matrix [][]int, n int)  {\n}\n' > "$d/solution.go"
gc "$d" && run "$d"
expect_line "$d" E 0 "rotate takes 2 parameter(s), the problem passes 1" "go: a wrong parameter count is an E line"
d=$(setup types rotate-image)
printf 'func rotate(matrix [][]string)  {\n}\n' > "$d/solution.go"
gc "$d" && run "$d"
expect_line "$d" E 0 "cannot use" "go: a parameter type that cannot hold the argument is an E line"

# Design classes: value receivers, and a Constructor returning a pointer, work too.
d=$(setup design lru-cache)
cat > "$d/solution.go" <<'GO'
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
gc "$d" && run "$d"
if grep -q '^R 0 ' "$d/answers.txt" && ! grep -q '^E' "$d/answers.txt"; then
        ok "go: value receivers and a pointer Constructor"
else
        not_ok "go: value receivers and a pointer Constructor" "$d"
fi

# fmt.Println goes to stdout; the channel is not inherited by children.
d=$(setup stdout max-pair-product)
cat > "$d/solution.go" <<'GO'
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
gc "$d" && run "$d"
if grep -q "^hello from 3$" "$d/stdout" && grep -q "^hello from -3$" "$d/stdout" &&
        grep -q '^R 0 [0-9]* 0$' "$d/answers.txt" && grep -q '^R 1 [0-9]* 0$' "$d/answers.txt" &&
        [ "$(wc -l < "$d/answers.txt")" = 5 ]; then
        ok "go: fmt.Println goes to stdout; fd 3 neither usable nor inherited"
else
        not_ok "go: fmt.Println goes to stdout; fd 3 neither usable nor inherited" "$d"
fi

# Doubles are written like Python's repr; bytes returned for a char are one-character strings.
d=$(setup doubles pow-x-n)
printf 'var i int\n\nfunc myPow(x float64, n int) float64 {\n    v := []float64{1024, 0.25, 1e16, 1.5e-5, 123456789.125, math.Copysign(0, -1), 0.1, 1e22, 0.0001, math.Inf(1)}\n    i++\n    return v[(i-1)%%10]\n}\n' > "$d/solution.go"
python3 -c '
import json
sig = json.load(open("'"$HERE"'/pow-x-n/problem.json"))["signature"]
json.dump({"signature": sig, "cases": [{"args": [2.0, 1]}] * 10}, open("'"$d"'/job.json", "w"))'
gc "$d" && run "$d"
got=$(grep '^R' "$d/answers.txt" | cut -d' ' -f4 | tr '\n' ' ')
if [ "$got" = "1024.0 0.25 1e+16 1.5e-05 123456789.125 -0.0 0.1 1e+22 0.0001 null " ]; then
        ok "go: doubles like Python's repr"
else
        not_ok "go: doubles like Python's repr (got $got)" "$d"
fi
d="$WORK/chars"
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
gc "$d" && run "$d"
if grep -q '^R 0 [0-9]* \["z","a","\\""\]$' "$d/answers.txt"; then
        ok "go: byte is a char both ways"
else
        not_ok "go: byte is a char both ways" "$d"
fi

# Deep recursion that LeetCode allows: a chain tree of 100000 nodes.
deep="$WORK/deep-tree"
mkdir -p "$deep/tests"
cp "$HERE/invert-binary-tree/problem.json" "$deep/"
python3 - "$deep" <<'PY'
import json, sys
n = 100000
chain = [1]
for v in range(2, n + 1):
    chain += [None, v]
inverted = [1]
for v in range(2, n + 1):
    inverted += [v, None]
json.dump([{"args": [chain], "expected": inverted[:-1]}], open(sys.argv[1] + "/tests/sample.json", "w"))
json.dump([], open(sys.argv[1] + "/tests/hidden.json", "w"))
PY
d="$WORK/deep"
mkdir -p "$d"
$CHECK job "$deep" "$d/job.json"
cp "$HERE/invert-binary-tree/expected/main.go" "$HERE/invert-binary-tree/submissions/accepted/solution.go" "$d/"
if gc "$d" && (ulimit -s 262144; run "$d") && $CHECK answers "$deep" "$d/answers.txt" > "$d/check.txt"; then
        ok "go: recursion 100000 deep works"
else
        not_ok "go: recursion 100000 deep works ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
fi

# Runaway recursion is a stack overflow (exit 2, "stack overflow" on stderr), not a memory limit.
d=$(setup overflow rotate-image)
printf 'func rotate(matrix [][]int)  {\n    rotate(matrix)\n}\n' > "$d/solution.go"
gc "$d" && (ulimit -s 262144; run "$d")
status=$?
if [ $status = 2 ] && grep -q "stack overflow" "$d/stderr" && grep -q "exceeds 67108864-byte limit" "$d/stderr"; then
        ok "go: runaway recursion stops at a quarter of RLIMIT_STACK"
else
        not_ok "go: runaway recursion stops at a quarter of RLIMIT_STACK (status $status)" "$d"
fi

# A bad job is an X line and exit status 2.
d=$(setup badjob rotate-image)
cp "$HERE/rotate-image/submissions/accepted/solution.go" "$d/"
echo '{"signature": {}, "cases": [{"args": [[["x"]]]}]' > "$d/job.json"
gc "$d" && run "$d"
status=$?
if [ $status = 2 ] && grep -q '^X "bad job' "$d/answers.txt" && ! grep -q '^S' "$d/answers.txt"; then
        ok "go: a bad job is an X line and exit 2"
else
        not_ok "go: a bad job is an X line and exit 2 (status $status)" "$d"
fi

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
