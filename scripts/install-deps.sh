#!/usr/bin/env bash
# Install everything judge needs on Debian 12 (bookworm), from Debian's own packages: the build
# toolchain and libraries, both container engines, mmdebstrap for the images, and what the tests
# use. Idempotent; run as root (or with sudo available).
set -euo pipefail

# As root nothing is prefixed (a fresh Debian 12 has no sudo); otherwise sudo, if there is one.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (sudo is not installed)" >&2; exit 1; }
  SUDO="sudo"
fi

PACKAGES=(
  # build
  build-essential meson ninja-build pkg-config
  libcurl4-openssl-dev libyajl-dev libarchive-dev libseccomp-dev
  libmicrohttpd-dev libhiredis-dev libpq-dev
  libcrypt-dev                    # judged's passwords: yescrypt from libxcrypt
  libmd4c-dev libmd4c-html0-dev   # problem statements: Markdown parsed by md4c (lib/web)
  zlib1g-dev            # judged gzips the shared leaderboard pages
  # engines and images
  docker.io podman runc uidmap fuse-overlayfs mmdebstrap
  # services for the integration tests
  postgresql redis-server
  # tests (and what scripts/*.sh, test/*/*.sh call: coreutils, findutils, mawk, sed, grep,
  # util-linux's runuser are Essential on Debian and need no line here)
  jq python3 curl procps
  time                  # e2e: the judge process's peak RSS (/usr/bin/time -f %M)
  bc                    # elapsed seconds in the service tests' diagnostics and the benchmarks
  postgresql-client redis-tools   # psql, redis-cli (test/service, scripts/services.sh)
  python3-sortedcontainers  # harness-run-local: the Python harness's LeetCode namespace has SortedList
  python3-junitparser   # judge validate's test reads its JUnit XML back with a real JUnit parser
  python3-jsonschema    # service-openapi validates judged's real responses against docs/openapi.json
  busybox-static        # engine-smoke builds its test image from the host's static busybox
  uthash-dev            # harness-run-local-c compiles the C harness on the host (leetcode.h includes uthash)
  g++                   # harness-run-local-c (also in build-essential; named for the test)
  chromium              # test/web: the browser test drives headless Chromium with playwright-core
)

# npm fetches the JavaScript image's pinned packages (lang.json "npm") on the host, once, into
# the cache directory: Debian 12's npm package, unless an npm is already on PATH (a Node.js
# installed from elsewhere ships its own, and Debian's would conflict with it).
command -v npm >/dev/null || PACKAGES+=(npm)
# node runs esbuild, which bundles the web app (scripts/build-web.sh); Debian's npm brings it too
command -v node >/dev/null || PACKAGES+=(nodejs)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
else
  echo "install-deps: all packages present"
fi

# What the tests run, checked here so that a missing package fails now, by name, and not as a
# test failure later (CI runs on a fresh machine).
need_cmd=(cc gcc g++ meson ninja pkg-config jq curl python3 psql redis-server redis-cli pgrep pkill
  runuser timeout mktemp awk sed find xargs dockerd podman runc mmdebstrap busybox npm node chromium)
need_file=(/usr/include/uthash.h /usr/include/seccomp.h /usr/lib/x86_64-linux-gnu/libseccomp.a)
bad=()
for c in "${need_cmd[@]}"; do command -v "$c" >/dev/null || bad+=("command $c"); done
for f in "${need_file[@]}"; do
  case "$f" in */x86_64-linux-gnu/*) f="${f/x86_64-linux-gnu/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)}" ;; esac
  [ -e "$f" ] || bad+=("file $f")
done
/usr/bin/python3 -c 'import junitparser' 2>/dev/null || bad+=("python module junitparser for /usr/bin/python3")
/usr/bin/python3 -c 'import sortedcontainers' 2>/dev/null || bad+=("python module sortedcontainers for /usr/bin/python3")
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || bad+=("python module jsonschema for /usr/bin/python3")
# Debian's postgresql puts initdb and pg_ctl outside PATH (scripts/services.sh finds them there).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || bad+=("command initdb (postgresql)")
if [ "${#bad[@]}" -gt 0 ]; then
  echo "install-deps: still missing after the install: ${bad[*]}" >&2
  exit 1
fi
