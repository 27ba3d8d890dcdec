#!/bin/sh
# Built by the compile step fixture (copied to ./main), then run as the harness. Reports what it
# was given: the channel fd, the job file's name, and whether HOME leaked in from the runner.
printf 'S 0\n' >&3
printf 'R 0 1 "%s %s %s"\n' "$JUDGE_CHANNEL_FD" "$(basename "$JUDGE_JOB")" "${HOME:-nohome}" >&3
