#!/bin/sh
# The library's stages (lib/meson.build, docs/internals.md) in order: a file of a stage includes
# headers of its own stage and of the stages before it, never of a later one. TAP.
root=${1:-$(dirname "$0")/../..}
order="base problem lang engine compare judge validate service web"
rank() { i=0; for s in $order; do [ "$s" = "$1" ] && { echo $i; return; }; i=$((i+1)); done; echo 99; }
n=0; bad=0
for stage in $order; do
        r=$(rank "$stage")
        for f in "$root"/lib/"$stage"/*.[ch]; do
                [ -e "$f" ] || continue
                n=$((n+1))
                worst=""
                for inc in $(sed -n 's|^#include "\([a-z]*\)/[a-z_0-9]*\.h"|\1|p' "$f"); do
                        [ "$(rank "$inc")" -gt "$r" ] && worst="$worst $inc"
                done
                # compare and validate sit beside engine/judge: compare needs no engine
                if [ "$stage" = compare ]; then
                        for inc in $(sed -n 's|^#include "\([a-z]*\)/[a-z_0-9]*\.h"|\1|p' "$f"); do
                                case $inc in lang|engine) worst="$worst $inc";; esac
                        done
                fi
                if [ -n "$worst" ]; then
                        echo "not ok $n - lib/$stage/$(basename "$f") includes a later stage:$worst"
                        bad=$((bad+1))
                else
                        echo "ok $n - lib/$stage/$(basename "$f") includes only its own and earlier stages"
                fi
        done
done
stray=$(ls "$root"/lib/*.[ch] 2>/dev/null)
n=$((n+1))
if [ -n "$stray" ]; then echo "not ok $n - files outside a stage folder: $stray"; bad=$((bad+1)); else echo "ok $n - every lib/ source is in a stage folder"; fi
echo "1..$n"
[ $bad -eq 0 ]
