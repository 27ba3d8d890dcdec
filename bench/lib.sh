# Shared setup of the service benchmarks (bench/leaderboard.sh, join-storm.sh, sse.sh): sourced
# after SRC and TOKEN are set. Loopback only.

judged_pid=""

# Stops judged and the services, removes $work (the EXIT trap bench_work sets).
bench_cleanup() {
  [ -n "$judged_pid" ] && kill "$judged_pid" 2>/dev/null && wait "$judged_pid" 2>/dev/null
  "$SRC/scripts/services.sh" stop "$svc" >/dev/null 2>&1 || true
  rm -rf "$work"
}

# bench_work NAME: a fresh $work (/tmp/NAME.XXXXXX) with the services' $svc under it, cleaned up
# on exit.
bench_work() {
  work="$(mktemp -d "/tmp/$1.XXXXXX")"
  chmod 755 "$work" # PostgreSQL runs as its own user under it
  svc="$work/svc"
  trap bench_cleanup EXIT
}

# Starts PostgreSQL and Redis (scripts/services.sh) in $svc, exports their settings (JUDGED_DB,
# JUDGED_REDIS, REDIS_PORT, ...) and picks a free loopback $port for judged.
bench_services() {
  local env_text
  env_text="$("$SRC/scripts/services.sh" start "$svc")"
  eval "$env_text"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
}

# bench_start_judged JUDGED PROBLEMS MIGRATIONS [OPTION...]: an API-only judged on $port with
# the admin token $TOKEN (log: $work/judged.log), $judged_pid; returns once it answers /healthz
# (or after 10 s).
bench_start_judged() {
  local bin="$1" problems="$2" migrations="$3"
  shift 3
  "$bin" --role api --listen "127.0.0.1:$port" --admin-token "$TOKEN" \
    --problems "$problems" --migrations "$migrations" "$@" >>"$work/judged.log" 2>&1 &
  judged_pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
}

bench_stop_judged() {
  kill "$judged_pid" && wait "$judged_pid" 2>/dev/null
  judged_pid=""
}
