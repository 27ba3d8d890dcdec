#!/bin/sh
# An answer that is not JSON.
printf 'S 0\n' >&3
printf 'R 0 1 [1,2\n' >&3
sleep 5
