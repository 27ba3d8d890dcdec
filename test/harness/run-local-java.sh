#!/bin/bash
# Exercise the java harness on the host, without containers or the runner: build harness.jar
# as the image does (images/java/lang.json's prepare steps, without the CDS archives), then
# every fixture package here with its submissions/accepted/solution.java, then error paths
# (compile errors with the user's lines, exceptions, OutOfMemoryError, StackOverflowError, a
# missing class, List<Integer> for int[], public class, stdout, cycles, doubles, bad job, deep
# recursion). Needs javac/java 17 or later (the host's; the image has 21: Compile uses --release of the
# running JDK). Prints TAP.
#
#   test/harness/run-local-java.sh [-v]     (-v: show the harness's output of failed tests)
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CHECK="python3 $HERE/check.py"
VERBOSE=0
[ "${1:-}" = "-v" ] && VERBOSE=1

if ! command -v javac > /dev/null; then
        echo "1..0 # SKIP javac is not installed (apt-get install openjdk-17-jdk-headless)"
        exit 0
fi

WORK=$(mktemp -d /tmp/judge-harness-java-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
OPT="$WORK/opt"
JAR="$OPT/harness.jar"

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

mkdir -p "$OPT/classes"
H="$ROOT/harness/java"
if javac -d "$OPT/classes" -encoding UTF-8 -nowarn "$H/Json.java" "$H/Harness.java" "$H/Compile.java" \
        "$H/ListNode.java" "$H/TreeNode.java" "$H/Pair.java" > "$WORK/javac.txt" 2>&1 &&
        jar --create --file "$JAR" -C "$OPT/classes" . >> "$WORK/javac.txt" 2>&1 &&
        java -cp "$JAR" judge.Harness --selftest >> "$WORK/javac.txt" 2>&1 &&
        java -cp "$JAR" judge.Compile "$H/sample-solution.txt" "$WORK/sample" >> "$WORK/javac.txt" 2>&1; then
        ok "the harness builds, its self-test and the sample solution pass"
else
        not_ok "the harness builds, its self-test and the sample solution pass"
        sed 's/^/#   /' "$WORK/javac.txt"
        echo "1..$n"
        exit 1
fi

compile_java() { # compile_java DIR: the compile step
        (cd "$1" && java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$JAR" judge.Compile solution.java classes \
                > compile.txt 2>&1)
}
run_java() { # run_java DIR [MEMORY_MB]: the run step (jvm.args as codegen writes it), channel to answers.txt
        local mb=${2:-256}
        local stack=$((mb / 16 < 8 ? 8 : mb / 16))
        printf -- '-Xmx%dm\n-Djudge.stack_mb=%d\n' "$mb" "$stack" > "$1/jvm.args"
        (cd "$1" && JUDGE_JOB_FD=4 JUDGE_CHANNEL_FD=3 timeout 60 java @jvm.args -XX:+UseSerialGC \
                -XX:ActiveProcessorCount=1 -XX:-UsePerfData -cp "$JAR:classes" judge.Harness \
                3> answers.txt 4< <($CHECK lines "$1/job.json") > stdout 2> stderr)
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
        [ -f "$pkg/problem.json" ] && [ -f "$pkg/submissions/accepted/solution.java" ] || continue
        slug=$(basename "$pkg")
        d="$WORK/java-$slug"
        mkdir -p "$d"
        cp "$pkg/submissions/accepted/solution.java" "$d/solution.java"
        $CHECK job "$pkg" "$d/job.json"
        if compile_java "$d" && run_java "$d" && $CHECK answers "$pkg" "$d/answers.txt" > "$d/check.txt"; then
                ok "java: $slug"
        else
                not_ok "java: $slug ($(head -1 "$d/check.txt" 2>/dev/null))" "$d"
        fi
done

# ---- error paths -----------------------------------------------------------------------------

d=$(setup ce rotate-image)
printf 'class Solution {\n    public void rotate(int[][] matrix) {\n        int x = undefinedName;\n    }\n}\n' > "$d/solution.java"
if ! compile_java "$d" && grep -q "^solution.java:3: error: cannot find symbol" "$d/compile.txt" &&
        grep -q "^        int x = undefinedName;" "$d/compile.txt" && grep -q "^                ^" "$d/compile.txt" &&
        grep -q "^1 error" "$d/compile.txt"; then
        ok "compile error: solution.java:3, the user's line and a caret at its column"
else
        not_ok "compile error: solution.java:3, the user's line and a caret at its column" "$d"
fi
d=$(setup ce1 rotate-image)
printf 'class Solution { public void rotate(int[][] m) { int y = 1 } }\n' > "$d/solution.java"
if ! compile_java "$d" && grep -q "^solution.java:1: error: ';' expected" "$d/compile.txt" &&
        grep -q "^class Solution { public void rotate(int\[\]\[\] m) { int y = 1 } }$" "$d/compile.txt" &&
        grep -qx " \{58\}^" "$d/compile.txt"; then
        ok "compile error on line 1: the imports put there do not shift the caret"
else
        not_ok "compile error on line 1: the imports put there do not shift the caret" "$d"
fi

d=$(setup index rotate-image)
printf 'class Solution {\n    public void rotate(int[][] matrix) {\n        helper(matrix);\n    }\n    int helper(int[][] m) {\n        return m[10][0];\n    }\n}\n' > "$d/solution.java"
compile_java "$d" && run_java "$d"
expect_line "$d" E 0 "java.lang.ArrayIndexOutOfBoundsException: Index 10 out of bounds for length" "an exception is an E line"
if grep -q 'at line 6, Solution.helper\\n  at line 3, Solution.rotate"' "$d/answers.txt" && ! grep -q 'judge\.' "$d/answers.txt" &&
        ! grep -q '^S 1' "$d/answers.txt"; then
        ok "the user's frames with their lines, none of the harness's; later cases not run"
else
        not_ok "the user's frames with their lines, none of the harness's; later cases not run" "$d"
fi

d=$(setup oom rotate-image)
printf 'class Solution {\n    public void rotate(int[][] matrix) {\n        long[] x = new long[1 << 30];\n    }\n}\n' > "$d/solution.java"
compile_java "$d" && run_java "$d" 64
expect_line "$d" M 0 "OutOfMemoryError" "OutOfMemoryError is an M line"

d=$(setup soe rotate-image)
printf 'class Solution {\n    public void rotate(int[][] matrix) {\n        rotate(matrix);\n    }\n}\n' > "$d/solution.java"
compile_java "$d" && /usr/bin/time -f "%M" -o "$d/rss" bash -c "$(declare -f run_java); WORK=$WORK JAR=$JAR CHECK='$CHECK' run_java $d"
expect_line "$d" E 0 "java.lang.StackOverflowError" "infinite recursion is a StackOverflowError E line"
if [ "$(cat "$d/rss" 2>/dev/null || echo 999999)" -lt 200000 ]; then
        ok "a stack overflow stays well under the memory limit ($(cat "$d/rss") KB)"
else
        not_ok "a stack overflow stays well under the memory limit ($(cat "$d/rss" 2>/dev/null) KB)" "$d"
fi

d=$(setup noclass lru-cache)
printf 'class LRU {}\n' > "$d/solution.java"
compile_java "$d" && run_java "$d"
expect_line "$d" E 0 "class LRUCache not found" "a missing design class is an E line"

# Parameter types LeetCode uses either way: List<Long> for long[], public class, helper classes.
d=$(setup listparam max-pair-product)
cat > "$d/solution.java" <<'EOF'
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
compile_java "$d" && run_java "$d"
expect_answers "$d" max-pair-product "List<Long> for long[], public class Solution, its own imports, a helper class"

d=$(setup pair word-search)
cat > "$d/solution.java" <<'EOF'
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
compile_java "$d" && run_java "$d"
expect_answers "$d" word-search "LeetCode's predefined imports (java.util, stream, function, math, javafx.util.Pair)"

d=$(setup stdout max-pair-product)
cat > "$d/solution.java" <<'EOF'
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
compile_java "$d" && run_java "$d"
if grep -q "^hello from 3$" "$d/stdout" && grep -q "^hello from -3$" "$d/stdout" &&
        grep -q '^R 0 [0-9]* 0$' "$d/answers.txt" && grep -q '^R 1 [0-9]* 0$' "$d/answers.txt"; then
        ok "System.out goes to stdout, flushed per case; fd 3 not inherited by children"
else
        not_ok "System.out goes to stdout, flushed per case; fd 3 not inherited by children" "$d"
fi

d=$(setup cycle merge-two-sorted-lists)
printf 'class Solution {\n    public ListNode mergeTwoLists(ListNode a, ListNode b) {\n        ListNode n = new ListNode(1);\n        n.next = n;\n        return n;\n    }\n}\n' > "$d/solution.java"
compile_java "$d" && run_java "$d"
expect_line "$d" E 0 "Found cycle in the ListNode" "a cyclic ListNode answer is an E line"

d=$(setup doubles pow-x-n)
printf 'class Solution {\n    public double myPow(double x, int n) {\n        return n == 10 ? Double.NaN : n == -2 ? 1e-7 : 2;\n    }\n}\n' > "$d/solution.java"
compile_java "$d" && run_java "$d"
if grep -q '^R 0 [0-9]* null$' "$d/answers.txt" && grep -q '^R 1 [0-9]* 1e-07$' "$d/answers.txt" &&
        grep -q '^R 2 [0-9]* 2.0$' "$d/answers.txt"; then
        ok "doubles like Python's repr: NaN null, 1e-07, 2.0"
else
        not_ok "doubles like Python's repr: NaN null, 1e-07, 2.0" "$d"
fi

d=$(setup badjob rotate-image)
echo '{"signature": {"kind": "function", "name": "rotate", "params": [{"name": "m", "type": "int[][]"}], "returns": "void", "output_param": 0}, "cases": [{"args": [[["x"]]]}]}' > "$d/job.json"
cp "$HERE/rotate-image/submissions/accepted/solution.java" "$d/"
compile_java "$d" && run_java "$d"
status=$?
if [ $status = 2 ] && grep -q '^X "bad job' "$d/answers.txt" && ! grep -q '^S' "$d/answers.txt"; then
        ok "a bad job is an X line and exit 2"
else
        not_ok "a bad job is an X line and exit 2 (status $status)" "$d"
fi

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
d="$WORK/java-deep"
mkdir -p "$d"
cp "$HERE/invert-binary-tree/submissions/accepted/solution.java" "$d/"
$CHECK job "$deep_pkg" "$d/job.json"
if compile_java "$d" && run_java "$d" && $CHECK answers "$deep_pkg" "$d/answers.txt" > "$d/check.txt"; then
        ok "recursion 100000 deep works"
else
        not_ok "recursion 100000 deep works ($(head -1 "$d/check.txt"))" "$d"
fi

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
