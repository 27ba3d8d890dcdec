#!/usr/bin/env bash
# judged's integration tests against a real PostgreSQL, Redis (started here by
# scripts/services.sh) and a real engine (first of $JUDGE_TEST_ENGINES). TAP.
#
#   service-test.sh BUILD_DIR SOURCE_DIR SECTION
#
# Sections: basic (submit/poll/verdict, Run, auth, bad input, metrics, SIGTERM), limits (rate
# limit, queued cap), burst (200 submissions, 2 workers, each finished once), crash (a worker
# killed with SIGKILL mid-judgement), redis (Redis restarted, stream lost), leaderboard (order,
# ties, paging, /me, loss and rebuild, `judge leaderboard rebuild`, the PostgreSQL ranking),
# engine (the worker's engine stops answering, answers 4xx/5xx or oversize, lacks the image:
# through test/service/engine-proxy.py, a proxy in front of the real engine that the test breaks),
# webhooks (signed deliveries to a receiver on 127.0.0.1, retries, the delivery log, two senders).
# sse (live push: a submission's and a board's event streams, Last-Event-ID, pub/sub fan-out).
# lbcache (the shared page: ETag/304, gzip, a new version after a verdict; the token table:
# a deleted token refused within the refresh), engine (the worker's engine stops answering, answers 4xx/5xx or oversize, lacks the image:
# through test/service/engine-proxy.py, a proxy in front of the real engine that the test breaks).
BUILD="$(cd "$1" && pwd)"
SRC="$(cd "$2" && pwd)"
SECTION="$3"
# shellcheck source=lib.sh
. "$SRC/test/service/lib.sh"
trap finish EXIT

P="$SRC/problems"
AC_PY="$P/two-sum/submissions/accepted/solution.py"
WA_PY="$P/two-sum/submissions/wrong_answer/same_index.py"
RS_PY="$P/reverse-string/submissions/accepted/solution.py"

need_engine
start_services
API_PORT="$(free_port)"
FAST=(--lease-ms 3000 --sweep-ms 500 --stale-ms 2000 --retry-ms 500)

section_basic() {
  start_judged A "$API_PORT" --workers 2 "${FAST[@]}" --grace-ms 20000 || { not_ok "judged starts"; return; }
  ok "judged starts (migrations applied, problems loaded)"
  local u1
  u1="$(new_user alice)"
  check "an admin creates a user with a token" test -n "$u1"

  # submit, poll, verdict
  local t0 id doc
  t0=$(date +%s.%N)
  id="$(submit "$u1" two-sum "$AC_PY")"
  doc="$(wait_done "$u1" "$id" 60)"
  local t1
  t1=$(date +%s.%N)
  check "accepted solution: AC" test "$(echo "$doc" | jq -r .verdict)" = AC
  diag "end-to-end latency of one submission through the API (submit to done seen by polling): $(echo "$t1 - $t0" | bc) s; server-side $(echo "$doc" | jq '(.finished_at - .created_at) * 1000 | floor') ms"
  check "per-case results, runtime and memory present" \
    test "$(echo "$doc" | jq '(.result.cases | length) == .total and .total > 0 and .memory_kb > 0')" = true
  check "hidden cases' data withheld from the owner" \
    test "$(echo "$doc" | jq '[.result.cases[] | select(.hidden) | has("input")] | any')" = false
  check "GET /check/{id} is an alias" test "$(api GET "/check/$id" "$u1" | jq -Rr 'split(" ")[1:] | join(" ") | fromjson | .verdict')" = AC

  id="$(submit "$u1" two-sum "$WA_PY")"
  doc="$(wait_done "$u1" "$id" 60)"
  check "wrong answer: WA with the failing case" \
    test "$(echo "$doc" | jq -r '.verdict + " " + (.result.first_failed >= 0 | tostring)')" = "WA true"
  local admin_doc
  admin_doc="$(api GET "/submissions/$id" "$ADMIN" | cut -d' ' -f2-)"
  local ff hid
  ff="$(echo "$doc" | jq .result.first_failed)"
  hid="$(echo "$doc" | jq "[.result.cases[] | select(.index == $ff)][0].hidden")"
  if [ "$hid" = true ]; then
    check "failing hidden case: its input shown to the owner (hidden_failure \"input\"), expected output to an admin only" \
      test "$(echo "$doc" | jq ".result.cases[] | select(.index == $ff) | [has(\"input\"), has(\"expected\")]" -c) $(echo "$admin_doc" | jq ".result.cases[$ff] | has(\"expected\")")" = "[true,false] true"
  else
    check "failing sample case: input shown to the owner" test "$(echo "$doc" | jq ".result.cases[$ff] | has(\"input\")")" = true
  fi
  local u2
  u2="$(new_user bob)"
  check "someone else's submission is 404" test "$(api GET "/submissions/$id" "$u2" | cut -d' ' -f1)" = 404

  # problems
  local pr
  pr="$(api GET /problems/two-sum "$u1")"
  check "GET /problems/{slug}: statement, signature, starter code, samples without hidden cases" \
    test "$(echo "${pr#* }" | jq '(.statement | length > 0) and .signature.name == "twoSum" and (.languages | map(.starter | length > 0) | all) and (.samples | length > 0) and (tostring | contains("hidden") | not)')" = true
  check "GET /problems/{slug}: statement_html is the statement as HTML (paragraphs, code), no script" \
    test "$(echo "${pr#* }" | jq '(.statement_html | contains("<p>")) and (.statement_html | contains("<code>")) and (.statement_html | test("<script|javascript:") | not)')" = true
  check "GET /problems lists the set" test "$(api GET /problems "$u1" | cut -d' ' -f2- | jq '.problems | length')" -ge 1

  # Run with the user's own cases
  local body rid rdoc nsample
  nsample="$(echo "${pr#* }" | jq '.samples | length')"
  body="$(jq -n --rawfile code "$AC_PY" '{language: "python", code: $code, cases: [{args: [[1, 5, 9], 14]}, {args: [[4, 4], 8]}]}')"
  rid="$(api POST /problems/two-sum/run "$u1" "$body" | cut -d' ' -f2- | jq -r .id)"
  rdoc="$(wait_done "$u1" "$rid" 90)"
  check "Run: samples + 2 custom cases judged against the reference, AC" \
    test "$(echo "$rdoc" | jq -r '.kind + " " + .verdict + " " + (.total | tostring)')" = "run AC $((nsample + 2))"
  body="$(jq -n --rawfile code "$WA_PY" '{language: "python", code: $code, cases: [{args: [[3, 3], 6]}]}')"
  rid="$(api POST /problems/two-sum/run "$u1" "$body" | cut -d' ' -f2- | jq -r .id)"
  rdoc="$(wait_done "$u1" "$rid" 90)"
  check "Run: a custom case shows its expected output (from the reference)" \
    test "$(echo "$rdoc" | jq -r '.verdict')" = WA
  check "Run: a custom case of the wrong type is 400" \
    test "$(api POST /problems/two-sum/run "$u1" '{"language":"python","code":"x","cases":[{"args":["no"]}]}' | cut -d' ' -f1)" = 400

  # auth
  check "no token: 401" test "$(api GET /problems | cut -d' ' -f1)" = 401
  check "wrong token: 401" test "$(api GET /problems wrong-token | cut -d' ' -f1)" = 401
  check "non-admin on an admin endpoint (POST /users): 403" \
    test "$(api POST /users "$u1" '{"name":"mallory"}' | cut -d' ' -f1)" = 403
  check "non-admin on an admin endpoint (POST /competitions): 403" \
    test "$(api POST /competitions "$u1" '{"title":"x"}' | cut -d' ' -f1)" = 403

  # bad input: 4xx with a JSON error, service still up
  local out
  out="$(api POST /problems/two-sum/submissions "$u1" '{"language": "python", "code": ')"
  check "malformed JSON: 400 with a JSON error" test "$(echo "$out" | cut -d' ' -f1) $(echo "${out#* }" | jq -r 'has("error")')" = "400 true"
  head -c 700000 /dev/zero | tr '\0' 'x' >"$svc_dir/big"
  out="$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $u1" --data-binary @"$svc_dir/big" "http://127.0.0.1:$API_PORT/problems/two-sum/submissions")"
  check "oversize body: 413 with a JSON error" test "${out##* } $(echo "${out% *}" | jq -r 'has("error")')" = "413 true"
  out="$(api POST /problems/two-sum/submissions "$u1" '{"language":"cobol","code":"x"}')"
  check "unknown language: 400 with a JSON error" test "$(echo "$out" | cut -d' ' -f1) $(echo "${out#* }" | jq -r 'has("error")')" = "400 true"
  out="$(api POST /problems/no-such-problem/submissions "$u1" '{"language":"python","code":"x"}')"
  check "unknown problem: 404 with a JSON error" test "$(echo "$out" | cut -d' ' -f1) $(echo "${out#* }" | jq -r 'has("error")')" = "404 true"
  out="$(api POST /problems/two-sum/submissions "$u1" '[1,2]')"
  check "a body that is not an object: 400" test "$(echo "$out" | cut -d' ' -f1)" = 400
  check "unknown endpoint: 404 JSON" test "$(api GET /nope "$u1" | cut -d' ' -f2- | jq -r 'has("error")')" = true
  check "service still up after bad input" curl -sf "http://127.0.0.1:$API_PORT/healthz" -o /dev/null

  # metrics
  local m
  m="$(curl -s "http://127.0.0.1:$API_PORT/metrics")"
  check "metrics: judgements per verdict, latency histogram, queue depth, engine errors" \
    bash -c "grep -q 'judged_judgements_total{verdict=\"AC\"} [1-9]' <<<'$m' && grep -q 'judged_judge_seconds_bucket' <<<'$m' && grep -q '^judged_queue_length ' <<<'$m' && grep -q '^judged_engine_errors_total ' <<<'$m'"

  # graceful stop: a judgement in flight is finished, then the process exits
  id="$(submit "$u1" two-sum "$AC_PY")"
  sleep 0.3
  kill -TERM "$PID_A"
  local t=0
  while kill -0 "$PID_A" 2>/dev/null && [ $t -lt 300 ]; do sleep 0.1; t=$((t + 1)); done
  check "SIGTERM: judged exits" bash -c "! kill -0 $PID_A 2>/dev/null"
  check "SIGTERM: the submission in flight is finished or handed back (status $(psql_q "select status from submissions where id=$id"))" \
    test "$(psql_q "select status in ('done','queued') from submissions where id=$id")" = t
  grep -q 'judged: stopped' "$svc_dir/judged-A.log" && ok "SIGTERM: orderly stop logged" || not_ok "SIGTERM: orderly stop logged"
}

section_limits() {
  start_judged A "$API_PORT" --workers 0 --rate-limit 4 --max-queued 3 || { not_ok "judged starts"; return; }
  local u st out
  u="$(new_user carol)"
  fresh_minute 20 # the five submissions below must fall in one minute (the rate limit's window)
  for i in 1 2 3; do submit "$u" two-sum "$AC_PY" >/dev/null; done
  out="$(curl -s -D "$svc_dir/h" -o "$svc_dir/b" -w '%{http_code}' -H "Authorization: Bearer $u" \
    --data-binary "$(jq -n --rawfile c "$AC_PY" '{language:"python",code:$c}')" "http://127.0.0.1:$API_PORT/problems/two-sum/submissions")"
  check "4th unfinished submission: 429 with Retry-After and a JSON error" \
    bash -c "[ $out = 429 ] && grep -qi '^Retry-After: [0-9]' '$svc_dir/h' && jq -e .error '$svc_dir/b' >/dev/null"
  out="$(api POST /problems/two-sum/submissions "$u" "$(jq -n --rawfile c "$AC_PY" '{language:"python",code:$c}')")"
  check "5th submission in a minute: 429 rate limit" bash -c "[ '${out%% *}' = 429 ] && grep -q 'rate limit' <<<'$out'"
  check "admins are exempt" test -n "$(submit "$ADMIN" two-sum "$AC_PY")"
}

section_burst() {
  start_judged A "$API_PORT" --workers 2 "${FAST[@]}" || { not_ok "judged starts"; return; }
  local t0 n=200 ids=()
  t0=$(date +%s)
  for i in $(seq $n); do
    ids+=("$(submit "$ADMIN" reverse-string "$RS_PY")")
  done
  check "$n submissions accepted (202)" test "$(printf '%s\n' "${ids[@]}" | grep -c '^[0-9]')" = $n
  local done_n=0
  for _ in $(seq 600); do
    done_n="$(psql_q "select count(*) from submissions where status='done'")"
    [ "$done_n" = $n ] && break
    sleep 1
  done
  local t1
  t1=$(date +%s)
  diag "burst: $n submissions judged by 2 workers in $((t1 - t0)) s"
  check "all $n done" test "$done_n" = $n
  check "each finished exactly once (finish_count = 1, one set of case rows)" \
    test "$(psql_q "select count(*) from submissions where finish_count <> 1")" = 0
  check "no duplicate case rows" \
    test "$(psql_q "select count(*) from (select submission_id from case_results group by submission_id having count(*) <> max(idx) + 1) x")" = 0
  check "all AC" test "$(psql_q "select count(*) from submissions where verdict <> 'AC'")" = 0
  check "queue drained (stream empty, nothing pending)" \
    test "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" xlen judge:submissions)" = 0
  check "both workers took part" \
    test "$(psql_q "select count(distinct worker) from submissions")" = 2
}

section_crash() {
  # API alone, and one worker process that will be killed
  start_judged A "$API_PORT" --workers 0 "${FAST[@]}" || { not_ok "judged starts"; return; }
  local pb pc
  pb="$(free_port)"; pc="$(free_port)"
  start_judged B "$pb" --role worker --workers 1 "${FAST[@]}" || { not_ok "worker B starts"; return; }
  # a solution that sleeps: the judgement lasts seconds
  printf 'import time\nclass Solution:\n    def twoSum(self, nums, target):\n        if not hasattr(Solution, "slept"):\n            Solution.slept = True\n            time.sleep(4)\n        d = {}\n        for i, x in enumerate(nums):\n            if target - x in d:\n                return [d[target - x], i]\n            d[x] = i\n' >"$svc_dir/slow.py"
  local id
  id="$(submit "$ADMIN" two-sum "$svc_dir/slow.py")"
  local st=""
  for _ in $(seq 100); do
    st="$(psql_q "select status || ' ' || coalesce(worker, '') from submissions where id=$id")"
    [[ "$st" == running* ]] && break
    sleep 0.1
  done
  sleep 0.7
  check "worker B is judging ($st)" test "$st" = "running B-w0"
  kill -KILL "$PID_B"
  wait "$PID_B" 2>/dev/null
  ok "worker B killed with SIGKILL mid-judgement"
  start_judged C "$pc" --role worker --workers 1 "${FAST[@]}" || { not_ok "worker C starts"; return; }
  local doc
  doc="$(wait_done "$ADMIN" "$id" 120)"
  check "the submission is finished by worker C" \
    test "$(psql_q "select status || ' ' || worker from submissions where id=$id")" = "done C-w0"
  check "finished exactly once (finish_count 1), attempts 2" \
    test "$(psql_q "select finish_count || ' ' || attempts from submissions where id=$id")" = "1 2"
  check "verdict is a real one, not IE: $(echo "$doc" | jq -r .verdict)" test "$(echo "$doc" | jq -r .verdict)" != IE
  sleep 1
  check "nothing left pending in the stream" test "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" xlen judge:submissions)" = 0
  # The killed worker's container and volume are removed by the attempt that finished the job.
  # Their label is judge.submission=<id>-<creation time in us>.
  local sock="${ENGINE#unix://}" label="$id-" left f='filters={"label":["judge.owner=judge"]}'
  left="$(curl -s --unix-socket "$sock" -G http://d/v1.41/containers/json --data-urlencode all=1 --data-urlencode "$f" |
    jq --arg p "$label" '[.[] | select(.Labels["judge.submission"] // "" | startswith($p))] | length')"
  left=$((left + $(curl -s --unix-socket "$sock" -G http://d/v1.41/volumes --data-urlencode "$f" |
    jq --arg p "$label" '[.Volumes // [] | .[] | select(.Labels["judge.submission"] // "" | startswith($p))] | length')))
  check "no container or volume of the crashed attempt left (judge.submission=$label*: $left)" test "$left" = 0
}

section_redis() {
  start_judged A "$API_PORT" --workers 0 "${FAST[@]}" || { not_ok "judged starts"; return; }
  local ids=() i
  for i in 1 2 3 4 5; do ids+=("$(submit "$ADMIN" reverse-string "$RS_PY")"); done
  check "5 submissions queued with no worker running" \
    test "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" xlen judge:submissions)" = 5
  "$SRC/scripts/services.sh" restart-redis "$svc_dir" 2>/dev/null
  check "Redis restarted empty: the stream is lost" \
    test "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" exists judge:submissions)" = 0
  local id6
  id6="$(submit "$ADMIN" reverse-string "$RS_PY")"
  check "the API still takes submissions after the restart" test -n "$id6"
  local pb
  pb="$(free_port)"
  start_judged B "$pb" --role worker --workers 2 "${FAST[@]}" || { not_ok "worker B starts"; return; }
  local done_n=0
  for _ in $(seq 120); do
    done_n="$(psql_q "select count(*) from submissions where status='done'")"
    [ "$done_n" = 6 ] && break
    sleep 0.5
  done
  check "all 6 finished (the sweeper re-enqueued the lost ones)" test "$done_n" = 6
  check "each exactly once" test "$(psql_q "select count(*) from submissions where finish_count <> 1")" = 0
  grep -q 're-enqueued' "$svc_dir/judged-B.log" && ok "sweeper logged the re-enqueue" || not_ok "sweeper logged the re-enqueue"
}

section_leaderboard() {
  start_judged A "$API_PORT" --workers 2 "${FAST[@]}" || { not_ok "judged starts"; return; }
  local start end cid
  # started 10.5 minutes ago: every submission made in the next 30 s is at minute 10
  start="$(date -u -d '-630 seconds' +%Y-%m-%dT%H:%M:%SZ)"
  end="$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)"
  cid="$(api POST /competitions "$ADMIN" "{\"title\":\"Known contest\",\"problems\":[\"two-sum\",\"reverse-string\"],\"starts_at\":\"$start\",\"ends_at\":\"$end\"}" | cut -d' ' -f2- | jq -r .id)"
  check "admin creates a competition" test -n "$cid" -a "$cid" != null
  local t1 t2 t3 t4 t5 tok
  t1="$(new_user u1)"; t2="$(new_user u2)"; t3="$(new_user u3)"; t4="$(new_user u4)"; t5="$(new_user u5)"
  check "submitting before joining: 403" \
    test "$(api POST /problems/two-sum/submissions "$t1" "$(jq -n --rawfile c "$AC_PY" "{language:\"python\",code:\$c,competition:$cid}")" | cut -d' ' -f1)" = 403
  for tok in "$t1" "$t2" "$t3" "$t4" "$t5"; do api POST "/competitions/$cid/join" "$tok" >/dev/null; done
  local ids=()
  ids+=("$(submit "$t1" two-sum "$AC_PY" python "$cid")")
  ids+=("$(submit "$t1" reverse-string "$RS_PY" python "$cid")")
  ids+=("$(submit "$t2" two-sum "$WA_PY" python "$cid")")
  wait_done "$t2" "${ids[2]}" 60 >/dev/null
  ids+=("$(submit "$t2" two-sum "$AC_PY" python "$cid")")
  ids+=("$(submit "$t2" reverse-string "$RS_PY" python "$cid")")
  ids+=("$(submit "$t3" two-sum "$AC_PY" python "$cid")")
  ids+=("$(submit "$t4" two-sum "$AC_PY" python "$cid")")
  ids+=("$(submit "$t1" two-sum "$WA_PY")") # outside the competition: not counted
  for i in "${ids[@]}"; do wait_done "$ADMIN" "$i" 90 >/dev/null; done
  local lb
  lb="$(api GET "/competitions/$cid/leaderboard?top=100&offset=0" "$t1" | cut -d' ' -f2-)"
  diag "leaderboard: $(echo "$lb" | jq -c '[.rows[] | [.rank, .user, .solved, .penalty]]')"
  check "order, ranks and ties: u1 1 (2, 20), u2 2 (2, 40), u3 3 and u4 3 (1, 10), u5 5 (0, 0)" \
    test "$(echo "$lb" | jq -c '[.rows[] | [.rank, .user, .solved, .penalty]]')" = '[[1,"u1",2,20],[2,"u2",2,40],[3,"u3",1,10],[3,"u4",1,10],[5,"u5",0,0]]'
  check "per-problem attempts and times (u2: two-sum solved at minute 10 on the 2nd try)" \
    test "$(echo "$lb" | jq -c '.rows[1].problems[0] | [.attempts, .solved, .time_min]')" = '[2,true,10]'
  check "paging: top=2 offset=2 gives u3 and u4, both rank 3" \
    test "$(api GET "/competitions/$cid/leaderboard?top=2&offset=2" "$t1" | cut -d' ' -f2- | jq -c '[.total, (.rows[] | [.rank, .user])]')" = '[5,[3,"u3"],[3,"u4"]]'
  check "leaderboard/me for u4: rank 3" \
    test "$(api GET "/competitions/$cid/leaderboard/me" "$t4" | cut -d' ' -f2- | jq -c '[.rank, .user]')" = '[3,"u4"]'
  check "the PostgreSQL query gives the same ranking" \
    test "$(api GET "/competitions/$cid/leaderboard?source=db" "$t1" | cut -d' ' -f2- | jq -c '[.rows[] | [.rank, .user, .solved, .penalty]]')" = "$(echo "$lb" | jq -c '[.rows[] | [.rank, .user, .solved, .penalty]]')"
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" del "competition:leaderboard:$cid" "competition:leaderboard:$cid:detail" "competition:leaderboard:$cid:meta" >/dev/null
  check "board lost in Redis: rebuilt automatically on the next read" \
    test "$(api GET "/competitions/$cid/leaderboard" "$t1" | cut -d' ' -f2- | jq -c '[.rows[] | [.rank, .user, .solved, .penalty]]')" = "$(echo "$lb" | jq -c '[.rows[] | [.rank, .user, .solved, .penalty]]')"
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" flushall >/dev/null
  local out
  out="$("$BUILD/cmd/judge/judge" leaderboard rebuild "$cid" --db "$JUDGED_DB" --redis "$JUDGED_REDIS")"
  check "judge leaderboard rebuild: $out" test "$out" = "competition $cid: leaderboard rebuilt, 5 participants"
  check "after the rebuild: same board" \
    test "$(api GET "/competitions/$cid/leaderboard" "$t1" | cut -d' ' -f2- | jq -c '[.rows[] | [.rank, .user, .solved, .penalty]]')" = "$(echo "$lb" | jq -c '[.rows[] | [.rank, .user, .solved, .penalty]]')"
  check "unknown competition: 404" test "$(api GET /competitions/999999/leaderboard "$t1" | cut -d' ' -f1)" = 404
}

# GET PATH with extra curl arguments: the status; headers in $svc_dir/h, body in $svc_dir/b.
get_page() {
  local p="$1"; shift
  rm -f "$svc_dir/b" # curl writes no file for an answer without a body
  curl -s -D "$svc_dir/h" -o "$svc_dir/b" -w '%{http_code}' "$@" "http://127.0.0.1:$API_PORT$p"
}
header_of() { grep -i "^$1:" "$svc_dir/h" | head -1 | cut -d' ' -f2- | tr -d '\r'; }

section_lbcache() {
  start_judged A "$API_PORT" --workers 1 --token-refresh-ms 500 "${FAST[@]}" || { not_ok "judged starts"; return; }
  local start end cid t1 t2 st etag etag2 plain
  start="$(date -u -d '-630 seconds' +%Y-%m-%dT%H:%M:%SZ)"
  end="$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)"
  cid="$(api POST /competitions "$ADMIN" "{\"title\":\"cached\",\"problems\":[\"two-sum\"],\"starts_at\":\"$start\",\"ends_at\":\"$end\"}" | cut -d' ' -f2- | jq -r .id)"
  t1="$(new_user c1)"; t2="$(new_user c2)"
  for tok in "$t1" "$t2"; do api POST "/competitions/$cid/join" "$tok" >/dev/null; done
  local lb="/competitions/$cid/leaderboard?top=10"
  st="$(get_page "$lb" -H "Authorization: Bearer $t1")"
  etag="$(header_of ETag)"
  plain="$(cat "$svc_dir/b")"
  check "page: 200 with an ETag ($etag), Cache-Control: no-cache, Vary: Accept-Encoding" \
    test "$st" = 200 -a -n "$etag" -a "$(header_of Cache-Control)" = no-cache -a "$(header_of Vary)" = Accept-Encoding
  st="$(get_page "$lb" -H "Authorization: Bearer $t2" -H "If-None-Match: $etag")"
  [ "$st" = 304 ] || diag "answer: $st $(tr -d '\r' <"$svc_dir/h" | tr '\n' ' ') $(head -c 300 "$svc_dir/b")"
  check "If-None-Match with the ETag (another user): 304, no body, the same ETag" \
    test "$st" = 304 -a ! -s "$svc_dir/b" -a "$(header_of ETag)" = "$etag"
  st="$(get_page "$lb" -H "Authorization: Bearer $t1" -H "If-None-Match: \"other\", W/$etag")"
  check "If-None-Match with a list and a weak tag: 304" test "$st" = 304
  st="$(get_page "$lb" -H "Authorization: Bearer $t1" -H 'If-None-Match: "nothing-like-it"')"
  check "If-None-Match with another tag: 200 and the page" test "$st" = 200 -a "$(cat "$svc_dir/b")" = "$plain"
  st="$(get_page "$lb" -H "Authorization: Bearer $t1" -H 'Accept-Encoding: br, gzip;q=0.8')"
  local gzetag
  gzetag="$(header_of ETag)"
  check "Accept-Encoding gzip: Content-Encoding gzip, its own ETag, the body decompresses to the same JSON" \
    test "$st" = 200 -a "$(header_of Content-Encoding)" = gzip -a "$gzetag" != "$etag" \
    -a "$(gunzip -c <"$svc_dir/b" 2>/dev/null)" = "$plain"
  st="$(get_page "$lb" -H "Authorization: Bearer $t1" -H 'Accept-Encoding: gzip;q=0')"
  check "gzip;q=0: plain" test "$st" = 200 -a -z "$(header_of Content-Encoding)" -a "$(cat "$svc_dir/b")" = "$plain"
  st="$(get_page "$lb" -H "Authorization: Bearer $t1" -H 'Accept-Encoding: gzip' -H "If-None-Match: $gzetag")"
  check "If-None-Match with the gzip ETag: 304" test "$st" = 304
  # a verdict changes the board: the version, so the ETag and the page
  local id
  id="$(submit "$t1" two-sum "$AC_PY" python "$cid")"
  wait_done "$t1" "$id" 90 >/dev/null
  local waited=0
  for waited in $(seq 50); do
    st="$(get_page "$lb" -H "Authorization: Bearer $t2" -H "If-None-Match: $etag")"
    [ "$st" = 200 ] && break
    sleep 0.1
  done
  etag2="$(header_of ETag)"
  diag "after the verdict: $st after $waited polls, ETag $etag -> $etag2"
  check "after a submission finishes: the old ETag gets 200, a new ETag, and the page shows it" \
    test "$st" = 200 -a -n "$etag2" -a "$etag2" != "$etag" \
    -a "$(jq -c '[.rows[0].user, .rows[0].solved]' "$svc_dir/b")" = '["c1",1]'
  check "the cached page equals the PostgreSQL ranking" \
    test "$(jq -c '[.rows[] | [.rank, .user, .solved, .penalty]]' "$svc_dir/b")" = \
    "$(api GET "/competitions/$cid/leaderboard?top=10&source=db" "$t1" | cut -d' ' -f2- | jq -c '[.rows[] | [.rank, .user, .solved, .penalty]]')"
  check "leaderboard/me for c2: rank 2 (one Redis round trip)" \
    test "$(api GET "/competitions/$cid/leaderboard/me" "$t2" | cut -d' ' -f2- | jq -c '[.rank, .user]')" = '[2,"c2"]'
  check "leaderboard/me of a user who did not join: 404" \
    test "$(api GET "/competitions/$cid/leaderboard/me" "$ADMIN" | cut -d' ' -f1)" = 404
  check "unknown competition: 404" test "$(api GET /competitions/999999/leaderboard "$t1" | cut -d' ' -f1)" = 404
  # Redis down: the cached page still answers (the board cannot change without Redis)
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
  sleep 0.3
  st="$(get_page "$lb" -H "Authorization: Bearer $t1")"
  check "Redis down: the last page still answers 200, with its ETag" test "$st" = 200 -a "$(header_of ETag)" = "$etag2"
  check "Redis down: a page never rendered is 503" \
    test "$(api GET "/competitions/$cid/leaderboard?top=7" "$t1" | cut -d' ' -f1)" = 503
  "$SRC/scripts/services.sh" restart-redis "$svc_dir" >/dev/null 2>&1
  # tokens: from the in-memory table; a deleted one is refused within --token-refresh-ms
  local t3
  t3="$(new_user c3)"
  check "a token created a moment ago works (looked up once)" test "$(api GET /me "$t3" | cut -d' ' -f1)" = 200
  sleep 1.5 # in the table by now (refresh 500 ms)
  check "... and from the table" test "$(api GET /me "$t3" | cut -d' ' -f1)" = 200
  psql_q "DELETE FROM tokens WHERE user_id = (SELECT id FROM users WHERE name = 'c3')" >/dev/null
  local t0 refused=""
  t0=$(date +%s%N)
  for _ in $(seq 100); do
    [ "$(api GET /me "$t3" | cut -d' ' -f1)" = 401 ] && { refused=$(( ($(date +%s%N) - t0) / 1000000 )); break; }
    sleep 0.1
  done
  diag "deleted token refused after ${refused:-never} ms (--token-refresh-ms 500)"
  check "a deleted token is refused (within the refresh bound: well before 10 s)" test -n "$refused"
  psql_q "UPDATE users SET is_admin = true WHERE name = 'c2'" >/dev/null
  local admin=""
  for _ in $(seq 100); do
    [ "$(api GET /me "$t2" | cut -d' ' -f2- | jq -r .admin)" = true ] && { admin=yes; break; }
    sleep 0.1
  done
  check "a user made admin: their token says so after the refresh" test -n "$admin"
  # unknown tokens go to PostgreSQL at a limited rate: 400 bogus ones at once from one address,
  # with the per-address failure limit off, get 401 up to the bucket and 503 past it
  local port2 i
  port2="$(free_port)"
  start_judged B "$port2" --role api --auth-fail-limit 0 || { not_ok "a second judged starts"; return; }
  for i in $(seq 400); do
    [ "$i" = 1 ] || echo next # between entries: one after the last would be an entry without a URL
    printf 'url = "http://127.0.0.1:%s/me"\nheader = "Authorization: Bearer bogus-%s"\nheader = "Connection: close"\nwrite-out = "%%{http_code}\n"\noutput = "/dev/null"\n' "$port2" "$i"
  done >"$svc_dir/bogus.cfg"
  curl -s --parallel --parallel-max 50 -K "$svc_dir/bogus.cfg" >"$svc_dir/bogus.out" 2>/dev/null
  local n401 n503
  n401="$(grep -c '^401$' "$svc_dir/bogus.out")"; n503="$(grep -c '^503$' "$svc_dir/bogus.out")"
  diag "400 bogus tokens at once: $n401 answered 401 (looked up), $n503 answered 503 (over the lookup limit)"
  diag "answers: $(sort "$svc_dir/bogus.out" | uniq -c | tr -s ' \n' ' ')"
  check "400 unknown tokens at once: some go to PostgreSQL (401), the rest get 503, none gets in" \
    test "$n503" -gt 0 -a "$n401" -gt 0 -a "$((n401 + n503))" = 400
}

# engine-proxy.py's control file: written whole, then renamed over the old one.
proxy_ctl() {
  printf '%s\n' "$@" >"$svc_dir/engine.ctl.new" && mv "$svc_dir/engine.ctl.new" "$svc_dir/engine.ctl"
}

# healthz: prints "STATUS BODY" of /healthz.
healthz() {
  local st
  st="$(curl -s -o "$svc_dir/health" -w '%{http_code}' "http://127.0.0.1:${HEALTH_PORT:-$API_PORT}/healthz")"
  echo "$st $(tr -d '\n' <"$svc_dir/health")"
}

# wait_health JQ_FILTER SECONDS: until /healthz's "STATUS BODY" satisfies the filter (given
# {status_code, body}); prints the last answer.
wait_health() {
  local f="$1" secs="$2" h=""
  for _ in $(seq $((secs * 5))); do
    h="$(healthz)"
    if jq -ne --argjson c "${h%% *}" --argjson b "${h#* }" "{status_code: \$c, body: \$b} | $f" >/dev/null 2>&1; then
      echo "$h"
      return 0
    fi
    sleep 0.2
  done
  echo "$h"
  return 1
}

jq_true() { # jq_true JSON FILTER: the filter holds for the document
  jq -e "$2" <<<"$1" >/dev/null 2>&1
}

has_all() { # has_all TEXT STRING...: TEXT contains every STRING
  local t="$1" x
  shift
  for x in "$@"; do [[ "$t" == *"$x"* ]] || return 1; done
}

metric() { # metric NAME_WITH_LABELS: its value in /metrics
  curl -s "http://127.0.0.1:$API_PORT/metrics" | awk -v m="$1" '$1 == m { print $2 }'
}

# wait_status ID STATUS SECONDS
wait_status() {
  for _ in $(seq $(($3 * 10))); do
    [ "$(psql_q "select status from submissions where id=$1")" = "$2" ] && return 0
    sleep 0.1
  done
  return 1
}

section_engine() {
  local sock="$svc_dir/engine.sock" h id doc
  proxy_ctl up
  python3 "$SRC/test/service/engine-proxy.py" "$sock" "${ENGINE#unix://}" "$svc_dir/engine.ctl" 2>>"$svc_dir/proxy.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -sf --unix-socket "$sock" http://d/_ping >/dev/null 2>&1 && break; sleep 0.1; done
  check "the engine proxy answers" curl -sf --unix-socket "$sock" http://d/_ping -o /dev/null
  ENGINE_REAL="$ENGINE"
  ENGINE="unix://$sock"
  start_judged A "$API_PORT" --workers 1 "${FAST[@]}" --max-attempts 3 --engine-failures 3 --engine-probe-ms 1000 ||
    { not_ok "judged starts"; return; }
  h="$(wait_health '.status_code == 200 and .body.engine == "ok"' 10)"
  check "healthz: engine ok ($h)" jq_true "${h#* }" '.status == "ok" and .engine == "ok" and .workers_up == 1' 
  check "metrics: judged_engine_up 1" test "$(metric judged_engine_up)" = 1

  # 1. The engine stops answering while the worker is idle.
  proxy_ctl down
  h="$(wait_health '.status_code == 503' 15)"
  check "engine down: healthz 503 degraded, engine down, since when ($h)" \
    jq_true "${h#* }" '.status == "degraded" and .engine == "down" and (.since | type) == "number" and .workers_up == 0'
  check "engine down: healthz names the engine ($(echo "${h#* }" | jq -r .engine_error))" \
    has_all "$(echo "${h#* }" | jq -r .engine_error)" "$sock"
  local up fails
  up="$(metric judged_engine_up)"
  fails="$(metric 'judged_engine_failures_total{during="probe"}')"
  check "metrics: judged_engine_up 0 ($up), judged_engine_failures_total{during=\"probe\"} counts ($fails)" \
    test "$up" = 0 -a "${fails:-0}" -ge 1
  id="$(submit "$ADMIN" two-sum "$AC_PY")"
  sleep 4
  check "engine down: the submission stays queued, no attempt used ($(psql_q "select status || ' ' || attempts || ' ' || coalesce(verdict, '-') from submissions where id=$id"))" \
    test "$(psql_q "select status || ' ' || attempts from submissions where id=$id")" = "queued 0"
  proxy_ctl up
  doc="$(wait_done "$ADMIN" "$id" 60)"
  check "engine back: the submission is judged AC ($(echo "$doc" | jq -r .verdict))" test "$(echo "$doc" | jq -r .verdict)" = AC
  h="$(wait_health '.status_code == 200' 10)"
  check "engine back: healthz ok again ($h)" jq_true "${h#* }" '.status == "ok" and .engine == "ok"'
  check "engine back: judged_engine_up 1" test "$(metric judged_engine_up)" = 1

  # 2. The engine stops answering in the middle of a judgement.
  printf 'import time\nclass Solution:\n    def twoSum(self, nums, target):\n        if not hasattr(Solution, "slept"):\n            Solution.slept = True\n            time.sleep(1.5)\n        d = {}\n        for i, x in enumerate(nums):\n            if target - x in d:\n                return [d[target - x], i]\n            d[x] = i\n' >"$svc_dir/slow.py"
  id="$(submit "$ADMIN" two-sum "$svc_dir/slow.py")"
  wait_status "$id" running 30
  sleep 0.5
  proxy_ctl down
  wait_status "$id" queued 20
  sleep 2
  check "engine lost mid-judgement: handed back, queued, the attempt not counted ($(psql_q "select status || ' ' || attempts || ' ' || coalesce(verdict, '-') from submissions where id=$id"))" \
    test "$(psql_q "select status || ' ' || attempts from submissions where id=$id")" = "queued 0"
  proxy_ctl up
  doc="$(wait_done "$ADMIN" "$id" 60)"
  check "engine back: the handed-back submission is judged AC, once ($(psql_q "select verdict || ' ' || attempts || ' ' || finish_count from submissions where id=$id"))" \
    test "$(psql_q "select verdict || ' ' || finish_count from submissions where id=$id")" = "AC 1"

  # 3. The engine refuses container creation (400, 500) or answers with an oversize body:
  #    retried, not blamed on the submission.
  local how
  for how in "400 1" "500 1" "201 1 big"; do
    proxy_ctl up "inject POST ^/containers/create $how"
    id="$(submit "$ADMIN" two-sum "$AC_PY")"
    doc="$(wait_done "$ADMIN" "$id" 60)"
    check "engine answers create with ${how/ 1/}: retried, AC ($(psql_q "select coalesce(verdict, '-') || ' ' || attempts || ' ' || coalesce(message, '') from submissions where id=$id"))" \
      test "$(psql_q "select verdict || ' ' || attempts from submissions where id=$id")" = "AC 2"
  done
  check "the proxy did inject them ($(grep -c 'containers/create -> injected' "$svc_dir/proxy.log"))" \
    test "$(grep -c 'containers/create -> injected' "$svc_dir/proxy.log")" = 3

  # 4. The image is missing on this engine: retried, and the final IE names the image.
  local p0 pauses
  p0="$(metric judged_worker_pauses_total)"
  proxy_ctl up "inject GET ^/images/.*/json 404 100"
  id="$(submit "$ADMIN" two-sum "$AC_PY")"
  doc="$(wait_done "$ADMIN" "$id" 60)"
  local msg
  msg="$(echo "$doc" | jq -r .message)"
  check "missing image: IE after 3 attempts ($(echo "$doc" | jq -r .verdict), $(psql_q "select attempts from submissions where id=$id"))" \
    test "$(echo "$doc" | jq -r .verdict) $(psql_q "select attempts from submissions where id=$id")" = "IE 3"
  check "missing image: the IE names the image, the engine and what to do ($msg)" \
    has_all "$msg" "judge-python:" "judge images build python" "$sock"
  for _ in $(seq 50); do
    pauses="$(metric judged_worker_pauses_total)"
    [ "${pauses:-0}" -gt "${p0:-0}" ] && break
    sleep 0.1
  done
  check "3 engine-side failures in a row: the worker paused (judged_worker_pauses_total $p0 -> $pauses)" \
    test "${pauses:-0}" -gt "${p0:-0}"
  check "... and said why in its log" grep -q 'stops claiming work: 3 judgements in a row failed on the engine side' "$svc_dir/judged-A.log"
  proxy_ctl up
  id="$(submit "$ADMIN" two-sum "$AC_PY")"
  doc="$(wait_done "$ADMIN" "$id" 60)"
  check "image back: the worker resumed by itself, AC" test "$(echo "$doc" | jq -r .verdict)" = AC
  h="$(wait_health '.status_code == 200' 10)"
  check "healthz ok at the end ($h)" jq_true "${h#* }" '.status == "ok"'

  # 5. A worker process whose engine socket does not exist: it claims nothing and says so.
  local pb
  pb="$(free_port)"
  ENGINE="unix://$svc_dir/no-such-engine.sock" start_judged B "$pb" --role worker --workers 1 "${FAST[@]}" \
    --engine-probe-ms 1000 >/dev/null 2>&1
  h="$(HEALTH_PORT="$pb" wait_health '.status_code == 503' 15)"
  check "no engine socket at all: healthz 503, engine down, no worker up ($h)" \
    jq_true "${h#* }" '.engine == "down" and .workers_up == 0 and (.engine_error | contains("no-such-engine.sock"))'
  check "... and its metrics say judged_engine_up 0" \
    test "$(curl -s "http://127.0.0.1:$pb/metrics" | awk '$1 == "judged_engine_up" { print $2 }')" = 0
  # Labels are judge.submission=<id>-<created_at in us>: match both, other tests share the engine.
  local left subs f='filters={"label":["judge.owner=judge"]}'
  subs="$(psql_q "select json_object_agg(id, extract(epoch from created_at) * 1000000) from submissions")"
  left="$(curl -s --unix-socket "${ENGINE_REAL#unix://}" -G http://d/v1.41/containers/json --data-urlencode all=1 --data-urlencode "$f" |
    jq --argjson s "$subs" '[.[] | (.Labels["judge.submission"] // "") | split("-") | select(length == 2 and $s[.[0]] != null and (($s[.[0]] - (.[1] | tonumber)) | fabs) < 10)] | length')"
  check "no container of this test left behind ($left)" test "$left" = 0
}

# Class 6 of issue 8: an API nobody can knock over.
section_hardening() {
  local out code r
  # command-line values are range-checked: refused with a clear error and exit status 2
  for bad in "--max-body -1" "--max-body 1e9" "--workers abc" "--rate-limit -5" "--lease-ms 99999999999999999999" \
             "--http-threads 0" "--auth-fail-limit -1"; do
    # shellcheck disable=SC2086
    out="$(timeout 10 "$BUILD/cmd/judged/judged" $bad --listen 127.0.0.1:1 2>&1)"; code=$?
    if [ "$code" = 2 ] && grep -q -- "${bad%% *}" <<<"$out"; then
      ok "judged $bad: exit 2 with a message naming the option ($(head -1 <<<"$out"))"
    else
      not_ok "judged $bad: exit 2 with a message naming the option (exit $code: $(head -1 <<<"$out"))"
    fi
  done
  JUDGED_MAX_BODY=-1 timeout 10 "$BUILD/cmd/judged/judged" --listen 127.0.0.1:1 >/dev/null 2>&1; code=$?
  check "JUDGED_MAX_BODY=-1: exit 2" test "$code" = 2

  start_judged A "$API_PORT" --workers 0 || { not_ok "judged starts"; return; }
  local u
  u="$(new_user hard)"
  # one POST of 524 KB (under the 512 KiB cap... of 524288 bytes) nested 262139 deep
  python3 -c 'import sys; n=262139; sys.stdout.write("{\"a\":" + "["*n + "]"*n + "}")' >"$svc_dir/deep"
  out="$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $u" -H 'Content-Type: application/json' \
    --data-binary @"$svc_dir/deep" "http://127.0.0.1:$API_PORT/problems/two-sum/submissions")"
  if [ "${out##* }" = 400 ] && grep -qi nest <<<"${out% *}"; then r=ok; else r=not_ok; fi
  $r "a body nested 262139 deep ($(stat -c %s "$svc_dir/deep") bytes): 400 naming the nesting (${out:0:120})"
  check "judged survives the deep body" curl -sf "http://127.0.0.1:$API_PORT/healthz" -o /dev/null
  python3 -c 'import sys; n=65; sys.stdout.write("{\"language\":\"python\",\"code\":\"x\",\"cases\":[{\"args\":" + "["*n + "]"*n + "}]}")' >"$svc_dir/deep65"
  out="$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $u" --data-binary @"$svc_dir/deep65" \
    "http://127.0.0.1:$API_PORT/problems/two-sum/run")"
  check "a Run body nested 68 deep: 400 (${out:0:100})" test "${out##* }" = 400
  out="$(api POST /problems/two-sum/run "$u" '{"language":"python","code":"x","cases":[{"args":[[[1]],2]}]}')"
  if [ "${out%% *}" = 400 ] && ! grep -qi nest <<<"$out"; then r=ok; else r=not_ok; fi
  $r "a shallow body still parses (a type error, not a nesting error: ${out:0:100})"

  # query parameters are range-checked
  local start end cid q
  start="$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)"; end="$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)"
  cid="$(api POST /competitions "$ADMIN" "{\"title\":\"q\",\"problems\":[\"two-sum\"],\"starts_at\":\"$start\",\"ends_at\":\"$end\"}" | cut -d' ' -f2- | jq -r .id)"
  for q in top=0 top=abc top=-3 top=1001 top=5x offset=-1 offset=abc offset=99999999999999999999999 "top=" source=sql; do
    out="$(api GET "/competitions/$cid/leaderboard?$q" "$u")"
    if [ "${out%% *}" = 400 ] && jq -e '.error | length > 0' <<<"${out#* }" >/dev/null 2>&1; then r=ok; else r=not_ok; fi
    $r "leaderboard?$q: 400 with a message (${out:0:100})"
  done
  out="$(api GET "/submissions/1?all=2" "$ADMIN")"
  check "submissions/{id}?all=2: 400 (${out:0:100})" test "${out%% *}" = 400
  check "leaderboard?top=1&offset=0: 200" test "$(api GET "/competitions/$cid/leaderboard?top=1&offset=0" "$u" | cut -d' ' -f1)" = 200

  # no valid token: 401 before the body is read. Headers announce 400 KB that never come.
  # These two failures and the 19 below must fall in one minute (the limit's window).
  fresh_minute 25
  out="$(python3 - "$API_PORT" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"POST /problems/two-sum/submissions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\n"
          b"Content-Type: application/json\r\nContent-Length: 400000\r\n\r\n")
s.settimeout(5)
try:
    print(s.recv(4096).split(b"\r\n")[0].decode())
except socket.timeout:
    print("timeout: no answer before the body")
PY
)"
  check "bad token with a 400 KB body announced, none sent: answered at once ($out)" grep -q ' 401 ' <<<"$out"
  out="$(curl -s -o /dev/null -w '%{http_code} %{size_upload}' -H 'Expect: 100-continue' -H 'Authorization: Bearer nope' \
    --data-binary @"$svc_dir/deep" "http://127.0.0.1:$API_PORT/problems/two-sum/submissions")"
  check "bad token with Expect: 100-continue: 401 and the body never uploaded ($out)" test "$out" = "401 0"

  head -c 700000 /dev/zero | tr '\0' 'x' >"$svc_dir/big"
  out="$(curl -s -o /dev/null -w '%{http_code} %{size_upload}' -H 'Expect: 100-continue' -H "Authorization: Bearer $u" \
    --data-binary @"$svc_dir/big" "http://127.0.0.1:$API_PORT/problems/two-sum/submissions")"
  check "valid token, 700 KB announced with Expect: 100-continue: 413 and the body never uploaded ($out)" test "$out" = "413 0"

  # failed authentication is rate-limited per address: 20 per minute, then 429 with Retry-After
  local i n401=0
  for i in $(seq 18); do # 2 failures so far in this section
    [ "$(api GET /problems "bad-$i" | cut -d' ' -f1)" = 401 ] && n401=$((n401 + 1))
  done
  check "20 failed authentications: each 401 ($n401 of 18 here)" test "$n401" = 18
  out="$(curl -s -D "$svc_dir/h" -o "$svc_dir/b" -w '%{http_code}' -H 'Authorization: Bearer bad-21' "http://127.0.0.1:$API_PORT/problems")"
  check "the 21st in a minute: 429 with Retry-After and a JSON error" \
    bash -c "[ $out = 429 ] && grep -qi '^Retry-After: [0-9]' '$svc_dir/h' && jq -e .error '$svc_dir/b' >/dev/null"
  check "while limited, a valid token from that address is refused too (429)" \
    test "$(api GET /problems "$u" | cut -d' ' -f1)" = 429
  check "/healthz needs no token and is not limited" curl -sf "http://127.0.0.1:$API_PORT/healthz" -o /dev/null
}

# Class 4 of issue 8: hidden cases stay hidden. A solution wrong only on two-sum's third hidden
# case (index 5, after 3 samples), which prints every input it gets.
section_hidden() {
  local ps="$svc_dir/problems" q out
  mkdir -p "$ps"
  cp -r "$P/two-sum" "$ps/two-sum"
  cp -r "$P/two-sum" "$ps/two-sum-quiet"
  jq '.slug = "two-sum-quiet" | .hidden_failure = "none"' "$P/two-sum/problem.json" >"$ps/two-sum-quiet/problem.json"
  cp -r "$P/two-sum" "$ps/two-sum-bad"
  jq '.slug = "two-sum-bad" | .hidden_failure = "everything"' "$P/two-sum/problem.json" >"$ps/two-sum-bad/problem.json"
  out="$("$BUILD/cmd/judge/judge" validate --no-judge "$ps/two-sum-bad" 2>&1)"
  "$BUILD/cmd/judge/judge" validate --no-judge "$ps/two-sum-bad" >/dev/null 2>&1
  if [ $? = 1 ] && grep -q 'hidden_failure must be' <<<"$out"; then q=ok; else q=not_ok; fi
  $q "problem.json with hidden_failure \"everything\" is rejected by validation"
  rm -rf "$ps/two-sum-bad"
  start_judged A "$API_PORT" --workers 2 "${FAST[@]}" --problems "$ps" || { not_ok "judged starts"; return; }
  local u sol="$SRC/test/service/data/hidden_wa.py" id doc adoc out
  u="$(new_user hider)"
  id="$(submit "$u" two-sum "$sol")"
  doc="$(wait_done "$u" "$id" 90)"
  diag "owner's view: $(echo "$doc" | jq -c '{verdict, passed, total, message, r: (.result | {passed, total, first_failed, cases: [.cases[] | {index, hidden, status, input: has("input")}]})}' | head -c 1500)"
  check "WA, stopped at the first failure: passed 5 of 20, failing case 5" \
    test "$(echo "$doc" | jq -c '[.verdict, .passed, .total, .result.passed, .result.first_failed]')" = '["WA",5,20,5,5]'
  check "owner: no hidden case but the failing one is listed (no other statuses)" \
    test "$(echo "$doc" | jq -c '[.result.cases[] | select(.hidden) | .index]')" = '[5]'
  check "owner: the failing hidden case shows its input (default \"input\") and no expected output" \
    test "$(echo "$doc" | jq -c '.result.cases[] | select(.index == 5) | [.status, .input.args, has("expected")]')" = '["WA",[[-1,-2,-3,-4,-5],-8],false]'
  check "owner: no hidden case's stdout, stderr or actual output" \
    test "$(echo "$doc" | jq '[.result.cases[] | select(.hidden) | has("stdout") or has("stderr") or has("actual")] | any')" = false
  # The runner hands the harness case i only after case i-1 has answered, and takes what is in
  # the output pipes at that answer: a later case's prints (hidden inputs) cannot land in an
  # earlier case's stdout, a sample one included.
  check "owner: the prints of hidden inputs appear nowhere in the document" \
    bash -c '! grep -qF "SECRET[1, 2]" <<<"$1" && ! grep -qF "SECRET[-1, -2" <<<"$1"' _ "$doc"
  check "owner: sample cases in full (status, input, expected, actual, stdout)" \
    test "$(echo "$doc" | jq '[.result.cases[] | select(.hidden | not) | has("status") and has("input") and has("expected") and has("actual") and has("stdout")] | (length == 3 and all)')" = true
  check "owner: ?all=1 is for administrators (403)" test "$(api GET "/submissions/$id?all=1" "$u" | cut -d' ' -f1)" = 403
  adoc="$(api GET "/submissions/$id" "$ADMIN" | cut -d' ' -f2-)"
  check "admin: every case reported, later hidden cases with their statuses" \
    test "$(echo "$adoc" | jq -c '[(.result.cases | length), ([.result.cases[] | select(.index > 5) | .status] | unique)]')" = '[20,["AC"]]'
  check "admin: hidden cases' stdout and the failing case's input, expected and actual output" \
    test "$(echo "$adoc" | jq -c '.result.cases[5] | [has("stdout"), has("input"), has("expected"), .actual]')" = '[true,true,true,[0,0]]'
  out="$(api GET "/submissions/$id?all=1" "$ADMIN")"
  check "admin: ?all=1 gives the full report" test "$(echo "${out#* }" | jq '.result.cases | length')" = 20

  id="$(submit "$u" two-sum-quiet "$sol")"
  doc="$(wait_done "$u" "$id" 90)"
  check "hidden_failure \"none\": the failing hidden case without its input" \
    test "$(echo "$doc" | jq -c '[.verdict, .result.first_failed, (.result.cases[] | select(.hidden) | [.index, .status, has("input")])]')" = '["WA",5,[5,"WA",false]]'

  # a competition can only tighten the problem's setting
  local start end c1 c2
  start="$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)"; end="$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)"
  out="$(api POST /competitions "$ADMIN" "{\"title\":\"bad\",\"problems\":[\"two-sum\"],\"starts_at\":\"$start\",\"ends_at\":\"$end\",\"hidden_failure\":\"all\"}")"
  check "competition with hidden_failure \"all\": 400 (${out:0:100})" test "${out%% *}" = 400
  c1="$(api POST /competitions "$ADMIN" "{\"title\":\"quiet\",\"problems\":[\"two-sum\"],\"starts_at\":\"$start\",\"ends_at\":\"$end\",\"hidden_failure\":\"none\"}" | cut -d' ' -f2- | jq -r .id)"
  c2="$(api POST /competitions "$ADMIN" "{\"title\":\"loud\",\"problems\":[\"two-sum-quiet\"],\"starts_at\":\"$start\",\"ends_at\":\"$end\",\"hidden_failure\":\"input\"}" | cut -d' ' -f2- | jq -r .id)"
  check "GET /competitions/{id} shows the setting" \
    test "$(api GET "/competitions/$c1" "$u" | cut -d' ' -f2- | jq -r .hidden_failure)" = none
  api POST "/competitions/$c1/join" "$u" >/dev/null
  api POST "/competitions/$c2/join" "$u" >/dev/null
  id="$(submit "$u" two-sum "$sol" python "$c1")"
  doc="$(wait_done "$u" "$id" 90)"
  check "competition \"none\" on a problem with \"input\": no input" \
    test "$(echo "$doc" | jq -c '[.verdict, (.result.cases[] | select(.hidden) | [.index, has("input")])]')" = '["WA",[5,false]]'
  adoc="$(api GET "/submissions/$id" "$ADMIN" | cut -d' ' -f2-)"
  check "... while an admin still sees it" test "$(echo "$adoc" | jq '.result.cases[5] | has("input")')" = true
  id="$(submit "$u" two-sum-quiet "$sol" python "$c2")"
  doc="$(wait_done "$u" "$id" 90)"
  check "competition \"input\" on a problem with \"none\": still no input (a competition only tightens)" \
    test "$(echo "$doc" | jq -c '[.verdict, (.result.cases[] | select(.hidden) | [.index, has("input")])]')" = '["WA",[5,false]]'
}

# webhooks: a receiver (test/service/webhook-receiver.py, 127.0.0.1) verifies each delivery's
# signature with the webhook's secret and records it; small retry flags keep the retries short.
section_webhooks() {
  local rdir="$svc_dir/receiver" rport down_port
  mkdir -p "$rdir"
  rport="$(free_port)"
  down_port="$(free_port)" # nothing listens there
  /usr/bin/python3 "$SRC/test/service/webhook-receiver.py" "$rport" "$rdir" 2>"$rdir/stderr" &
  pids+=("$!")
  local up=0
  for _ in $(seq 50); do
    curl -s -o /dev/null -X POST "http://127.0.0.1:$rport/none/x" 2>/dev/null && { up=1; break; }
    sleep 0.1
  done
  check "the receiver listens on 127.0.0.1:$rport" test "$up" = 1
  rm -f "$rdir/requests.jsonl"
  local WH=(--webhook-attempts 3 --webhook-retry-ms 300 --webhook-timeout-ms 4000)
  start_judged A "$API_PORT" --workers 1 "${FAST[@]}" "${WH[@]}" || { not_ok "judged starts"; return; }
  local u out
  u="$(new_user hookuser)"

  # who may, and what is refused
  out="$(api POST /webhooks "$u" "{\"url\":\"http://127.0.0.1:$rport/ok/u\",\"events\":[\"submission.finished\"]}")"
  check "non-admin POST /webhooks: 403" test "${out%% *}" = 403
  check "non-admin GET /webhooks: 403" test "$(api GET /webhooks "$u" | cut -d' ' -f1)" = 403
  check "non-admin GET /webhooks/1/deliveries: 403" test "$(api GET /webhooks/1/deliveries "$u" | cut -d' ' -f1)" = 403
  local bad
  for bad in '{"url":"ftp://127.0.0.1/x"}' '{"url":"javascript:alert(1)"}' '{"url":"127.0.0.1:80/x"}' \
    '{"url":"http://"}' '{"url":"http://127.0.0.1/a b"}' '{"url":42}' '{}' \
    "{\"url\":\"http://127.0.0.1:$rport/ok/x\",\"events\":[\"submission.started\"]}" \
    "{\"url\":\"http://127.0.0.1:$rport/ok/x\",\"events\":[]}" '[1]'; do
    out="$(api POST /webhooks "$ADMIN" "$bad")"
    check "bad webhook $bad: 400 with an error (${out:4:90})" \
      test "${out%% *} $(echo "${out#* }" | jq -r 'has("error")')" = "400 true"
  done
  check "no webhook was stored by the refused requests" test "$(psql_q 'select count(*) from webhooks')" = 0

  # create: ok, flaky (500 twice), down (nothing listens), gone (deleted before anything happens)
  local name mode id secret
  declare -A hid
  for name in ok flaky down gone; do
    case "$name" in
      ok) mode="http://127.0.0.1:$rport/ok/A" ;;
      flaky) mode="http://127.0.0.1:$rport/flaky/F" ;;
      down) mode="http://127.0.0.1:$down_port/ok/D" ;;
      gone) mode="http://127.0.0.1:$rport/ok/G" ;;
    esac
    out="$(api POST /webhooks "$ADMIN" "{\"url\":\"$mode\",\"events\":[\"submission.finished\"]}")"
    id="$(echo "${out#* }" | jq -r .id)"
    secret="$(echo "${out#* }" | jq -r .secret)"
    hid[$name]="$id"
    check "POST /webhooks ($name): 201, the secret is 32 random bytes in hex, the URL and events echoed" \
      test "${out%% *} ${#secret} $(echo "${out#* }" | jq -r --arg u "$mode" '.url == $u and .events == ["submission.finished"] and (.secret | test("^[0-9a-f]{64}$"))')" = "201 64 true"
    case "$name" in ok) echo "$secret" >"$rdir/secret-A" ;; flaky) echo "$secret" >"$rdir/secret-F" ;;
      gone) echo "$secret" >"$rdir/secret-G" ;; esac
  done
  out="$(api GET /webhooks "$ADMIN")"
  check "GET /webhooks: all four, no secrets" \
    test "$(echo "${out#* }" | jq -c '[(.webhooks | length), ([.webhooks[] | has("secret")] | any)]')" = "[4,false]"
  check "two webhooks have different secrets" \
    test "$(psql_q 'select count(distinct secret) from webhooks')" = 4
  check "DELETE /webhooks/{id}: 200" test "$(api DELETE "/webhooks/${hid[gone]}" "$ADMIN" | cut -d' ' -f1)" = 200
  check "DELETE it again: 404" test "$(api DELETE "/webhooks/${hid[gone]}" "$ADMIN" | cut -d' ' -f1)" = 404
  check "the deleted webhook's deliveries: 404" \
    test "$(api GET "/webhooks/${hid[gone]}/deliveries" "$ADMIN" | cut -d' ' -f1)" = 404
  check "DELETE /webhooks/abc: 400" test "$(api DELETE /webhooks/abc "$ADMIN" | cut -d' ' -f1)" = 400
  check "GET /webhooks/{id}/deliveries?limit=0: 400" \
    test "$(api GET "/webhooks/${hid[ok]}/deliveries?limit=0" "$ADMIN" | cut -d' ' -f1)" = 400

  # an accepted submission
  local sid doc
  sid="$(submit "$u" two-sum "$AC_PY")"
  doc="$(wait_done "$u" "$sid" 90)"
  check "the submission is judged AC" test "$(echo "$doc" | jq -r .verdict)" = AC
  # a Run is not a submission: no event
  local rid body
  body="$(jq -n --rawfile code "$AC_PY" '{language: "python", code: $code, cases: []}')"
  rid="$(api POST /problems/two-sum/run "$u" "$body" | cut -d' ' -f2- | jq -r .id)"
  wait_done "$u" "$rid" 90 >/dev/null
  # ok: 1 attempt; flaky: 3 (500, 500, 200); down: 3 attempts, failed. Backoff 300 + 600 ms.
  local t=0 st
  while [ $t -lt 150 ]; do
    st="$(psql_q "select string_agg(status, ',' order by webhook_id) from webhook_deliveries where submission_id = $sid")"
    [ "$st" = "delivered,delivered,failed" ] && break
    sleep 0.2; t=$((t + 1))
  done
  diag "delivery statuses after $((t / 5)) s: $st"
  sleep 1 # anything sent twice would show now
  local req="$rdir/requests.jsonl"
  touch "$req"
  local a
  a="$(jq -c --arg s "$sid" 'select(.name == "A" and (.body | fromjson | .submission.id | tostring) == $s)' "$req")"
  check "ok webhook: exactly one request for the submission" test "$(echo "$a" | grep -c .)" = 1
  check "ok webhook: the signature verifies with the secret, the timestamp is fresh" \
    test "$(echo "$a" | jq -c '[.sig_ok, .ts_ok, .event, .content_type]')" = '[true,true,"submission.finished","application/json"]'
  check "ok webhook: the body is the event, the delivery id and the submission's summary" \
    test "$(echo "$a" | jq -r --arg s "$sid" '.body | fromjson | (.event == "submission.finished") and (.submission | (.id | tostring) == $s and .problem == "two-sum" and .user.name == "hookuser" and .language == "python" and .verdict == "AC" and .passed == .total and .total > 0 and .runtime_ms >= 0 and .memory_kb > 0 and .competition == null and .finished_at > 0)')" = true
  check "ok webhook: X-Judge-Delivery is the body's id" \
    test "$(echo "$a" | jq -r '(.body | fromjson | .id | tostring) == .delivery')" = true
  # the receiver's check is not vacuous: the same request with another secret does not verify
  check "a signature made with another secret does not verify" \
    /usr/bin/python3 -c 'import hmac,hashlib,json,sys; r=json.loads(sys.argv[1]); w="sha256="+hmac.new(b"0"*64,(r["timestamp"]+"."+r["body"]).encode(),hashlib.sha256).hexdigest(); sys.exit(0 if not hmac.compare_digest(w,r["signature"]) and r["signature"].startswith("sha256=") else 1)' "$a"
  local f
  f="$(jq -c --arg s "$sid" 'select(.name == "F" and (.body | fromjson | .submission.id | tostring) == $s) | [.answered, .sig_ok]' "$req" | tr -d '\n')"
  check "flaky webhook: 500, 500, then 200, each signed ($f)" test "$f" = '[500,true][500,true][200,true]'
  out="$(api GET "/webhooks/${hid[flaky]}/deliveries" "$ADMIN")"
  diag "flaky log: ${out:0:400}"
  check "flaky webhook's log: delivered after 3 attempts, last status 200, delivered_at set" \
    test "$(echo "${out#* }" | jq -c --arg s "$sid" '[.deliveries[] | select((.submission | tostring) == $s) | [.status, .attempts, .last_status_code, .last_error, .event, .next_at, (.delivered_at >= .created_at)]]')" = '[["delivered",3,200,null,"submission.finished",null,true]]'
  out="$(api GET "/webhooks/${hid[down]}/deliveries?limit=5" "$ADMIN")"
  diag "down log: ${out:0:400}"
  check "down webhook's log: failed after the attempt cap (3), no status code, the connection error kept" \
    test "$(echo "${out#* }" | jq -c --arg s "$sid" '[.deliveries[] | select((.submission | tostring) == $s) | [.status, .attempts, .last_status_code, (.last_error | length > 0), .delivered_at, .next_at]]')" = '[["failed",3,null,true,null,null]]'
  check "the deleted webhook got nothing" test "$(jq -c 'select(.name == "G")' "$req" | grep -c .)" = 0
  check "the Run produced no delivery" test "$(psql_q "select count(*) from webhook_deliveries where submission_id = $rid")" = 0
  check "delivery log: ?limit=1 gives one" \
    test "$(api GET "/webhooks/${hid[ok]}/deliveries?limit=1" "$ADMIN" | cut -d' ' -f2- | jq '.deliveries | length')" = 1

  # The outbox row comes with the final result's own statement: a submission set to done by
  # any writer gets its deliveries, also while no judged runs.
  kill -TERM "$PID_A"
  t=0; while kill -0 "$PID_A" 2>/dev/null && [ $t -lt 300 ]; do sleep 0.1; t=$((t + 1)); done
  local uid
  uid="$(psql_q "select id from users where name = 'hookuser'")"
  psql_q "begin; insert into submissions (user_id, problem_slug, language, code, status) select $uid, 'two-sum', 'python', 'x', 'queued' from generate_series(1, 40); update submissions set status = 'done', verdict = 'AC', passed = 1, total = 1, time_ms = 1, memory_kb = 1, finished_at = now() where status = 'queued' and code = 'x'; commit;" >/dev/null
  check "40 submissions finished with no judged running: 40 deliveries each queued for ok, flaky and down" \
    test "$(psql_q "select count(*) from webhook_deliveries d join submissions s on s.id = d.submission_id where s.code = 'x' and d.status = 'pending' and d.attempts = 0")" = 120
  # two API processes share the outbox: each delivery to "ok" reaches the receiver once
  psql_q "delete from webhooks where id in (${hid[down]}, ${hid[flaky]})" >/dev/null
  local P2
  P2="$(free_port)"
  local t0
  t0=$(date +%s.%N)
  start_judged B "$P2" --workers 0 "${WH[@]}" || not_ok "judged B starts"
  start_judged C "$API_PORT" --workers 0 "${WH[@]}" || not_ok "judged C starts"
  t=0
  while [ $t -lt 150 ]; do
    [ "$(psql_q "select count(*) from webhook_deliveries d join submissions s on s.id = d.submission_id where s.code = 'x' and d.status = 'delivered'")" = 40 ] && break
    sleep 0.2; t=$((t + 1))
  done
  diag "40 deliveries (the receiver answers each after 50 ms) by two senders in $(echo "$(date +%s.%N) - $t0" | bc) s, judged start-ups included"
  sleep 1
  local got dup
  got="$(jq -r 'select(.name == "A" and (.body | fromjson | .submission.verdict) == "AC") | .delivery' "$req" | sort | uniq -c | awk '{print $1}' | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
  dup="$(jq -r 'select(.name == "A") | .delivery' "$req" | sort | uniq -d | grep -c .)"
  check "two judged processes: 40 more deliveries, each received once, none twice (counts: $got)" \
    test "$(jq -r 'select(.name == "A") | .delivery' "$req" | sort -u | grep -c .) $dup" = "41 0"
  diag "outcomes: $(psql_q "select d.status, d.attempts, d.last_status_code, d.last_error, count(*) from webhook_deliveries d join submissions s on s.id = d.submission_id where s.code = 'x' group by 1, 2, 3, 4" | tr '\n' ';')"
  check "two judged processes: all 40 recorded as delivered after one attempt" \
    test "$(psql_q "select count(*) filter (where d.status = 'delivered' and d.attempts = 1) from webhook_deliveries d join submissions s on s.id = d.submission_id where s.code = 'x'")" = 40

  # one process sends several deliveries at once: a receiver that hangs holds up one sender,
  # not the deliveries behind it (judged C stops: B alone sends)
  kill -TERM "$PID_C"
  t=0; while kill -0 "$PID_C" 2>/dev/null && [ $t -lt 300 ]; do sleep 0.1; t=$((t + 1)); done
  out="$(API_PORT="$P2" api POST /webhooks "$ADMIN" "{\"url\":\"http://127.0.0.1:$rport/hang/S\"}")"
  local hs
  hs="$(echo "${out#* }" | jq -r .id)"
  echo "${out#* }" | jq -r .secret >"$rdir/secret-S"
  local s1 s2 code t_hang=""
  for code in s1 s2; do
    # s1: A's delivery goes first, then S's hangs; s2 finishes while it hangs
    if [ "$code" = s2 ]; then
      t=0
      while [ $t -lt 100 ] && ! jq -e 'select(.name == "S")' "$req" >/dev/null 2>&1; do sleep 0.1; t=$((t + 1)); done
      t_hang="$(date +%s.%N)" # s1's delivery to S hangs from (about) now until the 4 s timeout
    fi
    psql_q "begin; insert into submissions (user_id, problem_slug, language, code, status) values ($uid, 'two-sum', 'python', '$code', 'queued'); update submissions set status = 'done', verdict = 'AC', passed = 1, total = 1, time_ms = 1, memory_kb = 1, finished_at = now() where code = '$code'; commit;" >/dev/null
  done
  s1="$(psql_q "select id from submissions where code = 's1'")"
  s2="$(psql_q "select id from submissions where code = 's2'")"
  t=0
  while [ $t -lt 30 ] && [ "$(psql_q "select status from webhook_deliveries where submission_id = $s2 and webhook_id = ${hid[ok]}")" != delivered ]; do
    sleep 0.1; t=$((t + 1))
  done
  local lag
  lag="$(psql_q "select extract(epoch from delivered_at) - $t_hang from webhook_deliveries where submission_id = $s2 and webhook_id = ${hid[ok]} and status = 'delivered'")"
  check "one process, a receiver hanging (10 s, past the 4 s timeout) on s1's delivery: s2's to another receiver went out meanwhile (${lag:-never} s after the hang began; one sender would wait out the 4 s)" \
    awk -v l="$lag" 'BEGIN { exit !(l != "" && l < 3) }'

  API_PORT="$P2" api DELETE "/webhooks/$hs" "$ADMIN" >/dev/null
  start_judged C "$API_PORT" --workers 0 "${WH[@]}" || not_ok "judged C starts again"

  # a sender killed in the middle of a delivery: its lease expires and another sends it again
  out="$(api POST /webhooks "$ADMIN" "{\"url\":\"http://127.0.0.1:$rport/hang/H\"}")"
  local hh
  hh="$(echo "${out#* }" | jq -r .id)"
  echo "${out#* }" | jq -r .secret >"$rdir/secret-H"
  psql_q "begin; insert into submissions (user_id, problem_slug, language, code, status) values ($uid, 'two-sum', 'python', 'y', 'queued'); update submissions set status = 'done', verdict = 'WA', passed = 0, total = 1, time_ms = 1, memory_kb = 1, finished_at = now() where code = 'y'; commit;" >/dev/null
  t=0
  while [ $t -lt 100 ] && ! jq -e 'select(.name == "H")' "$req" >/dev/null 2>&1; do sleep 0.1; t=$((t + 1)); done
  kill -KILL "$PID_B" "$PID_C" 2>/dev/null
  check "hang webhook: the first attempt reached the receiver, then both senders were killed (SIGKILL)" \
    test "$(psql_q "select status || ' ' || attempts || ' ' || (lease_until > now()) from webhook_deliveries where webhook_id = $hh")" = "pending 1 true"
  start_judged D "$API_PORT" --workers 0 "${WH[@]}" || not_ok "judged D starts"
  t=0
  while [ $t -lt 150 ]; do
    [ "$(psql_q "select status from webhook_deliveries where webhook_id = $hh")" = delivered ] && break
    sleep 0.2; t=$((t + 1))
  done
  diag "resent after $((t / 5)) s (the lease: 2 x 4000 + 5000 ms)"
  check "hang webhook: sent again once the lease expired, delivered on the 2nd attempt" \
    test "$(psql_q "select status || ' ' || attempts from webhook_deliveries where webhook_id = $hh")" = "delivered 2"
  check "hang webhook: the receiver got the same X-Judge-Delivery twice (at least once: receivers deduplicate)" \
    test "$(jq -r 'select(.name == "H") | .delivery' "$req" | uniq -c | awk '{print $1}')" = 2
  check "the receiver verified every signature" test "$(jq -r 'select(.sig_ok | not) | .path' "$req" | grep -c .)" = 0
  check "every body received matches docs/openapi.json's WebhookDelivery schema" \
    /usr/bin/python3 -c 'import json,sys
from jsonschema import Draft202012Validator, RefResolver
doc = json.load(open(sys.argv[1])); v = Draft202012Validator({"$ref": "#/components/schemas/WebhookDelivery"}, resolver=RefResolver("", doc))
bad = [e.message for l in open(sys.argv[2]) for e in v.iter_errors(json.loads(json.loads(l)["body"]))]
print("# %d errors %s" % (len(bad), bad[:3])); sys.exit(1 if bad else 0)' "$SRC/docs/openapi.json" "$req"
}

# Accounts for the web app: signup and login with a password, the session cookie, CSRF and Origin
# checks, logout, history and solved marks, bearer tokens alongside (cmd/judged/auth.c).
section_auth() {
  JUDGED_ADMIN_PASSWORD=admin-pass-123 start_judged A "$API_PORT" --workers 1 "${FAST[@]}" \
    --auth-fail-limit 1000 --login-limit 1000 || { not_ok "judged starts"; return; }
  local base="http://127.0.0.1:$API_PORT" jar="$svc_dir/jar" h="$svc_dir/h" b="$svc_dir/b" out sc csrf raw
  # cpost JAR PATH BODY [CURL ARGS...]: POST with the jar's cookie; prints the status
  cpost() { local j="$1" p="$2" d="$3"; shift 3
    curl -s -D "$h" -b "$j" -c "$j" -o "$b" -w '%{http_code}' -H 'Content-Type: application/json' "$@" \
      --data-binary "$d" "$base$p"; }
  cget() { local j="$1" p="$2"; shift 2
    curl -s -D "$h" -b "$j" -c "$j" -o "$b" -w '%{http_code}' "$@" "$base$p"; }
  cookie_of() { awk '$6 == "judge_session" { print $7 }' "$1"; }

  out="$(cpost "$jar" /auth/signup '{"name":"carol","password":"s3cret-pass"}')"
  check "signup: 201 ($out $(head -c 200 "$b"))" test "$out" = 201
  check "signup answers id, name, admin false and a CSRF token" \
    jq -e '(.id > 0) and .name == "carol" and .admin == false and (.csrf | test("^[0-9a-f]{64}$"))' "$b"
  csrf="$(jq -r .csrf "$b")"
  sc="$(grep -i '^Set-Cookie:' "$h" | tr -d '\r')"
  if [[ "$sc" =~ ^Set-Cookie:\ judge_session=[0-9a-f]{64}\;\ Path=/\;\ Max-Age=1209600\;\ HttpOnly\;\ SameSite=Lax$ ]]; then
    ok "the session cookie: HttpOnly; SameSite=Lax; Path=/; Max-Age 14 days; no Secure without --secure-cookies"
  else
    not_ok "the session cookie's attributes ($sc)"
  fi
  raw="$(cookie_of "$jar")"
  check "the cookie jar holds it" test ${#raw} = 64

  out="$(cget "$jar" /me)"
  check "GET /me with the cookie: the user and the session's CSRF token" \
    bash -c "[ $out = 200 ] && jq -e '.name == \"carol\" and .csrf == \"$csrf\"' '$b' >/dev/null"

  # a submission with the cookie: CSRF token and Origin checked
  local sub
  sub="$(jq -n --rawfile code "$AC_PY" '{language: "python", code: $code}')"
  out="$(cpost "$jar" /problems/two-sum/submissions "$sub")"
  check "POST with the cookie and no X-CSRF-Token: 403 ($(head -c 100 "$b"))" \
    bash -c "[ $out = 403 ] && grep -q 'missing or wrong CSRF token' '$b'"
  out="$(cpost "$jar" /problems/two-sum/submissions "$sub" -H "X-CSRF-Token: ${csrf%?}0")"
  check "POST with a wrong X-CSRF-Token: 403" test "$out" = 403
  out="$(cpost "$jar" /problems/two-sum/submissions "$sub" -H "X-CSRF-Token: $csrf" -H 'Origin: http://evil.example')"
  check "POST with the token from another Origin: 403 ($(head -c 100 "$b"))" test "$out" = 403
  out="$(cget "$jar" /me -H 'Origin: http://evil.example')"
  check "GET from another Origin: 403" test "$out" = 403
  out="$(cpost "$jar" /problems/two-sum/submissions "$sub" -H "X-CSRF-Token: $csrf" -H "Origin: http://127.0.0.1:$API_PORT")"
  check "POST with the token from this Origin: 202" test "$out" = 202
  local id
  id="$(jq -r .id "$b")"
  local i st=""
  for i in $(seq 300); do
    cget "$jar" "/submissions/$id" >/dev/null
    st="$(jq -r .verdict "$b")"
    [ "$st" != null ] && break
    sleep 0.2
  done
  check "the submission, polled with the cookie: AC" test "$st" = AC

  out="$(cget "$jar" /me/submissions)"
  check "GET /me/submissions: the submission first, with its verdict and figures" \
    bash -c "[ $out = 200 ] && jq -e '.submissions[0] | .id == $id and .problem == \"two-sum\" and .verdict == \"AC\" and .status == \"done\" and .kind == \"submit\" and .language == \"python\" and .runtime_ms >= 0 and .passed == .total and .competition == null and .created_at > 0' '$b' >/dev/null"
  out="$(cget "$jar" '/me/submissions?problem=reverse-string&limit=5')"
  check "GET /me/submissions?problem=reverse-string: none" bash -c "[ $out = 200 ] && jq -e '.submissions == []' '$b' >/dev/null"
  for q in limit=0 limit=201 limit=x; do
    out="$(cget "$jar" "/me/submissions?$q")"
    check "GET /me/submissions?$q: 400" test "$out" = 400
  done
  out="$(cget "$jar" /problems)"
  check "GET /problems: two-sum solved, reverse-string not" \
    bash -c "[ $out = 200 ] && jq -e '(.problems[] | select(.slug == \"two-sum\") | .solved) == true and (.problems[] | select(.slug == \"reverse-string\") | .solved) == false and ([.problems[] | has(\"solved\")] | all)' '$b' >/dev/null"

  # what the database holds
  check "the stored password is a yescrypt hash (\$y\$)" \
    bash -c "psql -qAtX '$JUDGED_DB' -c \"SELECT password_hash FROM users WHERE name = 'carol'\" | grep -q '^\\\$y\\\$'"
  local sha
  sha="$(printf %s "$raw" | sha256sum | cut -d' ' -f1)"
  check "sessions: the cookie's SHA-256 is stored, the cookie itself nowhere" \
    test "$(psql_q "SELECT count(*) FILTER (WHERE token_sha256 = '$sha'), count(*) FILTER (WHERE s::text LIKE '%$raw%') FROM sessions s")" = "1|0"

  # login
  local m1 m2 m3 jar2="$svc_dir/jar2"
  out="$(cpost "$jar2" /auth/login '{"name":"carol","password":"wrong-pass"}')"; m1="$(jq -r .error "$b")"
  check "login with a wrong password: 401 ($m1)" test "$out" = 401
  out="$(cpost "$jar2" /auth/login '{"name":"nobody","password":"s3cret-pass"}')"; m2="$(jq -r .error "$b")"
  check "login as an unknown user: 401 with the same message" bash -c "[ $out = 401 ] && [ '$m1' = '$m2' ]"
  local tok
  tok="$(new_user dave)"
  out="$(cpost "$jar2" /auth/login '{"name":"dave","password":"s3cret-pass"}')"; m3="$(jq -r .error "$b")"
  check "login as a user an admin made (no password): 401, the same message" bash -c "[ $out = 401 ] && [ '$m1' = '$m3' ]"
  check "no cookie after failed logins" test -z "$(cookie_of "$jar2")"
  local t
  t="$(curl -s -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' \
    --data '{"name":"carol","password":"wrong-pass"}' "$base/auth/login")"
  diag "one failed login over HTTP (a yescrypt check): ${t} s wall clock"
  out="$(cpost "$jar2" /auth/login '{"name":"carol","password":"s3cret-pass"}')"
  check "login with the right password: 200, a new session" \
    bash -c "[ $out = 200 ] && jq -e '.name == \"carol\" and (.csrf | length == 64) and .csrf != \"$csrf\"' '$b' >/dev/null && [ -n \"\$(awk '\$6 == \"judge_session\"' '$jar2')\" ]"

  # bearer tokens: unchanged, no CSRF, and they win over a cookie
  out="$(api GET /me "$tok")"
  check "a bearer token still works, without csrf in /me" bash -c "[ '${out%% *}' = 200 ] && jq -e '.name == \"dave\" and (has(\"csrf\") | not)' <<<'${out#* }' >/dev/null"
  out="$(api POST /problems/two-sum/run "$tok" '{"language":"nope","code":"x"}')"
  check "a bearer POST needs no CSRF token (400 for the body, not 403)" test "${out%% *}" = 400
  out="$(cget "$jar" /me -H "Authorization: Bearer $tok")"
  check "bearer and cookie together: the bearer token decides" bash -c "[ $out = 200 ] && jq -e '.name == \"dave\"' '$b' >/dev/null"

  # logout
  out="$(cpost "$jar" /auth/logout '')"
  check "logout without the CSRF token: 403" test "$out" = 403
  out="$(cpost "$jar" /auth/logout '' -H "X-CSRF-Token: $csrf")"
  sc="$(grep -i '^Set-Cookie:' "$h" | tr -d '\r')"
  check "logout: 204 and the cookie cleared ($sc)" \
    bash -c "[ $out = 204 ] && [[ '$sc' == 'Set-Cookie: judge_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax' ]]"
  out="$(curl -s -o "$b" -w '%{http_code}' -H "Cookie: judge_session=$raw" "$base/me")"
  check "the logged-out cookie no longer works: 401" test "$out" = 401
  check "its session row is gone" test "$(psql_q "SELECT count(*) FROM sessions WHERE token_sha256 = '$sha'")" = 0
  out="$(cget "$jar2" /me)"
  check "the other session still works" test "$out" = 200

  # bad signups
  out="$(cpost "$svc_dir/jar3" /auth/signup '{"name":"carol","password":"another-pass"}')"
  check "signup with a taken name: 409" test "$out" = 409
  out="$(cpost "$svc_dir/jar3" /auth/signup '{"name":"dave","password":"another-pass"}')"
  check "signup with an admin-made user's name: 409" test "$out" = 409
  local nm pw long33 pw257
  long33="$(printf 'a%.0s' $(seq 33))"; pw257="$(printf 'p%.0s' $(seq 257))"
  for nm in '""' '"a b"' "\"$long33\"" '"é"' '"x/y"' '12' 'null'; do
    out="$(cpost "$svc_dir/jar3" /auth/signup "{\"name\":$nm,\"password\":\"good-password\"}")"
    check "signup with name $nm: 400" bash -c "[ $out = 400 ] && grep -q name '$b'"
  done
  for pw in '"short12"' "\"$pw257\"" 'null' '12345678'; do
    out="$(cpost "$svc_dir/jar3" /auth/signup "{\"name\":\"erin\",\"password\":$pw}")"
    check "signup with password ${pw:0:12}: 400" bash -c "[ $out = 400 ] && grep -q password '$b'"
  done
  out="$(cpost "$svc_dir/jar3" /auth/signup '{"name":"erin","password":"12345678\u0000tail"}')"
  check "signup with a NUL in the password: 400 ($(head -c 80 "$b"))" bash -c "[ $out = 400 ] && grep -q NUL '$b'"
  out="$(cpost "$svc_dir/jar3" /auth/signup 'not json')"
  check "signup with a body that is not JSON: 400" test "$out" = 400
  out="$(cpost "$svc_dir/jar3" /auth/signup "{\"name\":\"$(printf 'z%.0s' $(seq 32))\",\"password\":\"$(printf 'p%.0s' $(seq 256))\"}")"
  check "signup with a 32-character name and a 256-byte password: 201" test "$out" = 201

  # the user list
  out="$(api GET /users "$ADMIN")"
  check "GET /users (admin): every user with id, name, admin, created_at" \
    bash -c "[ '${out%% *}' = 200 ] && jq -e '[.users[].name] as \$n | (\$n | index(\"carol\")) and (\$n | index(\"dave\")) and (.users | map(has(\"id\") and has(\"admin\") and has(\"created_at\")) | all)' <<<'${out#* }' >/dev/null"
  out="$(cget "$jar2" /users)"
  check "GET /users as a user: 403" test "$out" = 403

  # a second judged: --secure-cookies, and low limits on signups, failed logins and bad cookies
  local port2 base2
  port2="$(free_port)"
  # JUDGED_ADMIN_PASSWORD: admin logs in to the web app (its token keeps working)
  local ajar="$svc_dir/ajar"
  out="$(cpost "$ajar" /auth/login '{"name":"admin","password":"admin-pass-123"}')"
  check "admin logs in with JUDGED_ADMIN_PASSWORD ($out $(head -c 120 "$b"))" \
    bash -c "[ $out = 200 ] && jq -e '.name == \"admin\" and .admin == true' '$b' >/dev/null"
  out="$(cpost "$ajar" /auth/login '{"name":"admin","password":"admin-pass-124"}')"
  check "admin with a wrong password: 401" test "$out" = 401
  check "admin's bearer token still works" test "$(api GET /me "$ADMIN" | cut -d' ' -f2- | jq -r .admin)" = true
  check "the stored admin password is a yescrypt hash" \
    test "$(psql_q "select left(password_hash, 3) from users where name = 'admin'")" = '$y$'
  start_judged B "$port2" --workers 0 --secure-cookies --login-limit 3 --auth-fail-limit 2 ||
    { not_ok "judged B starts"; return; }
  base2="http://127.0.0.1:$port2"
  fresh_minute 20 # the signup below and the failed logins fall in one minute
  out="$(curl -s -D "$h" -o "$b" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data '{"name":"frank","password":"s3cret-pass"}' "$base2/auth/signup")"
  sc="$(grep -i '^Set-Cookie:' "$h" | tr -d '\r')"
  check "--secure-cookies: the cookie is Secure ($sc)" bash -c "[ $out = 201 ] && [[ '$sc' == *'; HttpOnly; SameSite=Lax; Secure' ]]"
  local codes=""
  for i in 1 2 3; do
    codes+="$(curl -s -o "$b" -w '%{http_code}' -H 'Content-Type: application/json' \
      --data '{"name":"frank","password":"wrong-pass"}' "$base2/auth/login") "
  done
  check "--login-limit 3: the signup and two failed logins, then 429 ($codes)" test "$codes" = "401 401 429 "
  check "... with Retry-After" bash -c "curl -s -D - -o /dev/null -H 'Content-Type: application/json' --data '{\"name\":\"x\",\"password\":\"yyyyyyyy\"}' '$base2/auth/signup' | grep -qi '^Retry-After: [0-9]'"
  codes=""
  for i in 1 2 3; do
    codes+="$(curl -s -o "$b" -w '%{http_code}' -H "Cookie: judge_session=$(printf '0%.0s' $(seq 64))" "$base2/me") "
  done
  check "bad session cookies count as failed authentications (--auth-fail-limit 2: $codes)" test "$codes" = "401 401 429 "

  # Sessions are remembered per process for --token-refresh-ms: a logout through process A is
  # refused by process C within that bound (C had the session cached).
  local port3 base3 jar3="$svc_dir/jar3" v3 c3 t0 waited
  port3="$(free_port)"
  start_judged C "$port3" --workers 0 --token-refresh-ms 500 --no-signup || { not_ok "judged C starts"; return; }
  base3="http://127.0.0.1:$port3"
  out="$(curl -s -o "$b" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data '{"name":"hank","password":"s3cret-pass"}' "$base3/auth/signup")"
  check "--no-signup: POST /auth/signup is 403 with a reason ($out $(head -c 100 "$b"))" \
    bash -c "[ $out = 403 ] && grep -q 'sign-up is closed' '$b'"
  out="$(cpost "$jar3" /auth/signup '{"name":"gina","password":"s3cret-pass"}')"
  c3="$(jq -r .csrf "$b")"
  v3="$(cookie_of "$jar3")"
  check "C knows the session made through A" \
    test "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: judge_session=$v3" "$base3/me")" = 200
  out="$(cpost "$jar3" /auth/logout '' -H "X-CSRF-Token: $c3")"
  check "logout through A: 204" test "$out" = 204
  t0="$(date +%s%N)"
  while [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: judge_session=$v3" "$base3/me")" = 200 ]; do
    [ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 5000 ] && break
    sleep 0.05
  done
  waited=$(( ($(date +%s%N) - t0) / 1000000 ))
  check "C refuses the logged-out session within --token-refresh-ms 500 plus a query (${waited} ms)" \
    test "$waited" -lt 1500
}

# The web app's files (cmd/judged/static.c), from a directory made here (--web): no token, the
# types, the security headers, a fresh CSP nonce per page, ETag revalidation, nothing outside
# the directory (traversal, a symbolic link, a subdirectory), gzip variants (NAME.gz) for clients
# that accept gzip, and 503 when the app is not built.
section_web() {
  local web="$svc_dir/web" out hdr body n1 n2 etag st
  mkdir -p "$web/sub"
  printf '<!doctype html><meta name="csp-nonce" content="{{CSP_NONCE}}"><script type="module" src="/app/app.js"></script>x{{CSP_NONCE}}y\n' >"$web/index.html"
  printf 'console.log("app");\n' >"$web/app.js"
  printf 'body{}\n' >"$web/app.css"
  # gzip variants as scripts/build-web.sh writes them; app.js made big enough to compress
  for _ in $(seq 200); do printf 'console.log("app %s");\n' "$RANDOM"; done >>"$web/app.js"
  gzip -9 -k -n "$web/app.js"
  printf 'not the page' | gzip >"$web/index.html.gz"
  printf 'body{color:red}\n' | gzip >"$web/app.css.gz"
  touch -d '2000-01-01' "$web/app.css.gz" # left from an older build
  printf 'other\n' >"$web/other.js"
  printf 'secret\n' | gzip >"$svc_dir/outside.js.gz"
  ln -s "$svc_dir/outside.js.gz" "$web/other.js.gz"
  printf 'dir\n' >"$web/d.js"
  mkdir "$web/d.js.gz"
  printf 'inner\n' >"$web/sub/x.js"
  printf 'secret\n' >"$svc_dir/outside.js"
  ln -s "$svc_dir/outside.js" "$web/leak.js"
  start_judged A "$API_PORT" --role api --web "$web" || { not_ok "judged starts"; return; }
  local U="http://127.0.0.1:$API_PORT"
  hdr="$svc_dir/h"
  # get PATH [curl args]: status in $st, headers in $hdr (lower-case names), body in $svc_dir/b
  get() {
    local p="$1"; shift
    : >"$svc_dir/b" # curl writes no file for an empty body
    st="$(curl -s --path-as-is -D "$hdr.raw" -o "$svc_dir/b" -w '%{http_code}' "$@" "$U$p")"
    tr -d '\r' <"$hdr.raw" | sed 's/^\([^:]*\):/\L\1:/' >"$hdr"
  }
  header() { sed -n "s/^$1: //p" "$hdr" | head -1; }

  get /
  check "GET / without a token: 200 text/html; charset=utf-8 (got $st $(header content-type))" \
    test "$st $(header content-type)" = "200 text/html; charset=utf-8"
  local csp
  csp="$(header content-security-policy)"
  diag "CSP: $csp"
  check "the page's CSP: default-src 'self', script-src 'self' (no inline script), connect-src 'self', frame-ancestors 'none', object-src 'none'" \
    bash -c '[[ "$1" == *"default-src '"'self'"'"* && "$1" == *"script-src '"'self'"';"* && "$1" == *"connect-src '"'self'"'"* &&
      "$1" == *"frame-ancestors '"'none'"'"* && "$1" == *"object-src '"'none'"'"* && "$1" != *unsafe-inline* && "$1" != *unsafe-eval* ]]' _ "$csp"
  check "nosniff, Referrer-Policy no-referrer, X-Frame-Options DENY, Cache-Control no-store on the page" \
    test "$(header x-content-type-options) $(header referrer-policy) $(header x-frame-options) $(header cache-control)" = "nosniff no-referrer DENY no-store"
  n1="$(sed -n "s/.*'nonce-\([0-9a-f]*\)'.*/\1/p" <<<"$csp")"
  body="$(cat "$svc_dir/b")"
  check "the style nonce of the CSP replaces every mark in the page (${#n1} hex digits)" \
    test "${#n1}" = 32 -a "$body" = "<!doctype html><meta name=\"csp-nonce\" content=\"$n1\"><script type=\"module\" src=\"/app/app.js\"></script>x${n1}y"
  get /
  n2="$(header content-security-policy | sed -n "s/.*'nonce-\([0-9a-f]*\)'.*/\1/p")"
  check "each answer has a fresh nonce" test -n "$n2" -a "$n1" != "$n2"

  get /app/app.js
  etag="$(header etag)"
  check "GET /app/app.js: 200 text/javascript; charset=utf-8, the file, an ETag, no-cache (got $st $(header content-type))" \
    test "$st $(header content-type) $(header cache-control)" = '200 text/javascript; charset=utf-8 no-cache' -a -n "$etag"
  check "GET /app/app.js without Accept-Encoding: the plain file, no Content-Encoding, Vary: Accept-Encoding" \
    bash -c 'cmp -s "$1" "$2" && [ -z "$3" ] && [ "$4" = Accept-Encoding ]' _ "$web/app.js" "$svc_dir/b" \
    "$(header content-encoding)" "$(header vary)"
  check "an asset's answer has the CSP and nosniff too" \
    test -n "$(header content-security-policy)" -a "$(header x-content-type-options)" = nosniff
  get /app/app.js -H "If-None-Match: $etag"
  check "If-None-Match with its ETag: 304 and no body" test "$st $(wc -c <"$svc_dir/b")" = "304 0"
  get /app/app.css
  check "GET /app/app.css: text/css; charset=utf-8" test "$st $(header content-type)" = "200 text/css; charset=utf-8"
  get /app/app.js -I
  check "HEAD /app/app.js: 200" test "$st" = 200

  # gzip: the .gz beside the file, its own ETag, the same type; q=0 refuses it
  local gzetag ae
  get /app/app.js -H 'Accept-Encoding: gzip'
  gzetag="$(header etag)"
  check "Accept-Encoding gzip: 200, Content-Encoding gzip, text/javascript, Vary: Accept-Encoding, an ETag of its own ($gzetag, plain $etag)" \
    test "$st|$(header content-encoding)|$(header content-type)|$(header vary)|$(header cache-control)" = \
    "200|gzip|text/javascript; charset=utf-8|Accept-Encoding|no-cache" -a -n "$gzetag" -a "$gzetag" != "$etag"
  check "the gzip answer is app.js.gz ($(wc -c <"$svc_dir/b") of $(wc -c <"$web/app.js") bytes) and decompresses to app.js byte for byte" \
    bash -c 'cmp -s "$1" "$2" && gzip -dc <"$2" | cmp -s - "$3"' _ "$web/app.js.gz" "$svc_dir/b" "$web/app.js"
  check "the gzip answer has the CSP and nosniff too" \
    test -n "$(header content-security-policy)" -a "$(header x-content-type-options)" = nosniff
  local bad=""
  for ae in 'br, gzip;q=0.8' 'deflate, GZIP' 'x-gzip' 'gzip;q=0.001' 'identity;q=0.5, gzip ;q=1'; do
    get /app/app.js -H "Accept-Encoding: $ae"
    [ "$st $(header content-encoding) $(header etag)" = "200 gzip $gzetag" ] && cmp -s "$web/app.js.gz" "$svc_dir/b" || bad+=" [$ae]:$st,$(header content-encoding)"
  done
  check "gzip for: 'br, gzip;q=0.8', 'deflate, GZIP', 'x-gzip', 'gzip;q=0.001', 'identity;q=0.5, gzip ;q=1'${bad:+ (got$bad)}" test -z "$bad"
  bad=""
  for ae in 'gzip;q=0' 'gzip; q=0.0' 'br, gzip;q=0.000' 'identity' 'br, deflate' '' 'gzipx' 'x-gzip;q=0'; do
    get /app/app.js -H "Accept-Encoding: $ae"
    [ "$st|$(header content-encoding)|$(header etag)|$(header vary)" = "200||$etag|Accept-Encoding" ] && cmp -s "$web/app.js" "$svc_dir/b" || bad+=" [$ae]:$st,$(header content-encoding)"
  done
  check "the plain file, with the plain ETag and Vary, for: 'gzip;q=0', 'gzip; q=0.0', 'br, gzip;q=0.000', 'identity', 'br, deflate', empty, 'gzipx', 'x-gzip;q=0'${bad:+ (got$bad)}" test -z "$bad"
  get /app/app.js -H 'Accept-Encoding: gzip' -H "If-None-Match: $gzetag"
  check "If-None-Match with the gzip ETag, gzip accepted: 304, no body, that ETag, Vary" \
    test "$st|$(wc -c <"$svc_dir/b")|$(header etag)|$(header vary)" = "304|0|$gzetag|Accept-Encoding"
  get /app/app.js -H 'Accept-Encoding: gzip' -H "If-None-Match: \"x\", W/$gzetag"
  check "If-None-Match listing the gzip ETag (weak, second of two): 304" test "$st" = 304
  get /app/app.js -H "If-None-Match: $gzetag"
  check "the gzip ETag without Accept-Encoding gzip: 200, the plain file" \
    bash -c '[ "$1" = 200 ] && [ -z "$2" ] && cmp -s "$3" "$4"' _ "$st" "$(header content-encoding)" "$web/app.js" "$svc_dir/b"
  get /app/app.js -H 'Accept-Encoding: gzip' -H "If-None-Match: $etag"
  check "the plain ETag with Accept-Encoding gzip: 200, the gzip variant" test "$st $(header content-encoding)" = "200 gzip"
  get /app/app.js -I -H 'Accept-Encoding: gzip'
  check "HEAD with Accept-Encoding gzip: 200, Content-Encoding gzip, the .gz's length ($(header content-length))" \
    test "$st $(header content-encoding) $(header content-length)" = "200 gzip $(wc -c <"$web/app.js.gz")"
  get /app/app.css -H 'Accept-Encoding: gzip'
  check "a .gz older than its file (an older build's): the plain file ($st $(header content-encoding))" \
    test "$st|$(header content-encoding)|$(cat "$svc_dir/b")" = "200||body{}"
  get /app/other.js -H 'Accept-Encoding: gzip'
  check "a .gz that is a symbolic link out: not followed, the plain file ($st $(header content-encoding))" \
    test "$st|$(header content-encoding)|$(cat "$svc_dir/b")" = "200||other"
  get /app/d.js -H 'Accept-Encoding: gzip'
  check "a .gz that is a directory: the plain file ($st $(header content-encoding))" \
    test "$st|$(header content-encoding)|$(cat "$svc_dir/b")" = "200||dir"
  get /app/app.js.gz
  check "GET /app/app.js.gz itself: 404 (.gz is no asset's extension)" test "$st" = 404
  get / -H 'Accept-Encoding: gzip'
  check "the page with Accept-Encoding gzip: not compressed (its nonce changes per answer), no index.html.gz" \
    bash -c '[ "$1" = 200 ] && [ -z "$2" ] && grep -q "^<!doctype html>" "$3"' _ "$st" "$(header content-encoding)" "$svc_dir/b"

  local p
  bad=""
  for p in /app/../judged /app/../../../etc/passwd "/app/..%2f..%2f..%2fetc%2fpasswd" /app/%2e%2e/judged /app/leak.js \
    /app/sub/x.js /app/sub /app/.hidden.js /app/ /app /app/index "/app/app.js?x=1/../../judged"; do
    get "$p"
    case "$p" in "/app/app.js?x=1/../../judged") [ "$st" = 200 ] || bad+=" $p:$st" ;; *) [ "$st" = 404 ] || bad+=" $p:$st" ;; esac
    if grep -q -e secret -e inner -e 'root:' "$svc_dir/b"; then bad+=" $p:leaked"; fi
  done
  check "traversal, a symbolic link out, a subdirectory, hidden or extension-less names: 404, nothing leaked${bad:+ (got$bad)}" test -z "$bad"
  st="$(curl -s -o "$svc_dir/b" -w '%{http_code}' "$U/problems")"
  check "the API still wants a token (GET /problems: $st)" test "$st" = 401
  st="$(curl -s -o "$svc_dir/b" -w '%{http_code}' -X POST "$U/")"
  check "POST / is not the app's (401 without a token: $st)" test "$st" = 401

  # not built: 503 with the way out
  local P2
  P2="$(free_port)"
  start_judged B "$P2" --role api --web "$svc_dir/no-such-dir" || { not_ok "judged B starts"; return; }
  st="$(curl -s -D "$hdr.raw" -o "$svc_dir/b" -w '%{http_code}' "http://127.0.0.1:$P2/")"
  check "no web/dist: GET / is 503 text/plain naming scripts/build-web.sh ($st: $(head -c 120 "$svc_dir/b"))" \
    bash -c '[ "$1" = 503 ] && grep -qi "^content-type: text/plain" "$2" && grep -q scripts/build-web.sh "$3"' _ "$st" "$hdr.raw" "$svc_dir/b"
  st="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$P2/app/app.js")"
  check "no web/dist: GET /app/app.js is 503 too ($st)" test "$st" = 503
  rm -f "$web/index.html"
  get /app/app.js
  check "a directory without index.html is not built either: 503 ($st)" test "$st" = 503
}


# sse_events FILE: the events of an event-stream capture, one JSON object a line ({id,event,data}).
sse_events() {
  python3 -c '
import json, sys
ev = {}
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if line == "":
        if "event" in ev or "data" in ev:
            print(json.dumps({"id": ev.get("id"), "event": ev.get("event", "message"), "data": ev.get("data")}))
        ev = {}
    elif line.startswith(":"):
        continue
    else:
        k, _, v = line.partition(":")
        v = v[1:] if v.startswith(" ") else v
        if k == "data":
            ev["data"] = ev["data"] + "\n" + v if "data" in ev else v
        elif k in ("id", "event"):
            ev[k] = v
' "$1"
}
# sse_open NAME PORT PATH TOKEN [LAST-EVENT-ID]: a client in the background, capture in $svc_dir/NAME.
sse_open() {
  local args=(-sN --max-time 200 -o "$svc_dir/$1" -D "$svc_dir/$1.headers" "http://127.0.0.1:$2$3")
  [ -n "$4" ] && args+=(-H "Authorization: Bearer $4")
  [ -n "${5:-}" ] && args+=(-H "Last-Event-ID: $5")
  curl "${args[@]}" &
  SSE_PID=$!
}

section_sse() {
  start_judged A "$API_PORT" --workers 2 "${FAST[@]}" || { not_ok "judged starts"; return; }
  local u1 u2 id evs doc t_keep
  u1="$(new_user sse1)"; u2="$(new_user sse2)"
  # a stream left open through the section: its keepalive comments (every 15 s) are checked at the end
  local cid0
  cid0="$(api POST /competitions "$ADMIN" '{"title":"Idle","problems":["two-sum"],"starts_at":"2020-01-01T00:00:00Z","ends_at":"2100-01-01T00:00:00Z"}' | cut -d' ' -f2- | jq -r .id)"
  sse_open k1 "$API_PORT" "/competitions/$cid0/events" "$u2"
  local pk=$SSE_PID
  t_keep=$(date +%s)
  id="$(submit "$u1" two-sum "$AC_PY")"
  sse_open s1 "$API_PORT" "/submissions/$id/events" "$u1"
  local p1=$SSE_PID
  local t=0
  while kill -0 "$p1" 2>/dev/null && [ $t -lt 900 ]; do sleep 0.1; t=$((t + 1)); done
  kill "$p1" 2>/dev/null
  check "the stream answers text/event-stream" grep -qi '^content-type: text/event-stream' "$svc_dir/s1.headers"
  evs="$(sse_events "$svc_dir/s1")"
  diag "events: $(echo "$evs" | jq -c '[.event, .id, (.data | fromjson | .status // .verdict // .total)]' | tr '\n' ' ' | cut -c1-400)"
  doc="$(api GET "/submissions/$id" "$u1" | cut -d' ' -f2-)"
  check "the stream shows queued and running, then the verdict: the server closed it after done" \
    test "$(echo "$evs" | jq -rs '[.[] | select(.event == "status") | (.data | fromjson).status] | join(",")')" = "queued,running"
  check "case events before done (each with index, total, verdict)" \
    test "$(echo "$evs" | jq -rs '[.[] | select(.event == "case") | (.data | fromjson) | has("index") and has("total") and .verdict == "AC"] | length > 0 and all')" = true
  check "done is the last event, with the GET /submissions/{id} body (verdict AC)" \
    test "$(echo "$evs" | jq -rs '.[-1] | .event + " " + (.data | fromjson | .verdict)')" = "done AC" -a \
         "$(echo "$evs" | jq -s -S -c '.[-1].data | fromjson')" = "$(echo "$doc" | jq -S -c .)"
  check "every event has an id, increasing" \
    test "$(echo "$evs" | jq -rs '[.[].id | split("-") | map(tonumber)] | (. == sort) and (map(length == 2) | all) and (length == (unique | length))')" = true
  # reconnect after the first event: only the later ones
  local first rest
  first="$(echo "$evs" | jq -rs '.[0].id')"
  sse_open s2 "$API_PORT" "/submissions/$id/events" "$u1" "$first"
  wait "$SSE_PID"
  rest="$(sse_events "$svc_dir/s2" | jq -rs '[.[].id] | join(" ")')"
  check "a reconnect with Last-Event-ID replays only the later events (then done, at once)" \
    test "$rest" = "$(echo "$evs" | jq -rs '[.[1:][].id] | join(" ")')"
  sse_open s3 "$API_PORT" "/submissions/$id/events" "$u1"
  wait "$SSE_PID"
  check "a client connecting after the end gets the whole log and done at once" \
    test "$(sse_events "$svc_dir/s3" | jq -rs '[.[].event] | .[-1]')" = done
  local last
  last="$(echo "$evs" | jq -rs '.[-1].id')"
  check "a reconnect after done (Last-Event-ID: the done event): 204, so that EventSource stops" \
    test "$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 -H "Authorization: Bearer $u1" -H "Last-Event-ID: $last" "http://127.0.0.1:$API_PORT/submissions/$id/events")" = 204
  check "another user: 404" test "$(api GET "/submissions/$id/events" "$u2" | cut -d' ' -f1)" = 404
  check "no token: 401" test "$(api GET "/submissions/$id/events" | cut -d' ' -f1)" = 401
  check "unknown submission: 404" test "$(api GET "/submissions/99999999/events" "$u1" | cut -d' ' -f1)" = 404
  check "an admin may watch it" test "$(curl -s --max-time 20 -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$API_PORT/submissions/$id/events" | grep -c '^event: done')" = 1

  # a competition's board
  local start end cid bfirst bn
  start="$(date -u -d '-60 seconds' +%Y-%m-%dT%H:%M:%SZ)"
  end="$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)"
  cid="$(api POST /competitions "$ADMIN" "{\"title\":\"Live\",\"problems\":[\"two-sum\"],\"starts_at\":\"$start\",\"ends_at\":\"$end\"}" | cut -d' ' -f2- | jq -r .id)"
  api POST "/competitions/$cid/join" "$u1" >/dev/null
  sse_open b1 "$API_PORT" "/competitions/$cid/events" "$u2"
  local pb=$SSE_PID
  sleep 1
  bfirst="$(sse_events "$svc_dir/b1" | jq -rs '[.[] | select(.event == "board")] | length')"
  check "a board stream starts with the board's version" test "$bfirst" = 1
  id="$(submit "$u1" two-sum "$AC_PY" python "$cid")"
  wait_done "$u1" "$id" 90 >/dev/null
  for _ in $(seq 50); do
    bn="$(sse_events "$svc_dir/b1" | jq -rs '[.[] | select(.event == "board")] | length')"
    [ "$bn" -gt 1 ] && break
    sleep 0.1
  done
  kill "$pb" 2>/dev/null; wait "$pb" 2>/dev/null
  check "a finished competition submission sends a board event (with a new version, id = version)" \
    test "$(sse_events "$svc_dir/b1" | jq -rs '[.[] | select(.event == "board")] | (length >= 2) and (.[-1].id == (.[-1].data | fromjson).version) and (.[0].id != .[-1].id)')" = true
  check "unknown competition: 404" test "$(api GET /competitions/999999/events "$u1" | cut -d' ' -f1)" = 404

  # fan-out: an api-only process streams a submission that A's workers judge
  local port_b
  port_b="$(free_port)"
  start_judged B "$port_b" --role api --max-sse 1 || { not_ok "an api-only judged starts"; return; }
  id="$(submit "$u1" two-sum "$WA_PY")"
  sse_open f1 "$port_b" "/submissions/$id/events" "$u1"
  local pf=$SSE_PID
  sleep 0.5
  local busy
  busy="$(curl -s -o /dev/null -D - --max-time 10 -H "Authorization: Bearer $u1" "http://127.0.0.1:$port_b/competitions/$cid/events")"
  check "past --max-sse: 503 with Retry-After" has_all "$busy" " 503" "Retry-After"
  t=0
  while kill -0 "$pf" 2>/dev/null && [ $t -lt 1800 ]; do sleep 0.1; t=$((t + 1)); done
  kill "$pf" 2>/dev/null
  check "through Redis pub/sub: the api-only process streams the verdict judged by the other (WA)" \
    test "$(sse_events "$svc_dir/f1" | jq -rs '[.[] | select(.event == "done") | (.data | fromjson).verdict] | join(",")')" = WA
  [ "$(sse_events "$svc_dir/f1" | jq -rs '[.[] | select(.event == "done")] | length')" = 1 ] ||
    { diag "the stream: $(tr '\n' ' ' <"$svc_dir/f1" | cut -c1-600)"; diag "B: $(tail -5 "$svc_dir/judged-B.log" | tr '\n' ' ')"; }

  check "/metrics counts the open streams (judged_sse_streams >= 1)" test "$(metric judged_sse_streams)" -ge 1
  local left=$((t_keep + 17 - $(date +%s)))
  [ "$left" -gt 0 ] && sleep "$left"
  check "an idle stream gets a keepalive comment within 15 s" grep -q '^: keepalive' "$svc_dir/k1"

  # Redis restarted: the subscription is renewed and every stream of the process ends, so that
  # its client resumes with Last-Event-ID (nothing published meanwhile is lost to it)
  "$SRC/scripts/services.sh" restart-redis "$svc_dir" 2>/dev/null
  t=0
  while kill -0 "$pk" 2>/dev/null && [ $t -lt 150 ]; do sleep 0.1; t=$((t + 1)); done
  check "after a Redis restart the open streams end (the clients resume)" test "$t" -lt 150
  kill "$pk" 2>/dev/null
  sse_open k2 "$API_PORT" "/competitions/$cid0/events" "$u2" "$(sse_events "$svc_dir/k1" | jq -rs '.[-1].id')"
  local pk2=$SSE_PID
  sleep 1
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" publish "competition:$cid0:board" v-after-restart >/dev/null
  sleep 1
  check "... and a reconnected client gets what is published after it" \
    test "$(sse_events "$svc_dir/k2" | jq -rs '[.[].id] | index("v-after-restart") != null')" = true
  grep -q v-after-restart "$svc_dir/k2" || diag "the stream: $(tr '\n' ' ' <"$svc_dir/k2" | cut -c1-600)"

  # a client that does not read while 30,000 events (2.5 MB) are published: judged queues at
  # most 64 KiB for it, then cuts it off (it would resume with Last-Event-ID)
  local slow
  slow="$(python3 - "$API_PORT" "$cid0" "$u2" "$REDIS_PORT" "$PID_A" <<'PY'
import socket, subprocess, sys, time
port, cid, tok, rport, pid = sys.argv[1:6]
def rss():
    return int(open("/proc/%s/status" % pid).read().split("VmRSS:")[1].split()[0])
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.connect(("127.0.0.1", int(port)))
s.sendall(("GET /competitions/%s/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n" % (cid, tok)).encode())
time.sleep(1)
before = rss()
cmds = "".join("PUBLISH competition:%s:board slow-%d-padding-padding-padding\n" % (cid, i) for i in range(30000))
subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", rport], input=cmds.encode(), stdout=subprocess.DEVNULL, check=True)
time.sleep(1)
grown = rss() - before
data, s2 = b"", s
s.settimeout(10)
ended = False
try:
    while True:
        b = s.recv(65536)
        if not b:
            ended = True
            break
        data += b
except OSError:
    pass
print(data.count(b"event: board"), int(ended), grown)
PY
)"
  diag "slow client: events read, stream ended, judged's RSS growth (KiB): $slow"
  check "a client that does not read is cut off: it read fewer than the 30,000 events and the stream ended" \
    test "${slow%% *}" -lt 30000 -a "$(echo "$slow" | cut -d' ' -f2)" = 1
  check "... and judged's memory did not grow with the backlog (under 16 MiB)" test "${slow##* }" -lt 16384

  # SIGTERM with a stream open: judged ends it and stops in time
  kill -TERM "$PID_A"
  t=0
  while kill -0 "$PID_A" 2>/dev/null && [ $t -lt 100 ]; do sleep 0.1; t=$((t + 1)); done
  check "SIGTERM with an open stream: judged stops within 10 s" test "$t" -lt 100
  wait "$PID_A"
  check "... with status 0" test $? = 0
  t=0
  while kill -0 "$pk2" 2>/dev/null && [ $t -lt 50 ]; do sleep 0.1; t=$((t + 1)); done
  check "... and the stream ended" test "$t" -lt 50
  kill "$pk2" 2>/dev/null || true
}


case "$SECTION" in
basic | limits | burst | crash | redis | leaderboard | lbcache | engine | hardening | hidden | webhooks | auth | web | sse) "section_$SECTION" ;;
*) not_ok "unknown section $SECTION" ;;
esac
