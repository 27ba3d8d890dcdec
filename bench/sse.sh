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
. "$SRC/bench/lib.sh"
bench_work judge-bench-sse

gcc -O2 -o "$work/sse" "$SRC/bench/sse.c"
bench_services
bench_start_judged "$BUILD/cmd/judged/judged" "$SRC/problems" "$SRC/db/migrations" --http-threads "$THREADS" \
  --max-sse $((CLIENTS + 100))
cid="$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data '{"title":"bench","problems":["two-sum"],"starts_at":"2020-01-01T00:00:00Z","ends_at":"2100-01-01T00:00:00Z"}' \
  "http://127.0.0.1:$port/competitions" | jq -r .id)"
echo "judged $judged_pid on 127.0.0.1:$port, $THREADS HTTP threads, $(nproc) cores; competition $cid; $CLIENTS clients, $EVENTS events"
r=0
"$work/sse" 127.0.0.1 "$port" "/competitions/$cid/events" "$TOKEN" "$CLIENTS" "$EVENTS" 127.0.0.1 "$REDIS_PORT" \
  "competition:$cid:board" "$judged_pid" || r=$?
grep -v "listening on" "$work/judged.log" | tail -5 >&2 || true
exit "$r"
