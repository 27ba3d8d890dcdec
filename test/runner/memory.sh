#!/bin/sh
# Holds ~200 MB in the shell's own memory during case 0.
printf 'S 0\n' >&3
s=$(head -c 200000000 /dev/zero | tr '\0' x)
printf 'R 0 1 %d\n' "${#s}" >&3
