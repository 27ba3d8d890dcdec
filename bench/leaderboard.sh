#!/usr/bin/env bash
# Leaderboard benchmark: a competition with 100,000 participants (4 problems, ~1-3 tries each,
# seeded straight into PostgreSQL, each participant with a token of their own), then, each under
# load from a separate process (bench/httpload) and printed side by side in one run with its
# ratio to raw Redis:
#   - raw Redis: ZREVRANGE of the board's sorted set, top 100 (redis-benchmark): the baseline;
#   - GET /competitions/ID/leaderboard?top=100 (one token): the shared page, plain; with
#     If-None-Match (a polling client that keeps the ETag: 304s); gzip; gzip with If-None-Match;
#   - the same ranking from one PostgreSQL query (?source=db);
#   - GET .../leaderboard/me, each request with one of the 100,000 participants' tokens;
#   - the design's load, open loop: RATE requests/s (default 20,000: 100k users polling every
#     5 s), 90% pages of the top 1,000 by offset and 10% /me, over all the tokens, while
#     bench-lbwrite finishes WRITES verdicts/s (default 50) on the board and measures the
#     staleness from a verdict written to the page seen changed, and to the participant's /me
#     seen with the new row;
#   - the same with judged pinned to one core (taskset; the load generators on the other);
#   - with BASE_BUILD=DIR (a build of the code before the shared pages, e.g. main's): the same
#     page, /me and open loop against that judged, for before/after in one run.
#
#   - with ME_ONLY=N: only GET .../leaderboard/me (all cores, then judged on one core), N rounds,
#     each against this build and then (with BASE_BUILD) the base one, alternately.
#
#   HTTP_THREADS=N: judged's --http-threads (default 8, as judged's).
#
#   bench/leaderboard.sh [BUILD_DIR] [SECONDS] [CONNECTIONS] [PARTICIPANTS] [RATE] [WRITES]
#
# Starts its own PostgreSQL and Redis (scripts/services.sh) and an API-only judged; loopback only.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$(cd "${1:-$SRC/build}" && pwd)"
SECS="${2:-10}"
CONNS="${3:-50}"
N="${4:-100000}"
RATE="${5:-20000}"
WRITES="${6:-50}"
BASE_BUILD="${BASE_BUILD:-}"
ME_ONLY="${ME_ONLY:-}"
TOKEN=bench-admin-token

. "$SRC/bench/lib.sh"
bench_work judge-bench

gcc -O2 -pthread -o "$work/httpload" "$SRC/bench/httpload.c" -lm
bench_services
start_judged() { # start_judged BUILD_DIR SOURCE_DIR
  bench_start_judged "$1/cmd/judged/judged" "$2/problems" "$2/db/migrations" --http-threads "${HTTP_THREADS:-8}"
}
stop_judged() { bench_stop_judged; }
start_judged "$BUILD" "$SRC"

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
-- one token per participant: the token is 'bench-token-<user id>', stored as its SHA-256
INSERT INTO tokens (token_sha256, user_id)
  SELECT encode(sha256(convert_to('bench-token-' || id, 'UTF8')), 'hex'), id FROM users WHERE name LIKE 'p%';
ANALYZE users, entries, submissions, competition_problems, tokens;
EOF
psql -qAtX "$JUDGED_DB" -c "SELECT 'bench-token-' || id FROM users WHERE name LIKE 'p%'" >"$work/tokens"
# judged read the tokens when it started, before the seeding: restart it so the table holds
# them all (else the first requests of each token go through the limited PostgreSQL lookups)
stop_judged
start_judged "$BUILD" "$SRC"
# the open-loop mix: 9 lines of pages (offsets 0..800 of the top 1,000) to 1 of /me
for o in 0 100 200 300 400 500 600 700 800; do
  echo "/competitions/1/leaderboard?top=100&offset=$o"
done >"$work/mix"
echo "/competitions/1/leaderboard/me" >>"$work/mix"
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

me_ok="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -1 "$work/tokens")" "http://127.0.0.1:$port/competitions/1/leaderboard/me")"
[ "$me_ok" = 200 ] || { echo "a participant's token is refused on /leaderboard/me ($me_ok)" >&2; exit 1; }

load() { "$work/httpload" --conns "$CONNS" --seconds "$SECS" "$@" 127.0.0.1 "$port"; }
top="/competitions/1/leaderboard?top=100"
"$work/httpload" --conns "$CONNS" --seconds 2 --path "$top" --token "$TOKEN" 127.0.0.1 "$port" >/dev/null # warm-up

if [ -n "$ME_ONLY" ]; then
  me_path=/competitions/1/leaderboard/me
  me_round() { # me_round BUILD_DIR LABEL NAME: /me on all cores, then judged alone on CPU 1
    stop_judged
    start_judged "$1" "$SRC"
    local rss0 first
    rss0="$(awk '/^VmRSS/ { print $2 }' "/proc/$judged_pid/status")"
    # a build with replicas loads the board's replica on the 16th /me of a competition (that
    # request's thread waits for it): 15 asks, then the 16th timed
    local tok1
    tok1="$(head -1 "$work/tokens")"
    for _ in $(seq 15); do curl -s -o /dev/null -H "Authorization: Bearer $tok1" "http://127.0.0.1:$port$me_path"; done
    first="$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $tok1" "http://127.0.0.1:$port$me_path")"
    "$work/httpload" --conns "$CONNS" --seconds 2 --path "$me_path" --tokens "$work/tokens" 127.0.0.1 "$port" >/dev/null
    local all one t
    # the answers themselves: 100 participants' rows and a non-participant's 404, for comparing builds
    for t in $(head -100 "$work/tokens") "$TOKEN"; do
      curl -s -w ' %{http_code}\n' -H "Authorization: Bearer $t" "http://127.0.0.1:$port$me_path"
    done >"$work/answers-$3"
    all="$(load --path "$me_path" --tokens "$work/tokens")"
    taskset -a -cp 1 "$judged_pid" >/dev/null
    one="$(taskset -c 0 "$work/httpload" --conns "$CONNS" --seconds "$SECS" --path "$me_path" --tokens "$work/tokens" \
      127.0.0.1 "$port")"
    printf '%-38s %10s %9s %9s %8s\n' "$2: GET /me" "$(echo "$all" | jq .rps)" "$(echo "$all" | jq .p50_ms)" \
      "$(echo "$all" | jq .p99_ms)" "$(echo "$all" | jq .errors)"
    printf '%-38s %10s %9s %9s %8s\n' "$2: 1 core: GET /me" "$(echo "$one" | jq .rps)" "$(echo "$one" | jq .p50_ms)" \
      "$(echo "$one" | jq .p99_ms)" "$(echo "$one" | jq .errors)"
    printf '%-38s 16th /me %s ms; judged RSS %s MiB before it, %s MiB after the runs\n' "$2:" \
      "$(awk -v t="$first" 'BEGIN { printf "%d", t * 1000 }')" "$((rss0 / 1024))" \
      "$(($(awk '/^VmRSS/ { print $2 }' "/proc/$judged_pid/status") / 1024))"
  }
  echo
  echo "/me benchmark: $N participants, $(wc -l <"$work/tokens") tokens, $CONNS connections, ${SECS} s each, $(nproc) CPUs"
  printf '%-38s %10s %9s %9s %8s\n' what 'req/s' 'p50 ms' 'p99 ms' errors
  for i in $(seq "$ME_ONLY"); do
    me_round "$BUILD" "round $i, this build" this
    [ -n "$BASE_BUILD" ] && me_round "$BASE_BUILD" "round $i, base" base
  done
  if [ -n "$BASE_BUILD" ]; then
    if [ "$(grep -c ' 200$' "$work/answers-this")/$(tail -1 "$work/answers-this" | grep -c ' 404$')" != 100/1 ]; then
      echo "/me answers: not 100 rows and a 404:"; head -3 "$work/answers-this"; exit 1
    elif cmp -s "$work/answers-this" "$work/answers-base"; then
      echo "/me answers of 101 tokens byte-identical between the two builds"
    else
      echo "/me answers DIFFER between the two builds:"; diff "$work/answers-base" "$work/answers-this" | head -5
      exit 1
    fi
  fi
  exit 0
fi

# raw Redis: the same sorted set, the same page, the same concurrency
rport="$REDIS_PORT"
rkey="competition:leaderboard:1"
rn="$(redis-cli -p "$rport" ZCARD "$rkey")"
[ "$rn" = "$N" ] || { echo "the board's sorted set has $rn members, not $N" >&2; exit 1; }
rb="$(redis-benchmark -p "$rport" -c "$CONNS" -n "$((SECS * 20000))" --csv ZREVRANGE "$rkey" 0 99 WITHSCORES | tail -1)"
# "ZREVRANGE ...","rps","avg","min","p50","p95","p99","max"
raw="$(echo "$rb" | tr -d '"' | awk -F, '{printf "{\"rps\":%s,\"p50_ms\":%s,\"p99_ms\":%s,\"errors\":0}", $2, $5, $7}')"

page="$(load --path "$top" --token "$TOKEN")"
etag="$(load --path "$top" --token "$TOKEN" --etag)"
gz="$(load --path "$top" --token "$TOKEN" --gzip)"
gzetag="$(load --path "$top" --token "$TOKEN" --gzip --etag)"
# /me warmed up as the page was: the steady state of users polling, with the process's replica of
# the board loaded (its first load takes about half a second at 100,000 rows)
"$work/httpload" --conns "$CONNS" --seconds 2 --path /competitions/1/leaderboard/me --tokens "$work/tokens" \
  127.0.0.1 "$port" >/dev/null
me="$(load --path /competitions/1/leaderboard/me --tokens "$work/tokens")"
# the open loop with verdicts finishing meanwhile (the writer runs a little longer than the load)
open_loop() { # open_loop [httpload options...]: sets open and stale
  "$BUILD/bench/bench-lbwrite" "$JUDGED_DB" "$JUDGED_REDIS" 1 "$WRITES" "$((SECS + 1))" 127.0.0.1 "$port" "$TOKEN" \
    bench-token- >"$work/stale" &
  local wpid=$!
  open="$(load --paths "$work/mix" --tokens "$work/tokens" --rate "$RATE" "$@")"
  wait "$wpid" || true
  stale="$(cat "$work/stale")"
}
open_loop
open_plain="$open" stale_plain="$stale"
open_loop --gzip --etag
open_gz="$open" stale_gz="$stale"

# one core: judged alone on CPU 1, the load generators and the stores on CPU 0
taskset -a -cp 1 "$judged_pid" >/dev/null
for f in "$svc"/redis.pid; do [ -f "$f" ] && taskset -a -cp 0 "$(cat "$f")" >/dev/null; done
pin() { taskset -c 0 "$@"; }
load1() { pin "$work/httpload" --conns "$CONNS" --seconds "$SECS" "$@" 127.0.0.1 "$port"; }
page1="$(load1 --path "$top" --token "$TOKEN")"
gz1="$(load1 --path "$top" --token "$TOKEN" --gzip)"
me1="$(load1 --path /competitions/1/leaderboard/me --tokens "$work/tokens")"
open1="$(load1 --paths "$work/mix" --tokens "$work/tokens" --rate "$RATE" --gzip --etag)"
for f in "$svc"/redis.pid; do [ -f "$f" ] && taskset -a -cp 0-"$(($(nproc) - 1))" "$(cat "$f")" >/dev/null; done

# the PostgreSQL ranking last, at 2 connections: its queries take seconds each and keep the
# server busy after the client is gone, which would slow whatever ran next
pg="$("$work/httpload" --conns 2 --seconds "$SECS" --path "$top&source=db" --token "$TOKEN" 127.0.0.1 "$port")"

# before: the same measures against the older judged, same data, same run
if [ -n "$BASE_BUILD" ]; then
  stop_judged
  start_judged "$BASE_BUILD" "$SRC"
  "$work/httpload" --conns "$CONNS" --seconds 2 --path "$top" --token "$TOKEN" 127.0.0.1 "$port" >/dev/null
  bpage="$(load --path "$top" --token "$TOKEN")"
  "$work/httpload" --conns "$CONNS" --seconds 2 --path /competitions/1/leaderboard/me --tokens "$work/tokens" \
    127.0.0.1 "$port" >/dev/null
  bme="$(load --path /competitions/1/leaderboard/me --tokens "$work/tokens")"
  open_loop
  bopen="$open" bstale="$stale"
fi

echo
echo "Leaderboard benchmark: $N participants, $subs submissions, $CONNS connections, ${SECS} s each, $(nproc) CPUs"
echo "rebuild from PostgreSQL into Redis (judge leaderboard rebuild): ${rebuild_s} s"
printf '%-46s %10s %9s %9s %8s %8s %7s\n' what 'req/s' 'p50 ms' 'p99 ms' errors 'B/req' 'x redis'
row() {
  printf '%-46s %10s %9s %9s %8s %8s %7s\n' "$1" "$(echo "$2" | jq .rps)" "$(echo "$2" | jq .p50_ms)" \
    "$(echo "$2" | jq .p99_ms)" "$(echo "$2" | jq .errors)" "$(echo "$2" | jq '.body_bytes_per_request // "-"')" \
    "$(jq -n --argjson a "$2" --argjson b "$raw" '($a.rps / $b.rps * 100 | round) / 100')"
}
row "raw redis ZREVRANGE 0 99 WITHSCORES" "$raw"
row "GET top=100, plain" "$page"
row "GET top=100, If-None-Match (304)" "$etag"
row "GET top=100, gzip" "$gz"
row "GET top=100, gzip + If-None-Match" "$gzetag"
row "GET top=100 (postgresql, 2 connections)" "$pg"
row "GET /me, $(wc -l <"$work/tokens") tokens" "$me"
row "open loop $RATE/s, plain, + $WRITES writes/s" "$open_plain"
row "open loop $RATE/s, gzip+ETag, + $WRITES writes/s" "$open_gz"
row "1 core: GET top=100, plain" "$page1"
row "1 core: GET top=100, gzip" "$gz1"
row "1 core: GET /me" "$me1"
row "1 core: open loop $RATE/s, gzip+ETag" "$open1"
if [ -n "$BASE_BUILD" ]; then
  row "before: GET top=100, plain" "$bpage"
  row "before: GET /me" "$bme"
  row "before: open loop $RATE/s, plain, + writes" "$bopen"
fi
stale_row() {
  printf '%-46s writes %s/s, staleness p50 %s ms, p99 %s ms, max %s ms, unseen %s, write errors %s\n' "$1" \
    "$(echo "$2" | jq .writes_per_s)" "$(echo "$2" | jq .staleness_p50_ms)" "$(echo "$2" | jq .staleness_p99_ms)" \
    "$(echo "$2" | jq .staleness_max_ms)" "$(echo "$2" | jq .unseen)" "$(echo "$2" | jq .write_errors)"
}
stale_row "open loop, plain: verdict -> page" "$stale_plain"
stale_row "open loop, gzip+ETag: verdict -> page" "$stale_gz"
me_stale_row() {
  printf '%-46s measured %s, staleness p50 %s ms, p99 %s ms, max %s ms, unseen %s, errors %s\n' "$1" \
    "$(echo "$2" | jq .me_measured)" "$(echo "$2" | jq .me_staleness_p50_ms)" "$(echo "$2" | jq .me_staleness_p99_ms)" \
    "$(echo "$2" | jq .me_staleness_max_ms)" "$(echo "$2" | jq .me_unseen)" "$(echo "$2" | jq .me_errors)"
}
me_stale_row "open loop, plain: verdict -> /me" "$stale_plain"
me_stale_row "open loop, gzip+ETag: verdict -> /me" "$stale_gz"
[ -n "$BASE_BUILD" ] && me_stale_row "before: open loop: verdict -> /me" "$bstale"
if [ -n "$BASE_BUILD" ]; then
  if [ "$(echo "$bstale" | jq .write_errors)" = 0 ]; then
    stale_row "before: open loop: verdict -> page" "$bstale"
  else
    echo "before: no board version to see a verdict by (page staleness not measurable)"
  fi
fi
echo "open loop: offered $RATE req/s, achieved $(echo "$open_plain" | jq .rps) (plain), $(echo "$open_gz" | jq .rps) (gzip+ETag), $(echo "$open1" | jq .rps) (1 core) req/s"
echo "raw: redis $raw"
for x in page etag gz gzetag pg me open_plain open_gz stale_plain stale_gz page1 gz1 me1 open1 bpage bme bopen bstale; do
  [ -n "${!x:-}" ] && echo "raw: $x ${!x}"
done
exit 0
