#!/bin/sh
# Invalid UTF-8 and control bytes on stdout, more than stdout_cap of it.
printf 'S 0\n' >&3
printf 'ok \377\300\200 \001 "q" \\ \355\240\200 end\n'
head -c 3000 /dev/zero | tr '\0' b
printf 'R 0 1 {"a":[1,-2.5e3,"\\u00e9",null,true]}\n' >&3
