#!/usr/bin/env bash
# Per-submission identity on one engine (TAP). Usage: identity.sh ENGINE_URL
# 1. Four fork-heavy submissions (test/e2e/attacks/forkhold.{py,cpp}: fork to the limit, hold ~1 s,
#    answer) judged at once on two-sum, with well-behaved submissions judged beside them: every
#    one gets its own verdict (Accepted), none an internal error or an EAGAIN runtime error; the
#    four ran as four distinct uids of the judge's range, each with its own process budget.
# 2. Every language of $JUDGE_LANGS judges an accepted two-sum solution as a uid that has no
#    /etc/passwd entry.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
need_engine
langs="${JUDGE_LANGS:-python cpp}"
has() { case " $langs " in *" $1 "*) return 0 ;; esac; return 1; }
work=$(mktemp -d /tmp/judge-identity-XXXXXX)
trap 'rm -rf "$work"' EXIT
prob="$root/problems/two-sum"

# 1. Forkers and bystanders at once. The bystanders start in three waves so that some of them
#    compile and run while the forkers hold their children (compiling forks g++'s pipeline).
# Python forkers when there is Python (no compile step: on a loaded 2-core host, five g++ at
# once can pass the compile step's wall-clock limit), else C++ ones.
forker="$here/attacks/forkhold.cpp"
has python && forker="$here/attacks/forkhold.py"
if has cpp || has python; then
  pids=()
  for i in 1 2 3 4; do
    "$judge" run --json --engine "$engine" "$prob" "$forker" >"$work/fork$i.json" 2>"$work/fork$i.err" &
    pids+=($!)
  done
  # Bystanders: one every 2 s while any forker runs (the
  # window where the forkers hold their children comes after their compile, whose length
  # depends on the machine's load).
  quick="$prob/submissions/accepted/hashmap.cpp" waves=3   # each compiles: fewer of them
  has python && { quick="$prob/submissions/accepted/solution.py"; waves=15; }
  # (A compiled bystander only without Python: on a loaded 2-core host, g++ beside four
  # forkers can pass the compile step's wall-clock limit, a CE that is not about uids.)
  if ! has python; then
    "$judge" run --json --engine "$engine" "$prob" "$prob/submissions/accepted/hashmap.cpp" >"$work/by0-hashmap.cpp.json" 2>"$work/by0-hashmap.cpp.err" &
    pids+=($!)
  fi
  forkers=("${pids[@]}")
  for wave in $(seq 1 "$waves"); do
    running=0
    for p in "${forkers[@]:0:4}"; do kill -0 "$p" 2>/dev/null && running=1; done
    [ "$running" -eq 1 ] || break
    sleep 2
    "$judge" run --json --engine "$engine" "$prob" "$quick" >"$work/by$wave-$(basename "$quick").json" 2>"$work/by$wave-$(basename "$quick").err" &
    pids+=($!)
  done
  wait "${pids[@]}"
  uids=()
  for i in 1 2 3 4; do
    v=$(verdict_of "$work/fork$i.json")
    errs=$(jq -r '[.cases[].stderr // empty] | join("")' "$work/fork$i.json" 2>/dev/null)
    uid=$(sed -n 's/^uid \([0-9]*\)$/\1/p' <<<"$errs" | head -1)
    held=$(sed -n 's/^held \([0-9]*\) children$/\1/p' <<<"$errs" | head -1)
    [ -n "$uid" ] && uids+=("$uid")
    # Its own verdict: Accepted, or on a loaded host the case's wall-clock limit (TLE); never a
    # judge error or a runtime error.
    if { [ "$v" = AC ] && [ "${held:-0}" -ge 30 ]; } || [ "$v" = TLE ]; then
      ok "$tag forker $i: $v as uid ${uid:-?}, ${held:-?} children held at once"
    else
      not_ok "$tag forker $i: want AC with 30+ children held (or TLE under load), got $v (uid ${uid:-?}, held ${held:-?})"
      show_result "$work/fork$i.json" "$work/fork$i.err" '{message, first: (.cases[.first_failed] // null | {error, stderr})}'
    fi
  done
  distinct=$(printf '%s\n' "${uids[@]}" | sort -u | wc -l)
  inrange=$(printf '%s\n' "${uids[@]}" | awk '$1 >= 200000 && $1 <= 265535' | wc -l)
  if [ "${#uids[@]}" -eq 4 ] && [ "$distinct" -eq 4 ] && [ "$inrange" -eq 4 ]; then
    ok "$tag the four forkers ran as four distinct uids of 200000-265535: ${uids[*]}"
  else
    not_ok "$tag the four forkers ran as four distinct uids of 200000-265535: got ${uids[*]:-none}"
  fi
  for f in "$work"/by*.json; do
    name=$(basename "$f" .json)
    v=$(verdict_of "$f")
    if [ "$v" = AC ]; then
      ok "$tag bystander $name judged beside the forkers: AC"
    else
      not_ok "$tag bystander $name judged beside the forkers: want AC, got $v"
      show_result "$f" "${f%.json}.err" '{message, compile_output, first: (.cases[.first_failed] // null | {error, stderr})}'
    fi
  done
else
  not_ok "$tag fork-heavy submissions: needs python or cpp in JUDGE_LANGS (got: $langs)"
fi

# 2. Every language as a uid without a passwd entry.
declare -A accepted=([python]=solution.py [cpp]=hashmap.cpp [java]=hashmap.java [javascript]=map.js
  [c]=sorted.c [go]=hashmap.go [rust]=hashmap.rs)
for l in $langs; do
  sol="$prob/submissions/accepted/${accepted[$l]:-none}"
  if [ ! -f "$sol" ]; then not_ok "$tag $l: no accepted two-sum solution to judge"; continue; fi
  out=$("$judge" run --json --engine "$engine" "$prob" "$sol" 2>"$work/lang.err")
  v=$(verdict_of - <<<"$out")
  if [ "$v" = AC ]; then
    ok "$tag $l: $(basename "$sol") AC as a uid with no /etc/passwd entry"
  else
    not_ok "$tag $l: $(basename "$sol") want AC, got $v"
    show_result - "$work/lang.err" '{message, compile_output, first: (.cases[.first_failed] // null | {error, stderr})}' <<<"$out"
  fi
done

echo "1..$n"
[ "$failed" -eq 0 ]
