#!/usr/bin/env bash
# make test-dev: "make dev-producer" as a newcomer meets it. In a copy of the sources, with a local Maven
# repository that has never held Pulse's own artifacts, it checks that dev mode comes up against the broker it
# starts, that a resource added while it runs is served without a restart, and that Ctrl-C stops dev mode and
# leaves only the broker it says it leaves running.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

MODULE=producer
say() { echo "test-dev: $*"; }
fail() { echo "test-dev: FAILED: $*" >&2; [[ -f ${log:-} ]] && tail -40 "$log" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

work=$(mktemp -d)
copy=$work/pulse
log=$work/dev.log
dev_pid='' broker_pid=''
cleanup() {
  local status=$?
  [[ -n $dev_pid ]] && kill -TERM -- "-$dev_pid" 2>/dev/null
  [[ -n $broker_pid ]] && kill -TERM "$broker_pid" 2>/dev/null && wait_gone "$broker_pid"
  rm -rf "$work"
  exit "$status"
}
wait_gone() { for _ in $(seq 30); do kill -0 "$1" 2>/dev/null || return 0; sleep 1; done; }
trap cleanup EXIT
trap 'fail "line $LINENO: $BASH_COMMAND"' ERR

# The sources as they are (committed or not), without build output.
mkdir -p "$copy"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$copy"

# A local repository that shares every downloaded artifact but has no dev/pulse/**.
repo=$(./mvnw -q help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null)
[[ -d $repo ]] || fail "cannot find the local Maven repository (got '$repo')"
mkdir -p "$work/m2/dev"
for entry in "$repo"/*; do [[ $(basename "$entry") == dev ]] || ln -s "$entry" "$work/m2/"; done
for entry in "$repo"/dev/*; do [[ -e $entry && $(basename "$entry") != pulse ]] && ln -s "$entry" "$work/m2/dev/"; done

kafka_port=$(free_port)
http_port=$(free_port)
say "make dev-$MODULE in a copy of the sources, local repository without dev/pulse, Kafka on $kafka_port"
# setsid: its own process group, which a terminal's Ctrl-C signals as a whole; it is what the test sends below.
(cd "$copy" && MAVEN_ARGS="-Dmaven.repo.local=$work/m2 -Ddebug=false" KAFKA_PORT=$kafka_port \
  QUARKUS_HTTP_PORT=$http_port exec setsid make "dev-$MODULE") >"$log" 2>&1 &
dev_pid=$!

ready() { curl -fs -o /dev/null "http://localhost:$http_port/q/health/ready"; }
until_true 300 "dev mode ready on port $http_port" ready
broker_pid=$(sed -n 's/.*keeps running after dev mode ends (pid \([0-9]*\)).*/\1/p' "$log")
[[ -n $broker_pid ]] || fail "dev mode did not say which broker it leaves running"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "localhost:$http_port/events" \
  -H 'Content-Type: application/json' -d '{"name":"dev-mode","user":"U1","duration":500}')
[[ $code == 202 ]] || fail "POST /events in dev mode answered $code, not 202"
say "dev mode is up and its events reach Kafka (202)"

# Live reload: a resource written while dev mode runs is compiled and served on the next request.
# Processes started from the copy (by their working directory); the dev-mode JVM runs target/*-dev.jar.
pids_in_copy() {
  local proc
  for proc in /proc/[0-9]*; do
    if [[ $(readlink "$proc/cwd" 2>/dev/null) == "$copy"* ]]; then echo "${proc#/proc/}"; fi
  done
}
dev_jvm() {
  local pid
  for pid in $(pids_in_copy); do
    if grep -qa -- '-dev.jar' "/proc/$pid/cmdline" 2>/dev/null; then echo "$pid"; return 0; fi
  done
}
jvm_before=$(dev_jvm)
[[ -n $jvm_before ]] || fail "no dev-mode JVM (target/*-dev.jar) found"
marker="edited-$RANDOM"
cat >"$copy/$MODULE/src/main/java/dev/pulse/$MODULE/DevModeProbe.java" <<EOF
package dev.pulse.$MODULE;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/dev-mode-probe")
public class DevModeProbe {
    @GET
    public String probe() {
        return "$marker";
    }
}
EOF
served() { [[ $(curl -fs -m 60 "localhost:$http_port/dev-mode-probe") == "$marker" ]]; }
until_true 120 "the new resource served by live reload" served
[[ $(dev_jvm) == "$jvm_before" ]] || fail "the dev-mode JVM was restarted instead of reloading"
say "a resource added while dev mode runs was served without a restart"

# Ctrl-C: dev mode ends, the broker it announced stays (and nothing else of this copy runs).
kill -INT -- "-$dev_pid"
until_true 60 "dev mode stopping on Ctrl-C" bash -c "! kill -0 $dev_pid 2>/dev/null"
dev_pid=''
until_true 30 "the HTTP port closing" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$http_port) 2>/dev/null"
kill -0 "$broker_pid" 2>/dev/null && port_open "$kafka_port" || fail "the broker dev mode said it leaves is gone"
others=$(pids_in_copy | grep -vx "$broker_pid" || true)
[[ -z $others ]] || fail "still running after Ctrl-C: $(ps -o pid=,args= -p "${others//$'\n'/,}")"
say "Ctrl-C stopped dev mode; only the broker it announced (pid $broker_pid) was left running"
say "PASSED"
