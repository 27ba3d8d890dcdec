#!/usr/bin/env bash
# How much does judging cost over a bare container? One trivial Python `judge run` (create a
# labelled volume, payload, sandboxed container, runner, harness, 4 cases, compare, remove)
# against `docker run --rm` of the same image running `python3 -c pass`, on the same engine,
# interleaved, in the same run. Prints medians and the ratio (target: <= 1.5).
# Usage: bench/judge-vs-docker-run.sh [ENGINE_URL] [ROUNDS] [LANG]
set -euo pipefail
cd "$(dirname "$0")/.."
engine="${1:-unix:///run/docker.sock}"
rounds="${2:-15}"
lang="${3:-python}"
judge=build/cmd/judge/judge
case "$lang" in python) sol=bench/problems/add-two/submissions/accepted/sum.py; cmd=(python3 -c pass) ;;
  cpp) sol=bench/problems/add-two/submissions/accepted/sum.cpp; cmd=(true) ;; esac
image=$("$judge" images list --engine "$engine" 2>/dev/null | awk -v l="$lang" '$1 == l && $3 == "built" {print $2}')
[ -n "$image" ] || { echo "the $lang image is not built on $engine: run 'judge images build $lang --engine $engine'"; exit 2; }
export DOCKER_HOST="$engine"
now() { date +%s.%N; }
j=(); d=()
"$judge" run --engine "$engine" bench/problems/add-two "$sol" >/dev/null   # warm the page cache
docker run --rm --network none "$image" "${cmd[@]}" >/dev/null
for _ in $(seq "$rounds"); do
  t0=$(now); "$judge" run --engine "$engine" bench/problems/add-two "$sol" >/dev/null; t1=$(now)
  docker run --rm --network none "$image" "${cmd[@]}" >/dev/null; t2=$(now)
  j+=("$(echo "$t1 - $t0" | awk '{print $1 - $3}')")
  d+=("$(echo "$t2 - $t1" | awk '{print $1 - $3}')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mj=$(median "${j[@]}"); md=$(median "${d[@]}")
printf 'engine %s, %s rounds, language %s, image %s\n' "$engine" "$rounds" "$lang" "$image"
printf '  judge run (4 cases)      median %.3f s\n' "$mj"
printf '  docker run --rm (bare)   median %.3f s\n' "$md"
printf '  ratio judge/docker       %.2f\n' "$(awk -v a="$mj" -v b="$md" 'BEGIN {print a / b}')"
