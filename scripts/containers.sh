#!/usr/bin/env bash
# make images / up / down on Docker or Podman, with Compose v2 or docker-compose 1.29.
#
#   scripts/containers.sh images TAG DOCKERFILE SERVICE...   build pulse/<service>:TAG
#   scripts/containers.sh up TAG SERVICE...                  start deploy/docker-compose.yml, wait until healthy
#   scripts/containers.sh down                               stop and remove the containers (Kafka's volume stays)
#   scripts/containers.sh status                             the project's containers: service state exit-code health
#   scripts/containers.sh logs [SERVICE...]                  follow the containers' logs
#
# The engine and the Compose client are found on their own; PULSE_ENGINE (docker|podman) and PULSE_COMPOSE
# (e.g. "docker compose" or docker-compose) override them. COMPOSE_PROJECT (default pulse) names the project,
# PULSE_UP_TIMEOUT (default 240 s) bounds the wait for health where Compose cannot wait itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

PROJECT=${COMPOSE_PROJECT:-pulse}
COMPOSE_FILE=deploy/docker-compose.yml
UP_TIMEOUT=${PULSE_UP_TIMEOUT:-240}

fail() { echo "pulse: $*" >&2; exit 1; }

# Sets ENGINE: the CLI that builds images and inspects containers.
find_engine() {
  if [[ -n ${PULSE_ENGINE:-} ]]; then
    ENGINE=$PULSE_ENGINE
    command -v "$ENGINE" >/dev/null || fail "PULSE_ENGINE=$ENGINE, but there is no $ENGINE command"
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    ENGINE=docker
  elif command -v podman >/dev/null; then
    ENGINE=podman
  elif command -v docker >/dev/null; then
    fail "docker cannot reach its engine (docker info failed): start Docker, or set DOCKER_HOST"
  else
    fail "no container engine: install Docker (with Compose) or Podman (with docker-compose)"
  fi
  "$ENGINE" info >/dev/null 2>&1 || fail "$ENGINE info failed: is the $ENGINE engine running?"
}

# docker-compose talks to the Docker API; Podman serves it on a socket of its own.
point_compose_at_podman() {
  [[ $ENGINE == podman && -z ${DOCKER_HOST:-} ]] || return 0
  local socket
  socket=$(podman info --format '{{.Host.RemoteSocket.Path}}' 2>/dev/null || true)
  socket=${socket#unix://}
  [[ -S $socket ]] || fail "Podman's API socket ($socket) is not running; start it with
  systemctl --user enable --now podman.socket   (as root: systemctl enable --now podman.socket)
or set DOCKER_HOST to a running one"
  export DOCKER_HOST=unix://$socket
}

# Sets COMPOSE (the command) and COMPOSE_WAITS (whether "up --wait" exists: Compose v2 only).
find_compose() {
  local version
  if [[ -n ${PULSE_COMPOSE:-} ]]; then
    read -r -a COMPOSE <<<"$PULSE_COMPOSE"
  elif [[ $ENGINE == docker ]] && docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null; then
    COMPOSE=(docker-compose)
  else
    fail "no Compose client: install the Docker Compose plugin (docker compose) or docker-compose"
  fi
  version=$("${COMPOSE[@]}" version --short 2>/dev/null || true)
  # docker-compose 1.x answers an unknown flag such as --wait with its help text and exit code 0.
  if [[ $version =~ ^v?([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)); then COMPOSE_WAITS=1; else COMPOSE_WAITS=0; fi
  COMPOSE+=(-p "$PROJECT" -f "$COMPOSE_FILE")
}

project_containers() {
  "$ENGINE" ps -a -q --filter "label=com.docker.compose.project=$PROJECT"
}

# One line per container: service state exit-code health (health "none" when it has no healthcheck; Podman
# reports an empty one).
container_states() {
  local id service state code health
  for id in $(project_containers); do
    read -r service state code health < <("$ENGINE" inspect -f \
      '{{index .Config.Labels "com.docker.compose.service"}} {{.State.Status}} {{.State.ExitCode}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id")
    echo "$service $state $code ${health:-none}"
  done
}

show_failure() {
  local service=$1 id
  id=$("$ENGINE" ps -a -q --filter "label=com.docker.compose.project=$PROJECT" \
    --filter "label=com.docker.compose.service=$service" | head -1)
  echo "pulse: last lines of $service's log:" >&2
  "$ENGINE" logs --tail 30 "$id" >&2 2>&1 || true
}

# Compose v2 waits with "up --wait"; for docker-compose 1.29 this does the same, while its "up -d" (UP_PID) runs:
# 1.29 itself waits for depends_on conditions before it starts the next containers, and would wait forever for a
# broker that never becomes healthy. Done when "up" has succeeded and every container is running and, where it has
# a healthcheck, healthy, one-shot containers (kafka-init) having exited 0. Fails on the first container that is
# unhealthy or has exited otherwise, when "up" fails, and after UP_TIMEOUT seconds.
wait_until_healthy() {
  local up_pid=$1 up_done=0 deadline=$((SECONDS + UP_TIMEOUT)) service state code health pending
  while :; do
    if ((!up_done)) && ! kill -0 "$up_pid" 2>/dev/null; then
      wait "$up_pid" || fail "${COMPOSE[0]} up failed"
      up_done=1
    fi
    pending=()
    while read -r service state code health; do
      [[ -n $service ]] || continue
      case $state/$health in
        exited/*) [[ $service == kafka-init && $code == 0 ]] && continue
                  show_failure "$service"; fail "$service exited with code $code" ;;
        running/unhealthy) show_failure "$service"; fail "$service is unhealthy" ;;
        running/healthy | running/none) ;;
        *) pending+=("$service:$state/$health") ;;
      esac
    done < <(container_states)
    ((up_done && ${#pending[@]} == 0)) && [[ -n $(project_containers) ]] && return 0
    if ((SECONDS >= deadline)); then
      ((up_done)) || pending+=("(${COMPOSE[0]} up still running)")
      fail "not healthy after ${UP_TIMEOUT}s: ${pending[*]} (PULSE_UP_TIMEOUT raises the limit)"
    fi
    sleep 2
  done
}

images() {
  local tag=$1 dockerfile=$2 service; shift 2
  find_engine
  # The JVM images run Java 17; analytics packaged by a JDK 25 carries DataSketches 9, which runs on Java 25 only.
  if [[ $dockerfile == Dockerfile.jvm && " $* " == *" analytics "* ]] \
    && compgen -G 'analytics/target/quarkus-app/lib/main/dev.pulse.pulse-sketches-java25-*.jar' >/dev/null; then
    fail "analytics was packaged by a JDK 25, but its JVM image runs Java 17: package it with a JDK 17 or 21
  (JAVA_HOME=<jdk 17> make images MODE=jvm), or build the native images (make native && make images)"
  fi
  for service in "$@"; do
    echo "pulse: building pulse/$service:$tag from $service/src/main/docker/$dockerfile ($ENGINE)"
    "$ENGINE" build -f "$service/src/main/docker/$dockerfile" -t "pulse/$service:$tag" "$service"
  done
}

up() {
  local tag=$1 service started; shift
  find_engine; point_compose_at_podman; find_compose
  for service in "$@"; do
    "$ENGINE" image inspect "pulse/$service:$tag" >/dev/null 2>&1 ||
      fail "no image pulse/$service:$tag; build the images first: make images$([[ $tag == *-jvm ]] && echo ' MODE=jvm')"
  done
  # The services read their users and keys from the file make_credentials writes (deploy/docker-compose.yml).
  make_credentials || fail "could not make the credentials the services need"
  started=$SECONDS
  if ((COMPOSE_WAITS)); then
    "${COMPOSE[@]}" up -d --wait
  else
    echo "pulse: starting, then waiting until every container is healthy (${COMPOSE[0]} cannot wait by itself)"
    "${COMPOSE[@]}" up -d &
    UP_PID=$!
    trap 'kill "$UP_PID" 2>/dev/null || true' EXIT
    wait_until_healthy "$UP_PID"
  fi
  echo "pulse: healthy after $((SECONDS - started))s"
  print_credentials
}

# "down" alone keeps the anonymous volumes the images declare; "rm -v" removes them with their containers.
# Kafka's named volume stays: "docker compose -p pulse -f deploy/docker-compose.yml down -v" drops it too.
down() {
  find_engine; point_compose_at_podman; find_compose
  "${COMPOSE[@]}" --profile scale stop
  "${COMPOSE[@]}" --profile scale rm -f -v
  "${COMPOSE[@]}" --profile scale down --remove-orphans
}

status() {
  find_engine
  container_states
}

logs() {
  find_engine; point_compose_at_podman; find_compose
  "${COMPOSE[@]}" --profile scale logs -f --tail 100 "$@"
}

command=${1:-}; shift || true
case $command in
  images | up | down | status | logs) "$command" "$@" ;;
  *) echo "usage: $0 images TAG DOCKERFILE SERVICE... | up TAG SERVICE... | down | status | logs [SERVICE...]" >&2; exit 2 ;;
esac
