#!/usr/bin/env bash
# The test suite: unit tests, fuzz-corpus replays, and integration tests that judge real
# submissions on Docker AND Podman (both started here on local sockets). Runs as root (through
# sudo if started as another user).
# Ends with "N passed, N failed" (TAP results of every test program).
set -uo pipefail
# Root is needed (packages, engines). As root it runs as is (a fresh Debian 12 has no sudo);
# otherwise it starts itself again through sudo, keeping the JUDGE_* and JUDGED_* settings.
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "$0: run as root (sudo is not installed)" >&2; exit 1; }
  keep=()
  while IFS= read -r v; do keep+=("$v"); done < <(env | grep -E '^(JUDGE|JUDGED|CONFORMANCE)_[A-Z_]*=' || true)
  exec sudo -- env "${keep[@]}" "$0" "$@"
fi
cd "$(dirname "$0")/.."

scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
scripts/build.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
scripts/engines.sh start || { echo "engines failed to start"; echo "0 passed, 1 failed"; exit 1; }

ENGINES="${JUDGE_TEST_ENGINES:-unix:///run/docker.sock unix:///run/podman/podman.sock}"
LANGS="${JUDGE_LANGS:-$(ls images | tr "\n" " ")}"
img_fail=0
for e in $ENGINES; do
  # shellcheck disable=SC2086
  build/cmd/judge/judge images build --engine "$e" $LANGS || img_fail=1
done

# Two judgements at a time in the conformance suite: limits are CPU time, the machine has 2 cores.
export JUDGE_TEST_ENGINES="$ENGINES" JUDGE_LANGS="$LANGS" CONFORMANCE_JOBS="${CONFORMANCE_JOBS:-2}"
meson test -C build --print-errorlogs --no-rebuild --num-processes 2 "$@" | tee build/meson-test.out
rc=${PIPESTATUS[0]}

log=build/meson-logs/testlog.txt
passed=$(grep -cE '^ok [0-9]+' "$log" || true)
# "not ok ... # TODO" is TAP's expected failure (a known engine limitation, said in the line): not
# counted as a failure, and listed so it is not missed.
failed=$(grep -E '^not ok [0-9]+' "$log" | grep -cvE '# TODO' || true)
todo=$(grep -E '^not ok [0-9]+' "$log" | grep -E '# TODO' || true)
[ -n "$todo" ] && { echo "known limitations (TAP TODO, not counted):"; echo "$todo" | sed 's/^/  /'; }
# A test program that crashed or timed out without a "not ok" line still counts as a failure.
meson_fail=$(awk '/^(Fail|Timeout):/ {n += $2} END {print n + 0}' build/meson-test.out)
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=$(( ${meson_fail:-0} > 0 ? meson_fail : 1 )); fi
if [ "$img_fail" -ne 0 ]; then echo "image build failed"; failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$rc" -eq 0 ]
