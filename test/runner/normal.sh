#!/bin/sh
# Three cases, each printing to stdout and stderr before its answer; a pause between cases so
# the runner sees each answer before the next case's output (attribution is by arrival).
for i in 0 1 2; do
        printf 'S %d\n' "$i" >&3
        echo "out$i"
        echo "err$i" >&2
        printf 'R %d 100 [%d,"x\\u00e9"]\n' "$i" "$i" >&3
        sleep 0.05
done
