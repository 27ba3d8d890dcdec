#!/usr/bin/env bash
# Answer comparison benchmark: numbers and ratios, not pass/fail (docs/internals.md, "Reading
# the result document").
#
#   bench/compare.sh [BUILD_DIR] [MB]
#
# 1. Throughput of the streaming comparison on an MB-megabyte (default 24) int[] answer and an
#    unordered int[] answer of the same size, each equal to the expected value, against the old
#    path (yajl tree of the answer + compare_answer) and yajl's bare event parser, in this run.
# 2. Peak RSS of the host side of `judge run` after the container (problem loaded, the saved
#    container stdout read in 64 KiB pieces, compared, result rendered) on a 24 MB answer
#    (12,000,000 ints where 3 are due), streaming against the old tree path, each in its own
#    process under /usr/bin/time. No engine needed.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$(cd "${1:-$SRC/build}" && pwd)"
MB="${2:-24}"
ninja -C "$BUILD" bench/bench-compare >/dev/null
bench="$BUILD/bench/bench-compare"
work="$(mktemp -d /tmp/judge-bench-compare.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "== comparison throughput (MB of answer per CPU second)"
"$bench" throughput "$MB"

echo
echo "== host path on a 24 MB answer (peak RSS of the whole process)"
p="$work/first-sevens"
. "$SRC/test/e2e/packages.sh"
int_list_problem "$p" first-sevens "First Sevens" firstSevens 3000
echo "x" >"$p/statement.md"
echo '[ { "args": [2], "expected": [7,7] } ]' >"$p/tests/sample.json"
echo '[ { "args": [12000000], "expected": [7,7,7] } ]' >"$p/tests/hidden.json"
python3 - "$work/stdout" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('JUDGE-RESULT-V1\n{"status":"ok","message":"","compile_output":"","compile_time_ms":900,'
            '"time_ms":40,"memory_kb":60000,"cases":[{"status":"ok","time_ms":0.1,"memory_kb":3000,'
            '"answer":[7,7],"stdout":"","stderr":"","truncated":false,"error":""},'
            '{"status":"ok","time_ms":35,"memory_kb":60000,"answer":[')
    f.write(",".join(["7"] * 12000000))
    f.write('],"stdout":"","stderr":"","truncated":false,"error":""}]}\n')
PY
echo "document: $(stat -c %s "$work/stdout") bytes"
for mode in stream tree; do
  /usr/bin/time -f "  /usr/bin/time: peak RSS %M KB, CPU %U+%S s" "$bench" host "$p" "$work/stdout" "$mode" 2>&1 |
    sed 's/^/  /'
done
