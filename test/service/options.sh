#!/bin/sh
# judged's option parsing, without PostgreSQL, Redis or an engine: every numeric flag and
# environment variable goes through one checked parser, and a bad value is refused before
# anything starts, with a message naming the option and exit status 2. TAP.
# Usage: options.sh BUILD_DIR
build=${1:?usage: options.sh BUILD_DIR}
judged=$build/cmd/judged/judged
n=0; bad=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); bad=$((bad+1)); echo "not ok $n - $1"; }
if [ ! -x "$judged" ]; then
        echo "1..1"; echo "not ok 1 - judged is not built at $judged"; exit 1
fi
out=$(mktemp); trap 'rm -f "$out"' EXIT
# the environment of the run: none of judged's own variables unless a case sets one
clean_env() { env -u JUDGED_WORKERS -u JUDGED_MAX_BODY -u JUDGED_LEASE_MS -u JUDGED_ROLE \
        -u JUDGED_HTTP_THREADS -u JUDGE_UID_RANGE -u JUDGED_DB -u DATABASE_URL "$@"; }

# refused ENV -- ARGS... : expect exit 2 and stderr containing WANT (a fixed string)
refused() {
        want=$1; shift
        # a refused option must not get as far as PostgreSQL (dbname on a closed port)
        clean_env JUDGED_DB="host=127.0.0.1 port=1 connect_timeout=1" timeout 20 "$@" >/dev/null 2>"$out"
        st=$?
        if [ "$st" = 2 ] && grep -qF -- "$want" "$out"; then
                ok "$(echo "$*" | sed "s|$judged|judged|") refused (2): $want"
        else
                nok "$(echo "$*" | sed "s|$judged|judged|"): status $st, stderr: $(head -c 300 "$out")"
        fi
}

refused "judged: --workers 'abc' is not an integer" "$judged" --workers abc
refused "judged: --workers 300 is out of range (0 to 256)" "$judged" --workers 300
refused "judged: --workers '-' is not an integer" "$judged" --workers -
refused "judged: --max-body '1k' is not an integer" "$judged" --max-body 1k
refused "judged: --max-body 1023 is out of range (1024 to 67108864)" "$judged" --max-body 1023
refused "judged: --lease-ms '' is not an integer" "$judged" --lease-ms ''
refused "judged: --grace-ms -1 is out of range (0 to 3600000)" "$judged" --grace-ms -1
refused "judged: --http-threads 99999999999999999999 is out of range (1 to 256)" "$judged" --http-threads 99999999999999999999
refused "judged: --rate-limit ' 5' is not an integer" "$judged" --rate-limit ' 5'
refused "judged: --token-refresh-ms 10 is out of range (50 to 600000)" "$judged" --token-refresh-ms 10
refused "judged: --board-check-ms -1 is out of range (0 to 10000)" "$judged" --board-check-ms -1
refused "judged: --max-code '0x10' is not an integer" "$judged" --max-code 0x10
refused "judged: --engine-probe-ms 99 is out of range (100 to 3600000)" "$judged" --engine-probe-ms 99
refused "judged: --webhook-attempts 0 is out of range (1 to 100)" "$judged" --webhook-attempts 0
refused "judged: --webhook-timeout-ms '5s' is not an integer" "$judged" --webhook-timeout-ms 5s
refused "judged: JUDGED_WEBHOOK_RETRY_MS 9 is out of range (10 to 3600000)" env JUDGED_WEBHOOK_RETRY_MS=9 "$judged"
refused "judged: JUDGED_SIGNUP is 0 or 1, not 'no'" env JUDGED_SIGNUP=no "$judged"
refused "judged: --login-limit -1 is out of range (0 to 1000000)" "$judged" --login-limit -1
refused "judged: JUDGED_SECURE_COOKIES is 0 or 1, not 'yes'" env JUDGED_SECURE_COOKIES=yes "$judged"
refused "judged: JUDGED_WORKERS 'abc' is not an integer" env JUDGED_WORKERS=abc "$judged"
refused "judged: JUDGED_MAX_BODY '5x' is not an integer" env JUDGED_MAX_BODY=5x "$judged"
refused "judged: JUDGED_HTTP_THREADS 0 is out of range (1 to 256)" env JUDGED_HTTP_THREADS=0 "$judged"
# a good flag does not excuse a bad environment variable (both are read)
refused "judged: JUDGED_LEASE_MS '1e3' is not an integer" env JUDGED_LEASE_MS=1e3 "$judged" --lease-ms 5000
refused "judged: --role is all, api or worker, not 'nope'" "$judged" --role nope
refused "judged: --uid-range:" "$judged" --uid-range 10-5
refused "judged: unexpected argument 'extra'" "$judged" extra
refused "Usage: judged" "$judged" --no-such-flag

clean_env timeout 20 "$judged" --help >"$out" 2>/dev/null
st=$?
if [ "$st" = 0 ] && grep -q "^Usage: judged" "$out"; then ok "--help: usage on stdout, status 0"
else nok "--help: status $st"; fi

echo "1..$n"
[ "$bad" = 0 ]
