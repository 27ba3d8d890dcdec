#!/bin/sh
# Crashes with SIGSEGV in case 0 after a word on stderr.
printf 'S 0\n' >&3
echo "about to crash" >&2
kill -SEGV $$
sleep 5
