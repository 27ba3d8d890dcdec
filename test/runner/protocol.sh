#!/bin/sh
# Reports a case that is not the current one.
printf 'S 0\n' >&3
printf 'R 7 1 null\n' >&3
sleep 5
