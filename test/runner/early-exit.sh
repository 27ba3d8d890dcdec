#!/bin/sh
# Exits with status 0 in the middle of case 1 (like sys.exit() in user code), after closing fd 3.
printf 'S 0\n' >&3
printf 'R 0 1 true\n' >&3
sleep 0.05
printf 'S 1\n' >&3
exec 3>&-
echo "bye" >&2
exit 0
