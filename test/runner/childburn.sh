#!/bin/sh
# Case 0 starts a child in its own session that burns about 1.5 s of CPU, waits for it, then
# answers. Only the container's cgroup sees the child's CPU.
printf 'B\n' >&3
printf 'S 0\n' >&3
setsid sh -c 'i=0; while [ "$i" -lt 1500000 ]; do i=$((i + 1)); done' &
wait
printf 'R 0 1 true\n' >&3
