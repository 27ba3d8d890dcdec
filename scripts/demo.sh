#!/usr/bin/env bash
# The main job, end to end on a fresh Debian machine: install what is needed, build, start a
# container engine, build the language images, and judge every sample solution in problems/
# (each must get the verdict of its folder). Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/engines.sh start
ENGINE="${JUDGE_ENGINE:-unix:///run/docker.sock}"
LANGS="${JUDGE_LANGS:-python cpp}"
# shellcheck disable=SC2086
build/cmd/judge/judge images build --engine "$ENGINE" $LANGS
scripts/judge-all.sh "$ENGINE" problems
