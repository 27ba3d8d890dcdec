#!/bin/sh
# Answers case 0, then burns CPU before starting case 1: the gap is charged to case 1.
printf 'B\nS 0\nR 0 1 true\n' >&3
while :; do :; done
