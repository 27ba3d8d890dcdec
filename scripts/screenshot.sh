#!/usr/bin/env bash
# docs/screenshot-problem.png: runs the browser test (test/web/browser-test.sh, the whole stack on
# loopback: PostgreSQL, Redis, judged on the first engine of $JUDGE_TEST_ENGINES, default Docker)
# and keeps its screenshot of the problem page after an accepted, then a wrong submission.
# Needs a build (scripts/build.sh) and the python image on the engine. Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
export JUDGE_TEST_ENGINES="${JUDGE_TEST_ENGINES:-unix:///run/docker.sock}"
[ -x build/cmd/judged/judged ] || scripts/build.sh
WEB_TEST_DOCS_SCREENSHOT=1 test/web/browser-test.sh build . | tee build/screenshot.log
grep -q '^# copied the problem page' build/screenshot.log || { echo "screenshot.sh: no screenshot taken" >&2; exit 1; }
echo "docs/screenshot-problem.png written"
