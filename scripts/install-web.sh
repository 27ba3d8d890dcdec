#!/bin/sh
# meson install step (meson.build: add_install_script): copies the built web app (web/dist, made
# by scripts/build-web.sh) into DATADIR/judge/web/dist, where an installed judged serves it.
# Without a build it says so and installs nothing: judged then answers / with 503.
# install -p keeps the files' times: judged sends NAME.gz only when it is not older than NAME.
set -eu
src="${MESON_SOURCE_ROOT:?run by meson install}/web/dist"
dest="${MESON_INSTALL_DESTDIR_PREFIX:?run by meson install}/$1/judge/web/dist"
if [ ! -f "$src/index.html" ]; then
  echo "install-web: web/dist is not built (scripts/build-web.sh): the web app is not installed" >&2
  exit 0
fi
rm -rf "$dest"
mkdir -p "$dest"
for f in "$src"/*; do
  [ -f "$f" ] && [ ! -L "$f" ] && install -p -m 644 "$f" "$dest/"
done
echo "install-web: $dest"
