#!/bin/sh
# A second B line (only the runtime's boot may send one).
printf 'B\nS 0\nB\n' >&3
sleep 5
