#!/bin/sh
# Sends S/R lines at once for case 0 and starts case 1, then burns CPU before answering it: the
# burn is charged to case 1 whatever the lines said.
printf 'B\nS 0\nR 0 1 1\nS 1\n' >&3
i=0
while [ "$i" -lt 1500000 ]; do i=$((i + 1)); done
printf 'R 1 1 2\n' >&3
