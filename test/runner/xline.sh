#!/bin/sh
# The harness itself fails.
printf 'B\nX "cannot decode job"\n' >&3
