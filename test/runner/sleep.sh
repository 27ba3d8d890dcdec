#!/bin/sh
# Sleeps in case 0: only the wall clock can end it.
printf 'S 0\n' >&3
sleep 100
