#!/usr/bin/env bash
# Throwaway PostgreSQL 15 and Redis 7 for judged's tests and demo: both listen on 127.0.0.1 only,
# on free ports, with their data under one directory that `stop` deletes.
#
#   scripts/services.sh start [DIR]          start both; prints the environment to use
#   scripts/services.sh env [DIR]            print it again (eval "$(scripts/services.sh env DIR)")
#   scripts/services.sh restart-redis [DIR]  stop Redis and start an empty one on the same port
#                                            (no persistence: the stream is lost, as after a crash)
#   scripts/services.sh stop [DIR]           stop both and delete DIR
#
# DIR defaults to $JUDGE_SERVICES_DIR, else /tmp/judge-services. The environment printed:
# JUDGED_DB (a libpq conninfo), JUDGED_REDIS (host:port), and PG_PORT, REDIS_PORT.
set -euo pipefail

cmd="${1:-}"
dir="${2:-${JUDGE_SERVICES_DIR:-/tmp/judge-services}}"

pg_bin() {
  local v
  for v in 15 16 17 14 13; do
    [ -x "/usr/lib/postgresql/$v/bin/$1" ] && { echo "/usr/lib/postgresql/$v/bin/$1"; return; }
  done
  command -v "$1" || { echo "services: PostgreSQL's $1 is not installed (scripts/install-deps.sh)" >&2; exit 1; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# PostgreSQL refuses to run as root: run it as the postgres user (or whoever we are).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    local u=postgres
    id "$u" >/dev/null 2>&1 || u=nobody
    runuser -u "$u" -- "$@"
  else
    "$@"
  fi
}

print_env() {
  # shellcheck disable=SC1091
  . "$dir/env"
  echo "export JUDGED_DB='host=127.0.0.1 port=$PG_PORT dbname=judge user=judge'"
  echo "export JUDGED_REDIS='127.0.0.1:$REDIS_PORT'"
  echo "export PG_PORT=$PG_PORT REDIS_PORT=$REDIS_PORT JUDGE_SERVICES_DIR='$dir'"
}

start_redis() {
  # no RDB, no AOF: a restart loses everything, which is what the tests want to see survived
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" >/dev/null
  for _ in $(seq 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  echo "services: Redis did not start; see $dir/redis.log" >&2
  exit 1
}

stop_redis() {
  if [ -f "$dir/redis.pid" ]; then
    local pid
    pid="$(cat "$dir/redis.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$dir/redis.pid"
  fi
}

case "$cmd" in
start)
  if [ -f "$dir/env" ]; then
    echo "services: already started in $dir (stop it first)" >&2
    print_env
    exit 0
  fi
  mkdir -p "$dir"
  PG_PORT="$(free_port)"
  REDIS_PORT="$(free_port)"
  while [ "$REDIS_PORT" = "$PG_PORT" ]; do REDIS_PORT="$(free_port)"; done
  mkdir -p "$dir/pg" "$dir/pgsock" "$dir/pglog"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir/pg" "$dir/pgsock" "$dir/pglog" 2>/dev/null || true
  as_pg "$(pg_bin initdb)" -D "$dir/pg" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
    echo "services: initdb failed; see $dir/initdb.log" >&2; exit 1; }
  cat >>"$dir/pg/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$dir/pgsock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
shared_buffers = 256MB
EOF
  as_pg "$(pg_bin pg_ctl)" -D "$dir/pg" -l "$dir/pglog/pg.log" -w -t 60 start >/dev/null || {
    echo "services: PostgreSQL did not start; see $dir/pglog/pg.log" >&2; exit 1; }
  psql="$(pg_bin psql)"
  "$psql" -qX -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE judge LOGIN" -c "CREATE DATABASE judge OWNER judge" >/dev/null
  echo "PG_PORT=$PG_PORT" >"$dir/env.tmp"
  echo "REDIS_PORT=$REDIS_PORT" >>"$dir/env.tmp"
  mv "$dir/env.tmp" "$dir/env"
  start_redis
  echo "services: PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT (data in $dir)" >&2
  print_env
  ;;
env)
  [ -f "$dir/env" ] || { echo "services: not started in $dir" >&2; exit 1; }
  print_env
  ;;
restart-redis)
  [ -f "$dir/env" ] || { echo "services: not started in $dir" >&2; exit 1; }
  # shellcheck disable=SC1091
  . "$dir/env"
  stop_redis
  start_redis
  echo "services: Redis restarted empty on 127.0.0.1:$REDIS_PORT" >&2
  ;;
stop)
  [ -d "$dir" ] || exit 0
  stop_redis
  if [ -f "$dir/pg/postmaster.pid" ]; then
    as_pg "$(pg_bin pg_ctl)" -D "$dir/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
  ;;
esac
