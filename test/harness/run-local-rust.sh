#!/bin/bash
# Exercise the Rust harness on the host, without containers or the runner: build the harness
# rlib and compile each fixture's solution.rs with its golden main.rs (expected/main.rs, the
# output of lib/lang/codegen_rust.c that test/unit/test-codegen-rust.c checks) using the flags of
# images/rust/lang.json, run it with the channel on fd 3 going to a file, and check the answers
# against the package's expected values; then the error paths (compile errors with the user's
# lines, panics, overflow, memory, deep recursion, a bad job, ...) and LeetCode conventions
# (repeated use lines, impl Ord for ListNode, &self methods, reference parameters).
# Prints TAP; exits 1 if anything failed.
#
#   test/harness/run-local-rust.sh [-v]     (-v: show the harness's output of failed tests)
#   RUSTC=/path/to/rustc                     (default: Debian's /usr/bin/rustc, the image's)
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CHECK="python3 $HERE/check.py"
VERBOSE=0
[ "${1:-}" = "-v" ] && VERBOSE=1
RUSTC=${RUSTC:-/usr/bin/rustc}
if ! [ -x "$RUSTC" ]; then
        echo "1..0 # SKIP no rustc at $RUSTC (apt-get install rustc)"
        exit 0
fi

WORK=$(mktemp -d /tmp/judge-harness-rust-XXXXXX)
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

# The image's prepare and compile argv (images/rust/lang.json), with its /opt/judge/harness here.
INC="$WORK/opt-harness"
mkdir -p "$INC"
cp "$ROOT"/harness/rust/* "$INC/"
lang_argv() { # lang_argv prepare|compile: one argument per line
        python3 - "$ROOT/images/rust/lang.json" "$1" "$INC" "$RUSTC" <<'EOF'
import json, sys
lang = json.load(open(sys.argv[1]))
# prepare: the step that builds the harness rlib (the one before it checks the image's version)
argv = [s for s in lang["prepare"] if s[0] == "rustc"][0] if sys.argv[2] == "prepare" else lang["compile"]
for a in argv:
    a = a.replace("/opt/judge/harness", sys.argv[3])
    print(sys.argv[4] if a == "rustc" else a)
EOF
}
mapfile -t PREPARE < <(lang_argv prepare)
mapfile -t COMPILE < <(lang_argv compile)

if "${PREPARE[@]}" > "$WORK/prepare.txt" 2>&1 && ! grep -q . "$WORK/prepare.txt"; then
        ok "rust: judge_harness.rs builds into an rlib without a warning"
else
        not_ok "rust: judge_harness.rs builds into an rlib without a warning"
        sed 's/^/#   /' "$WORK/prepare.txt"
fi

rsc() { # rsc DIR: compile DIR/main.rs as the image would
        (cd "$1" && "${COMPILE[@]}") > "$1/compile.txt" 2>&1
}
run_rs() { # run_rs DIR: the run step in DIR (job.json there, fed as the runner does: lines on fd 4), channel to DIR/answers.txt
        (cd "$1" && JUDGE_JOB_FD=4 JUDGE_CHANNEL_FD=3 timeout 60 ./main 3> answers.txt 4< <($CHECK lines "$1/job.json") > stdout 2> stderr) 2> /dev/null
}

# ---- every fixture -----------------------------------------------------------------------------

for pkg in "$HERE"/*/; do
        pkg=${pkg%/}
        [ -f "$pkg/problem.json" ] && [ -f "$pkg/submissions/accepted/solution.rs" ] || continue
        slug=$(basename "$pkg")
        d="$WORK/rs-$slug"
        mkdir -p "$d"
        cp "$pkg/submissions/accepted/solution.rs" "$pkg/expected/main.rs" "$d/"
        $CHECK job "$pkg" "$d/job.json"
        start=$(date +%s%N)
        if rsc "$d"; then
                ms=$((($(date +%s%N) - start) / 1000000))
                if run_rs "$d" && $CHECK answers "$pkg" "$d/answers.txt" > "$d/check.txt"; then
                        ok "rust: $slug (compiled in $ms ms)"
                else
                        not_ok "rust: $slug ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
                fi
        else
                not_ok "rust: $slug does not compile" "$d"
        fi
done

# ---- error paths and conventions ------------------------------------------------------------------

setup() { # setup NAME PKG: a directory with the package's job and glue; prints it
        local d="$WORK/rs-err-$1"
        mkdir -p "$d"
        $CHECK job "$HERE/$2" "$d/job.json"
        cp "$HERE/$2/expected/main.rs" "$d/main.rs"
        echo "$d"
}
expect_line() { # expect_line DIR KIND CASE TEXT DESCRIPTION
        if $CHECK line "$1/answers.txt" "$2" "$3" "$4" > "$1/check.txt"; then
                ok "$5"
        else
                not_ok "$5 ($(head -1 "$1/check.txt"))" "$1"
        fi
}
expect_answers() { # expect_answers DIR PKG DESCRIPTION: compiles, runs, every answer right
        if rsc "$1" && run_rs "$1" && $CHECK answers "$HERE/$2" "$1/answers.txt" > "$1/check.txt"; then
                ok "$3"
        else
                not_ok "$3 ($(head -1 "$1/check.txt" 2>/dev/null))" "$1"
        fi
}

# Compile errors name solution.rs with the user's own lines; warnings do not fail.
d=$(setup syntax rotate-image)
printf 'impl Solution {\n    pub fn rotate(matrix: &mut Vec<Vec<i32>>) {\n        let unused = 1;\n        matrix[0][0] = undefined_name;\n    }\n}\n' > "$d/solution.rs"
if ! rsc "$d" && grep -q "^ *--> solution.rs:4:24" "$d/compile.txt" &&
        grep -q "cannot find value .undefined_name." "$d/compile.txt"; then
        ok "rust: compile error names solution.rs:4:24"
else
        not_ok "rust: compile error names solution.rs:4:24" "$d"
fi
d=$(setup warning rotate-image)
printf 'impl Solution {\n    pub fn rotate(matrix: &mut Vec<Vec<i32>>) {\n        let unused = 1;\n        let n = matrix.len();\n        for i in 0..n { for j in i + 1..n { let t = matrix[i][j]; matrix[i][j] = matrix[j][i]; matrix[j][i] = t; } }\n        for r in matrix.iter_mut() { r.reverse(); }\n    }\n}\n' > "$d/solution.rs"
if rsc "$d" && grep -q "warning: unused variable" "$d/compile.txt" && ! grep -q "main.rs" "$d/compile.txt"; then
        ok "rust: warnings name the user's code only and do not fail the compile"
else
        not_ok "rust: warnings name the user's code only and do not fail the compile" "$d"
fi
d=$(setup badname rotate-image)
printf 'impl Solution {\n    pub fn rotate_it(matrix: &mut Vec<Vec<i32>>) {}\n}\n' > "$d/solution.rs"
if ! rsc "$d" && grep -q "no function or associated item named .rotate. found" "$d/compile.txt"; then
        ok "rust: a misnamed method is a compile error naming the expected method"
else
        not_ok "rust: a misnamed method is a compile error naming the expected method" "$d"
fi

# LeetCode's predefined use lines, repeated by the user in every spelling, still compile.
d=$(setup uses invert-binary-tree)
cat > "$d/solution.rs" <<'EOF'
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
expect_answers "$d" invert-binary-tree "rust: repeated and extra use lines compile (Rc, RefCell, collections::*)"

# Deriving and implementing std traits for ListNode (a BinaryHeap of nodes) is allowed.
d=$(setup ord merge-two-sorted-lists)
cat > "$d/solution.rs" <<'EOF'
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
expect_answers "$d" merge-two-sorted-lists "rust: impl Ord for ListNode, ListNode::new (private, as on LeetCode)"

# LeetCode's design stub takes &self: interior mutability works, and so does &mut self.
d=$(setup refcell lru-cache)
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
expect_answers "$d" lru-cache "rust: a design class with &self methods (RefCell inside), LeetCode's trailing doc comment"

# Reference parameters: &str, &[T], &Vec<Vec<char>> are passed as the user declares them.
d=$(setup refs word-search)
cat > "$d/solution.rs" <<'EOF'
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
expect_answers "$d" word-search "rust: reference parameters (&Vec<Vec<char>>, &str)"

# An in-place parameter taken by value cannot give its answer: an E line that says why.
d=$(setup byvalue rotate-image)
printf 'impl Solution {\n    pub fn rotate(mut matrix: Vec<Vec<i32>>) {\n        matrix.reverse();\n    }\n}\n' > "$d/solution.rs"
rsc "$d" && run_rs "$d"
expect_line "$d" E 0 "declare the parameter" "rust: an in-place parameter taken by value is an E line"

# A panic is an E line in the form rustc prints, with the user's file, line and column; the
# later cases are not run.
d=$(setup panic rotate-image)
printf 'impl Solution {\n    pub fn rotate(matrix: &mut Vec<Vec<i32>>) {\n        println!("before");\n        let v = vec![1, 2, 3];\n        matrix[0][0] = v[matrix.len() + 10];\n    }\n}\n' > "$d/solution.rs"
rsc "$d" && run_rs "$d"
expect_line "$d" E 0 "index out of bounds: the len is 3 but the index is 13" "rust: a panic is an E line with its message"
if grep -q 'solution.rs:5:24' "$d/answers.txt" && ! grep -q '^S 1' "$d/answers.txt" &&
        grep -q "^before$" "$d/stdout" && ! grep -q panicked "$d/stderr"; then
        ok "rust: the E line names solution.rs:5:24; later cases not run; stdout kept, stderr clean"
else
        not_ok "rust: the E line names solution.rs:5:24; later cases not run; stdout kept, stderr clean" "$d"
fi

# Integer overflow panics, as on LeetCode (overflow checks on).
d=$(setup overflow max-pair-product)
printf 'impl Solution {\n    pub fn max_product(nums: Vec<i64>) -> i64 {\n        let mut x: i32 = i32::MAX;\n        x += nums.len() as i32;\n        x as i64\n    }\n}\n' > "$d/solution.rs"
rsc "$d" && run_rs "$d"
expect_line "$d" E 0 "attempt to add with overflow" "rust: integer overflow is a runtime error"

# Running out of memory is an M line.
d=$(setup memory rotate-image)
printf 'impl Solution {\n    pub fn rotate(matrix: &mut Vec<Vec<i32>>) {\n        let v = vec![7u8; 1 << 46];\n        matrix[0][0] = v[12345] as i32;\n    }\n}\n' > "$d/solution.rs"
rsc "$d" && run_rs "$d"
expect_line "$d" M 0 "memory allocation of" "rust: a failed allocation is an M line"

# A value that does not fit the type the user declared (i32 for long) is the user's runtime
# error, not the judge's.
d=$(setup narrow max-pair-product)
printf 'impl Solution {\n    pub fn max_product(nums: Vec<i32>) -> i64 {\n        0\n    }\n}\n' > "$d/solution.rs"
rsc "$d" && run_rs "$d"
expect_line "$d" E 0 "4000000000 does not fit in i32" "rust: an argument that does not fit the declared type is an E line"

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
d="$WORK/rs-deep"
mkdir -p "$d"
cp "$HERE/invert-binary-tree/submissions/accepted/solution.rs" "$HERE/invert-binary-tree/expected/main.rs" "$d/"
$CHECK job "$deep_pkg" "$d/job.json"
if rsc "$d" && run_rs "$d" && $CHECK answers "$deep_pkg" "$d/answers.txt" > "$d/check.txt"; then
        ok "rust: recursion 100000 deep works"
else
        not_ok "rust: recursion 100000 deep works ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
fi

# Infinite recursion overflows the stack: the process aborts with Rust's message on stderr
# (the runner reports it as a runtime error with the tail of stderr).
d=$(setup stack rotate-image)
printf 'impl Solution {\n    pub fn rotate(matrix: &mut Vec<Vec<i32>>) {\n        Self::rotate(matrix);\n        matrix.push(vec![1]);\n    }\n}\n' > "$d/solution.rs"
rsc "$d" && run_rs "$d"
status=$?
if [ $status -ne 0 ] && grep -q "overflowed its stack" "$d/stderr" && ! grep -q '^R' "$d/answers.txt"; then
        ok "rust: a stack overflow aborts with Rust's message (status $status)"
else
        not_ok "rust: a stack overflow aborts with Rust's message (status $status)" "$d"
fi

# print goes to stdout, not the channel; fd 3 is neither usable nor inherited.
d=$(setup stdout max-pair-product)
cat > "$d/solution.rs" <<'EOF'
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
rsc "$d" && run_rs "$d"
if grep -q "^hello from 3$" "$d/stdout" && grep -q "^hello from -3$" "$d/stdout" &&
        grep -q '^R 0 [0-9]* 0$' "$d/answers.txt" && grep -q '^R 1 [0-9]* 0$' "$d/answers.txt" &&
        ! grep -q hello "$d/answers.txt"; then
        ok "rust: print goes to stdout; fd 3 neither usable nor inherited"
else
        not_ok "rust: print goes to stdout; fd 3 neither usable nor inherited" "$d"
fi

# The case's CPU time is exact even under RLIMIT_CPU (set by the runner), which makes the
# process CPU clock advance at scheduler ticks only: a sub-tick case must not read 0.
d=$(setup cputime max-pair-product)
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
rsc "$d" && (ulimit -t 100 && run_rs "$d")
if $CHECK answers "$HERE/max-pair-product" "$d/answers.txt" > "$d/check.txt" && ! grep -q '^R [0-9]* 0 ' "$d/answers.txt"; then
        ok "rust: a sub-tick case's CPU time is not 0 under RLIMIT_CPU ($(grep '^R 0' "$d/answers.txt" | cut -d' ' -f3) us)"
else
        not_ok "rust: a sub-tick case's CPU time is not 0 under RLIMIT_CPU" "$d"
fi

# A forked copy of the harness never answers.
d=$(setup fork max-pair-product)
cat > "$d/solution.rs" <<'EOF'
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
expect_answers "$d" max-pair-product "rust: a forked child of the harness does not answer"

# A cyclic tree answer is an E line, not a hang.
d=$(setup cycle invert-binary-tree)
printf 'impl Solution {\n    pub fn invert_tree(root: Option<Rc<RefCell<TreeNode>>>) -> Option<Rc<RefCell<TreeNode>>> {\n        let n = Rc::new(RefCell::new(TreeNode::new(1)));\n        n.borrow_mut().left = Some(n.clone());\n        Some(n)\n    }\n}\n' > "$d/solution.rs"
rsc "$d" && run_rs "$d"
expect_line "$d" E 0 "Found cycle in the TreeNode" "rust: a cyclic TreeNode answer is an E line"

# Doubles are written like Python's repr; strings keep their UTF-8 and escapes.
d=$(setup doubles pow-x-n)
printf 'impl Solution {\n    pub fn my_pow(x: f64, n: i32) -> f64 {\n        if n == 10 { 1e16 } else if n == 3 { f64::NAN } else if n == 2 { 1.5e-7 } else { x.powi(n) }\n    }\n}\n' > "$d/solution.rs"
rsc "$d" && run_rs "$d"
if grep -q '^R 0 [0-9]* 1e+16$' "$d/answers.txt" && grep -q '^R 1 [0-9]* 0.25$' "$d/answers.txt" &&
        grep -q '^R 2 [0-9]* null$' "$d/answers.txt" && grep -q '^R 3 [0-9]* 1.5e-07$' "$d/answers.txt"; then
        ok "rust: doubles as Python's repr (1e+16, 1.5e-07, 0.25), NaN as null"
else
        not_ok "rust: doubles as Python's repr (1e+16, 1.5e-07, 0.25), NaN as null" "$d"
fi
d=$(setup strings group-anagrams)
python3 - "$d/job.json" <<'EOF'
import json, sys
job = json.load(open(sys.argv[1]))
job["cases"] = [{"args": [["h\u00e9", "\u00e9h", "tab\there", "q\"uote\\", "\u0001", "\U0001F600x", ""]]}]
json.dump(job, open(sys.argv[1], "w"))
EOF
printf 'impl Solution {\n    pub fn group_anagrams(strs: Vec<String>) -> Vec<Vec<String>> {\n        vec![strs]\n    }\n}\n' > "$d/solution.rs"
rsc "$d" && run_rs "$d"
if python3 - "$d/answers.txt" <<'EOF'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
want = [["h\u00e9", "\u00e9h", "tab\there", "q\"uote\\", "\u0001", "\U0001F600x", ""]]
sys.exit(0 if len(lines) == 2 and lines[1].startswith("R 0 ") and json.loads(lines[1].split(" ", 3)[3]) == want else 1)
EOF
then
        ok "rust: strings round-trip (UTF-8, surrogate pairs, escapes, control characters)"
else
        not_ok "rust: strings round-trip (UTF-8, surrogate pairs, escapes, control characters)" "$d"
fi

# A bad job is an X line and exit status 2; so is an unknown method of a class.
d=$(setup badjob rotate-image)
echo '{"signature": {"kind": "function", "name": "rotate", "params": [{"name": "m", "type": "int[][]"}], "returns": "void", "output_param": 0}, "cases": [{"args": [[[1]], 2]}]}' > "$d/job.json"
cp "$HERE/rotate-image/submissions/accepted/solution.rs" "$d/"
rsc "$d" && run_rs "$d"
status=$?
if [ $status = 2 ] && grep -q '^X "bad job' "$d/answers.txt" && ! grep -q '^S' "$d/answers.txt"; then
        ok "rust: a bad job is an X line and exit 2"
else
        not_ok "rust: a bad job is an X line and exit 2 (status $status)" "$d"
fi
d=$(setup badmethod lru-cache)
echo '{"signature": {}, "cases": [{"calls": ["LRUCache", "evict"], "args": [[1], []]}]}' > "$d/job.json"
cp "$HERE/lru-cache/submissions/accepted/solution.rs" "$d/"
rsc "$d" && run_rs "$d"
status=$?
if [ $status = 2 ] && grep -q '^X "bad job: case 0: unknown method evict' "$d/answers.txt"; then
        ok "rust: an unknown method is an X line"
else
        not_ok "rust: an unknown method is an X line (status $status)" "$d"
fi

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
