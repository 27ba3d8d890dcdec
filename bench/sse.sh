#!/usr/bin/env bash
# Live push benchmark: CLIENTS concurrent Server-Sent Events streams (default 10,000) on one
# API-only judged over loopback, all watching one competition's board, then EVENTS board
# versions published to Redis (what the leaderboard writers do), 250 ms apart. bench/sse.c
# prints: clients connected, judged's RSS before / connected / idle / after and per client,
# delivery latency p50/p99/max over every (event, client) pair and to the last client, and
# judged's CPU time.
#
#   bench/sse.sh [BUILD_DIR] [CLIENTS] [EVENTS] [HTTP_THREADS]
#
# Starts its own PostgreSQL and Redis (scripts/services.sh); loopback only. Both processes need
# CLIENTS descriptors and more: the script raises its soft limit to the hard one.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$(cd "${1:-$SRC/build}" && pwd)"
CLIENTS="${2:-10000}"
EVENTS="${3:-20}"
THREADS="${4:-4}"
TOKEN=bench-admin-token

ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((CLIENTS + 1100)) ]; then
  echo "sse.sh: the descriptor limit ($(ulimit -n)) is below $((CLIENTS + 1100)): raise the hard limit" >&2
  exit 1
fi
work="$(mktemp -d /tmp/judge-bench-sse.XXXXXX)"
chmod 755 "$work" # PostgreSQL runs as its own user under it
svc="$work/svc"
judged_pid=""
cleanup() {
  [ -n "$judged_pid" ] && kill "$judged_pid" 2>/dev/null && wait "$judged_pid" 2>/dev/null
  "$SRC/scripts/services.sh" stop "$svc" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

gcc -O2 -o "$work/sse" "$SRC/bench/sse.c"
env_text="$("$SRC/scripts/services.sh" start "$svc")"
eval "$env_text"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$BUILD/cmd/judged/judged" --role api --listen "127.0.0.1:$port" --admin-token "$TOKEN" \
  --problems "$SRC/problems" --migrations "$SRC/db/migrations" --http-threads "$THREADS" \
  --max-sse $((CLIENTS + 100)) >"$work/judged.log" 2>&1 &
judged_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
cid="$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data '{"title":"bench","problems":["two-sum"],"starts_at":"2020-01-01T00:00:00Z","ends_at":"2100-01-01T00:00:00Z"}' \
  "http://127.0.0.1:$port/competitions" | jq -r .id)"
echo "judged $judged_pid on 127.0.0.1:$port, $THREADS HTTP threads, $(nproc) cores; competition $cid; $CLIENTS clients, $EVENTS events"
r=0
"$work/sse" 127.0.0.1 "$port" "/competitions/$cid/events" "$TOKEN" "$CLIENTS" "$EVENTS" 127.0.0.1 "$REDIS_PORT" \
  "competition:$cid:board" "$judged_pid" || r=$?
grep -v "listening on" "$work/judged.log" | tail -5 >&2 || true
exit "$r"
