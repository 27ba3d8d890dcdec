# Shared by the e2e scripts that take ENGINE_URL as $1 (sourced, after `set -uo pipefail`):
# the paths, the TAP counters and helpers, and need_engine, which ends the script with a
# `not ok` line when no engine was given or it does not answer, and sets sock and tag.
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
judge="${JUDGE_BIN:-$root/build/cmd/judge/judge}"
engine="${1:-}"
n=0; failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
check() { local what="$1"; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }

need_engine() {
  if [ -z "$engine" ]; then
    echo "not ok 1 - no engine given: set JUDGE_TEST_ENGINES (scripts/test.sh does)"; echo "1..1"; exit 1
  fi
  sock="${engine#unix://}"
  if ! curl -sf --max-time 5 --unix-socket "$sock" http://d/_ping >/dev/null; then
    echo "not ok 1 - the engine at $engine does not answer"; echo "1..1"; exit 1
  fi
  tag="[$(basename "$sock" .sock)]"
}
