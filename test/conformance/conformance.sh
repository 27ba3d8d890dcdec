#!/usr/bin/env bash
# Cross-language conformance (TAP): on the Nth engine of $JUDGE_TEST_ENGINES, judge every
# reference solution under problems/*/submissions/<expected>/ in every language whose image is
# built on that engine, and check that each gets its folder's verdict. Also checks that every
# problem has an accepted solution in each such language, and ends with a summary per language:
# how many solutions matched, and the judge's wall time (mean, and for problems/two-sum's
# accepted solution, the same trivial problem in every language).
#
# Usage: conformance.sh [N]    (N = 0, 1, ...; without N: every engine in turn)
# Environment:
#   JUDGE_TEST_ENGINES  engine URLs, space-separated (scripts/test.sh sets it)
#   JUDGE_BIN           the judge binary (default: build/cmd/judge/judge)
#   JUDGE_LANGS         languages that must have an image (a missing one is a failure); every
#                       other language with a built image is judged too
#   CONFORMANCE_LANGS   judge only these languages (default: every built one)
#   CONFORMANCE_PROBLEMS  the problem set (default: problems/ of this repository)
#   CONFORMANCE_JOBS    solutions judged at once (default 1: the time limits are CPU time, but
#                       wall-clock limits and this summary's timings are fairer one at a time)
# shellcheck disable=SC2317  # judge_one and its helpers run under xargs, in child shells
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
judge="${JUDGE_BIN:-$root/build/cmd/judge/judge}"
problems="${CONFORMANCE_PROBLEMS:-$root/problems}"
jobs="${CONFORMANCE_JOBS:-1}"
all_langs="python cpp java javascript c go rust"

# TAP helpers (ok, not_ok, finish) and the engine(s) to test, from the arguments.
. "$here/../engines.sh" "$@"
skip() { n=$((n + 1)); echo "ok $n # SKIP $*"; }
if [ ! -x "$judge" ]; then not_ok "no judge binary at $judge (set JUDGE_BIN)"; finish; fi
if ! command -v jq >/dev/null; then not_ok "jq is needed to read judge run --json"; finish; fi

ext_lang() {
  case "$1" in
    py) echo python ;; cpp) echo cpp ;; java) echo java ;; js) echo javascript ;;
    c) echo c ;; go) echo go ;; rs) echo rust ;; *) echo "" ;;
  esac
}
folder_verdict() {
  case "$1" in
    accepted) echo AC ;; wrong_answer) echo WA ;; time_limit_exceeded) echo TLE ;;
    memory_limit_exceeded) echo MLE ;; runtime_error) echo RE ;; compile_error) echo CE ;;
    output_limit_exceeded) echo OLE ;; *) echo "" ;;
  esac
}

work="$(mktemp -d /tmp/conformance.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# judge_one ENGINE FILE OUT: judge FILE (problems/<slug>/submissions/<folder>/<name>) and leave
# one tab-separated line in OUT: lang, expected, verdict, wall ms of the whole `judge run`,
# compile ms, run (CPU) ms, path under problems/, message.
judge_one() {
  local engine="$1" f="$2" out="$3"
  local rel="${f#"$problems"/}" slug folder lang want json
  slug="${rel%%/*}"
  folder="$(basename "$(dirname "$f")")"
  lang="$(ext_lang "${f##*.}")"
  want="$(folder_verdict "$folder")"
  local t0 t1 got wall comp tm msg
  t0=$(date +%s%N)
  json="$("$judge" run --engine "$engine" --json "$problems/$slug" "$f" 2>"$out.err")"
  t1=$(date +%s%N)
  if got="$(jq -r '.verdict // "?"' <<<"$json" 2>/dev/null)" && [ -n "$got" ]; then
    comp="$(jq -r '.compile_ms // 0' <<<"$json")"
    tm="$(jq -r '.time_ms // 0' <<<"$json")"
    # First failing case's error, or the compiler's first line: enough to see why.
    msg="$(jq -r '[.message, ((.cases // [])[] | select(.status != "AC") | .error // empty),
                   ((.compile_output // "") | split("\n")[0])] | map(select(. != null and . != ""))
                  | .[0:3] | join(" | ")' <<<"$json" 2>/dev/null | tr '\n\t' '  ' | cut -c1-300)"
  else
    got="ERR"; comp=0; tm=0
    msg="$(tr '\n' ' ' <"$out.err" | cut -c1-300)"
  fi
  wall=$(((t1 - t0) / 1000000))  # the whole judge run: container, compile, every case
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$lang" "$want" "$got" "$wall" "$comp" "$tm" "$rel" "$msg" >"$out"
}
export -f judge_one ext_lang folder_verdict
export judge problems

for engine in "${engines[@]}"; do
  sock="${engine#unix://}"
  tag="[$(basename "$sock" .sock)]"
  if ! curl -sf --max-time 5 --unix-socket "$sock" http://d/_ping >/dev/null; then
    not_ok "$tag the engine at $engine does not answer"
    continue
  fi

  # Languages with a built image on this engine.
  built="$("$judge" images list --engine "$engine" 2>/dev/null | awk '$3 == "built" {print $1}' | tr '\n' ' ')"
  langs=""
  for l in ${CONFORMANCE_LANGS:-$all_langs}; do
    if [[ " $built " == *" $l "* ]]; then
      langs="$langs $l"
    elif [[ " ${JUDGE_LANGS:-} " == *" $l "* ]]; then
      not_ok "$tag $l is in JUDGE_LANGS but its image is not built (judge images build --engine $engine $l)"
    else
      skip "$tag $l: no image built on this engine"
    fi
  done
  if [ -z "$langs" ]; then not_ok "$tag no language image is built"; continue; fi
  echo "# $tag judging in:$langs"

  # Every problem has an accepted solution in every judged language.
  for l in $langs; do
    missing=""
    for p in "$problems"/*/; do
      [ -f "$p/problem.json" ] || continue
      has=0
      for f in "$p"submissions/accepted/*; do
        [ -f "$f" ] && [ "$(ext_lang "${f##*.}")" = "$l" ] && { has=1; break; }
      done
      [ "$has" -eq 1 ] || missing="$missing $(basename "$p")"
    done
    if [ -z "$missing" ]; then ok "$tag $l: every problem has an accepted solution"
    else not_ok "$tag $l: no accepted solution for:$missing"; fi
  done

  # The solutions to judge, in a stable order.
  list="$work/list"; : >"$list"
  for f in "$problems"/*/submissions/*/*; do
    [ -f "$f" ] || continue
    l="$(ext_lang "${f##*.}")"
    [ -n "$l" ] && [[ " $langs " == *" $l "* ]] && echo "$f" >>"$list"
  done
  total="$(wc -l <"$list")"
  echo "# $tag $total solutions, $jobs at a time"

  rm -rf "$work/res"; mkdir -p "$work/res"
  i=0
  while IFS= read -r f; do
    i=$((i + 1))
    printf '%s\t%s\n' "$f" "$work/res/$(printf '%05d' "$i").tsv"
  done <"$list" >"$work/jobs"
  start=$(date +%s)
  # shellcheck disable=SC2016
  xargs -a "$work/jobs" -d '\n' -P "$jobs" -n 1 bash -c \
    'IFS=$'"'"'\t'"'"' read -r f out <<<"$1"; judge_one "'"$engine"'" "$f" "$out"' _
  echo "# $tag judged in $(($(date +%s) - start)) s"

  for r in "$work"/res/*.tsv; do
    [ -f "$r" ] || continue
    IFS=$'\t' read -r lang want got wall comp tm rel msg <"$r"
    line="$tag $lang $rel: $got in $wall ms (compile $(printf '%.0f' "$comp") ms, run $tm ms)"
    if [ -z "$want" ]; then
      not_ok "$tag $rel: unknown folder name (not a verdict)"
    elif [ "$got" = "$want" ]; then
      ok "$line"
    else
      not_ok "$line, expected $want${msg:+: $msg}"
    fi
  done

  # Summary per language (TAP comments).
  echo "# $tag summary: language, solutions, as expected, mean judge ms (whole judge run), mean compile ms, two-sum accepted judge ms"
  cat "$work"/res/*.tsv 2>/dev/null | grep -v '^$' | awk -F'\t' -v tag="$tag" -v langs="$langs" '
    { n[$1]++; if ($2 == $3) good[$1]++; wall[$1] += $4; comp[$1] += $5
      if ($7 ~ /^two-sum\/submissions\/accepted\// && !($1 in ts)) ts[$1] = $4 }
    END {
      k = split(langs, L, " ")
      for (i = 1; i <= k; i++) { l = L[i]; if (!(l in n)) continue
        printf "# %s %-10s %3d solutions, %3d as expected, judge %7.0f ms mean, compile %7.0f ms mean, two-sum %s ms\n",
          tag, l, n[l], good[l], wall[l] / n[l], comp[l] / n[l], (l in ts) ? sprintf("%.0f", ts[l]) : "-" } }'
done

finish
