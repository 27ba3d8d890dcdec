#!/bin/sh
# The Go image's build step (images/go/lang.json "prepare"), run as root in the image from the
# harness directory /opt/judge/harness (wherever this file is). Since Go 1.20 the standard library is not shipped
# compiled, so this compiles it once, with emirpasic/gods (Debian's GOPATH tree under
# /usr/share/gocode, as LeetCode offers gods), into pkg/<import path>.a there and writes
# importcfg naming each archive: gobuild gives that file to the compiler and the linker, which
# then need neither a build cache nor a writable GOROOT. Then the harness package judge.a and the
# compile driver gobuild. Fails (exit 1) if the toolchain is not the pinned Go 1.24.
set -eu

want=go1.24
h=$(cd "$(dirname "$0")" && pwd)
have=$(go version)
case "$have" in
*" $want "* | *" $want."*) ;;
*)
        echo "go image: want $want, have: $have" >&2
        exit 1
        ;;
esac
command -v goimports > /dev/null || {
        echo "go image: goimports is missing (golang-golang-x-tools)" >&2
        exit 1
}
gods=/usr/share/gocode/src/github.com/emirpasic/gods
[ -d "$gods" ] || {
        echo "go image: $gods is missing (golang-github-emirpasic-gods-dev)" >&2
        exit 1
}

export GO111MODULE=off GOPATH=/usr/share/gocode CGO_ENABLED=0 GOFLAGS= GOTOOLCHAIN=local
GOCACHE=$(mktemp -d)
export GOCACHE
trap 'rm -rf "$GOCACHE"' EXIT

list="$GOCACHE/exports"
go list -e -deps -export -f '{{if .Export}}{{.ImportPath}} {{.Export}}{{end}}' std github.com/emirpasic/gods/... > "$list"
rm -rf "$h/pkg"
while read -r path file; do
        mkdir -p "$h/pkg/$(dirname "$path")"
        cp "$file" "$h/pkg/$path.a"
        echo "packagefile $path=$h/pkg/$path.a"
done < "$list" > "$h/importcfg.tmp"
grep -q '^packagefile fmt=' "$h/importcfg.tmp" && grep -q '^packagefile github.com/emirpasic/gods/maps/treemap=' "$h/importcfg.tmp" || {
        echo "go image: compiling the standard library and gods failed" >&2
        exit 1
}

tool=$(go env GOTOOLDIR)
"$tool/compile" -p judge -pack -complete -importcfg "$h/importcfg.tmp" -o "$h/judge.a" "$h/judge/judge.go"
echo "packagefile judge=$h/judge.a" >> "$h/importcfg.tmp"
mv "$h/importcfg.tmp" "$h/importcfg"
go build -o "$h/gobuild" "$h/gobuild.go"
