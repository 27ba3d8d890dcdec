#!/usr/bin/env bash
# Configure (once) and build judge with meson into ./build, then the web app into web/dist.
# Extra arguments go to meson setup.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/build.ninja ]; then
  meson setup build "$@" >/dev/null
fi
ninja -C build >/dev/null || ninja -C build
# the web app judged serves at / (web/dist: npm ci, then esbuild)
scripts/build-web.sh
