#!/usr/bin/env bash
# web-browser: the web app as a person uses it, in headless Chromium (Debian's /usr/bin/chromium,
# driven by playwright-core from test/web/package.json). Starts PostgreSQL and Redis
# (scripts/services.sh) and a judged with the API and workers on the first engine of
# $JUDGE_TEST_ENGINES (the python image) and the repository's problems/; an admin creates a
# running competition with two-sum through the API; then browser-test.mjs signs up, solves
# two-sum in the editor, submits a wrong answer, joins the contest, logs out. TAP.
#
#   browser-test.sh BUILD_DIR SOURCE_DIR
# Screenshots of each page: BUILD_DIR/test/web/screenshots/. With WEB_TEST_DOCS_SCREENSHOT=1
# (scripts/screenshot.sh) the problem page's is copied to docs/screenshot-problem.png.
# WEB_TEST_FRONT=COMMAND (development only): a front end to open instead of judged's own `/`;
# it is started as `COMMAND JUDGED_URL ADMIN_TOKEN PORT` and must serve on 127.0.0.1:PORT.
BUILD="$(cd "$1" && pwd)"
SRC="$(cd "$2" && pwd)"
# shellcheck source=../service/lib.sh
. "$SRC/test/service/lib.sh"
trap finish EXIT

WEB="$SRC/test/web"
SHOTS="$BUILD/test/web/screenshots"
SLUG=two-sum
mkdir -p "$SHOTS"
AC="$SRC/problems/$SLUG/submissions/accepted/solution.py"
WA="$SRC/problems/$SLUG/submissions/wrong_answer/same_index.py"

# What the test runs on: Node.js 20 or later (playwright-core 1.64), Debian's Chromium.
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  not_ok "Node.js 20 or later is on PATH (found: $(node --version 2>&1 | head -1)); playwright-core needs it"
  exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  not_ok "/usr/bin/chromium is installed (scripts/install-deps.sh installs Debian's chromium)"
  exit 1
fi
ok "Node.js $(node --version) and $(/usr/bin/chromium --version 2>/dev/null | head -1)"

# The test's packages, exactly as package-lock.json pins them (a fresh clone has none).
if [ ! -f "$WEB/node_modules/playwright-core/package.json" ] || [ ! -f "$WEB/node_modules/axe-core/axe.min.js" ] ||
   [ "$WEB/package-lock.json" -nt "$WEB/node_modules/.package-lock.json" ]; then
  if (cd "$WEB" && npm ci --no-audit --no-fund) >"$BUILD/test/web/npm-ci.log" 2>&1; then
    ok "npm ci in test/web (playwright-core, axe-core)"
  else
    not_ok "npm ci in test/web (playwright-core, axe-core)"
    sed 's/^/# /' "$BUILD/test/web/npm-ci.log" | tail -15
    exit 1
  fi
fi

# The web app's assets: built here if the build has not made them yet.
if [ -z "${WEB_TEST_FRONT:-}" ] && [ -x "$SRC/scripts/build-web.sh" ] && [ ! -f "$SRC/web/dist/index.html" ]; then
  if "$SRC/scripts/build-web.sh" >"$BUILD/test/web/build-web.log" 2>&1; then
    ok "scripts/build-web.sh builds web/dist"
  else
    not_ok "scripts/build-web.sh builds web/dist"
    sed 's/^/# /' "$BUILD/test/web/build-web.log" | tail -15
    exit 1
  fi
fi

need_engine
start_services
API_PORT="$(free_port)"
start_judged A "$API_PORT" --workers 2 || { not_ok "judged starts"; exit 1; }
ok "judged starts on $ENGINE"

# A competition running now (started a minute ago, ends in an hour) with the problem.
title="Browser test contest $(date +%s)"
start="$(date -u -d '-60 seconds' +%Y-%m-%dT%H:%M:%SZ)"
end="$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)"
out="$(api POST /competitions "$ADMIN" "$(jq -nc --arg t "$title" --arg s "$start" --arg e "$end" --arg p "$SLUG" \
  '{title: $t, problems: [$p], starts_at: $s, ends_at: $e}')")"
cid="$(echo "${out#* }" | jq -r .id 2>/dev/null)"
if [ "${out%% *}" != 201 ] || [ -z "$cid" ] || [ "$cid" = null ]; then
  not_ok "an admin creates a running competition with $SLUG (POST /competitions: $out)"
  exit 1
fi
ok "an admin creates a running competition with $SLUG (id $cid)"

base="http://127.0.0.1:$API_PORT"
if [ -n "${WEB_TEST_FRONT:-}" ]; then
  FRONT_PORT="$(free_port)"
  $WEB_TEST_FRONT "$base" "$ADMIN" "$FRONT_PORT" >>"$svc_dir/front.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$FRONT_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
  base="http://127.0.0.1:$FRONT_PORT"
  diag "front end (WEB_TEST_FRONT) at $base"
fi

rm -f "$SHOTS"/*.png
docs_shot=""
[ "${WEB_TEST_DOCS_SCREENSHOT:-0}" = 1 ] && docs_shot="$SRC/docs/screenshot-problem.png"
t0=$(date +%s)
# timeout: the steps wait at most 2 minutes each for a verdict; the whole run far less
WEB_BASE="$base" WEB_SHOTS="$SHOTS" WEB_PROBLEM="$SLUG" \
  WEB_TITLE="$(jq -r .title "$SRC/problems/$SLUG/problem.json")" WEB_AC="$AC" WEB_WA="$WA" \
  WEB_SAMPLES="$(jq length "$SRC/problems/$SLUG/tests/sample.json")" WEB_OWN_CASE='{"args": [[1, 5, 9], 10]}' \
  WEB_CONTEST_ID="$cid" WEB_CONTEST_TITLE="$title" WEB_DOCS_SHOT="$docs_shot" \
  timeout -k 10 400 node "$WEB/browser-test.mjs" >"$svc_dir/browser.out" 2>"$svc_dir/browser.err"
rc=$?
while IFS= read -r line; do
  case "$line" in
    "ok - "*) ok "${line#ok - }" ;;
    "not ok - "*) not_ok "${line#not ok - }" ;;
    *) echo "$line" ;;
  esac
done <"$svc_dir/browser.out"
check "browser-test.mjs exits 0 (status $rc, $(($(date +%s) - t0)) s)" test "$rc" -eq 0
[ -s "$svc_dir/browser.err" ] && sed 's/^/# stderr: /' "$svc_dir/browser.err" | head -20
diag "screenshots: $SHOTS"
if [ "$n_fail" -gt 0 ]; then
  diag "judged's log:"; tail -20 "$svc_dir/judged-A.log" | sed 's/^/#   /'
fi
