#!/usr/bin/env bash
# Install everything judge needs on Debian 12 (bookworm), from Debian's own packages: the build
# toolchain and libraries, both container engines, mmdebstrap for the images, and what the tests
# use. Idempotent; run as root (or with sudo available).
set -euo pipefail

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

PACKAGES=(
  # build
  build-essential meson ninja-build pkg-config
  libcurl4-openssl-dev libyajl-dev libarchive-dev libseccomp-dev
  libmicrohttpd-dev libhiredis-dev libpq-dev
  # engines and images
  docker.io podman runc uidmap fuse-overlayfs mmdebstrap
  # services for the integration tests
  postgresql redis-server
  # tests
  jq python3 curl procps
  time                  # e2e: the judge process's peak RSS (/usr/bin/time -f %M)
  python3-junitparser   # judge validate's test reads its JUnit XML back with a real JUnit parser
)

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
