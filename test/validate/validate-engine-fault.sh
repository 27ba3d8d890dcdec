#!/usr/bin/env bash
# `judge validate` when the engine fails, not the solution (TAP): an engine that answers 400 to
# container creation once is retried and the package passes; one that keeps answering 400 makes
# the solution fail as "the judge failed (IE) twice" naming the engine, never as a verdict or a
# solution's fault. The engine is test/service/engine-proxy.py in front of the first engine of
# $JUDGE_TEST_ENGINES.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
judge="${JUDGE_BIN:-$root/build/cmd/judge/judge}"
# TAP helpers (ok, not_ok, finish) and the engines; this test takes the first.
. "$here/../engines.sh"
check() { local d="$1"; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
engine="${engines[0]}"
work="$(mktemp -d /tmp/validate-fault.XXXXXX)"
proxy_pid=""
cleanup() { [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
sock="$work/engine.sock"
ctl() { printf '%s\n' "$@" >"$work/ctl.new" && mv "$work/ctl.new" "$work/ctl"; }
ctl up
python3 "$root/test/service/engine-proxy.py" "$sock" "${engine#unix://}" "$work/ctl" 2>"$work/proxy.log" &
proxy_pid=$!
for _ in $(seq 100); do curl -sf --unix-socket "$sock" http://d/_ping >/dev/null 2>&1 && break; sleep 0.1; done
check "the engine proxy answers" curl -sf --unix-socket "$sock" http://d/_ping -o /dev/null

# two-sum with one accepted Python solution: quick to validate.
mkdir "$work/set" && cp -r "$root/problems/two-sum" "$work/set/two-sum"
find "$work/set/two-sum/submissions" -type f ! -path '*/accepted/solution.py' -delete

ctl up "inject POST ^/containers/create 400 1"
"$judge" validate "$work/set/two-sum" --lang python --engine "unix://$sock" >"$work/out1" 2>&1
st=$?
check "create answered 400 once: retried, the package passes (exit $st)" test "$st" = 0
check "the proxy did inject it" grep -q 'containers/create -> injected 400' "$work/proxy.log"
check "the retry is reported as a warning with the engine's error" \
  grep -q 'the judge failed once and was retried: engine at .*: POST /containers/create: 400: injected 400' "$work/out1"

ctl up "inject POST ^/containers/create 400 100"
"$judge" validate "$work/set/two-sum" --lang python --engine "unix://$sock" >"$work/out2" 2>&1
st=$?
msg="$(grep -m1 'the judge failed' "$work/out2")"
check "create always answered 400: the package fails (exit $st)" test "$st" = 1
check "... as a judge failure, retried, naming the engine: $msg" \
  bash -c '[[ "$1" == *"the judge failed (IE) twice"* && "$1" == *"engine at $2"* && "$1" == *"400"* ]]' _ "$msg" "$sock"
[ "$failed" -eq 0 ] || sed 's/^/# /' "$work/out1" "$work/out2"
echo "1..$n"
[ "$failed" -eq 0 ]
