#!/bin/sh
# Built by the compile step fixture (copied to ./main), then run as the harness. Reports what it
# was given: the channel fd, the job fd, and whether HOME or the job key leaked in from the runner.
printf 'S 0\n' >&3
printf 'R 0 1 "%s %s %s %s"\n' "$JUDGE_CHANNEL_FD" "$JUDGE_JOB_FD" "${HOME:-nohome}" "${JUDGE_JOB_KEY:-nokey}" >&3
