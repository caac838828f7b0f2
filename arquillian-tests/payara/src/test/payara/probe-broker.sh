#!/bin/sh
# The OpenMQ broker behind BrokerReadinessIT's connection factory (jms/AirlockProbe): a broker process of its own,
# from the Payara distribution's mq/, beside the domain's embedded broker, which the rest of the suite uses.
#
#   probe-broker.sh start|stop <payara home> <var dir> <port>
#
# start: starts it (instance airlockprobe, its data in <var dir>, port mapper on 127.0.0.1:<port>) unless it runs,
#        and returns once it says it is ready.
# stop:  stops it (SIGTERM, as a broker that goes away) and returns once its processes are gone.
# Both exit 0 when done; the build runs them before and after the tests, BrokerReadinessIT in between.
# The broker runs on $JAVA_HOME when it is set (the build and the test set it to their own Java).
set -u
action=${1:?start or stop}
payara=${2:?payara home}
var=${3:?var dir}
port=${4:?port}
pidfile="$var/broker.pid"
out="$var/broker.out"

# true while a process of the broker's process group is alive (zombies do not count)
running() {
    [ -f "$pidfile" ] || return 1
    ps -o stat= -g "$(cat "$pidfile")" 2>/dev/null | grep -qv '^Z'
}

case "$action" in
start)
    if running; then
        echo "probe broker already running (process group $(cat "$pidfile"))"
        exit 0
    fi
    mkdir -p "$var"
    : > "$out"
    set -- -varhome "$var" -name airlockprobe -port "$port" -bgnd -vmargs "-Xms32m -Xmx128m"
    if [ -n "${JAVA_HOME:-}" ]; then
        set -- -javahome "$JAVA_HOME" "$@"
    fi
    # its own session and process group, detached from this script's streams: the caller reads this script's
    # output to its end, and stop signals the whole group
    setsid "$payara/mq/bin/imqbrokerd" "$@" > "$out" 2>&1 < /dev/null &
    echo $! > "$pidfile"
    waited=0
    while [ $waited -lt 120 ]; do
        if grep -q 'B1039' "$out"; then
            echo "probe broker ready on 127.0.0.1:$port (process group $(cat "$pidfile"))"
            exit 0
        fi
        if ! running; then
            echo "probe broker exited while starting:"
            cat "$out"
            exit 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "probe broker not ready after ${waited}s:"
    cat "$out"
    exit 1
    ;;
stop)
    if ! running; then
        echo "probe broker not running"
        exit 0
    fi
    group=$(cat "$pidfile")
    kill -TERM -"$group"
    waited=0
    while running; do
        if [ $waited -ge 60 ]; then
            echo "probe broker still running after ${waited}s: killing it"
            kill -KILL -"$group"
            sleep 1
            break
        fi
        sleep 1
        waited=$((waited + 1))
    done
    if running; then
        echo "probe broker did not stop"
        exit 1
    fi
    rm -f "$pidfile"
    echo "probe broker stopped"
    exit 0
    ;;
*)
    echo "usage: probe-broker.sh start|stop <payara home> <var dir> <port>"
    exit 2
    ;;
esac
