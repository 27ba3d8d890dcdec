#!/usr/bin/env bash
# End-to-end tests of `judge run` against one real engine (TAP). Usage: e2e.sh ENGINE_URL
# Needs the python and cpp images built on that engine (scripts/test.sh does it).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
# exits_with RC WANT OUTPUT TEXT: the command exited WANT and said TEXT.
exits_with() { [ "$1" -eq "$2" ] && grep -qF -- "$4" <<<"$3"; }
# jq_quiet FILTER JSON: FILTER holds on JSON; jq's own output stays off the TAP stream.
jq_quiet() { jq -e "$1" <<<"$2" >/dev/null; }

need_engine
langs="${JUDGE_LANGS:-python cpp}"

# Start from a clean engine: what an earlier, killed run left would fail the leak checks below
# (judge gc removes only what carries the judge's label).
"$judge" gc --engine "$engine" | sed 's/^/# /'

declare -A folder_code=([accepted]=AC [wrong_answer]=WA [time_limit_exceeded]=TLE
  [memory_limit_exceeded]=MLE [runtime_error]=RE [compile_error]=CE [output_limit_exceeded]=OLE)
declare -A ext_lang=([py]=python [cpp]=cpp [java]=java [js]=javascript [c]=c [go]=go [rs]=rust)

# leftovers [LABEL]: containers + volumes carrying LABEL (default: anything the judge made).
leftovers() {
  local label="${1:-judge.owner=judge}" c v
  c=$(curl -s --unix-socket "$sock" -G http://d/v1.41/containers/json --data-urlencode all=1 \
      --data-urlencode "filters={\"label\":[\"$label\"]}" | jq 'length')
  v=$(curl -s --unix-socket "$sock" -G http://d/v1.41/volumes \
      --data-urlencode "filters={\"label\":[\"$label\"]}" | jq '.Volumes // [] | length')
  echo "$((c + v))"
}

# 1. Every reference solution of the sandbox probe gets its folder's verdict (problems/ is judged
#    in every language by the conformance suite).
for pkg in "$here"/problems/*/; do
  pkg="${pkg%/}"
  for sol in "$pkg"/submissions/*/*; do
    [ -f "$sol" ] || continue
    folder=$(basename "$(dirname "$sol")"); want="${folder_code[$folder]:-}"
    lang="${ext_lang[${sol##*.}]:-}"
    [ -n "$want" ] && [ -n "$lang" ] || continue
    case " $langs " in *" $lang "*) ;; *) continue ;; esac
    out=$("$judge" run --json --engine "$engine" "$pkg" "$sol" 2>/tmp/e2e.err)
    got=$(jq -r '.verdict // "none"' <<<"$out" 2>/dev/null || echo none)
    if [ "$got" = "$want" ]; then
      ok "$tag $(basename "$pkg") $folder/$(basename "$sol"): $got"
    else
      not_ok "$tag $(basename "$pkg") $folder/$(basename "$sol"): want $want, got $got"
      jq -c '{message, compile_output, first: (.cases[.first_failed] // null)}' <<<"$out" 2>/dev/null | head -c 1500 | sed 's/^/# /'
      head -c 600 /tmp/e2e.err | sed 's/^/# /'
    fi
  done
done

probe="$here/problems/sandbox-probe"

# 2. A process left running in the background does not outlive the judgement.
pkill -f '[s]leep 4242' 2>/dev/null
"$judge" run --engine "$engine" "$probe" "$probe/submissions/accepted/probe.py" >/dev/null 2>&1
sleep 0.5
check "$tag background process gone after the judgement" bash -c "! pgrep -f '[s]leep 4242' >/dev/null"

# 3. Fork bombs end with a verdict, not a hung judge.
for bomb in "$here"/attacks/forkbomb.py "$here"/attacks/forkbomb.cpp; do
  start=$(date +%s)
  got=$("$judge" run --json --engine "$engine" "$probe" "$bomb" 2>/dev/null | jq -r '.verdict // "none"')
  secs=$(( $(date +%s) - start ))
  case "$got" in RE|TLE|MLE) ok "$tag fork bomb $(basename "$bomb"): $got in ${secs}s" ;;
    *) not_ok "$tag fork bomb $(basename "$bomb"): got $got in ${secs}s" ;; esac
done

# 4. Flooding stderr is Output Limit Exceeded; forging the result document is just a wrong answer.
got=$("$judge" run --json --engine "$engine" "$probe" "$here/attacks/flood-stderr.py" 2>/dev/null | jq -r '.verdict')
check "$tag stderr flood: OLE (got $got)" test "$got" = OLE
got=$("$judge" run --json --engine "$engine" "$probe" "$here/attacks/fake-result.py" 2>/dev/null | jq -r '.verdict')
check "$tag forged result document: WA (got $got)" test "$got" = WA

# 5. The host's hard deadline kills a container whose runner does not stop in time.
start=$(date +%s)
got=$("$judge" run --json --deadline-ms 3000 --engine "$engine" "$probe" "$probe/submissions/time_limit_exceeded/sleep.py" 2>/dev/null | jq -r '.verdict')
secs=$(( $(date +%s) - start ))
check "$tag host deadline: TLE in ${secs}s (got $got)" test "$got" = TLE -a "$secs" -lt 20

# 6. SIGINT of the CLI removes its container.
sigid="e2e-sigint-$$-$RANDOM"
"$judge" run --id "$sigid" --engine "$engine" "$probe" "$probe/submissions/time_limit_exceeded/sleep.py" >/dev/null 2>&1 &
pid=$!
seen=0
for _ in $(seq 1 100); do [ "$(leftovers "judge.submission=$sigid")" -gt 0 ] && { seen=1; break; }; sleep 0.1; done
sleep 0.5
kill -INT "$pid"; wait "$pid"; rc=$?
check "$tag SIGINT: the container existed before the signal" test "$seen" -eq 1
check "$tag SIGINT: exit status 130 (got $rc)" test "$rc" -eq 130
check "$tag SIGINT: no container or volume left" test "$(leftovers "judge.submission=$sigid")" -eq 0

# 7. Bad input: clear errors, exit status 2.
out=$("$judge" run --engine "$engine" --lang cobol "$probe" "$probe/submissions/accepted/probe.py" 2>&1); rc=$?
check "$tag unknown language: exit 2 with a message" exits_with "$rc" 2 "$out" "unknown language"
big=$(mktemp --suffix=.py); head -c 300000 /dev/zero | tr '\0' '#' >"$big"
out=$("$judge" run --engine "$engine" "$probe" "$big" 2>&1); rc=$?
check "$tag oversize submission: exit 2 with a message" exits_with "$rc" 2 "$out" "over the limit"
rm -f "$big"
out=$("$judge" run --engine unix:///nonexistent/engine.sock "$probe" "$probe/submissions/accepted/probe.py" 2>&1); rc=$?
check "$tag engine down: exit 2 naming the socket" exits_with "$rc" 2 "$out" "nonexistent/engine.sock"
out=$("$judge" run --engine "$engine" /nonexistent-problem "$probe/submissions/accepted/probe.py" 2>&1); rc=$?
check "$tag missing problem: exit 2" test "$rc" -eq 2

# 8. A large answer (a million ints, about 7 MB of JSON) comes back whole and is compared.
big="$(mktemp -d)/range-list"
mkdir -p "$big/submissions/accepted"
int_list_problem "$big" range-list "Range List" rangeList 2000 '{ "unordered": 0 }'
echo "Return [0, 1, ..., n-1]." >"$big/statement.md"
echo '[ { "args": [3], "expected": [0,1,2] } ]' >"$big/tests/sample.json"
python3 -c 'import json; print(json.dumps([{"args": [1000000], "expected": list(range(1000000))}]))' >"$big/tests/hidden.json"
printf 'class Solution:\n    def rangeList(self, n: int) -> List[int]:\n        return list(range(n))\n' >"$big/sol.py"
got=$("$judge" run --json --engine "$engine" "$big" "$big/sol.py" 2>/dev/null | jq -r '.verdict')
check "$tag a 7 MB answer is judged whole: AC (got $got)" test "$got" = AC
rm -rf "$(dirname "$big")"

# 8b. A 24 MB answer where a short one is expected: a C++ solution returns 12,000,000 ints for
#     a problem whose answer has at most 3. Wrong Answer, and the judge process's peak RSS stays
#     under 64 MB + the expected output's size (a few bytes here) + a 16 MB margin for the binary,
#     libcurl and the problem: the answer is compared as it streams in, and only a 1 KiB preview
#     and its SHA-256 are kept (before streaming: 1.1 GB of RSS and 4.6 s of CPU).
case " $langs " in
*" cpp "*)
  big="$(mktemp -d)/first-sevens"
  int_list_problem "$big" first-sevens "First Sevens" firstSevens 3000 '{ "unordered": 0 }'
  echo "Return min(n, 3) sevens." >"$big/statement.md"
  echo '[ { "args": [2], "expected": [7,7] } ]' >"$big/tests/sample.json"
  echo '[ { "args": [12000000], "expected": [7,7,7] } ]' >"$big/tests/hidden.json"
  printf 'class Solution {\npublic:\n    vector<int> firstSevens(int n) { return vector<int>(n, 7); }\n};\n' >"$big/sol.cpp"
  out=$(/usr/bin/time -f '%M %U %S' -o "$big/usage" "$judge" run --json --engine "$engine" "$big" "$big/sol.cpp" 2>"$big/err")
  got=$(jq -r '.verdict' <<<"$out" 2>/dev/null || echo none)
  # /usr/bin/time writes "Command exited with non-zero status 1" first (WA exits 1): the
  # figures are on the last line.
  read -r rss ucpu scpu < <(tail -n 1 "$big/usage") || rss=999999999
  limit_kb=$(( (64 + 16) * 1024 ))
  check "$tag a 24 MB answer where 3 ints are due: WA (got $got)" test "$got" = WA
  check "$tag ... the judge's peak RSS ${rss} KB < ${limit_kb} KB (64 MB + expected + 16 MB margin); CPU ${ucpu}+${scpu} s" \
    test "${rss:-999999999}" -lt "$limit_kb"
  check "$tag ... a 1 KiB preview of the 24,000,001-byte answer and its SHA-256 are kept" \
    jq_quiet '.cases[1] | .actual_truncated == true and .actual_bytes == 24000001 and (.actual_preview | length) <= 1024
           and (.actual_sha256 | length) == 64 and .actual == null' "$out"
  [ "$got" = WA ] || sed 's/^/# /' "$big/err" | head -5
  rm -rf "$(dirname "$big")"
  ;;
*) not_ok "$tag a 24 MB answer: needs cpp in JUDGE_LANGS (got: $langs)" ;;
esac

# 9. Nothing left behind.
check "$tag no container or volume left on the engine" test "$(leftovers)" -eq 0

echo "1..$n"
[ "$failed" -eq 0 ]
