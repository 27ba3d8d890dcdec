#!/bin/bash
# Exercise the javascript harness on the host, without containers or the runner: every
# fixture package here with its submissions/accepted/solution.js, then error paths (syntax
# error, exceptions with the user's line numbers, missing binding, ES class and const arrow
# forms, stdout, fd 3 not inherited, cyclic answers, doubles, bad job, deep recursion).
# Needs node (Debian's nodejs). Prints TAP; exits 1 if anything failed.
#
#   test/harness/run-local-javascript.sh [-v]     (-v: show the harness's output of failed tests)
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
HARNESS="$ROOT/harness/javascript/harness.js"
CHECK="python3 $HERE/check.py"
VERBOSE=0
[ "${1:-}" = "-v" ] && VERBOSE=1
# The image's run flags (images/javascript/lang.json).
NODE_RUN=(node --stack-size=65500 --max-old-space-size=4096)

if ! command -v node > /dev/null; then
        echo "1..0 # SKIP node is not installed (apt-get install nodejs)"
        exit 0
fi

WORK=$(mktemp -d /tmp/judge-harness-js-XXXXXX)
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

run_js() { # run_js DIR: the run step in DIR (job.json there, fed as the runner does: lines on fd 4), channel to DIR/answers.txt
        # The runner's RLIMIT_STACK is the memory limit: room for --stack-size's 64 MB.
        (ulimit -s 262144 2> /dev/null || ulimit -s unlimited 2> /dev/null; cd "$1" && JUDGE_JOB_FD=4 JUDGE_CHANNEL_FD=3 timeout 60 "${NODE_RUN[@]}" "$HARNESS" \
                3> answers.txt 4< <($CHECK lines "$1/job.json") > stdout 2> stderr)
}
check_js() { # check_js DIR: the compile step
        (cd "$1" && node "$HARNESS" --check solution.js > compile.txt 2>&1)
}
setup() { # setup NAME PKG: a run directory with the package's job; prints it
        local d="$WORK/err-$1"
        mkdir -p "$d"
        $CHECK job "$HERE/$2" "$d/job.json"
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
                not_ok "$3 ($(head -1 "$1/check.txt"))" "$1"
        fi
}

# ---- every fixture ---------------------------------------------------------------------------

for pkg in "$HERE"/*/; do
        pkg=${pkg%/}
        [ -f "$pkg/problem.json" ] && [ -f "$pkg/submissions/accepted/solution.js" ] || continue
        slug=$(basename "$pkg")
        d="$WORK/js-$slug"
        mkdir -p "$d"
        cp "$pkg/submissions/accepted/solution.js" "$d/solution.js"
        $CHECK job "$pkg" "$d/job.json"
        if check_js "$d" && run_js "$d" && $CHECK answers "$pkg" "$d/answers.txt" > "$d/check.txt"; then
                ok "javascript: $slug"
        else
                not_ok "javascript: $slug ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
        fi
done

# ---- LeetCode's preloaded libraries (lang.json's "npm" pins, from the image build's cache) ----

# The tarballs images_npm_fetch keeps in the cache, unpacked as the image build does; the harness
# finds them by NODE_PATH here (in the image, by /opt/judge/node_modules).
CACHE=${JUDGE_CACHE_DIR:-$([ "$(id -u)" = 0 ] && echo /var/cache/judge || echo "$HOME/.cache/judge")}
MODS="$WORK/node_modules"
libs_ok=1
while IFS=$'\t' read -r name version; do
        file="$(echo "${name#@}" | tr / -)-$version.tgz"
        mkdir -p "$MODS/$name"
        tar -xzf "$CACHE/npm/$file" --strip-components=1 -C "$MODS/$name" 2> /dev/null || { libs_ok=0; echo "# missing $CACHE/npm/$file"; }
done < <(python3 -c 'import json,sys; [print(p["name"] + "\t" + p["version"]) for p in json.load(open(sys.argv[1]))["npm"]]' "$ROOT/images/javascript/lang.json")
if [ "$libs_ok" = 1 ] && NODE_PATH="$MODS" node "$HARNESS" --libraries; then
        ok "every npm pin of lang.json loads as a global (--libraries)"
else
        not_ok "the npm tarballs are not all in $CACHE/npm (judge images build javascript fetches them)"
fi
if NODE_PATH=/nonexistent node "$HARNESS" --libraries 2> "$WORK/libs.err"; then
        not_ok "--libraries fails without the libraries"
else
        grep -q "library missing: _ (lodash)" "$WORK/libs.err" && ok "--libraries fails, naming the library, without them" ||
                not_ok "--libraries names the missing library ($(head -1 "$WORK/libs.err"))"
fi
d=$(setup lodash rotate-image)
printf '/** lodash: the rows of the rotated matrix are the columns, read bottom up. */\nvar rotate = function(matrix) {\n    _.zip(..._.reverse([...matrix])).forEach((row, i) => { matrix[i] = row; });\n};\n' > "$d/solution.js"
if check_js "$d" && NODE_PATH="$MODS" run_js "$d" && $CHECK answers "$HERE/rotate-image" "$d/answers.txt" > "$d/check.txt"; then
        ok "javascript with lodash as _ (rotate-image with _.zip)"
else
        not_ok "javascript with lodash as _ (rotate-image with _.zip) ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
fi
for pair in merge-two-sorted-lists:min_priority_queue.js; do
        slug=${pair%%:*} sol=${pair#*:}
        d="$WORK/lib-$slug"
        mkdir -p "$d"
        cp "$ROOT/problems/$slug/submissions/accepted/$sol" "$d/solution.js"
        $CHECK job "$HERE/$slug" "$d/job.json"
        if check_js "$d" && NODE_PATH="$MODS" run_js "$d" && $CHECK answers "$HERE/$slug" "$d/answers.txt" > "$d/check.txt"; then
                ok "javascript with the preloaded libraries: problems/$slug/submissions/accepted/$sol"
        else
                not_ok "javascript with the preloaded libraries: $slug/$sol ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
        fi
done
d=$(setup own-queue group-anagrams)
printf 'class Queue { constructor() { this.mine = true; } }
const _ = null;
var groupAnagrams = function(strs) {
    return new Queue().mine && _ === null ? [strs] : [];
};
' > "$d/solution.js"
NODE_PATH="$MODS" run_js "$d"
expect_line "$d" R 0 '[["eat", "tea", "tan", "ate", "nat", "bat"]]' "the user's own class Queue and const _ shadow the globals"

# ---- error paths -----------------------------------------------------------------------------

d=$(setup syntax rotate-image)
printf 'var rotate = function(matrix) {\n    for (let i = 0; i < 3; i++ {\n    }\n};\n' > "$d/solution.js"
if ! check_js "$d" && grep -q "^Line 2: SyntaxError" "$d/compile.txt" && grep -q "for (let i = 0; i < 3; i++ {" "$d/compile.txt" &&
        ! grep -q "harness.js" "$d/compile.txt"; then
        ok "syntax error: CE names the user's line, shows it, no harness frames"
else
        not_ok "syntax error: CE names the user's line, shows it, no harness frames" "$d"
fi

d=$(setup index rotate-image)
printf 'var rotate = function(matrix) {\n    helper(matrix);\n};\n\nfunction helper(m) {\n    return m[10].length;\n}\n' > "$d/solution.js"
check_js "$d" && run_js "$d"
expect_line "$d" E 0 "TypeError: Cannot read properties of undefined" "an exception is an E line"
if grep -q 'Line 6: Char 18 in solution.js (helper)' "$d/answers.txt" && grep -q 'Line 2: Char 5 in solution.js (rotate)' "$d/answers.txt" &&
        ! grep -q 'harness.js' "$d/answers.txt" && ! grep -q '^S 1' "$d/answers.txt"; then
        ok "the user's frames with their lines, none of the harness's; later cases not run"
else
        not_ok "the user's frames with their lines, none of the harness's; later cases not run" "$d"
fi

d=$(setup throw rotate-image)
printf 'var rotate = function(matrix) {\n    throw "boom";\n};\n' > "$d/solution.js"
run_js "$d"
expect_line "$d" E 0 "Uncaught 'boom'" "a thrown string is an E line"

d=$(setup recursion rotate-image)
printf 'var rotate = function(matrix) {\n    return rotate(matrix);\n};\n' > "$d/solution.js"
run_js "$d"
expect_line "$d" E 0 "RangeError: Maximum call stack size exceeded" "infinite recursion is a RangeError E line"

d=$(setup nobinding lru-cache)
printf 'var LRU = function(c) {};\n' > "$d/solution.js"
run_js "$d"
expect_line "$d" E 0 "ReferenceError: LRUCache is not defined" "a missing design class is a ReferenceError"

d=$(setup module max-pair-product)
printf 'undefinedFunction();\nvar maxProduct = function(nums) { return 0; };\n' > "$d/solution.js"
run_js "$d"
expect_line "$d" E 0 "Line 1: Char 1 in solution.js" "an exception at load time is an E line of case 0 with its line"

# The three ways LeetCode users declare a function, and an ES class for a design problem.
for form in "function maxProduct(nums) {" "const maxProduct = (nums) => {" "let maxProduct = function(nums) {"; do
        d="$WORK/form-$(echo "$form" | cut -d' ' -f1)"
        mkdir -p "$d"
        $CHECK job "$HERE/max-pair-product" "$d/job.json"
        printf '%s\n    nums.sort((a, b) => a - b);\n    const n = nums.length;\n    return Math.max(nums[0] * nums[1], nums[n - 1] * nums[n - 2]);\n}\n' "$form" > "$d/solution.js"
        run_js "$d"
        expect_answers "$d" max-pair-product "declared as '$form'"
done
d=$(setup esclass lru-cache)
cat > "$d/solution.js" <<'EOF'
class LRUCache {
    constructor(capacity) {
        this.capacity = capacity;
        this.map = new Map();
    }
    get(key) {
        if (!this.map.has(key)) return -1;
        const v = this.map.get(key);
        this.map.delete(key);
        this.map.set(key, v);
        return v;
    }
    put(key, value) {
        this.map.delete(key);
        this.map.set(key, value);
        if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value);
    }
}
EOF
run_js "$d"
expect_answers "$d" lru-cache "an ES class for a design problem"

# stdout is the user's; the channel is not fd 3 and not inherited by child processes.
d=$(setup stdout max-pair-product)
cat > "$d/solution.js" <<'EOF'
var maxProduct = function(nums) {
    console.log("hello from", nums[0]);
    let wrote = false;
    try { require("fs").writeSync(3, "R 0 0 12345\n"); wrote = true; } catch (e) {}
    const r = require("child_process").spawnSync("sh", ["-c", "echo x >&3"]);
    return wrote ? -1 : r.status === 0 ? -2 : 0;
};
EOF
sed -i 's/require("fs")/process.mainModule.require("fs")/; s/require("child_process")/process.mainModule.require("child_process")/' "$d/solution.js"
run_js "$d"
if grep -q "^hello from 3$" "$d/stdout" && grep -q '^R 0 [0-9]* 0$' "$d/answers.txt" && grep -q '^R 1 [0-9]* 0$' "$d/answers.txt"; then
        ok "console.log goes to stdout; fd 3 neither usable nor inherited"
else
        not_ok "console.log goes to stdout; fd 3 neither usable nor inherited" "$d"
fi

# The predefined names are LeetCode's; the harness's own names are not reachable.
d=$(setup names merge-two-sorted-lists)
cat > "$d/solution.js" <<'EOF'
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
run_js "$d"
expect_answers "$d" merge-two-sorted-lists "ListNode/TreeNode are LeetCode's, the harness's names are hidden"

d=$(setup cycle merge-two-sorted-lists)
printf 'var mergeTwoLists = function(a, b) {\n    const n = new ListNode(1);\n    n.next = n;\n    return n;\n};\n' > "$d/solution.js"
run_js "$d"
expect_line "$d" E 0 "Found cycle in the ListNode" "a cyclic ListNode answer is an E line"

d=$(setup doubles pow-x-n)
printf 'var myPow = function(x, n) {\n    return n === 10 ? NaN : n === -2 ? 1e-7 : 2;\n};\n' > "$d/solution.js"
run_js "$d"
if grep -q '^R 0 [0-9]* null$' "$d/answers.txt" && grep -q '^R 1 [0-9]* 1e-07$' "$d/answers.txt" &&
        grep -q '^R 2 [0-9]* 2.0$' "$d/answers.txt"; then
        ok "doubles like Python's repr: NaN null, 2 as 2.0, 1e-07"
else
        not_ok "doubles like Python's repr: NaN null, 2 as 2.0, 1e-07" "$d"
fi

d=$(setup badjob rotate-image)
echo '{"signature": {"kind": "function", "name": "rotate", "params": [{"name": "m", "type": "int[][]"}], "returns": "void", "output_param": 0}, "cases": [{"args": [[["x"]]]}]}' > "$d/job.json"
cp "$HERE/rotate-image/submissions/accepted/solution.js" "$d/" 2> /dev/null || printf 'var rotate = function(m) {};\n' > "$d/solution.js"
run_js "$d"
status=$?
if [ $status = 2 ] && grep -q '^X "bad job' "$d/answers.txt" && ! grep -q '^S' "$d/answers.txt"; then
        ok "a bad job is an X line and exit 2"
else
        not_ok "a bad job is an X line and exit 2 (status $status)" "$d"
fi

# Deep recursion that LeetCode allows: a chain tree of 100000 nodes, recursive solution.
deep_pkg="$WORK/deep-tree"
mkdir -p "$deep_pkg/tests"
cp "$HERE/invert-binary-tree/problem.json" "$deep_pkg/"
python3 - "$deep_pkg" <<'EOF'
import json, sys
n = 100000
chain = [1]
for v in range(2, n + 1):
    chain += [None, v]
inverted = [1]
for v in range(2, n + 1):
    inverted += [v, None]
inverted = inverted[:-1]
json.dump([{"args": [chain], "expected": inverted}], open(sys.argv[1] + "/tests/sample.json", "w"))
json.dump([], open(sys.argv[1] + "/tests/hidden.json", "w"))
EOF
d="$WORK/js-deep"
mkdir -p "$d"
printf 'var invertTree = function(root) {\n    if (root === null) return null;\n    const l = invertTree(root.left);\n    root.left = invertTree(root.right);\n    root.right = l;\n    return root;\n};\n' > "$d/solution.js"
$CHECK job "$deep_pkg" "$d/job.json"
if run_js "$d" && $CHECK answers "$deep_pkg" "$d/answers.txt" > "$d/check.txt"; then
        ok "recursion 100000 deep works"
else
        not_ok "recursion 100000 deep works ($(head -1 "$d/check.txt"))" "$d"
fi

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
