#!/usr/bin/env bash
# service-openapi: judged's real answers against its description, docs/openapi.json. Starts
# PostgreSQL and Redis (scripts/services.sh), a judged with the API and workers on the first
# engine of $JUDGE_TEST_ENGINES, and a worker-only judged whose engine socket does not exist (its
# /healthz degrades); then openapi-check.py calls every endpoint, success and error cases, and
# validates each answer with python3-jsonschema (Draft 2020-12). TAP.
#
#   openapi-test.sh BUILD_DIR SOURCE_DIR
BUILD="$(cd "$1" && pwd)"
SRC="$(cd "$2" && pwd)"
# shellcheck source=lib.sh
. "$SRC/test/service/lib.sh"
trap finish EXIT

# Debian's python3 (where python3-jsonschema is), whatever python3 comes first in PATH.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! "$py" -c 'from jsonschema import Draft202012Validator, RefResolver' 2>/dev/null; then
  not_ok "python3-jsonschema with Draft 2020-12 for $py (scripts/install-deps.sh installs it)"
  exit 1
fi

need_engine
start_services
API_PORT="$(free_port)"
start_judged A "$API_PORT" --workers 2 --rate-limit 3 --auth-fail-limit 20 --retry-ms 500 ||
  { not_ok "judged starts"; exit 1; }
ok "judged starts"

# A worker-only judged on an engine socket that does not exist: it answers /healthz (503 once its
# worker has probed the engine) and /metrics, and 404 for the API.
W_PORT="$(free_port)"
"$BUILD/cmd/judged/judged" --listen "127.0.0.1:$W_PORT" --role worker --workers 1 \
  --engine "unix://$svc_dir/no-engine.sock" --problems "$SRC/problems" --migrations "$SRC/db/migrations" \
  --worker-name W >>"$svc_dir/judged-W.log" 2>&1 &
pids+=("$!")
up=0
for _ in $(seq 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$W_PORT/healthz")" != 000 ] && { up=1; break; }
  sleep 0.1
done
check "the worker-only judged starts" test "$up" = 1

out="$svc_dir/openapi-check.out"
"$py" "$SRC/test/service/openapi-check.py" "$SRC/docs/openapi.json" "http://127.0.0.1:$API_PORT" \
  "http://127.0.0.1:$W_PORT" "$ADMIN" "$SRC" >"$out" 2>"$out.err"
rc=$?
while IFS= read -r line; do
  case "$line" in
    "ok "*) ok "${line#ok }" ;;
    "not ok "*) not_ok "${line#not ok }" ;;
    *) echo "$line" ;;
  esac
done <"$out"
check "openapi-check.py exits 0 (status $rc)" test "$rc" -eq 0
[ -s "$out.err" ] && sed 's/^/# stderr: /' "$out.err" | head -20
if [ "$n_fail" -gt 0 ]; then
  diag "judged's log:"; tail -20 "$svc_dir/judged-A.log" | sed 's/^/#   /'
fi
