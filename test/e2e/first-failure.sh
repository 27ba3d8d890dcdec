#!/usr/bin/env bash
# `judge run` stops its report at the first failing case (issue 8, class 4), as a submission
# does; --all reports every case. TAP. Usage: first-failure.sh BUILD_DIR SOURCE_DIR
# Engine: the first of $JUDGE_TEST_ENGINES (python image built there).
set -uo pipefail
build="$(cd "$1" && pwd)"
src="$(cd "$2" && pwd)"
judge="$build/cmd/judge/judge"
n=0; failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
check() { local what="$1"; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
engine="${JUDGE_TEST_ENGINES:-}"; engine="${engine%% *}"
if [ -z "$engine" ]; then
  echo "not ok 1 - JUDGE_TEST_ENGINES is not set: this test needs a container engine"; echo "1..1"; exit 1
fi
# wrong only on two-sum's third hidden case (index 5, after 3 samples)
sol="$src/test/service/data/hidden_wa.py"
p="$src/problems/two-sum"

out="$("$judge" run --json --engine "$engine" "$p" "$sol" 2>/tmp/first-failure.$$.err)"; rc=$?
check "judge run: WA, exit 1 (exit $rc)" test "$(jq -r .verdict <<<"$out") $rc" = "WA 1"
check "default: passed 5 of 20, first failure at case 5" \
  test "$(jq -c '[.passed, .total, .first_failed]' <<<"$out")" = '[5,20,5]'
check "default: every case after the first failure is withheld, with nothing but its status" \
  test "$(jq -c '[.cases[] | select(.index > 5) | keys == ["hidden","index","name","status"] and .status == "withheld"] | [length, all]' <<<"$out")" = '[14,true]'
check "default: the failing case in full (input, expected, actual, stdout)" \
  test "$(jq -c '.cases[5] | [.status, .input.args, .expected, .actual, has("stdout")]' <<<"$out")" = '["WA",[[-1,-2,-3,-4,-5],-8],[2,4],[0,0],true]'
table="$("$judge" run --engine "$engine" "$p" "$sol" 2>/dev/null)"
check "table: 14 cases shown as withheld, 5/20 passed" \
  bash -c '[ "$(grep -c " withheld$" <<<"$1")" = 14 ] && grep -q "5/20 passed" <<<"$1"' _ "$table"

out="$("$judge" run --json --all --engine "$engine" "$p" "$sol" 2>>/tmp/first-failure.$$.err)"; rc=$?
check "--all: WA, exit 1" test "$(jq -r .verdict <<<"$out") $rc" = "WA 1"
check "--all: every later case reported with its status (all AC here) and figures" \
  test "$(jq -c '[.cases[] | select(.index > 5) | .status] | [length, unique]' <<<"$out")" = '[14,["AC"]]'
check "--all: passed still counts up to the first failure (5)" test "$(jq .passed <<<"$out")" = 5
sed 's/^/# /' /tmp/first-failure.$$.err | head -20
rm -f /tmp/first-failure.$$.err
echo "1..$n"
[ "$failed" -eq 0 ]
