#!/usr/bin/env bash
# Tests of `judge validate` (TAP) on the Nth engine of $JUDGE_TEST_ENGINES (scripts/test.sh sets
# it): broken packages and hostile archives fail with their message, good ones pass, usage errors
# exit 2, and problems/ validates for python and cpp with JUnit and JSON reports that a real JUnit
# parser (python3-junitparser) and jq read back.
# Usage: validate-test.sh N   (N = 0, 1, ...; without N: every engine in turn)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
judge="${JUDGE_BIN:-$root/build/cmd/judge/judge}"
# Debian's python3 (where python3-junitparser is), whatever python3 comes first in PATH.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
# TAP helpers (ok, not_ok, finish) and the engine(s) to test, from the arguments.
. "$here/../engines.sh" "$@"

work="$(mktemp -d /tmp/validate-test.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work/tmp"   # so leftover extraction directories can be counted
mkdir -p "$TMPDIR"
out="$work/out"; err="$work/err"
langs="${JUDGE_LANGS:-python cpp}"
lang_opts=(); for l in $langs; do lang_opts+=(--lang "$l"); done

# run_v EXPECTED_STATUS WHAT ARGS... : run judge validate, check its exit status.
run_v() {
  local want="$1" what="$2"; shift 2
  "$judge" validate "$@" >"$out" 2>"$err"
  local rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$what: exit $rc"; return 0; fi
  not_ok "$what: exit $rc, wanted $want"
  tail -n 15 "$out" | sed 's/^/#   out: /'; tail -n 8 "$err" | sed 's/^/#   err: /'
  return 1
}
# has WHAT SUBSTRING : the last run printed SUBSTRING (stdout or stderr).
has() {
  if grep -qF -- "$2" "$out" "$err"; then ok "$1"; else
    not_ok "$1: no '$2' in the output"; tail -n 10 "$out" | sed 's/^/#   out: /'; tail -n 5 "$err" | sed 's/^/#   err: /'
  fi
}
no_leftovers() {
  local left; left=$(find "$TMPDIR" -maxdepth 1 -name 'judge-archive-*' | wc -l)
  if [ "$left" -eq 0 ]; then ok "$1: no extraction directory left behind"; else not_ok "$1: $left extraction directories left"; fi
}

# ---- usage errors (no engine involved) ----
run_v 2 "no PATH"
run_v 2 "unknown option" --frobnicate "$here/good"
run_v 2 "a PATH that does not exist" "$here/does-not-exist"
run_v 2 "a file that is not an archive" "$here/make-archives.py"
run_v 2 "-j 0" -j 0 "$here/good"
run_v 2 "an unknown --lang" --lang klingon "$here/good"

# ---- broken packages and archives: static checks, the same on every engine ----
bad="$root/test/problems-bad"
run_v 1 "wrong type name" --no-judge "$bad/wrong-type-name" &&
  has "wrong type name: file and reason" 'problem.json: signature.params[0].type: invalid type "integr[]": unknown type name "integr"'
run_v 1 "expected value of the wrong type" --no-judge "$bad/expected-wrong-type" &&
  has "wrong expected type: file and reason" "tests/hidden.json: case 0: expected: expected int, got a string"
run_v 1 "malformed tree" --no-judge "$bad/malformed-tree" &&
  has "malformed tree: file and reason" "tests/hidden.json: case 0: args[0][3]: dangling tree entry"
run_v 1 "missing hidden tests" --no-judge "$bad/missing-hidden" &&
  has "missing file: file and reason" "tests/hidden.json: missing"
run_v 1 "missing statement" --no-judge "$bad/missing-statement" && has "missing statement: reason" "statement.md: missing"
run_v 1 "int out of range" --no-judge "$bad/int-out-of-range" && has "int range: reason" "outside the 32-bit int range"
run_v 1 "class call sequence" --no-judge "$bad/class-no-constructor-first" &&
  has "class calls: reason" 'calls[0] must be the constructor "LRUCache", got "put"'
run_v 1 "the whole problems-bad set" --no-judge "$bad" && has "every package reported" "slug-mismatch: problem.json: slug"
run_v 0 "a signature C cannot express is a warning" --no-judge "$here/c-inexpressible" &&
  has "... naming C and why" "c cannot express this signature (codegen: arrays nested deeper than 2"
run_v 1 "no accepted solution" --no-judge "$here/no-accepted" &&
  has "no accepted solution: reason" "submissions: no accepted solution in submissions/accepted/"
run_v 1 "path traversal in a .tar.gz" "$here/traversal.tar.gz" &&
  has "traversal: names the entry" "archive: sum-array/../../escaped.txt: rejected: '..' in the path"
run_v 1 "absolute path in a .zip" "$here/absolute.zip" &&
  has "absolute path: names the entry" "/tmp/judge-validate-absolute.txt: rejected: absolute path"
run_v 1 "symlink out of a .tar" "$here/symlink-out.tar" &&
  has "symlink: names the entry" 'sum-array/statement.md: rejected: symbolic link to "/etc/passwd" leaves the archive'
if [ -e "$work/escaped.txt" ] || [ -e /tmp/judge-validate-absolute.txt ] || [ -e "$TMPDIR/escaped.txt" ]; then
  not_ok "a hostile archive wrote outside its directory"
else ok "nothing written outside the extraction directory"; fi
no_leftovers "hostile archives"

# ---- with the engine ----
for engine in "${engines[@]}"; do
  sock="${engine#unix://}"
  tag="[$(basename "$sock" .sock)]"
  if ! curl -sf --max-time 5 --unix-socket "$sock" http://d/_ping >/dev/null; then
    not_ok "$tag the engine at $engine does not answer"; continue
  fi
  E=(--engine "$engine")

  run_v 0 "$tag good package (AC, WA, TLE, RE solutions in python and cpp)" "${E[@]}" "${lang_opts[@]}" "$here/good/sum-array" &&
    has "$tag progress line" "] sum-array time_limit_exceeded/spin.py ... TLE" &&
    has "$tag summary table" "accepted/loop.cpp"

  run_v 0 "$tag two workers (-j 2), one engine handle each" "${E[@]}" "${lang_opts[@]}" -j 2 "$here/good/sum-array" &&
    has "$tag -j 2 judged every solution" "validate: 1 problem, 5 solutions judged"

  (cd "$here/good" && tar czf "$work/sum-array.tar.gz" sum-array && cd sum-array && "$py" -m zipfile -c "$work/flat.zip" .) \
    >/dev/null 2>&1
  run_v 0 "$tag good package as a .tar.gz" "${E[@]}" --lang python "$work/sum-array.tar.gz"
  # flat.zip's package folder is "flat", so the slug check must say so.
  run_v 1 "$tag a bare package's slug is checked against the archive's name" "${E[@]}" --no-judge "$work/flat.zip" &&
    has "$tag bare package slug message" 'slug "sum-array" does not match the directory name "flat"'
  cp "$work/flat.zip" "$work/sum-array.zip"
  run_v 0 "$tag a bare package named like its slug" "${E[@]}" --lang python "$work/sum-array.zip"
  no_leftovers "$tag good archives"

  run_v 1 "$tag misfiled solution" "${E[@]}" --lang python "$here/misfiled" &&
    has "$tag misfiled: file and reason" "submissions/accepted/drops_last.py: expected AC (accepted), got WA"

  # A language whose image is not built: point java at a base that does not exist, which changes
  # its image's hash (every language is built on a CI machine).
  export JUDGE_BASE_IMAGE_JAVA=localhost/judge-no-such-base:0
  run_v 0 "$tag a language without an image is skipped with a warning" "${E[@]}" "$here/other-langs" &&
    has "$tag skipped java" "skipped: language java not available"
  run_v 1 "$tag ... and fails with --werror" "${E[@]}" --werror "$here/other-langs"
  run_v 1 "$tag ... and fails when named with --lang" "${E[@]}" --lang python,java "$here/other-langs" &&
    has "$tag named java fails" "language java not available"
  unset JUDGE_BASE_IMAGE_JAVA

  run_v 0 "$tag thin time margin is a warning" "${E[@]}" --lang python "$here/slow" &&
    has "$tag time margin message" "over half the 600 ms limit for python"
  run_v 1 "$tag ... and a failure with --werror" "${E[@]}" --lang python --werror "$here/slow"

  # Hostile names end up in the reports: they must stay well-formed.
  mkdir -p "$work/evil"
  cp -r "$here/good/sum-array" "$work/evil/sum<&\"'>]]>array"
  rm -rf "$work/evil/sum<&\"'>]]>array/submissions"
  run_v 1 "$tag a hostile folder name" "${E[@]}" --junit "$work/evil.xml" --json "$work/evil.json" "$work/evil"
  if "$py" - "$work/evil.xml" <<'EOF'
import sys
from junitparser import JUnitXml, Failure
xml = JUnitXml.fromfile(sys.argv[1])
msgs = [r.message for s in xml for c in s for r in c.result if isinstance(r, Failure)]
assert any("sum<&\"'>]]>array" in m for m in msgs), msgs
EOF
  then ok "$tag hostile name round-trips through the JUnit XML"; else not_ok "$tag hostile name breaks the JUnit XML"; fi
  if jq -e '.problems[0].slug == "sum<&\"'"'"'>]]>array"' "$work/evil.json" >/dev/null; then
    ok "$tag hostile name round-trips through the JSON"; else not_ok "$tag hostile name breaks the JSON"; fi

  # The sample problem set, as CI validates it.
  junit="$work/problems.xml"; json="$work/problems.json"
  rm -f "$junit" "$json"
  start=$(date +%s)
  # Two judgements at a time, as the conformance suite does (limits are CPU time; 2 cores).
  run_v 0 "$tag problems/ for $langs" "${E[@]}" "${lang_opts[@]}" -j 2 --junit "$junit" --json "$json" "$root/problems"
  echo "# $tag problems/ validated in $(( $(date +%s) - start ))s"
  grep -E '^(FAIL|warn) ' "$out" | head -n 20 | sed 's/^/#   /'
  if "$py" - "$junit" "$json" <<'EOF'
import json, sys
from junitparser import JUnitXml, Failure, Error, Skipped
xml = JUnitXml.fromfile(sys.argv[1])
doc = json.load(open(sys.argv[2]))
suites = list(xml)
cases = [c for s in suites for c in s]
assert len(suites) == len(doc["problems"]) >= 1, (len(suites), len(doc["problems"]))
assert len(cases) == doc["totals"]["checks"], (len(cases), doc["totals"])
failed = [c for c in cases if any(isinstance(r, (Failure, Error)) for r in c.result)]
assert len(failed) == doc["totals"]["failed"] == 0, [(c.classname, c.name) for c in failed]
names = {(c.classname, c.name) for c in cases}
for p in doc["problems"]:
    for k in ("problem.json", "statement.md", "tests/sample.json", "tests/hidden.json"):
        assert (p["slug"], k) in names, (p["slug"], k)
    judged = [c for c in p["checks"] if c.get("verdict")]
    assert judged, p["slug"] + ": no solution judged"
    for c in judged:
        assert (p["slug"], c["name"]) in names
        assert c["verdict"] == c["expected"], c
assert all(c.time is not None for c in cases)
print("# %d suites, %d testcases" % (len(suites), len(cases)))
EOF
  then ok "$tag the JUnit report reads back with junitparser and agrees with the JSON report"
  else not_ok "$tag the JUnit / JSON reports of problems/ do not read back or disagree"; fi
done

finish
