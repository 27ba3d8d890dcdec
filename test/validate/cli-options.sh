#!/bin/bash
# Every number on judge's command line is checked (lib/base/parse.h's parse_long through
# cli_number): a bad value gets one line naming the option, nothing on stdout, and the usage exit
# status (2), before any engine, file or database is touched. No engine needed: $JUDGE_ENGINE
# points at a socket that does not exist, so reaching for one would fail the test differently.
# Usage: cli-options.sh (JUDGE_BIN: the judge binary)
set -u
JUDGE=${JUDGE_BIN:?JUDGE_BIN not set}
export JUDGE_ENGINE=unix:///nonexistent/judge-cli-options.sock
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
pkg=$(dirname "$0")/good

# expect WANT_STDERR ARG...: exit status 2, exactly WANT_STDERR on stderr, nothing on stdout
expect() {
        local want=$1; shift
        n=$((n + 1))
        "$JUDGE" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
        local rc=$? got
        got=$(cat "$tmp/err")
        if [ "$rc" = 2 ] && [ "$got" = "$want" ] && [ ! -s "$tmp/out" ]; then
                echo "ok $n - judge $* -> 2: $want"
        else
                echo "not ok $n - judge $*: want exit 2 and '$want'"
                echo "#   got exit $rc, stderr: $(head -c 300 "$tmp/err" | tr '\n' '|')"
                echo "#   stdout: $(head -c 300 "$tmp/out" | tr '\n' '|')"
                failed=$((failed + 1))
        fi
}

expect "judge run: --output-limit wants an integer, got 'abc'" run --output-limit abc "$pkg" x.py
expect "judge run: --output-limit 0 is out of range (1 to 1073741824)" run --output-limit 0 "$pkg" x.py
expect "judge run: --output-limit 99999999999999999999 is out of range (1 to 1073741824)" \
        run --output-limit 99999999999999999999 "$pkg" x.py
expect "judge run: --output-limit wants an integer, got '12k'" run --output-limit 12k "$pkg" x.py
expect "judge run: --deadline-ms -5 is out of range (1 to 86400000)" run --deadline-ms -5 "$pkg" x.py
expect "judge run: --deadline-ms wants an integer, got '1.5'" run --deadline-ms 1.5 "$pkg" x.py
expect "judge run: --deadline-ms wants an integer, got ''" run --deadline-ms= "$pkg" x.py
expect "judge run: --deadline-ms wants an integer, got ' 10'" run --deadline-ms " 10" "$pkg" x.py
expect "judge run: --deadline-ms wants an integer, got '0x10'" run --deadline-ms 0x10 "$pkg" x.py
expect "judge validate: -j 0 is out of range (1 to 16)" validate -j 0 "$pkg"
expect "judge validate: -j 17 is out of range (1 to 16)" validate -j 17 "$pkg"
expect "judge validate: -j wants an integer, got 'abc'" validate -j abc "$pkg"
expect "judge validate: -j wants an integer, got '3x'" validate --jobs=3x "$pkg"
expect "judge validate: -j wants an integer, got '+'" validate --jobs + "$pkg"
expect "judge leaderboard: --top 0 is out of range (1 to 1000)" leaderboard show 1 --top 0
expect "judge leaderboard: --top wants an integer, got 'ten'" leaderboard show 1 --top ten
expect "judge leaderboard: --offset -1 is out of range (0 to 1099511627776)" leaderboard show 1 --offset -1
expect "judge leaderboard: competition id wants an integer, got 'abc'" leaderboard rebuild abc
expect "judge leaderboard: competition id 0 is out of range (1 to 9223372036854775807)" leaderboard rebuild 0
expect "judge leaderboard: competition id wants an integer, got '1e3'" leaderboard show 1e3

echo "1..$n"
[ "$failed" = 0 ]
