#!/usr/bin/env bash
# Run identity.sh on the Nth engine of $JUDGE_TEST_ENGINES; fails (TAP) when there is none.
i="$1"
read -r -a engines <<<"${JUDGE_TEST_ENGINES:-}"
if [ "${#engines[@]}" -le "$i" ]; then
  echo "not ok 1 - no engine number $((i + 1)) in JUDGE_TEST_ENGINES='${JUDGE_TEST_ENGINES:-}': both Docker and Podman must be tested"
  echo "1..1"; exit 1
fi
exec "$(dirname "$0")/identity.sh" "${engines[$i]}"
