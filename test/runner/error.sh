#!/bin/sh
# Case 0 passes, case 1 raises: case 2 must be not_run.
printf 'S 0\n' >&3
printf 'R 0 50 1\n' >&3
sleep 0.05
printf 'S 1\n' >&3
echo "Traceback: boom" >&2
printf 'E 1 70 "ValueError: boom"\n' >&3
