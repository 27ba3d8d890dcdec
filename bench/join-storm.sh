#!/usr/bin/env bash
# Join storm benchmark (issue 11, point 4): does a burst of joins stall the readers of the board?
# A competition with PARTICIPANTS participants (seeded straight into PostgreSQL, board rebuilt),
# then GET /competitions/1/leaderboard?top=100, open loop at RATE requests/s for SECONDS:
#   1. alone;
#   2. while JOINS new users (each with a token of their own) join the competition at once, as
#      fast as judged answers, over STORM_CONNS connections (bench/join-storm.py), the storm
#      starting with the reads.
# Printed side by side: the reads' rate, p50, p99, p99.9, max and errors in both runs, and the
# storm's own figures (joins/s, statuses, latency). Then checks that every join landed.
#
#   bench/join-storm.sh [BUILD_DIR] [SECONDS] [RATE] [PARTICIPANTS] [JOINS] [STORM_CONNS]
#
# HTTP_THREADS=N: judged's --http-threads (default 8, as judged's).
# JUDGED=path/to/judged, JUDGE=path/to/judge and MIGRATIONS=dir run another build (e.g. an older
# one, to compare).
# Starts its own PostgreSQL and Redis (scripts/services.sh) and an API-only judged; loopback only.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$(cd "${1:-$SRC/build}" && pwd)"
SECS="${2:-10}"
RATE="${3:-300}"
N="${4:-100000}"
JOINS="${5:-10000}"
STORM_CONNS="${6:-32}"
JUDGED="${JUDGED:-$BUILD/cmd/judged/judged}"
MIGRATIONS="${MIGRATIONS:-$SRC/db/migrations}"
JUDGE="${JUDGE:-$BUILD/cmd/judge/judge}"
TOKEN=bench-admin-token

. "$SRC/bench/lib.sh"
bench_work judge-storm

gcc -O2 -pthread -o "$work/httpload" "$SRC/bench/httpload.c" -lm
bench_services
bench_start_judged "$JUDGED" "$SRC/problems" "$MIGRATIONS" --http-threads "${HTTP_THREADS:-8}"

echo "seeding $N participants and $JOINS users to join..." >&2
psql -qX "$JUDGED_DB" -v ON_ERROR_STOP=1 -v n="$N" -v j="$JOINS" <<'EOF2'
INSERT INTO users (name) SELECT 'p' || g FROM generate_series(1, :n) g;
INSERT INTO users (name) SELECT 's' || g FROM generate_series(1, :j) g;
INSERT INTO competitions (title, starts_at, ends_at)
  VALUES ('storm', now() - interval '3 hours', now() + interval '2 hours');
INSERT INTO competition_problems (competition_id, slug, position)
  SELECT 1, slug, pos FROM unnest(ARRAY['two-sum', 'reverse-string', 'my-pow', 'lru-cache'])
  WITH ORDINALITY AS x(slug, pos);
INSERT INTO entries (competition_id, user_id) SELECT 1, id FROM users WHERE name LIKE 'p%';
INSERT INTO submissions (user_id, problem_slug, language, code, kind, competition_id, status, verdict,
                         created_at, finished_at, finish_count)
  SELECT e.user_id, cp.slug, 'python', '', 'submit', 1, 'done',
         CASE WHEN random() < 0.45 THEN 'AC' ELSE 'WA' END,
         c.starts_at + (random() * 170) * interval '1 minute', now(), 1
  FROM entries e JOIN competition_problems cp ON cp.competition_id = e.competition_id
  JOIN competitions c ON c.id = e.competition_id
  CROSS JOIN LATERAL generate_series(1, floor(random() * 3 + 0 * e.user_id)::int) AS t(n)
  WHERE e.competition_id = 1;
INSERT INTO tokens (token_sha256, user_id)
  SELECT encode(sha256(convert_to('storm-token-' || id, 'UTF8')), 'hex'), id FROM users WHERE name LIKE 's%';
ANALYZE users, entries, submissions, competition_problems, tokens;
EOF2
psql -qAtX "$JUDGED_DB" -c "SELECT 'storm-token-' || id FROM users WHERE name LIKE 's%' ORDER BY id" >"$work/tokens"
"$JUDGE" leaderboard rebuild 1 --db "$JUDGED_DB" --redis "$JUDGED_REDIS" >&2

top="/competitions/1/leaderboard?top=100"
reads() { "$work/httpload" --conns 50 --seconds "$SECS" --rate "$RATE" --path "$top" --token "$TOKEN" 127.0.0.1 "$port"; }
"$work/httpload" --conns 50 --seconds 2 --path "$top" --token "$TOKEN" 127.0.0.1 "$port" >/dev/null # warm-up

calm="$(reads)"
reads >"$work/storm-reads" &
rp=$!
storm="$(python3 "$SRC/bench/join-storm.py" 127.0.0.1 "$port" 1 "$work/tokens" "$STORM_CONNS")"
wait "$rp"
during="$(cat "$work/storm-reads")"

entries="$(psql -qAtX "$JUDGED_DB" -c "SELECT count(*) FROM entries WHERE competition_id = 1")"
total="$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$top&top=1" | jq .total)"
a="$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$top" | jq -c '[.rows[] | [.rank, .user_id, .solved, .penalty]]')"
b="$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$top&source=db" | jq -c '[.rows[] | [.rank, .user_id, .solved, .penalty]]')"

echo
echo "Join storm: $N participants, then $JOINS joins over $STORM_CONNS connections; reads of top=100 open loop"
echo "at $RATE req/s over 50 connections for $SECS s each; judged: $JUDGED; $(nproc) CPUs"
printf '%-28s %10s %9s %9s %9s %9s %8s\n' reads 'req/s' 'p50 ms' 'p99 ms' 'p99.9 ms' 'max ms' errors
row() {
  printf '%-28s %10s %9s %9s %9s %9s %8s\n' "$1" "$(echo "$2" | jq .rps)" "$(echo "$2" | jq .p50_ms)" \
    "$(echo "$2" | jq .p99_ms)" "$(echo "$2" | jq .p999_ms)" "$(echo "$2" | jq .max_ms)" "$(echo "$2" | jq .errors)"
}
row "without joins" "$calm"
row "during the join storm" "$during"
echo "p99 during / without: $(jq -n --argjson a "$during" --argjson b "$calm" '($a.p99_ms / $b.p99_ms * 100 | round) / 100')"
echo "storm: $(echo "$storm" | jq -r '"\(.joins) joins in \(.seconds) s (\(.rps)/s), statuses \(.statuses | tostring), join p50 \(.p50_ms) ms, p99 \(.p99_ms) ms"')"
echo "after: $entries entries in PostgreSQL, board total $total (expected $((N + JOINS)))"
[ "$a" = "$b" ] && echo "top 100 identical from Redis and from PostgreSQL" || echo "MISMATCH between the Redis and the PostgreSQL top 100"
grep -c 'locked' "$work/judged.log" | sed 's/^/lock timeouts in judged.log: /' || true
echo "raw: calm $calm"
echo "raw: during $during"
echo "raw: storm $storm"
[ "$entries" = "$((N + JOINS))" ] && [ "$total" = "$((N + JOINS))" ] && [ "$a" = "$b" ]
