#!/usr/bin/env bash
# make run: the embedded broker plus every service, in the foreground until Ctrl-C, which stops them all.
# MODE=native (make run MODE=native) runs the native executables of make native instead of the jars.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

declare -A PORTS=([dashboard]=8080 [producer]=8081 [consumer]=8082 [generator]=8083 [analytics]=8084)
MODE=${MODE:-jvm}
# The services' JVM options, shared with make bench: scripts/jvm.options and the service's own
# scripts/jvm-<service>.options if there is one, unless JAVA_OPTS replaces them all.
JAVA_OPTS_SET=${JAVA_OPTS:+yes}
JAVA_OPTS=${JAVA_OPTS:-@scripts/jvm.options}
PIDS=()

# The native executable make native left in the module (as its image's Dockerfile copies it), if any.
native_executable() {
  local found=("$1"/target/*-runner)
  [[ -x ${found[0]} ]] && echo "${found[0]}"
}

# The options the service's image gives its native executable (the CMD of Dockerfile.native-micro: its maximum
# heap), so that make run MODE=native, the images and the tests' PackagedApp run it alike.
image_options() {
  sed -n 's/^CMD \[\(.*\)\]$/\1/p' "$1/src/main/docker/Dockerfile.native-micro" | tr -d '",'
}

# Replaces the calling (background) shell with the service, so that its pid is the service's.
launch() {
  if [[ $MODE == native ]]; then
    # shellcheck disable=SC2046 # the image's options are separate words
    exec "$(native_executable "$1")" $(image_options "$1")
  fi
  local options=$JAVA_OPTS
  if [[ -z $JAVA_OPTS_SET && -f scripts/jvm-$1.options ]]; then
    options+=" @scripts/jvm-$1.options"
  fi
  # shellcheck disable=SC2086
  exec "$JAVA" $options -jar "$1/target/quarkus-app/quarkus-run.jar"
}

if [[ $MODE == native ]]; then
  for service in "$@"; do
    if ! native_executable "$service" >/dev/null; then
      echo "pulse: no native executable for $service ($service/target/*-runner): build them first with 'make native'" >&2
      exit 1
    fi
  done
fi

stop_all() {
  trap - INT TERM EXIT
  echo; echo "pulse: stopping..."
  ((${#PIDS[@]})) && kill -TERM "${PIDS[@]}" 2>/dev/null
  wait "${PIDS[@]}" 2>/dev/null
  if [[ -n "${BROKER_PID:-}" ]]; then kill -TERM "$BROKER_PID" 2>/dev/null; wait "$BROKER_PID" 2>/dev/null; fi
  echo "pulse: stopped"
}
# Ctrl-C (or SIGTERM) is the normal way out; any other exit (a service died, a port was taken) also cleans up.
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

for service in "$@"; do
  port=${PORTS[$service]}
  if port_open "$port"; then
    echo "pulse: port $port is taken, so $service cannot start. Stop what uses it (or another 'make run') and retry." >&2
    exit 1
  fi
done

make_credentials || exit 1
start_broker || exit 1

for service in "$@"; do
  KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS:-localhost:$KAFKA_PORT} \
    QUARKUS_CONFIG_LOCATIONS=$(cd "$PULSE_DIR" && pwd)/access.properties launch "$service" >"$LOG_DIR/$service.log" 2>&1 &
  PIDS+=($!)
done

ready() { curl -fs -o /dev/null "http://localhost:${PORTS[$1]}/q/health/ready"; }
for service in "$@"; do
  wait_for "$service" 90 ready "$service" || exit 1
done

echo
echo "Pulse is running ($([[ $MODE == native ]] && echo "native executables" || echo "on the JVM")). Logs in $LOG_DIR/. Ctrl-C stops everything."
for service in "$@"; do
  case $service in
    dashboard) echo "  dashboard  http://localhost:8080            live chart" ;;
    producer)  echo "  producer   http://localhost:8081/q/swagger-ui  POST /events" ;;
    consumer)  echo "  consumer   http://localhost:8082/stats      /events/recent" ;;
    generator) echo "  generator  http://localhost:8083/generator  PUT to change the rate" ;;
    analytics) echo "  analytics  http://localhost:8084/counts     /counts/history, /instances" ;;
  esac
done
echo
print_credentials
echo
echo "Try: curl -X POST localhost:8081/events -H \"Authorization: Bearer \$(sed -n 's/^ingest-key=//p' $PULSE_DIR/credentials)\" \\"
echo "       -H 'Content-Type: application/json' -d '{\"name\":\"P1\",\"user\":\"U1\",\"duration\":500}'"

if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]] && command -v xdg-open >/dev/null; then
  xdg-open http://localhost:8080 >/dev/null 2>&1 || true
fi

# Stay up until Ctrl-C; if a service dies, say so and stop the rest.
wait -n "${PIDS[@]}"
echo "pulse: a service exited; see $LOG_DIR/ for its log" >&2
exit 1
