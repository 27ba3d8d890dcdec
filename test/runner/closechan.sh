#!/bin/sh
# Closes the answer channel in case 0 and keeps running (user code closing every fd).
printf 'B\nS 0\n' >&3
exec 3>&-
sleep 5
