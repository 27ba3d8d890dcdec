#!/usr/bin/env bash
# The main job, end to end on a fresh Debian machine: install what is needed, build, start the
# container engines, build the language images, then start PostgreSQL, Redis and judged, submit
# every sample solution in problems/ through the HTTP API, print each verdict beside the one its
# folder expects, and the competition's leaderboard; judged keeps running and the last line is
# the web app's address ("web app: http://127.0.0.1:8080/"). Runs as root (through sudo if started
# as another user).
#   JUDGE_ENGINE=unix:///run/podman/podman.sock scripts/demo.sh   # the same on Podman
set -euo pipefail
# Root is needed (packages, engines). As root it runs as is (a fresh Debian 12 has no sudo);
# otherwise it starts itself again through sudo, keeping the JUDGE_* and JUDGED_* settings.
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "$0: run as root (sudo is not installed)" >&2; exit 1; }
  keep=()
  while IFS= read -r v; do keep+=("$v"); done < <(env | grep -E '^(JUDGE|JUDGED|CONFORMANCE)_[A-Z_]*=' || true)
  exec sudo -- env "${keep[@]}" "$0" "$@"
fi
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/engines.sh start
ENGINE="${JUDGE_ENGINE:-unix:///run/docker.sock}"
# Every language with a definition in images/ (JUDGE_LANGS narrows it).
LANGS="${JUDGE_LANGS:-$(ls images | tr "\n" " ")}"
# shellcheck disable=SC2086
build/cmd/judge/judge images build --engine "$ENGINE" $LANGS
# --keep: judged, PostgreSQL and Redis stay up; the last line is the web app's address
exec scripts/demo-service.sh --engine "$ENGINE" --keep
