#!/usr/bin/env bash
# service-board: how the leaderboard is written (issue 11, points 4 and 5), against a real
# PostgreSQL, Redis and engine (first of $JUDGE_TEST_ENGINES). TAP.
#   - concurrent joins from many clients all land (no 5xx, no lock timeouts);
#   - a duplicate update (the same join again, concurrently; a duplicate queue message of a done
#     submission) changes nothing: same row, version not bumped;
#   - a row computed from an older stamp never overwrites a newer one;
#   - after SCRIPT FLUSH the scripts are loaded again (NOSCRIPT);
#   - a missing board: one reader rebuilds, the others get 503 + Retry-After (nobody waits), a
#     foreign lock is never deleted, writes during a rebuild reach the new board; joins during
#     concurrent rebuilds are all on the board;
#   - every write changes the version and publishes it; a rebuild sets a fresh random one;
#   - paging through the whole board equals the PostgreSQL ranking, offset past the end is empty;
#   - freeze: a solve after freeze_at is pending on the public board, admins see it, unfreeze
#     reveals it; /me gives a user the frozen row and an admin the live one, byte for byte the
#     page's row plus "frozen"; GET /competitions;
#   - /me from the process's replica of the board: equal to the page, a worker's write caught up
#     from the log, a gap or a rebuild loads it again, a lost board and a fresh join go to Redis;
#   - with one HTTP thread, a join blocked on a PostgreSQL lock does not hold up readers (the
#     write pool).
#
#   board-test.sh BUILD_DIR SOURCE_DIR
BUILD="$(cd "$1" && pwd)"
SRC="$(cd "$2" && pwd)"
# shellcheck source=lib.sh
. "$SRC/test/service/lib.sh"
trap finish EXIT

AC_PY="$SRC/problems/two-sum/submissions/accepted/solution.py"

need_engine
start_services
API_PORT="$(free_port)"
start_judged A "$API_PORT" --workers 1 --lease-ms 3000 --sweep-ms 500 --stale-ms 2000 --retry-ms 500 ||
  { not_ok "judged starts"; exit 1; }

rc() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" "$@"; }
body() { cut -d' ' -f2-; }
status() { cut -d' ' -f1; }
# /me's replicas (boardreplica.h), from /metrics
metric() { curl -s "http://127.0.0.1:$API_PORT/metrics" | awk -v k="$1" '$1 == k { print $2 }'; }
hits() { metric 'judged_board_me_total{from="replica"}'; }
loads() { metric 'judged_board_replica_updates_total{how="load"}'; }
catchups() { metric 'judged_board_replica_updates_total{how="catch_up"}'; }

start="$(date -u -d '-630 seconds' +%Y-%m-%dT%H:%M:%SZ)"
end="$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)"
cid="$(api POST /competitions "$ADMIN" "{\"title\":\"Storm\",\"problems\":[\"two-sum\",\"reverse-string\"],\"starts_at\":\"$start\",\"ends_at\":\"$end\"}" | body | jq -r .id)"
check "admin creates a competition (id $cid)" test -n "$cid" -a "$cid" != null
B="competition:leaderboard:$cid"

# ---- concurrent joins ----
N=200
psql_q "INSERT INTO users (name) SELECT 'j' || g FROM generate_series(1, $N) g"
psql_q "INSERT INTO tokens (token_sha256, user_id) SELECT encode(sha256(('tok-' || name)::bytea), 'hex'), id FROM users WHERE name LIKE 'j%'"
seq "$N" | xargs -P 32 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer tok-j{}" \
  "http://127.0.0.1:$API_PORT/competitions/$cid/join" >"$svc_dir/joins"
check "$N concurrent joins (32 clients): all 200 ($(sort "$svc_dir/joins" | uniq -c | tr -s ' ' | tr '\n' ';'))" \
  test "$(grep -c '^200$' "$svc_dir/joins")" = "$N"
check "... $N entries in PostgreSQL" test "$(psql_q "SELECT count(*) FROM entries WHERE competition_id = $cid")" = "$N"
check "... $N rows on the board (ZCARD and the page's total)" \
  test "$(rc zcard "$B")/$(api GET "/competitions/$cid/leaderboard?top=1" tok-j1 | body | jq .total)" = "$N/$N"
check "... no lock waits or leaderboard errors in judged's log" \
  bash -c "! grep -E 'leaderboard|locked' '$svc_dir/judged-A.log'"
check "... no lock key left" test "$(rc exists "$B:lock")" = 0

# ---- duplicates are idempotent ----
v0="$(rc get "$B:version")"
row0="$(rc hget "$B:detail" "$(printf %012d "$(psql_q "SELECT id FROM users WHERE name = 'j1'")")")"
seq 10 | xargs -P 10 -I{} curl -s -o /dev/null -X POST -H "Authorization: Bearer tok-j1" \
  "http://127.0.0.1:$API_PORT/competitions/$cid/join"
check "the same join 10 times concurrently: version unchanged ($v0)" test "$(rc get "$B:version")" = "$v0"
check "... row unchanged" test "$(rc hget "$B:detail" "$(printf %012d "$(psql_q "SELECT id FROM users WHERE name = 'j1'")")")" = "$row0"

u1="$(psql_q "SELECT id FROM users WHERE name = 'j1'")"
m1="$(printf %012d "$u1")"
(timeout 90 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" subscribe "competition:$cid:board" >"$svc_dir/sub" 2>&1 &)
sleep 0.3
sid="$(submit tok-j1 two-sum "$AC_PY" python "$cid")"
wait_done tok-j1 "$sid" 90 >/dev/null
sleep 0.5
v1="$(rc get "$B:version")"
check "a solve: version bumped by one ($v0 -> $v1), stamp 1" test "$v1/$(rc hget "$B:stamp" "$m1")" = "$((v0 + 1))/1"
check "... and the new version was published on competition:$cid:board" grep -qx "$v1" "$svc_dir/sub"
check "... j1 leads with 1 solved" \
  test "$(api GET "/competitions/$cid/leaderboard?top=1" tok-j2 | body | jq -c '.rows[0] | [.user, .solved]')" = '["j1",1]'
row1="$(rc hget "$B:detail" "$m1")"
# a duplicate queue message of the done submission: the worker recomputes the row again
rc xadd judge:submissions '*' sub "$sid" >/dev/null
for _ in $(seq 50); do
  [ "$(psql_q "SELECT finish_count FROM submissions WHERE id = $sid")" = 1 ] || break
  [ "$(rc xpending judge:submissions judged | head -1)" = 0 ] && break
  sleep 0.1
done
sleep 1
check "a duplicate queue message of the done submission: version unchanged, row unchanged" \
  test "$(rc get "$B:version")/$(rc hget "$B:detail" "$m1")" = "$v1/$row1"

# ---- the scripts are loaded once; after SCRIPT FLUSH (or a Redis restart) NOSCRIPT reloads them ----
rc script flush >/dev/null
nt="$(new_user flushed)"
check "after SCRIPT FLUSH a join still lands (NOSCRIPT -> reload): 200, on the board, version $v1 -> $((v1 + 1))" \
  test "$(api POST "/competitions/$cid/join" "$nt" | status)/$(api GET "/competitions/$cid/leaderboard/me" "$nt" | status)/$(rc get "$B:version")" = "200/200/$((v1 + 1))"
v1="$(rc get "$B:version")"

# ---- an older recomputation never overwrites a newer one ----
u2="$(psql_q "SELECT id FROM users WHERE name = 'j2'")"
m2="$(printf %012d "$u2")"
rc hset "$B:stamp" "$m2" 1000 >/dev/null # as if a row from stamp 1000 were stored
row2="$(rc hget "$B:detail" "$m2")"
sid="$(submit tok-j2 two-sum "$AC_PY" python "$cid")"
wait_done tok-j2 "$sid" 90 >/dev/null
sleep 0.5
check "a row computed from stamp 1 does not replace the stored one of stamp 1000 (nor bumps the version)" \
  test "$(rc hget "$B:detail" "$m2")/$(rc get "$B:version")" = "$row2/$v1"
out="$(api POST "/competitions/$cid/leaderboard/rebuild" "$ADMIN")"
v2="$(rc get "$B:version")"
check "a rebuild (${out}) takes PostgreSQL's rows: j2 solved 1, stamp 1" \
  test "$(rc hget "$B:detail" "$m2" | jq .solved)/$(rc hget "$B:stamp" "$m2")" = "1/1"
check "... and sets a fresh random version ($v1 -> $v2)" test "$v2" != "$v1" -a "$v2" != "$((v1 + 1))" -a "${#v2}" -ge 10

# ---- a missing board ----
rc set "$B:lock" someone-else px 20000 >/dev/null
rc del "$B:meta" >/dev/null
sleep 0.3 # past --board-check-ms (100): /me's replica, like a cached page, sees the loss by then
out="$(curl -s -D - -o /dev/null -H "Authorization: Bearer tok-j3" "http://127.0.0.1:$API_PORT/competitions/$cid/leaderboard")"
check "board missing while another process rebuilds: 503 with Retry-After, at once" \
  bash -c "grep -q '^HTTP/1.1 503' <<<'$out' && grep -qi '^Retry-After: 1' <<<'$out'"
check "... /me too" test "$(api GET "/competitions/$cid/leaderboard/me" tok-j3 | status)" = 503
api POST "/competitions/$cid/join" "$(new_user late)" >/dev/null
check "a join meanwhile goes into the board being built (tmp keys)" \
  test "$(rc zcard "$B:tmp")" = 1
check "the foreign lock is left alone" test "$(rc get "$B:lock")" = someone-else
rc del "$B:lock" "$B:tmp" "$B:tmp:detail" "$B:tmp:stamp" >/dev/null
seq 20 | xargs -P 20 -I{} curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer tok-j{}" \
  "http://127.0.0.1:$API_PORT/competitions/$cid/leaderboard?top=5" >"$svc_dir/reads"
check "lock free: 20 concurrent readers of the missing board, each 200 or 503 ($(sort "$svc_dir/reads" | uniq -c | tr -s ' ' | tr '\n' ';'))" \
  bash -c "! grep -vqE '^(200|503)$' '$svc_dir/reads' && grep -q '^200$' '$svc_dir/reads'"
check "... rebuilt with everyone ($((N + 2)))" test "$(api GET "/competitions/$cid/leaderboard?top=1" tok-j1 | body | jq .total)" = "$((N + 2))"
me3="$(api GET "/competitions/$cid/leaderboard/me" tok-j3)"
rc del "$B:meta" >/dev/null
sleep 0.3
check "/me of a missing board with the lock free: rebuilt, 200, the same answer byte for byte" \
  test "$(api GET "/competitions/$cid/leaderboard/me" tok-j3)/$(rc get "$B:meta")" = "$me3/open"

# ---- joins during rebuilds: none lost ----
psql_q "INSERT INTO users (name) SELECT 'r' || g FROM generate_series(1, 100) g"
psql_q "INSERT INTO tokens (token_sha256, user_id) SELECT encode(sha256(('tok-' || name)::bytea), 'hex'), id FROM users WHERE name LIKE 'r%'"
(seq 8 | xargs -P 4 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $ADMIN" \
  "http://127.0.0.1:$API_PORT/competitions/$cid/leaderboard/rebuild" >"$svc_dir/rebuilds") &
rb=$!
seq 100 | xargs -P 16 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer tok-r{}" \
  "http://127.0.0.1:$API_PORT/competitions/$cid/join" >"$svc_dir/joins2"
wait "$rb"
N=$((N + 100))
check "100 joins during 8 rebuilds (4 at a time): joins all 200, rebuilds 200 or 503 ($(sort "$svc_dir/rebuilds" | uniq -c | tr -s ' ' | tr '\n' ';'))" \
  bash -c "test \"\$(grep -c '^200$' '$svc_dir/joins2')\" = 100 && ! grep -vqE '^(200|503)$' '$svc_dir/rebuilds'"
check "... every entry is on the board ($((N + 2)))" \
  test "$(api GET "/competitions/$cid/leaderboard?top=1" tok-j1 | body | jq .total)/$(rc zcard "$B")" = "$((N + 2))/$((N + 2))"

# ---- paging through the whole board equals PostgreSQL's ranking ----
psql_q "INSERT INTO submissions (user_id, problem_slug, language, code, kind, competition_id, status, verdict, created_at, finished_at, finish_count)
  SELECT e.user_id, p.slug, 'python', '', 'submit', $cid, 'done', CASE WHEN (e.user_id * 7 + p.k) % 3 = 0 THEN 'AC' ELSE 'WA' END,
         now() - ((e.user_id % 9) * interval '1 minute'), now(), 1
  FROM entries e, (VALUES ('two-sum', 1), ('reverse-string', 2), ('two-sum', 3)) AS p(slug, k)
  WHERE e.competition_id = $cid AND e.user_id % 4 <> 0" >/dev/null
api POST "/competitions/$cid/leaderboard/rebuild" "$ADMIN" >/dev/null
all=""
for off in $(seq 0 37 $((N + 2))); do
  all+="$(api GET "/competitions/$cid/leaderboard?top=37&offset=$off" tok-j1 | body | jq -c '.rows[] | [.rank, .user_id, .solved, .penalty]')"$'\n'
done
db="$(api GET "/competitions/$cid/leaderboard?source=db&top=1000" tok-j1 | body | jq -c '.rows[] | [.rank, .user_id, .solved, .penalty]')"
check "pages of 37 concatenated = the PostgreSQL ranking ($(echo "$db" | wc -l) rows, $(echo "$db" | jq -s 'map(.[0]) | unique | length') distinct ranks)" \
  test "$(echo -n "$all" | sed '/^$/d')" = "$db"
check "offset past the end: no rows, total right" \
  test "$(api GET "/competitions/$cid/leaderboard?top=10&offset=5000" tok-j1 | body | jq -c '[.total, .rows]')" = "[$((N + 2)),[]]"

# ---- freeze ----
fend="$(date -u -d '+5 minutes' +%Y-%m-%dT%H:%M:%SZ)"
out="$(api POST /competitions "$ADMIN" "{\"title\":\"bad\",\"problems\":[\"two-sum\"],\"starts_at\":\"$start\",\"ends_at\":\"$fend\",\"freeze_minutes\":-1}")"
check "freeze_minutes -1: 400 (${out:0:90})" test "${out%% *}" = 400
fid="$(api POST /competitions "$ADMIN" "{\"title\":\"Frozen\",\"problems\":[\"two-sum\"],\"starts_at\":\"$start\",\"ends_at\":\"$fend\",\"freeze_minutes\":10}" | body | jq -r .id)"
F="competition:leaderboard:$fid"
f1="$(new_user f1)"; f2="$(new_user f2)"; f3="$(new_user f3)"
api POST "/competitions/$fid/join" "$f1" >/dev/null
api POST "/competitions/$fid/join" "$f2" >/dev/null
# f2 solved before the freeze (a row written as queued, then finished: the trigger bumps the stamp)
psql_q "INSERT INTO submissions (user_id, problem_slug, language, code, kind, competition_id, created_at)
  SELECT id, 'two-sum', 'python', '', 'submit', $fid, now() - interval '8 minutes' FROM users WHERE name = 'f2'" >/dev/null
psql_q "UPDATE submissions SET status = 'done', verdict = 'AC', finish_count = 1 WHERE competition_id = $fid" >/dev/null
api POST "/competitions/$fid/join" "$f2" >/dev/null # the same update a worker makes
sid="$(submit "$f1" two-sum "$AC_PY" python "$fid")"
wait_done "$f1" "$sid" 90 >/dev/null
sleep 0.5
pub="$(api GET "/competitions/$fid/leaderboard" "$f3" | body)"
diag "public: $(echo "$pub" | jq -c '[.frozen, (.rows[] | [.rank, .user, .solved, .problems[0].pending])]')"
check "frozen board: f2's solve before freeze_at counts, f1's after it is pending (solved 0, pending 1)" \
  test "$(echo "$pub" | jq -c '[.frozen, (.rows[] | [.rank, .user, .solved, .problems[0].attempts, .problems[0].pending])]')" = '[true,[1,"f2",1,1,0],[2,"f1",0,0,1]]'
check "/me of f1: frozen, solved 0, pending 1" \
  test "$(api GET "/competitions/$fid/leaderboard/me" "$f1" | body | jq -c '[.frozen, .solved, .problems[0].pending]')" = '[true,0,1]'
check "... byte for byte the public page's row of f1 plus \"frozen\":true" \
  test "$(api GET "/competitions/$fid/leaderboard/me" "$f1" | body)" = "$(echo "$pub" | jq -c '.rows[] | select(.user == "f1") + {frozen: true}')"
out="$(api GET "/competitions/$fid/leaderboard/me" "$f3")"
check "/me of f3 (not joined) during the freeze: 404 ($out)" \
  test "$(echo "$out" | status)/$(echo "$out" | body | jq -r .error)" = "404/you have not joined competition $fid"
# f1 made an admin: /me gives the live row (the token table sees the change within its refresh)
psql_q "UPDATE users SET is_admin = true WHERE name = 'f1'"
for _ in $(seq 50); do
  [ "$(api GET "/competitions/$fid/leaderboard/me" "$f1" | body | jq .frozen)" = false ] && break
  sleep 0.2
done
adm="$(api GET "/competitions/$fid/leaderboard" "$f1" | body)"
check "/me of f1 as an admin during the freeze: the live row (rank 2, solved 1, pending 0), not frozen" \
  test "$(api GET "/competitions/$fid/leaderboard/me" "$f1" | body | jq -c '[.frozen, .rank, .solved, .problems[0].pending]')" = '[false,2,1,0]'
check "... byte for byte the live page's row of f1 plus \"frozen\":false" \
  test "$(api GET "/competitions/$fid/leaderboard/me" "$f1" | body)" = "$(echo "$adm" | jq -c '.rows[] | select(.user == "f1") + {frozen: false}')"
# the same from the replicas of both views (the live one mirrors B:live, from the log's ls/lr):
# f1 (an admin: the live view) and f2 (the public one) ask enough to load them; then f3 joins and
# solves after freeze_at (through the log: a join, a worker's write)
for _ in $(seq 16); do
  api GET "/competitions/$fid/leaderboard/me" "$f1" >/dev/null
  api GET "/competitions/$fid/leaderboard/me" "$f2" >/dev/null
done
api POST "/competitions/$fid/join" "$f3" >/dev/null
sid="$(submit "$f3" two-sum "$AC_PY" python "$fid")"
wait_done "$f3" "$sid" 90 >/dev/null
sleep 0.3
h0="$(hits)"
me_f1="$(api GET "/competitions/$fid/leaderboard/me" "$f1" | body)" me_f3="$(api GET "/competitions/$fid/leaderboard/me" "$f3" | body)"
adm="$(api GET "/competitions/$fid/leaderboard" "$f1" | body)" pub="$(api GET "/competitions/$fid/leaderboard" "$f3" | body)"
check "during the freeze, from the replicas ($h0 -> $(hits) replica answers): f3's late solve is pending on f3's /me, solved on the admin's board; each /me the page's row" \
  test "$(($(hits) - h0))/$(echo "$me_f3" | jq -c '[.frozen, .solved, .problems[0].pending]')/$me_f3/$me_f1/$(echo "$adm" | jq -c '[.rows[] | select(.user == "f3") | .solved]')" = \
  "2/[true,0,1]/$(echo "$pub" | jq -c '.rows[] | select(.user == "f3") + {frozen: true}')/$(echo "$adm" | jq -c '.rows[] | select(.user == "f1") + {frozen: false}')/[1]"
psql_q "UPDATE users SET is_admin = false WHERE name = 'f1'"
for _ in $(seq 50); do
  [ "$(api GET "/competitions/$fid/leaderboard/me" "$f1" | body | jq .frozen)" = true ] && break
  sleep 0.2
done
check "... and the frozen row again once f1 is no admin (rank 2, solved 0, pending 1)" \
  test "$(api GET "/competitions/$fid/leaderboard/me" "$f1" | body | jq -c '[.frozen, .rank, .solved, .problems[0].pending]')" = '[true,2,0,1]'
adm="$(api GET "/competitions/$fid/leaderboard" "$ADMIN" | body)"
check "an admin sees the live board: f1 solved too (after f2, at a later minute), not frozen" \
  test "$(echo "$adm" | jq -c '[.frozen, (.rows[] | [.user, .solved, .problems[0].pending])]')" = '[false,["f2",1,0],["f1",1,0],["f3",1,0]]'
list="$(api GET /competitions "$f1" | body)"
fe="$(date -u -d "$fend" +%s)"
check "GET /competitions: the frozen one with freeze_at, participants, joined" \
  test "$(echo "$list" | jq -c ".competitions[] | select(.id == $fid) | [.frozen, .freeze_at == $fe - 600, .participants, .joined, .ends_at == $fe]")" = '[true,true,3,true,true]'
check "... the first one: no freeze_at, $((N + 2)) participants, not joined by f1" \
  test "$(echo "$list" | jq -c ".competitions[] | select(.id == $cid) | [.frozen, .freeze_at, .participants, .joined, .title]")" = "[false,null,$((N + 2)),false,\"Storm\"]"
check "GET /competitions/$fid: freeze_minutes 10, frozen" \
  test "$(api GET "/competitions/$fid" "$f3" | body | jq -c '[.freeze_minutes, .frozen]')" = '[10,true]'
check "unfreeze by a non-admin: 403" test "$(api POST "/competitions/$fid/unfreeze" "$f1" | status)" = 403
check "unfreeze of an unknown competition: 404" test "$(api POST "/competitions/999999/unfreeze" "$ADMIN" | status)" = 404
fv="$(rc get "$F:version")"
out="$(api POST "/competitions/$fid/unfreeze" "$ADMIN")"
check "unfreeze by an admin: 200 $(echo "$out" | body)" test "$(echo "$out" | status)/$(echo "$out" | body | jq .frozen)" = 200/false
check "... the version changed ($fv -> $(rc get "$F:version"))" test "$(rc get "$F:version")" != "$fv"
check "... everyone sees the live board" \
  test "$(api GET "/competitions/$fid/leaderboard" "$f3" | body | jq -c '[.frozen, (.rows[] | [.user, .solved, .problems[0].pending])]')" = '[false,["f2",1,0],["f1",1,0],["f3",1,0]]'
check "... /me and the list say not frozen" \
  test "$(api GET "/competitions/$fid/leaderboard/me" "$f1" | body | jq .frozen)/$(api GET /competitions "$f3" | body | jq ".competitions[] | select(.id == $fid) | .frozen")" = false/false
check "... the live keys are gone, meta open" test "$(rc exists "$F:live")/$(rc get "$F:meta")" = 0/open

# ---- /me from this process's replica of the board (boardreplica.h), kept current from B:log ----
# every j user's /me against the page's row (the page is read from Redis's sorted set): $1 users
me_matches_page() {
  local page bad=0 i
  page="$(api GET "/competitions/$cid/leaderboard?top=1000" tok-j1 | body)"
  for i in $(seq "$1"); do
    local me want
    me="$(api GET "/competitions/$cid/leaderboard/me" "tok-j$i" | body)"
    want="$(echo "$page" | jq -c --arg u "j$i" '.rows[] | select(.user == $u) + {frozen: false}')"
    [ "$me" = "$want" ] || { echo "# j$i: /me $me, page $want"; bad=1; }
  done
  return "$bad"
}
# a competition gets a replica once /me asked for it 16 times within 10 s
tid="$(api POST /competitions "$ADMIN" "{\"title\":\"Replica\",\"problems\":[\"two-sum\"],\"starts_at\":\"$start\",\"ends_at\":\"$end\"}" | body | jq -r .id)"
api POST "/competitions/$tid/join" tok-j1 >/dev/null
l0="$(loads)"
for _ in $(seq 15); do api GET "/competitions/$tid/leaderboard/me" tok-j1 >/dev/null; done
check "/me asked 15 times for a competition: Redis answers, no replica loaded ($l0 -> $(loads))" test "$(loads)" = "$l0"
api GET "/competitions/$tid/leaderboard/me" tok-j1 >/dev/null
check "... the 16th loads its replica ($l0 -> $(loads))" test "$(loads)" = "$((l0 + 1))"
for _ in $(seq 20); do api GET "/competitions/$cid/leaderboard/me" tok-j1 >/dev/null; done # cid's replica
h0="$(hits)" l0="$(loads)"
check "/me of 40 participants: byte for byte the page's row plus \"frozen\"" me_matches_page 40
h1="$(hits)"
check "... answered from the replica ($h0 -> $h1 replica answers, loads $l0 -> $(loads))" \
  test "$((h1 - h0))" -ge 40 -a "$(loads)" = "$l0"
check "every row write is in the change log, tagged with the version it made (last: $(rc get "$B:version"))" \
  test "$(rc xrevrange "$B:log" + - count 1 | sed -n '2,3p' | tr '\n' /)" = "v/$(rc get "$B:version")/"
c0="$(catchups)" l0="$(loads)"
r1="$(api GET "/competitions/$cid/leaderboard/me" tok-j7 | body | jq .solved)"
sid="$(submit tok-j7 two-sum "$AC_PY" python "$cid")"
wait_done tok-j7 "$sid" 90 >/dev/null
for _ in $(seq 50); do
  [ "$(api GET "/competitions/$cid/leaderboard/me" tok-j7 | body | jq .solved)" = "$((r1 + 1))" ] && break
  sleep 0.1
done
check "a solve written by the worker (not through the API): /me shows it, caught up from the log (catch-ups $c0 -> $(catchups)), no load" \
  test "$(api GET "/competitions/$cid/leaderboard/me" tok-j7 | body | jq .solved)/$(loads)" = "$((r1 + 1))/$l0" -a "$(catchups)" -gt "$c0"
check "... and every /me still equals the page" me_matches_page 40
l0="$(loads)"
rc incr "$B:version" >/dev/null # a version changed outside the scripts: a gap in the log
sleep 0.3
check "a version moved outside the log: the replica is loaded again ($l0 -> $(api GET "/competitions/$cid/leaderboard/me" tok-j1 >/dev/null; loads))" \
  test "$(loads)" -gt "$l0"
api POST "/competitions/$cid/leaderboard/rebuild" "$ADMIN" >/dev/null
l0="$(loads)"
sleep 0.3
api GET "/competitions/$cid/leaderboard/me" tok-j1 >/dev/null
check "a rebuild (a reset in the log): loaded again ($l0 -> $(loads)), and every /me equals the page" \
  bash -c "[ $(loads) -gt $l0 ]" && me_matches_page 40
me9="$(api GET "/competitions/$cid/leaderboard/me" tok-j9)"
rc del "$B:meta" >/dev/null
sleep 0.3
check "a board lost in Redis (no meta): /me is not answered from the replica but rebuilt: the same answer, meta open" \
  test "$(api GET "/competitions/$cid/leaderboard/me" tok-j9)/$(rc get "$B:meta")" = "$me9/open"
nt="$(new_user replica-late)"
api POST "/competitions/$cid/join" "$nt" >/dev/null
check "a user who just joined gets their row at once (not on the replica yet: Redis answers)" \
  test "$(api GET "/competitions/$cid/leaderboard/me" "$nt" | body | jq -r .user)" = replica-late

# ---- a write waiting on PostgreSQL does not hold up readers (api.c's write pool) ----
# One HTTP thread: without the pool, a join blocked on a table lock would hold the only thread,
# and every reader would wait for it.
P1="$(free_port)"
if start_judged P1 "$P1" --role api --http-threads 1; then
  wj="$(new_user pool-writer)"
  curl -s -o /dev/null -H "Authorization: Bearer tok-j1" "http://127.0.0.1:$P1/competitions/$cid/leaderboard?top=5"
  (psql "$JUDGED_DB" -qAtX -c "BEGIN; LOCK TABLE entries IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(6); COMMIT;" \
    >/dev/null 2>&1 &)
  sleep 0.5
  (curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $wj" \
    "http://127.0.0.1:$P1/competitions/$cid/join" >"$svc_dir/pool-join" &)
  sleep 0.5
  reads="$(for _ in 1 2 3; do curl -s -m 3 -o /dev/null -w '%{http_code} ' -H "Authorization: Bearer tok-j1" \
    "http://127.0.0.1:$P1/competitions/$cid/leaderboard?top=5"; curl -s -m 3 -o /dev/null -w '%{http_code} ' \
    -H "Authorization: Bearer tok-j2" "http://127.0.0.1:$P1/competitions/$cid/leaderboard/me"; done)"
  check "with one HTTP thread and a join blocked on a PostgreSQL lock, pages and /me answer meanwhile ($reads; join still waiting: $([ -s "$svc_dir/pool-join" ] && echo no || echo yes))" \
    test "$reads/$([ -s "$svc_dir/pool-join" ] && echo done)" = "200 200 200 200 200 200 /"
  for _ in $(seq 100); do [ -s "$svc_dir/pool-join" ] && break; sleep 0.1; done
  check "... and the join lands once the lock is gone ($(cat "$svc_dir/pool-join"))" \
    test "$(cat "$svc_dir/pool-join")/$(api GET "/competitions/$cid/leaderboard/me" "$wj" | status)" = 200/200
else
  not_ok "judged with one HTTP thread starts"
fi
