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

# verdict_of JSON-FILE: the verdict of a `judge run --json` result ("none" when there is none);
# verdict_of - reads the result from stdin.
verdict_of() { jq -r '.verdict // "none"' "$1" 2>/dev/null || echo none; }
# show_result JSON-FILE ERR-FILE FILTER [BYTES]: why a result was not the one wanted, as TAP
# comments: FILTER (jq) applied to the result (its first BYTES, default 800), then the start of
# the judge's stderr.
show_result() {
  jq -c "$3" "$1" 2>/dev/null | head -c "${4:-800}" | sed 's/^/# /'
  head -c 400 "$2" | sed 's/^/# /'
}

# Ad-hoc problem packages (also used by bench/compare.sh).
. "$(dirname "${BASH_SOURCE[0]}")/packages.sh"
