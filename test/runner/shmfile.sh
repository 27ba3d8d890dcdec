#!/bin/sh
# Writes ~100 MB to a tmpfs file (/dev/shm) in case 0 and answers: tmpfs is memory too.
printf 'B\nS 0\n' >&3
f=/dev/shm/judge-test-runner-$$
head -c 100000000 /dev/zero > "$f"
printf 'R 0 1 true\n' >&3
sleep 0.2
rm -f "$f"
