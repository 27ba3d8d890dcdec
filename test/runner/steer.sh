#!/bin/sh
# Tries to lower the runner's limits and priority (the runner is our parent; in a container it
# is PID 1, same uid) and reports which attempts worked; its own limits it may still change
# (by pid 0, "this process", as glibc's setrlimit, nice and taskset on a new command do).
printf 'B\nS 0\n' >&3
r=$PPID
bad=""
prlimit --pid "$r" --nofile=3:3 2>/dev/null && bad="$bad prlimit-nofile"
prlimit --pid "$r" --cpu=1:1 2>/dev/null && bad="$bad prlimit-cpu"
renice -n 19 -p "$r" >/dev/null 2>&1 && bad="$bad renice-pid"
renice -n 19 -g "$(ps -o pgid= -p "$r" | tr -d ' ')" >/dev/null 2>&1 && bad="$bad renice-pgrp"
renice -n 19 -u "$(id -u)" >/dev/null 2>&1 && bad="$bad renice-user"
taskset -p 1 "$r" >/dev/null 2>&1 && bad="$bad taskset"
chrt -i -p 0 "$r" >/dev/null 2>&1 && bad="$bad chrt"
ionice -c 3 -p "$r" >/dev/null 2>&1 && bad="$bad ionice"
ionice -c 3 -u "$(id -u)" >/dev/null 2>&1 && bad="$bad ionice-user"
own=""
ulimit -n 30 2>/dev/null || own="$own ulimit"
nice -n 1 true 2>/dev/null || own="$own nice"
taskset 1 true 2>/dev/null || own="$own taskset-self"
printf 'R 0 1 {"bad":"%s","own":"%s"}\n' "$bad" "$own" >&3
