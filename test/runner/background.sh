#!/bin/sh
# Leaves two background processes behind, one in its own session, and finishes normally.
printf 'S 0\n' >&3
sleep 1000 >/dev/null 2>&1 &
echo $! > bg1.pid
setsid sleep 1000 >/dev/null 2>&1 &
echo $! > bg2.pid
sleep 0.1
printf 'R 0 1 null\n' >&3
