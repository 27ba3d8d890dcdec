#!/usr/bin/env bash
# One type model, end to end, on one engine (TAP). Usage: types-roundtrip.sh ENGINE_URL
# typegen.py writes, for every language of $JUDGE_LANGS (default: all seven), an identity
# problem (class Echo, one method per type spelling that lib/problem/types.c accepts: every alias,
# T[] / list<T> / List<T>, whitespace, nesting; each returns its argument) and a solution made
# from `judge stub`. Each is judged with `judge run --all` in a real container: the verdict must
# be Accepted with float_tolerance 0, every case (the host compares each answer with the value
# sent: ints at the 32- and 64-bit limits, -0.0, doubles at the limits, non-BMP strings, empty
# and nested lists, trees with null gaps, linked lists), and an answer the report shows is
# checked strictly too (int syntax, sign of zero, true is not 1). No `judge gc`.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
need_engine
langs="${JUDGE_LANGS:-python javascript java cpp c go rust}"
work=$(mktemp -d /tmp/judge-types-XXXXXX)
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2086
python3 "$here/typegen.py" "$judge" "$work" $langs >"$work/gen.txt" 2>&1
total=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/methods.json" 2>/dev/null || echo 0)
if [ "$total" -gt 0 ]; then
  ok "$tag generated $total type spellings"
else
  not_ok "$tag generating the identity problems failed"; sed 's/^/# /' "$work/gen.txt" | head -20
fi

for l in $langs; do
  pkgs=$(ls -d "$work/echo-$l-"* 2>/dev/null)
  if [ -z "$pkgs" ]; then not_ok "$tag $l: no generated package"; grep "^$l:" "$work/gen.txt" | sed 's/^/# /'; continue; fi
  have=$(python3 -c 'import json,sys; print(sum(len(json.load(open(f))) for f in sys.argv[1:]))' "$work/echo-$l-"*/methods.json)
  # What the language's code generator has no form for (C: arrays nested deeper than 2) is
  # listed, not hidden; every other language must take every spelling.
  missing=$(grep -c "has no $l form" "$work/gen.txt")
  other=$(grep "has no $l form" "$work/gen.txt" | grep -cv "'int\[\]\[\]\[\]'\|'List<List<List<Long>>>'\|'List<Integer\[\]>\[\]'")
  if [ "$missing" -eq 0 ] || { [ "$l" = c ] && [ "$other" -eq 0 ]; }; then
    note=""; [ "$missing" -gt 0 ] && note=" (C's code generator has no form for the $missing nested 3 deep)"
    ok "$tag $l: $have of $total spellings offered$note"
  else
    not_ok "$tag $l: $have of $total spellings offered"; grep "has no $l form" "$work/gen.txt" | sed 's/^/# /'
  fi
  [ "$l" = javascript ] && echo "# javascript: long values within 2^53 only (a JavaScript number is a double)"
  for pkg in $pkgs; do
    name=$(basename "$pkg")
    sol=$(ls "$pkg"/submissions/accepted/solution.* 2>/dev/null | head -1)
    if [ -z "$sol" ]; then not_ok "$tag $name: no generated solution"; continue; fi
    types=$(python3 -c 'import json,sys; print(" ".join(repr(m["type"]) for m in json.load(open(sys.argv[1]))))' "$pkg/methods.json")
    out="$work/$name.json"
    "$judge" run --json --all --engine "$engine" "$pkg" "$sol" >"$out" 2>"$work/$name.err"
    v=$(verdict_of "$out")
    if [ "$v" = AC ]; then
      ok "$tag $name: identity Accepted on $types"
    else
      not_ok "$tag $name: identity on $types: want AC, got $v"
      show_result "$out" "$work/$name.err" '{message, compile_output: (.compile_output // "" | .[0:600]), first: (.cases[.first_failed] // null | {name, error, actual})}' 1500
    fi
    if python3 "$here/typegen.py" check "$pkg" "$out" >"$work/$name.check" 2>&1; then
      ok "$tag $name: every case Accepted with float_tolerance 0; any answer shown is identical (strict)"
    else
      not_ok "$tag $name: $(wc -l <"$work/$name.check") methods answer other values than they were sent"
      head -12 "$work/$name.check" | sed 's/^/# /'
    fi
  done
done

echo "1..$n"
[ "$failed" -eq 0 ]
