#!/usr/bin/env bash
# The service in one command: starts PostgreSQL, Redis (throwaway, loopback) and judged on the
# local engine, creates a competition with every problem and one user per reference-solution
# folder (accepted, wrong_answer, ...), submits every sample solution through the HTTP API,
# prints each verdict beside the expected one, then the leaderboard. Stops everything at the end.
#
#   scripts/demo-service.sh [--engine URL] [--keep]
#
# --keep leaves judged, PostgreSQL and Redis running (the script prints how to reach them, and
# last the web app's address: judged serves web/dist at /, on 127.0.0.1:8080 when that is free;
# JUDGED_DEMO_PORT picks another). scripts/demo.sh passes --keep.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD:-$SRC/build}"
ENGINE="${JUDGE_ENGINE:-}"
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
  --engine) ENGINE="$2"; shift 2 ;;
  --keep) KEEP=1; shift ;;
  *) echo "usage: $0 [--engine URL] [--keep]" >&2; exit 2 ;;
  esac
done
pings() { curl -sf --max-time 3 --unix-socket "${1#unix://}" http://engine/_ping >/dev/null 2>&1; }
if [ -z "$ENGINE" ]; then
  for s in /run/docker.sock /var/run/docker.sock /run/podman/podman.sock; do
    pings "unix://$s" && { ENGINE="unix://$s"; break; }
  done
fi
if [ -z "$ENGINE" ]; then
  # no engine answers: start Docker and Podman as docs/ENGINE-NOTES describe
  "$SRC/scripts/engines.sh" start >&2
  ENGINE=unix:///run/docker.sock
fi
pings "$ENGINE" || { echo "demo-service: the engine at $ENGINE does not answer" >&2; exit 1; }

if [ ! -x "$BUILD/cmd/judged/judged" ]; then
  [ -d "$BUILD" ] || meson setup "$BUILD" "$SRC" >/dev/null
  ninja -C "$BUILD" >/dev/null
fi
langs="$("$BUILD/cmd/judge/judge" images list --engine "$ENGINE" 2>/dev/null | awk '$3 == "built" {print $1}')"
if [ -z "$langs" ]; then
  echo "demo-service: building the python image on $ENGINE (once; a few minutes)" >&2
  "$BUILD/cmd/judge/judge" images build python --engine "$ENGINE" >&2
  langs=python
fi

svc="$(mktemp -d /tmp/judge-demo.XXXXXX)"
rmdir "$svc"
judged_pid=""
cleanup() {
  [ "$KEEP" = 1 ] && return
  [ -n "$judged_pid" ] && kill -TERM "$judged_pid" 2>/dev/null && wait "$judged_pid" 2>/dev/null
  "$SRC/scripts/services.sh" stop "$svc" >/dev/null 2>&1 || true
}
trap cleanup EXIT
env_text="$("$SRC/scripts/services.sh" start "$svc")"
eval "$env_text"
free_port() { # free_port [WANTED]: WANTED if it can be bound, else any free port
  python3 -c 'import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except (OSError, IndexError, ValueError):
    s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' "$@"
}
if [ "$KEEP" = 1 ]; then port="$(free_port "${JUDGED_DEMO_PORT:-8080}")"; else port="$(free_port)"; fi
TOKEN="demo-admin-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
# the admin's password for the web app (judged reads it from the environment at start)
ADMIN_PW="admin-$(od -An -N6 -tx1 /dev/urandom | tr -d ' ')"
# with --keep, in a session of its own: it outlives this script and its terminal
detach=()
[ "$KEEP" = 1 ] && detach=(setsid)
JUDGED_ADMIN_PASSWORD="$ADMIN_PW" "${detach[@]}" "$BUILD/cmd/judged/judged" --listen "127.0.0.1:$port" --engine "$ENGINE" --admin-token "$TOKEN" \
  --problems "$SRC/problems" --migrations "$SRC/db/migrations" --workers 2 --rate-limit 0 --max-queued 0 \
  </dev/null >"$svc/judged.log" 2>&1 &
judged_pid=$!
URL="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$URL/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "$URL/healthz" >/dev/null || { cat "$svc/judged.log" >&2; exit 1; }
echo "judged on $URL (engine $ENGINE, images: $(echo $langs | tr '\n' ' '))"

api() { curl -s -H "Authorization: Bearer $2" ${3:+-d "$3"} -X "$1" "$URL$4"; }

slugs="$(api GET "$TOKEN" "" /problems | jq -c '[.problems[].slug]')"
start="$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)"
end="$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)"
cid="$(api POST "$TOKEN" "{\"title\":\"Demo\",\"problems\":$slugs,\"starts_at\":\"$start\",\"ends_at\":\"$end\"}" /competitions | jq -r .id)"
declare -A tokens
subs=()
for f in "$SRC"/problems/*/submissions/*/*; do
  [ -f "$f" ] || continue
  expected="$(basename "$(dirname "$f")")"
  slug="$(basename "$(dirname "$(dirname "$(dirname "$f")")")")"
  case "$f" in *.py) lang=python ;; *.cpp) lang=cpp ;; *.java) lang=java ;; *.js) lang=javascript ;;
    *.c) lang=c ;; *.go) lang=go ;; *.rs) lang=rust ;; *) continue ;; esac
  echo "$langs" | grep -qx "$lang" || continue
  if [ -z "${tokens[$expected]:-}" ]; then
    tokens[$expected]="$(api POST "$TOKEN" "{\"name\":\"$expected\"}" /users | jq -r .token)"
    api POST "${tokens[$expected]}" "" "/competitions/$cid/join" >/dev/null
  fi
  body="$(jq -n --rawfile code "$f" --arg lang "$lang" --argjson c "$cid" '{language:$lang, code:$code, competition:$c}')"
  id="$(api POST "${tokens[$expected]}" "$body" "/problems/$slug/submissions" | jq -r .id)"
  subs+=("$id $expected $slug/$(basename "$f")")
done
echo "submitted ${#subs[@]} sample solutions through POST /problems/{slug}/submissions; judging..."

declare -A code_of=([accepted]=AC [wrong_answer]=WA [time_limit_exceeded]=TLE [memory_limit_exceeded]=MLE
  [runtime_error]=RE [compile_error]=CE [output_limit_exceeded]=OLE)
printf '\n%-6s %-58s %-8s %-8s %9s\n' id solution expected verdict 'time ms'
match=0
for s in "${subs[@]}"; do
  read -r id expected name <<<"$s"
  for _ in $(seq 600); do
    doc="$(api GET "$TOKEN" "" "/submissions/$id")"
    [ "$(echo "$doc" | jq -r .status)" = done ] && break
    sleep 0.2
  done
  v="$(echo "$doc" | jq -r .verdict)"
  [ "$v" = "${code_of[$expected]}" ] && match=$((match + 1))
  printf '%-6s %-58s %-8s %-8s %9s\n' "$id" "$name" "${code_of[$expected]}" "$v" "$(echo "$doc" | jq '.runtime_ms // 0 | floor')"
done
echo "$match of ${#subs[@]} verdicts as expected"

echo
echo "Leaderboard of competition $cid (GET /competitions/$cid/leaderboard?top=10):"
api GET "$TOKEN" "" "/competitions/$cid/leaderboard?top=10" |
  jq -r '.rows[] | "  \(.rank). \(.user)  solved \(.solved)  penalty \(.penalty)"'
if [ "$KEEP" = 1 ]; then
  echo
  echo "still running: judged $URL (admin token $TOKEN, pid $judged_pid, log $svc/judged.log), services in $svc"
  echo "stop with: kill $judged_pid; $SRC/scripts/services.sh stop $svc"
  # an account for the web app (password sign-up, where this judged has it)
  pw="demo-$(od -An -N6 -tx1 /dev/urandom | tr -d ' ')"
  st="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"name\":\"demo\",\"password\":\"$pw\"}" "$URL/auth/signup")"
  [ "$st" = 201 ] && echo "log in to the web app as: demo / $pw (or sign up); as the admin: admin / $ADMIN_PW"
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/")" != 200 ]; then
    echo "(the web app is not built: run scripts/build-web.sh; judged serves it without a restart)"
  fi
  echo "web app: $URL/"
fi
