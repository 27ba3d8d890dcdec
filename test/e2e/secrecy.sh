#!/usr/bin/env bash
# Hidden test inputs stay hidden (docs/internals.md, "The job"; issue 8, class 4), on one real
# engine (TAP). Usage: secrecy.sh ENGINE_URL. Languages: $JUDGE_LANGS (default: all seven);
# their images must be built on that engine.
#
# The package problems/secret-inputs has distinctive hidden inputs (987654321, 918273645). Each
# attack in attacks/secrecy/ tries to get them before their case runs: into the compiler's
# messages or the binary (#include, include_bytes!, go:embed), from a static initializer or
# init(), or, during the first sample case, from every file under /sub and /tmp, the runner's
# /proc/1/{environ,cmdline,mem}, its own objects and memory. Whatever it finds, it prints: the
# judgement's whole JSON output must not hold a hidden value. Each attack also shows it got as
# far as it could (the sealed job.enc read, the sample's own input found in memory), so a
# pass is not an attack that never ran.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
need_engine
langs=" ${JUDGE_LANGS:-python javascript cpp c go rust java} "
pkg="$here/problems/secret-inputs"
attacks="$here/attacks/secrecy"
out=$(mktemp); trap 'rm -f "$out"' EXIT

# attack LANG FILE VERDICT TEXT...: judge FILE; the verdict must be VERDICT, the output must not
# hold a hidden input, and must hold every TEXT (the attack's proof that it ran).
attack() {
  local lang="$1" file="$2" want="$3"; shift 3
  case "$langs" in *" $lang "*) ;; *) return ;; esac
  local what="$tag $lang $(basename "$file")"
  "$judge" run --json --engine "$engine" "$pkg" "$attacks/$file" >"$out" 2>&1
  local got; got=$(verdict_of "$out")
  if [ "$got" = "$want" ]; then ok "$what: $got"; else
    not_ok "$what: want $want, got $got"; head -c 1500 "$out" | sed 's/^/# /'; fi
  if grep -qE '987654321|918273645' "$out"; then
    not_ok "$what: a hidden input leaked"; grep -oE '.{0,120}(987654321|918273645).{0,40}' "$out" | head -5 | sed 's/^/# /'
  else ok "$what: no hidden input in the output"; fi
  local t
  for t in "$@"; do
    if grep -qF -- "$t" "$out"; then ok "$what: output has '$t'"; else
      not_ok "$what: output lacks '$t'"; fi
  done
}

# Compile time: the plaintext job is not in the container; the sealed one is all there is.
attack c include-json.c CE "/sub/p/job.json"
attack c include-job.c CE "job.enc"
attack cpp include-json.cpp CE "/sub/p/job.json"
attack cpp include-job.cpp CE "job.enc"
attack rust include-json.rs CE "job.json"
attack rust include-job.rs AC "EMBEDDED"
attack go embed-job.go CE "go:embed"
# Before the first case: static initializers and init() see ciphertext only.
attack go read-job-init.go AC "EARLY" "DENIED /sub/p/job.json"
attack java StaticInit.java AC "EARLY" "DENIED /sub/p/job.json"
# During the first sample case: files, the runner, the process's objects and memory.
everything=("READ /sub/p/job.enc" "DENIED /proc/1/environ" "DENIED /proc/1/mem" "FOUND 246813579 in memory"
  "ATTACK DONE")
attack python read-everything.py AC "${everything[@]}" "FOUND 246813579 in gc" "ENV JUDGE_CHANNEL_FD JUDGE_JOB_FD"
attack cpp read-everything.cpp AC "${everything[@]}" "ENV KEY absent"
attack javascript read-everything.js AC "${everything[@]}" "ENV JUDGE_CHANNEL_FD JUDGE_JOB_FD"

[ "$n" -gt 0 ] || not_ok "no language of '$langs' has an attack here"
echo "1..$n"
[ "$failed" -eq 0 ]
