#!/bin/sh
# The harness itself fails.
printf 'X "cannot decode job"\n' >&3
