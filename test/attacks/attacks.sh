#!/usr/bin/env bash
# The attack corpus (issue 8, classes 1 and 2), judged by `judge run` on one engine (TAP).
# Usage: attacks.sh N   (the Nth engine of $JUDGE_TEST_ENGINES; both engines must be tested)
#
# Every file under test/attacks/<problem>/<folder>/ is a submission to problems/<problem>:
#   time_limit_exceeded/, memory_limit_exceeded/, accepted/  that verdict exactly;
#   user_verdict/  Runtime Error or Wrong Answer (forging or closing the harness's channel).
# Never Internal Error, and `judge run` exits 0 (AC) or 1 (a verdict), never 2. Languages:
# $JUDGE_LANGS (default all seven; their images must be built on the engine).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
judge="${JUDGE_BIN:-$root/build/cmd/judge/judge}"
n=0; failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }

read -r -a engines <<<"${JUDGE_TEST_ENGINES:-}"
i="${1:-0}"
if [ "${#engines[@]}" -le "$i" ]; then
  echo "not ok 1 - no engine number $((i + 1)) in JUDGE_TEST_ENGINES='${JUDGE_TEST_ENGINES:-}': both Docker and Podman must be tested"
  echo "1..1"; exit 1
fi
engine="${engines[$i]}"
sock="${engine#unix://}"
if ! curl -sf --max-time 5 --unix-socket "$sock" http://d/_ping >/dev/null; then
  echo "not ok 1 - the engine at $engine does not answer"; echo "1..1"; exit 1
fi
tag="[$(basename "$sock" .sock)]"
langs="${JUDGE_LANGS:-python cpp c go rust java javascript}"
declare -A ext_lang=([py]=python [cpp]=cpp [java]=java [js]=javascript [c]=c [go]=go [rs]=rust)
declare -A want_of=([time_limit_exceeded]=TLE [memory_limit_exceeded]=MLE [accepted]=AC [user_verdict]="RE WA")

for sol in "$here"/*/*/*.*; do
  [ -f "$sol" ] || continue
  problem=$(basename "$(dirname "$(dirname "$sol")")")
  folder=$(basename "$(dirname "$sol")")
  lang="${ext_lang[${sol##*.}]:-}"
  want="${want_of[$folder]:-}"
  [ -n "$lang" ] && [ -n "$want" ] || continue
  case " $langs " in *" $lang "*) ;; *) continue ;; esac
  what="$tag $problem $folder/$(basename "$sol")"
  out=$("$judge" run --json --engine "$engine" "$root/problems/$problem" "$sol" 2>/tmp/attacks.err); rc=$?
  got=$(jq -r '.verdict // "none"' <<<"$out" 2>/dev/null || echo none)
  detail=$(jq -c '{time_ms, memory_kb, startup_ms, first: (.cases[.first_failed] // {} | {status, time_ms, memory_kb, error: ((.error // "")[0:160])})}' <<<"$out" 2>/dev/null)
  if [ "$rc" -ne 2 ] && [ "$got" != IE ] && [[ " $want " == *" $got "* ]]; then
    ok "$what: $got (exit $rc) $detail"
  else
    not_ok "$what: want ${want// /|}, got $got (exit $rc)"
    echo "# $detail"
    jq -c '{message}' <<<"$out" 2>/dev/null | head -c 600 | sed 's/^/# /'
    head -c 600 /tmp/attacks.err | sed 's/^/# /'
  fi
done

# Nothing outlives a judgement: the double-forked, setsid sleepers are gone.
sleep 0.5
if pgrep -x jdg-leftover >/dev/null; then
  not_ok "$tag no process left behind (jdg-leftover still runs: $(pgrep -x jdg-leftover | tr '\n' ' '))"
else
  ok "$tag no process left behind"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
