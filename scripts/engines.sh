#!/bin/bash
# Start or stop the container engines the judge talks to, as docs/ENGINE-NOTES describe:
#   dockerd on unix:///run/docker.sock, with no bridge, no iptables, no IP forwarding;
#   Podman's Docker-compatible API service on unix:///run/podman/podman.sock (runtime runc,
#   cgroupfs, default rlimits below this machine's hard limits).
#
#   scripts/engines.sh start   start whichever is not answering yet, wait until both answer
#                              GET /_ping (60 s), log to /tmp/judge-engines/<engine>.log
#   scripts/engines.sh stop    stop what "start" started (an engine found already running is
#                              left alone, now and at stop)
#   scripts/engines.sh status  say which sockets answer
#
# Installs nothing; never creates a network (judged containers run with NetworkMode none).
set -u

DOCKER_SOCK=${DOCKER_SOCK:-/run/docker.sock}
PODMAN_SOCK=${PODMAN_SOCK:-/run/podman/podman.sock}
STATE=/tmp/judge-engines
TIMEOUT=${JUDGE_ENGINES_TIMEOUT:-60}
CONTAINERS_CONF=/etc/containers/containers.conf

die() { echo "engines.sh: $*" >&2; exit 1; }

# 0 if the engine on socket $1 answers GET /_ping with OK.
answers() {
        [ -S "$1" ] || return 1
        [ "$(curl -s --max-time 3 --unix-socket "$1" http://d/_ping 2>/dev/null)" = OK ]
}

write_containers_conf() {
        local want
        want='[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1000:1000"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"'
        if [ -f "$CONTAINERS_CONF" ] && [ "$(cat "$CONTAINERS_CONF")" = "$want" ]; then
                return 0
        fi
        if [ -f "$CONTAINERS_CONF" ] && [ ! -f "$STATE/containers.conf.orig" ]; then
                cp -p "$CONTAINERS_CONF" "$STATE/containers.conf.orig"
        fi
        mkdir -p "$(dirname "$CONTAINERS_CONF")"
        printf '%s\n' "$want" > "$CONTAINERS_CONF"
        echo "engines.sh: wrote $CONTAINERS_CONF"
}

# start_one NAME SOCKET COMMAND...: run COMMAND in the background unless SOCKET answers.
start_one() {
        local name=$1 sock=$2
        shift 2
        if answers "$sock"; then
                echo "engines.sh: $name already answers on $sock: leaving it alone"
                return 0
        fi
        if [ -f "$STATE/$name.pid" ] && kill -0 "$(cat "$STATE/$name.pid")" 2>/dev/null; then
                echo "engines.sh: $name (pid $(cat "$STATE/$name.pid")) started earlier, waiting for it"
                return 0
        fi
        command -v "$1" >/dev/null || die "$name: '$1' is not installed"
        mkdir -p "$(dirname "$sock")"
        # A stale socket file from a dead engine would make the new one fail to bind.
        [ -S "$sock" ] && rm -f "$sock"
        # From /: conmon drops files (an "oom" marker) in the service's working directory.
        (cd / && exec setsid "$@" >>"$STATE/$name.log" 2>&1 < /dev/null) &
        echo $! > "$STATE/$name.pid"
        echo "engines.sh: started $name (pid $!), log $STATE/$name.log"
}

wait_for() {
        local name=$1 sock=$2 i
        for ((i = 0; i < TIMEOUT * 5; i++)); do
                answers "$sock" && { echo "engines.sh: $name answers on $sock"; return 0; }
                if [ -f "$STATE/$name.pid" ] && ! kill -0 "$(cat "$STATE/$name.pid")" 2>/dev/null; then
                        echo "engines.sh: $name exited; the end of $STATE/$name.log:" >&2
                        tail -n 20 "$STATE/$name.log" >&2
                        return 1
                fi
                sleep 0.2
        done
        echo "engines.sh: $name does not answer GET /_ping on $sock after ${TIMEOUT}s; see $STATE/$name.log" >&2
        return 1
}

stop_one() {
        local name=$1 pidf="$STATE/$1.pid" pid i
        if [ ! -f "$pidf" ]; then
                echo "engines.sh: $name was not started by this script: leaving it alone"
                return 0
        fi
        pid=$(cat "$pidf")
        if kill -0 "$pid" 2>/dev/null; then
                kill -TERM "$pid"
                for ((i = 0; i < 150; i++)); do
                        kill -0 "$pid" 2>/dev/null || break
                        sleep 0.2
                done
                if kill -0 "$pid" 2>/dev/null; then
                        echo "engines.sh: $name (pid $pid) ignores SIGTERM, killing it" >&2
                        kill -KILL "$pid"
                fi
                echo "engines.sh: stopped $name (pid $pid)"
        fi
        rm -f "$pidf"
}

case "${1:-}" in
start)
        [ "$(id -u)" = 0 ] || die "must run as root (the engines need it)"
        mkdir -p "$STATE"
        command -v curl >/dev/null || die "curl is needed to check the sockets"
        start_one docker "$DOCKER_SOCK" dockerd -H "unix://$DOCKER_SOCK" --bridge=none --iptables=false \
                --ip-forward=false
        if ! answers "$PODMAN_SOCK"; then
                write_containers_conf
        fi
        start_one podman "$PODMAN_SOCK" podman system service --time=0 "unix://$PODMAN_SOCK"
        ok=0
        wait_for docker "$DOCKER_SOCK" || ok=1
        wait_for podman "$PODMAN_SOCK" || ok=1
        [ $ok = 0 ] && echo "engines.sh: JUDGE_TEST_ENGINES='unix://$DOCKER_SOCK unix://$PODMAN_SOCK'"
        exit $ok
        ;;
stop)
        stop_one podman
        stop_one docker
        ;;
status)
        for s in "$DOCKER_SOCK" "$PODMAN_SOCK"; do
                if answers "$s"; then echo "$s: answers"; else echo "$s: no answer"; fi
        done
        ;;
*)
        echo "usage: $0 start|stop|status" >&2
        exit 2
        ;;
esac
