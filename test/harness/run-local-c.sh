#!/bin/bash
# Exercise the C harness on the host, without containers or the runner: for every fixture
# package here, compile the accepted solution.c with the package's golden glue (expected/main.c
# and expected/judge_proto.h, checked by test/unit/test-codegen-c.c) as the image's compile step
# does, run it with the channel on fd 3 going to a file, and check the answers; then error paths
# (compile errors and their lines, wrong signatures, crashes, cycles, freeing, stdout, a bad job).
# Prints TAP; exits 1 if anything failed.
#
#   test/harness/run-local-c.sh [-v]     (-v: show the harness's output of failed tests)
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CHECK="python3 $HERE/check.py"
VERBOSE=0
[ "${1:-}" = "-v" ] && VERBOSE=1

WORK=$(mktemp -d /tmp/judge-harness-c-XXXXXX)
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

# The image's harness directory and compile step (images/c/lang.json), with /opt/judge/harness
# replaced by a copy here.
INC="$WORK/opt-harness"
mkdir -p "$INC"
cp "$ROOT"/harness/c/* "$INC/"
prepare=$(python3 -c 'import json,sys; print("\n".join(" ".join(s) for s in json.load(open(sys.argv[1]))["prepare"]))' "$ROOT/images/c/lang.json")
command -v gcc-14 > /dev/null || prepare=${prepare//gcc-14/gcc}
if (cd "$INC" && eval "${prepare//\/opt\/judge\/harness/$INC}") > "$WORK/prepare.txt" 2>&1 && ! grep -q . "$WORK/prepare.txt"; then
        ok "c: judge.c compiles without a warning (image prepare step)"
else
        not_ok "c: judge.c compiles without a warning (image prepare step)"
        sed 's/^/#   /' "$WORK/prepare.txt"
fi
mapfile -t COMPILE < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["compile"]))' "$ROOT/images/c/lang.json")
COMPILE=("${COMPILE[@]//\/opt\/judge\/harness/$INC}")
# The image's compiler is gcc-14 (Debian 13); a host without it (Debian 12) uses its gcc, with
# the image's flags (gnu11, -O1, AddressSanitizer) and the image's ASAN_OPTIONS.
if ! command -v gcc-14 > /dev/null; then
        echo "# no gcc-14 on this host: $(gcc -dumpfullversion) as gcc"
        COMPILE=("${COMPILE[@]/#gcc-14/gcc}")
fi
export "$(python3 -c 'import json,sys; print(next(e for e in json.load(open(sys.argv[1]))["env"] if e.startswith("ASAN_OPTIONS=")))' "$ROOT/images/c/lang.json")"

cc() { # cc DIR: the compile step in DIR
        (cd "$1" && "${COMPILE[@]}") > "$1/compile.txt" 2>&1
}
run() { # run DIR: the run step in DIR (job.json there, fed as the runner does: lines on fd 4), channel to DIR/answers.txt
        (cd "$1" && JUDGE_JOB_FD=4 JUDGE_CHANNEL_FD=3 timeout 60 ./main 3> answers.txt 4< <($CHECK lines "$1/job.json") > stdout 2> stderr)
}
setup() { # setup NAME PKG: a directory with the package's job and glue; prints it
        local d="$WORK/$1"
        mkdir -p "$d"
        $CHECK job "$HERE/$2" "$d/job.json"
        cp "$HERE/$2/expected/main.c" "$HERE/$2/expected/judge_proto.h" "$d/"
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
        [ -f "$pkg/problem.json" ] && [ -f "$pkg/submissions/accepted/solution.c" ] || continue
        slug=$(basename "$pkg")
        d=$(setup "fixture-$slug" "$slug")
        cp "$pkg/submissions/accepted/solution.c" "$d/"
        if cc "$d" && ! grep -q . "$d/compile.txt" && run "$d"; then
                expect_answers "$d" "$slug" "c: $slug"
        else
                not_ok "c: $slug (compile or run failed)" "$d"
        fi
done

# ---- error paths -----------------------------------------------------------------------------

# Compile errors name solution.c and the user's own lines.
d=$(setup syntax rotate-image)
printf 'void rotate(int** matrix, int matrixSize, int* matrixColSize) {\n    int unused;\n    matrix[0][0] = undefined_name;\n}\n' > "$d/solution.c"
if ! cc "$d" && grep -q "^solution.c:3:20: error: .undefined_name. undeclared" "$d/compile.txt"; then
        ok "c: compile error names solution.c:3:20"
else
        not_ok "c: compile error names solution.c:3:20" "$d"
fi

# A signature other than LeetCode's is a compile error in solution.c, not a crash.
d=$(setup signature rotate-image)
printf '\nvoid rotate(int** matrix, int matrixSize) {\n}\n' > "$d/solution.c"
if ! cc "$d" && grep -q "^solution.c:2:6: error: conflicting types for .rotate." "$d/compile.txt"; then
        ok "c: a wrong signature is a compile error at the user's line"
else
        not_ok "c: a wrong signature is a compile error at the user's line" "$d"
fi

# LeetCode's predefined headers (and uthash) need no #include.
d=$(setup headers max-pair-product)
cat > "$d/solution.c" <<'C'
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
if cc "$d" && run "$d"; then
        expect_answers "$d" max-pair-product "c: predefined headers and uthash"
else
        not_ok "c: predefined headers and uthash" "$d"
fi

# A crash is the runner's business: the harness dies by the signal, after the S line.
d=$(setup segv invert-binary-tree)
printf 'struct TreeNode* invertTree(struct TreeNode* root) {\n    return *(struct TreeNode**)16;\n}\n' > "$d/solution.c"
cc "$d" && run "$d"
status=$?
if [ $status = 139 ] && grep -q '^S 0$' "$d/answers.txt" && ! grep -q '^R' "$d/answers.txt"; then
        ok "c: a segfault kills the harness after S 0"
else
        not_ok "c: a segfault kills the harness after S 0 (status $status)" "$d"
fi

# Cycles in a returned list or tree are E lines.
d=$(setup cycle merge-two-sorted-lists)
printf 'struct ListNode* mergeTwoLists(struct ListNode* a, struct ListNode* b) {\n    if (a) a->next = a;\n    return a ? a : b;\n}\n' > "$d/solution.c"
cc "$d" && run "$d"
expect_line "$d" E 0 "Found cycle in the ListNode" "c: a cyclic ListNode answer is an E line"
d=$(setup treecycle invert-binary-tree)
printf 'struct TreeNode* invertTree(struct TreeNode* root) {\n    if (root) root->left = root;\n    return root;\n}\n' > "$d/solution.c"
cc "$d" && run "$d"
expect_line "$d" E 0 "Found cycle in the TreeNode" "c: a cyclic TreeNode answer is an E line"

# Freeing: the user may free inputs, return inputs, literals, or pointers into blocks.
d=$(setup freeing group-anagrams)
cat > "$d/solution.c" <<'C'
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
if cc "$d" && run "$d"; then
        expect_answers "$d" group-anagrams "c: freed inputs, returned inputs, literals, interior and static pointers"
else
        not_ok "c: freed inputs, returned inputs, literals, interior and static pointers (status $?)" "$d"
fi

# Results are freed: a leak-free loop over many cases does not grow.
big="$WORK/big-pkg"
mkdir -p "$big/tests"
cp "$HERE/group-anagrams/problem.json" "$big/"
python3 - "$big" <<'PY'
import json, sys
words = ["w%05d" % i for i in range(20000)]
case = {"args": [words], "expected": [[w] for w in words]}
json.dump([case] * 40, open(sys.argv[1] + "/tests/sample.json", "w"))
json.dump([], open(sys.argv[1] + "/tests/hidden.json", "w"))
PY
d="$WORK/memory"
mkdir -p "$d"
$CHECK job "$big" "$d/job.json"
cp "$HERE/group-anagrams/expected/main.c" "$HERE/group-anagrams/expected/judge_proto.h" "$d/"
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
if cc "$d" && (cd "$d" && JUDGE_JOB_FD=4 /usr/bin/time -f "%M" -o rss.txt ./main 3> answers.txt 4< <($CHECK lines "$d/job.json") > stdout 2> stderr) &&
        [ "$(grep -c '^R' "$d/answers.txt")" = 40 ] && [ "$(tail -1 "$d/rss.txt")" -lt 150000 ]; then
        ok "c: results are freed after each case (peak RSS $(tail -1 "$d/rss.txt") KiB over 40 x 20 MB)"
else
        not_ok "c: results are freed after each case (peak RSS $(tail -1 "$d/rss.txt" 2>/dev/null) KiB)" "$d"
fi

# Array results: NULL with a size, or unset column sizes, are E lines; an unset size is [].
d=$(setup nullarray group-anagrams)
printf 'char*** groupAnagrams(char** strs, int strsSize, int* returnSize, int** returnColumnSizes) {\n    *returnSize = 2;\n    return NULL;\n}\n' > "$d/solution.c"
cc "$d" && run "$d"
expect_line "$d" E 0 "NULL but its size is 2" "c: a NULL array with a size is an E line"
d=$(setup nocols group-anagrams)
printf 'char*** groupAnagrams(char** strs, int strsSize, int* returnSize, int** returnColumnSizes) {\n    *returnSize = 1;\n    return malloc(8);\n}\n' > "$d/solution.c"
cc "$d" && run "$d"
expect_line "$d" E 0 "returnColumnSizes" "c: unset returnColumnSizes is an E line"

# printf goes to stdout, flushed per case; fd 3 is not inherited.
d=$(setup stdout max-pair-product)
cat > "$d/solution.c" <<'C'
#include <unistd.h>
long long maxProduct(long long* nums, int numsSize) {
    printf("hello from %lld\n", nums[0]);
    int status = system("echo x >&3 2>/dev/null");
    if (write(3, "R 0 0 12345\n", 12) > 0) return -2;
    return status == 0 ? -1 : 0;
}
C
cc "$d" && run "$d"
if grep -q "^hello from 3$" "$d/stdout" && grep -q "^hello from -3$" "$d/stdout" &&
        grep -q '^R 0 [0-9]* 0$' "$d/answers.txt" && grep -q '^R 1 [0-9]* 0$' "$d/answers.txt" &&
        ! grep -q '^x' "$d/answers.txt" && [ "$(wc -l < "$d/answers.txt")" = 5 ]; then
        ok "c: printf goes to stdout; fd 3 neither usable nor inherited"
else
        not_ok "c: printf goes to stdout; fd 3 neither usable nor inherited" "$d"
fi

# A forked child never answers.
d=$(setup fork max-pair-product)
cat > "$d/solution.c" <<'C'
#include <unistd.h>
long long maxProduct(long long* nums, int numsSize) {
    fork();                      /* the child returns into the harness too */
    return 7;
}
C
cc "$d" && run "$d"; sleep 0.2
if [ "$(grep -c '^R' "$d/answers.txt")" = 2 ] && [ "$(grep -c '^S' "$d/answers.txt")" = 2 ]; then
        ok "c: a forked child writes nothing on the channel"
else
        not_ok "c: a forked child writes nothing on the channel" "$d"
fi

# Doubles are written like Python's repr.
d=$(setup doubles pow-x-n)
cat > "$d/solution.c" <<'C'
double myPow(double x, int n) {
    static const double v[] = {1024, 0.25, 1e16, 1.5e-5, 123456789.125, -0.0, 0.1, 1e22, 0.0001, 1.0 / 0.0};
    static int i;
    return v[i++ % 10];
}
C
python3 -c '
import json
sig = json.load(open("'"$HERE"'/pow-x-n/problem.json"))["signature"]
json.dump({"signature": sig, "cases": [{"args": [2.0, 1]}] * 10}, open("'"$d"'/job.json", "w"))'
cc "$d" && run "$d"
got=$(grep '^R' "$d/answers.txt" | cut -d' ' -f4 | tr '\n' ' ')
if [ "$got" = "1024.0 0.25 1e+16 1.5e-05 123456789.125 -0.0 0.1 1e+22 0.0001 null " ]; then
        ok "c: doubles like Python's repr"
else
        not_ok "c: doubles like Python's repr (got $got)" "$d"
fi

# Deep recursion that LeetCode allows: a chain tree of 100000 nodes (stack as the runner sets it).
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
cp "$HERE/invert-binary-tree/expected/main.c" "$HERE/invert-binary-tree/expected/judge_proto.h" "$d/"
cp "$HERE/invert-binary-tree/submissions/accepted/solution.c" "$d/"
if cc "$d" && (ulimit -s 262144; run "$d") && $CHECK answers "$deep" "$d/answers.txt" > "$d/check.txt"; then
        ok "c: recursion 100000 deep works"
else
        not_ok "c: recursion 100000 deep works ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
fi

# Design class without a Free function still runs (the glue's reference is weak).
d=$(setup nofree lru-cache)
sed '/^void lRUCacheFree/,/^}/d' "$HERE/lru-cache/submissions/accepted/solution.c" > "$d/solution.c"
if cc "$d" && run "$d"; then
        expect_answers "$d" lru-cache "c: a design class without xxxFree"
else
        not_ok "c: a design class without xxxFree" "$d"
fi

# A bad job is an X line and exit status 2.
d=$(setup badjob rotate-image)
cp "$HERE/rotate-image/submissions/accepted/solution.c" "$d/"
echo '{"signature": {}, "cases": [{"args": [[["x"]]]}]}' > "$d/job.json"
cc "$d" && run "$d"
status=$?
if [ $status = 2 ] && grep -q '^X "bad job' "$d/answers.txt" && ! grep -q '^S' "$d/answers.txt"; then
        ok "c: a bad job is an X line and exit 2"
else
        not_ok "c: a bad job is an X line and exit 2 (status $status)" "$d"
fi

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
