# Helpers for judged's integration tests (sourced). TAP output on stdout, details on stderr.
# Needs: BUILD (build dir), SRC (source dir). Starts its own PostgreSQL and Redis.

set -uo pipefail

n_test=0
n_fail=0
pids=()
svc_dir=""

ok() { n_test=$((n_test + 1)); echo "ok $n_test - $*"; }
not_ok() { n_test=$((n_test + 1)); n_fail=$((n_fail + 1)); echo "not ok $n_test - $*"; }
# The per-minute limits (failed authentications, submissions per user) count in fixed windows of
# the wall clock's minute: a test that needs N events in one window starts them with at least
# SECONDS left in the current minute, or waits for the next one.
fresh_minute() { # fresh_minute SECONDS
  local s=$(( $(date +%s) % 60 ))
  [ $((60 - s)) -ge "$1" ] || sleep $((60 - s + 1))
}
check() { # check DESCRIPTION COMMAND... (the command's own output goes to stderr, not into the TAP stream)
  local d="$1"; shift
  if "$@" >&2; then ok "$d"; else not_ok "$d"; fi
}
diag() { echo "# $*"; }

finish() {
  local p
  # An orderly stop (SIGTERM): a judgement still running, e.g. a duplicate delivery of a
  # submission already done, ends and its container is removed. SIGKILL would leave it on the
  # engine, which no later attempt cleans up (the submission is done). SIGKILL only after 15 s.
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  local t=0
  for p in "${pids[@]}"; do
    while kill -0 "$p" 2>/dev/null && [ $t -lt 150 ]; do sleep 0.1; t=$((t + 1)); done
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "$svc_dir" ] && "$SRC/scripts/services.sh" stop "$svc_dir" >/dev/null 2>&1
  echo "1..$n_test"
  [ "$n_fail" -eq 0 ]
}

# The engine: first entry of $JUDGE_TEST_ENGINES; its absence is a failure that says so.
need_engine() {
  ENGINE="${JUDGE_TEST_ENGINES:-}"
  ENGINE="${ENGINE%% *}"
  if [ -z "$ENGINE" ]; then
    not_ok "JUDGE_TEST_ENGINES is not set: judged's integration tests need a container engine (e.g. unix:///run/docker.sock)"
    echo "1..$n_test"
    exit 1
  fi
  if ! "$BUILD/cmd/judge/judge" images list --engine "$ENGINE" 2>/dev/null | grep -E '^python ' | grep -q ' built'; then
    not_ok "the python image is not built on $ENGINE: run judge images build python --engine $ENGINE"
    echo "1..$n_test"
    exit 1
  fi
}

start_services() {
  svc_dir="$(mktemp -d /tmp/judged-test.XXXXXX)"
  rmdir "$svc_dir"
  if ! "$SRC/scripts/services.sh" start "$svc_dir" >"$svc_dir.env" 2>/dev/null; then
    not_ok "PostgreSQL and Redis start (scripts/services.sh)"
    finish
    exit 1
  fi
  # shellcheck disable=SC1090
  . "$svc_dir.env"
  rm -f "$svc_dir.env"
  export JUDGED_DB JUDGED_REDIS
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

ADMIN=test-admin-token
# start_judged NAME PORT [judged options...]: runs it in the background, waits for /healthz.
start_judged() {
  local name="$1" port="$2"; shift 2
  "$BUILD/cmd/judged/judged" --listen "127.0.0.1:$port" --engine "$ENGINE" --problems "$SRC/problems" \
    --migrations "$SRC/db/migrations" --admin-token "$ADMIN" --worker-name "$name" "$@" \
    >>"$svc_dir/judged-$name.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  eval "PID_$name=$pid"
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  diag "judged $name did not come up:"; sed 's/^/#   /' "$svc_dir/judged-$name.log" | tail -20
  return 1
}

# api METHOD PATH [TOKEN] [BODY]: prints "STATUS BODY" (BODY on one line).
api() {
  local m="$1" p="$2" tok="${3:-}" body="${4:-}"
  local args=(-s -o "$svc_dir/resp" -w '%{http_code}' -X "$m" "http://127.0.0.1:$API_PORT$p")
  [ -n "$tok" ] && args+=(-H "Authorization: Bearer $tok")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  local st
  st="$(curl "${args[@]}")"
  echo "$st $(tr -d '\n' <"$svc_dir/resp")"
}

# submit TOKEN SLUG FILE [LANG] [COMPETITION]: prints the submission id (empty on failure).
submit() {
  local tok="$1" slug="$2" file="$3" lang="${4:-python}" comp="${5:-null}"
  local body
  body="$(jq -n --rawfile code "$file" --arg lang "$lang" --argjson comp "$comp" \
    '{language: $lang, code: $code, competition: $comp}')"
  local out
  out="$(api POST "/problems/$slug/submissions" "$tok" "$body")"
  [ "${out%% *}" = 202 ] || { echo "submit failed: $out" >&2; return 1; }
  echo "${out#* }" | jq -r .id
}

# wait_done TOKEN ID [SECONDS]: waits for status done; prints the submission document.
wait_done() {
  local tok="$1" id="$2" secs="${3:-60}" out
  for _ in $(seq $((secs * 5))); do
    out="$(api GET "/submissions/$id" "$tok")"
    if [ "$(echo "${out#* }" | jq -r .status 2>/dev/null)" = done ]; then
      echo "${out#* }"
      return 0
    fi
    sleep 0.2
  done
  echo "${out#* }"
  return 1
}

psql_q() { psql -qAtX "$JUDGED_DB" -c "$1"; }

new_user() { # new_user NAME: prints the token
  api POST /users "$ADMIN" "{\"name\":\"$1\"}" | cut -d' ' -f2- | jq -r .token
}
