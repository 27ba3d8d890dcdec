#!/usr/bin/env bash
# Leaderboard benchmark: a competition with 100,000 participants (4 problems, ~1-3 tries each,
# seeded straight into PostgreSQL), then GET /competitions/ID/leaderboard?top=100 under load
# from a separate process (bench/httpload), answered from the Redis sorted set, beside the
# same ranking answered by one PostgreSQL query (?source=db), in the same run.
#
#   bench/leaderboard.sh [BUILD_DIR] [SECONDS] [CONNECTIONS] [PARTICIPANTS]
#
# Starts its own PostgreSQL and Redis (scripts/services.sh) and an API-only judged; loopback only.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$(cd "${1:-$SRC/build}" && pwd)"
SECS="${2:-10}"
CONNS="${3:-8}"
N="${4:-100000}"
TOKEN=bench-admin-token

work="$(mktemp -d /tmp/judge-bench.XXXXXX)"
chmod 755 "$work" # PostgreSQL runs as its own user under it
svc="$work/svc"
judged_pid=""
cleanup() {
  [ -n "$judged_pid" ] && kill "$judged_pid" 2>/dev/null && wait "$judged_pid" 2>/dev/null
  "$SRC/scripts/services.sh" stop "$svc" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

gcc -O2 -pthread -o "$work/httpload" "$SRC/bench/httpload.c"
env_text="$("$SRC/scripts/services.sh" start "$svc")"
eval "$env_text"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$BUILD/cmd/judged/judged" --role api --listen "127.0.0.1:$port" --admin-token "$TOKEN" \
  --problems "$SRC/problems" --migrations "$SRC/db/migrations" --http-threads 4 >"$work/judged.log" 2>&1 &
judged_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

echo "seeding $N participants..." >&2
t0=$(date +%s.%N)
psql -qX "$JUDGED_DB" -v ON_ERROR_STOP=1 -v n="$N" <<'EOF'
INSERT INTO users (name) SELECT 'p' || g FROM generate_series(1, :n) g;
INSERT INTO competitions (title, starts_at, ends_at)
  VALUES ('bench', now() - interval '3 hours', now() + interval '2 hours');
INSERT INTO competition_problems (competition_id, slug, position)
  SELECT 1, slug, pos FROM unnest(ARRAY['two-sum', 'reverse-string', 'my-pow', 'lru-cache'])
  WITH ORDINALITY AS x(slug, pos);
INSERT INTO entries (competition_id, user_id) SELECT 1, id FROM users WHERE name LIKE 'p%';
-- 0 to 3 tries per participant and problem, each AC with probability 0.45, at a random minute
INSERT INTO submissions (user_id, problem_slug, language, code, kind, competition_id, status, verdict,
                         created_at, finished_at, finish_count)
  SELECT e.user_id, cp.slug, 'python', '', 'submit', 1, 'done',
         CASE WHEN random() < 0.45 THEN 'AC' ELSE 'WA' END,
         c.starts_at + (random() * 170) * interval '1 minute', now(), 1
  FROM entries e JOIN competition_problems cp ON cp.competition_id = e.competition_id
  JOIN competitions c ON c.id = e.competition_id
  CROSS JOIN LATERAL generate_series(1, floor(random() * 4 + 0 * e.user_id)::int) AS t(n)
  WHERE e.competition_id = 1;
ANALYZE users, entries, submissions, competition_problems;
EOF
t1=$(date +%s.%N)
subs="$(psql -qAtX "$JUDGED_DB" -c "select count(*) from submissions")"
echo "seeded: $N participants, $subs submissions in $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s" >&2

t0=$(date +%s.%N)
"$BUILD/cmd/judge/judge" leaderboard rebuild 1 --db "$JUDGED_DB" --redis "$JUDGED_REDIS" >&2
t1=$(date +%s.%N)
rebuild_s="$(printf '%.2f' "$(echo "$t1 - $t0" | bc)")"

# the two answers must agree before they are timed
a="$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/competitions/1/leaderboard?top=100" | jq -c '[.rows[] | [.rank, .user_id, .solved, .penalty]]')"
b="$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/competitions/1/leaderboard?top=100&source=db" | jq -c '[.rows[] | [.rank, .user_id, .solved, .penalty]]')"
if [ "$a" != "$b" ]; then
  echo "MISMATCH between the Redis and the PostgreSQL rankings" >&2
  exit 1
fi
echo "top 100 identical from Redis and from PostgreSQL" >&2

"$work/httpload" 127.0.0.1 "$port" "/competitions/1/leaderboard?top=100" "$TOKEN" "$CONNS" 2 >/dev/null # warm-up
redis="$("$work/httpload" 127.0.0.1 "$port" "/competitions/1/leaderboard?top=100" "$TOKEN" "$CONNS" "$SECS")"
pg="$("$work/httpload" 127.0.0.1 "$port" "/competitions/1/leaderboard?top=100&source=db" "$TOKEN" "$CONNS" "$SECS")"

echo
echo "Leaderboard benchmark: $N participants, $subs submissions, GET ...?top=100, $CONNS connections, ${SECS} s each, $(nproc) CPUs"
echo "rebuild from PostgreSQL into Redis (judge leaderboard rebuild): ${rebuild_s} s"
printf '%-12s %10s %10s %10s %8s\n' source 'req/s' 'p50 ms' 'p99 ms' errors
for x in redis pg; do
  j="${!x}"
  printf '%-12s %10s %10s %10s %8s\n' "$([ $x = redis ] && echo redis || echo postgresql)" \
    "$(echo "$j" | jq .rps)" "$(echo "$j" | jq .p50_ms)" "$(echo "$j" | jq .p99_ms)" "$(echo "$j" | jq .errors)"
done
echo "ratio redis/postgresql: throughput x$(jq -n --argjson a "$redis" --argjson b "$pg" '($a.rps / $b.rps * 10 | round) / 10'), p50 x$(jq -n --argjson a "$redis" --argjson b "$pg" '($b.p50_ms / $a.p50_ms * 10 | round) / 10') faster, p99 x$(jq -n --argjson a "$redis" --argjson b "$pg" '($b.p99_ms / $a.p99_ms * 10 | round) / 10') faster"
echo "raw: redis $redis"
echo "raw: postgresql $pg"
