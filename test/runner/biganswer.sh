#!/bin/sh
# An answer over answer_limit.
printf 'S 0\n' >&3
printf 'R 0 1 "%s"\n' "$(head -c 5000 /dev/zero | tr '\0' a)" >&3
sleep 5
