#!/usr/bin/env bash
# Run e2e.sh (or the script named second) on the Nth engine of $JUDGE_TEST_ENGINES; fails (TAP)
# when there is none.
i="$1"
script="${2:-e2e.sh}"
read -r -a engines <<<"${JUDGE_TEST_ENGINES:-}"
if [ "${#engines[@]}" -le "$i" ]; then
  echo "not ok 1 - no engine number $((i + 1)) in JUDGE_TEST_ENGINES='${JUDGE_TEST_ENGINES:-}': both Docker and Podman must be tested"
  echo "1..1"; exit 1
fi
exec "$(dirname "$0")/$script" "${engines[$i]}"
