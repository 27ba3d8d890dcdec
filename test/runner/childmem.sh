#!/bin/sh
# A child holds ~100 MB while the harness answers case 0 (memory the harness's RSS does not show).
printf 'B\nS 0\n' >&3
( s=$(head -c 100000000 /dev/zero | tr '\0' x); echo ready > ready; sleep 3; echo "${#s}" >/dev/null ) &
while [ ! -f ready ]; do sleep 0.02; done
printf 'R 0 1 true\n' >&3
