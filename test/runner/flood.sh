#!/bin/sh
# Floods stdout from a child in the same process group.
printf 'S 0\n' >&3
yes
