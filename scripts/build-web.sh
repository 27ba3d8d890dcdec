#!/usr/bin/env bash
# Build the web app (web/) into web/dist: npm ci installs the pinned packages of
# web/package-lock.json, esbuild bundles web/src/main.js and CodeMirror into one minified
# app.js; index.html, app.css and icon.svg are copied beside it. judged serves web/dist at /.
# Each compressible asset also gets NAME.gz (gzip -9 -n: no name or time in it, so the same input
# gives the same bytes), which judged sends to clients that accept gzip; index.html is not
# compressed (judged puts a fresh nonce in it per answer).
set -euo pipefail
cd "$(dirname "$0")/../web"
command -v npm >/dev/null || { echo "build-web: npm is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
# node_modules is reused while the lockfile is unchanged (npm ci would delete and refetch it)
stamp=node_modules/.judge-lock-sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -x node_modules/.bin/esbuild ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi
rm -rf dist.tmp
mkdir -p dist.tmp
node_modules/.bin/esbuild src/main.js --bundle --format=esm --minify --target=es2020 \
  --legal-comments=linked --log-level=warning --outfile=dist.tmp/app.js
cp index.html app.css icon.svg dist.tmp/
for f in dist.tmp/*.js dist.tmp/*.css dist.tmp/*.svg dist.tmp/*.txt dist.tmp/*.map; do
  [ -f "$f" ] || continue
  gzip -9 -k -n -f "$f"
  # a .gz no smaller than its file is of no use (judged then sends the file)
  if [ "$(stat -c %s "$f.gz")" -ge "$(stat -c %s "$f")" ]; then rm -f "$f.gz"; fi
done
rm -rf dist
mv dist.tmp dist
echo "build-web: web/dist ($(du -sh dist | cut -f1)): $(ls dist | tr '\n' ' ')"
