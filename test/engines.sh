# Sourced, after `set -uo pipefail`, by the suites that run on the engines of $JUDGE_TEST_ENGINES
# (test/conformance/conformance.sh, test/validate/validate-test.sh), with the script's own
# arguments: the TAP counters and helpers (ok, not_ok, finish) and the array `engines`: the Nth
# engine of $JUDGE_TEST_ENGINES when the script was given N, else every one. No such engine, or
# none at all, is a `not ok` line and the end of the script.
n=0; failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
finish() { echo "1..$n"; [ "$failed" -eq 0 ]; exit $?; }

read -r -a engines <<<"${JUDGE_TEST_ENGINES:-}"
if [ $# -ge 1 ]; then
  if [ "${#engines[@]}" -le "$1" ]; then
    not_ok "no engine number $(($1 + 1)) in JUDGE_TEST_ENGINES='${JUDGE_TEST_ENGINES:-}': both Docker and Podman must be tested"
    finish
  fi
  engines=("${engines[$1]}")
elif [ "${#engines[@]}" -eq 0 ]; then
  not_ok "no engine: set JUDGE_TEST_ENGINES (scripts/test.sh does)"
  finish
fi
