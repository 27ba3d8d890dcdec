#!/usr/bin/env bash
# The main job, end to end on a fresh Debian machine: install what is needed, build, start the
# container engines, build the language images, then start PostgreSQL, Redis and judged, submit
# every sample solution in problems/ through the HTTP API, print each verdict beside the one its
# folder expects, and the competition's leaderboard. Run as root.
#   JUDGE_ENGINE=unix:///run/podman/podman.sock scripts/demo.sh   # the same on Podman
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/engines.sh start
ENGINE="${JUDGE_ENGINE:-unix:///run/docker.sock}"
# Every language with a definition in images/ (JUDGE_LANGS narrows it).
LANGS="${JUDGE_LANGS:-$(ls images | tr "\n" " ")}"
# shellcheck disable=SC2086
build/cmd/judge/judge images build --engine "$ENGINE" $LANGS
exec scripts/demo-service.sh --engine "$ENGINE"
