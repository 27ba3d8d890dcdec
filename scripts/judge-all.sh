#!/usr/bin/env bash
# judge-all.sh ENGINE_URL PROBLEM_SET_DIR: judge every reference solution of every package with
# `judge run` and check each gets the verdict its folder names. Prints one line per solution and
# a summary; exits 1 if any solution got another verdict.
set -uo pipefail
cd "$(dirname "$0")/.."
engine="$1"; set_dir="$2"
judge=build/cmd/judge/judge
langs="${JUDGE_LANGS:-python cpp}"
declare -A folder_code=([accepted]=AC [wrong_answer]=WA [time_limit_exceeded]=TLE
  [memory_limit_exceeded]=MLE [runtime_error]=RE [compile_error]=CE [output_limit_exceeded]=OLE)
declare -A ext_lang=([py]=python [cpp]=cpp [java]=java [js]=javascript [c]=c [go]=go [rs]=rust)
pass=0; fail=0
for pkg in "$set_dir"/*/; do
  pkg="${pkg%/}"
  for sol in "$pkg"/submissions/*/*; do
    [ -f "$sol" ] || continue
    folder=$(basename "$(dirname "$sol")")
    want="${folder_code[$folder]:-}"
    lang="${ext_lang[${sol##*.}]:-}"
    [ -n "$want" ] && [ -n "$lang" ] || continue
    case " $langs " in *" $lang "*) ;; *) continue ;; esac
    out=$("$judge" run --json --engine "$engine" "$pkg" "$sol" 2>/tmp/judge-all.err)
    got=$(printf '%s' "$out" | jq -r '.verdict // "none"' 2>/dev/null || echo none)
    secs=$(printf '%s' "$out" | jq -r '(.wall_ms // 0) / 1000 | . * 100 | round / 100' 2>/dev/null || echo "?")
    if [ "$got" = "$want" ]; then
      pass=$((pass + 1)); mark="ok  "
    else
      fail=$((fail + 1)); mark="FAIL"
    fi
    printf '%s %-28s %-42s want %-3s got %-3s %5ss\n' "$mark" "$(basename "$pkg")" "$folder/$(basename "$sol")" "$want" "$got" "$secs"
    if [ "$mark" = FAIL ]; then
      printf '%s' "$out" | jq -c '{message, compile_output, first: (.cases[.first_failed] // null)}' 2>/dev/null | head -c 600; echo
      head -c 600 /tmp/judge-all.err
    fi
  done
done
echo "judged $((pass + fail)) solutions on $engine: $pass got their folder's verdict, $fail did not"
[ "$fail" -eq 0 ]
