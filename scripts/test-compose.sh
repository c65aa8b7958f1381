#!/usr/bin/env bash
# make test-compose: the deployment as a user meets it. Builds the JVM images, "make up" with three analytics
# instances, then checks: every container healthy when "make up" returns; events POSTed to the producer counted
# exactly by every analytics instance, each answering for all pages; the dashboard streaming; an analytics
# container killed -> answers complete, partial or 503, never silently short; Kafka stopped -> services unhealthy,
# Kafka back -> healthy again; "make down" leaves no container and no anonymous volume behind.
#
# Skips, saying why, where no container engine runs (outside CI) or Pulse's ports are taken (make run, make up).
# Runs as its own Compose project (PULSE_TEST_COMPOSE_PROJECT, default pulse-test), so a "make up" stack's volume
# is safe.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# Its own project whatever COMPOSE_PROJECT says (make exports pulse): a user's stack and its volume stay untouched.
export COMPOSE_PROJECT=${PULSE_TEST_COMPOSE_PROJECT:-pulse-test}
export COMPOSE_PROFILES=scale
# The host port of the broker's EXTERNAL listener; the services use the compose network.
export KAFKA_PORT=${PULSE_TEST_KAFKA_PORT:-29092}
PORTS=(8080 8081 8082 8083 8084 8085 8086 "$KAFKA_PORT")
ANALYTICS_PORTS=(8084 8085 8086)
RUN_ID=compose-$$-$RANDOM
STEP_TIMEOUT=${PULSE_TEST_STEP_TIMEOUT:-150}

say() { echo "test-compose: $*"; }
fail() { echo "test-compose: FAILED: $*" >&2; exit 1; }
skip() {
  if [[ -n ${CI:-} ]]; then fail "$* (CI must run this test)"; fi
  say "SKIPPED: $*"; exit 0
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# The same engine make up uses; a probe that cannot start one is a reason to skip, not to fail.
if [[ -n ${PULSE_ENGINE:-} ]]; then ENGINE=$PULSE_ENGINE
elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then ENGINE=docker
elif command -v podman >/dev/null && podman info >/dev/null 2>&1; then ENGINE=podman
else skip "no container engine here (neither 'docker info' nor 'podman info' works)"; fi
command -v python3 >/dev/null || skip "python3 is needed to read the services' JSON"
for port in "${PORTS[@]}"; do
  port_open "$port" && skip "port $port is taken (make run or make up running?): stop it to run this test"
done

engine_ps() { "$ENGINE" ps -a -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT" "$@"; }
container() { engine_ps --filter "label=com.docker.compose.service=$1" | head -1; }
# has_health SERVICE STATUS: whether the service's container is healthy, unhealthy or starting right now.
has_health() {
  [[ $("$ENGINE" inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$(container "$1")") == "$2" ]]
}
volumes() { "$ENGINE" volume ls -q | sort; }


cleanup() {
  local status=$? id
  if ((status != 0)); then
    say "state of the containers (service state exit-code health), and their last health probes:"
    scripts/containers.sh status || true
    for id in $(engine_ps); do
      "$ENGINE" inspect -f '{{index .Config.Labels "com.docker.compose.service"}} {{if .State.Health}}{{json .State.Health.Log}}{{end}}' "$id" || true
    done
    # The probes print nothing: the logs of the containers that are not healthy say why.
    for id in $(engine_ps); do
      [[ $("$ENGINE" inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id") == unhealthy ]] || continue
      say "last log lines of $("$ENGINE" inspect -f '{{.Name}}' "$id"):"
      "$ENGINE" logs --tail 60 "$id" 2>&1 | cut -c1-400 || true
    done
  fi
  make -s down >/dev/null 2>&1 || true
  "$ENGINE" volume rm -f "${COMPOSE_PROJECT}_kafka-data" >/dev/null 2>&1 || true
  exit "$status"
}
trap cleanup EXIT
trap 'fail "line $LINENO: $BASH_COMMAND"' ERR

volumes_before=$(volumes)
say "building the JVM images ($ENGINE)"
make -s images MODE=jvm >/dev/null

say "make up MODE=jvm with three analytics instances"
started=$SECONDS
make -s up MODE=jvm || fail "make up failed"
say "make up returned after $((SECONDS - started))s"

# 1. Ready when make up returns: no container starting or unhealthy, and each service answers ready.
while read -r service state code healthy; do
  case $service in
    kafka-init) [[ $state == exited && $code == 0 ]] || fail "kafka-init: $state, exit code $code" ;;
    *) [[ $state == running && $healthy == healthy ]] || fail "$service is $state/$healthy after make up" ;;
  esac
done < <(scripts/containers.sh status)
for port in 8080 8081 8082 8083 "${ANALYTICS_PORTS[@]}"; do
  curl -fsS -m 5 -o /dev/null "http://localhost:$port/q/health/ready" || fail "port $port is not ready after make up"
done
say "every container healthy and every service ready"
# Memory per container, for the record (asked of Podman itself where it runs: Docker's CLI garbles its names).
stats=$ENGINE; command -v podman >/dev/null && podman ps >/dev/null 2>&1 && stats=podman
"$stats" stats --no-stream --format '{{.Name}} {{.MemUsage}}' $(engine_ps --filter status=running) 2>/dev/null |
  sed 's/^/test-compose: memory /' || true

# 2. Exact counts from every instance. Distinct page names, so that the generator's own events do not interfere.
# Secured as it comes: nothing answers without credentials; make up's admin and ingest key get in.
admin=(-u "$(credential admin-user):$(credential admin-password)")
ingest=(-H "Authorization: Bearer $(credential ingest-key)")
for url in localhost:8081/events localhost:8082/stats localhost:8083/generator localhost:8084/counts localhost:8080/range; do
  code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$url")
  [[ $code == 401 ]] || fail "$url answered $code without credentials, not 401"
done
say "without credentials, every service answers 401"

page_a="$RUN_ID-a"; page_b="$RUN_ID-b/with slash"
events="[$(for i in $(seq 7); do printf '{"name":"%s","user":"u%d","duration":500},' "$page_a" "$i"; done)"
events+="$(for i in $(seq 4); do printf '{"name":"%s","user":"u%d","duration":800},' "$page_b" "$i"; done)"
events="${events%,}]"
accepted=$(curl -fsS -m 20 -X POST localhost:8081/events "${ingest[@]}" -H 'Content-Type: application/json' -d "$events" | json 'd["accepted"]')
[[ $accepted == 11 ]] || fail "the producer accepted $accepted events, not 11"

# tally: reads a /counts/history answer, prints "<views of a> <views of b> <partial>".
tally() {
  PAGE_A=$page_a PAGE_B=$page_b python3 -c '
import json, os, sys
d = json.load(sys.stdin)
total = lambda name: sum(w["counts"].get(name, 0) for w in d["windows"])
print(total(os.environ["PAGE_A"]), total(os.environ["PAGE_B"]), str(d["partial"]).lower())'
}
history_url() { echo "http://localhost:$1/counts/history?from=$(date -u -d '-10 min' +%FT%TZ)"; }
counts() { curl -fsS -m 10 "${admin[@]}" "$(history_url "$1")" | tally; }
exact() { [[ $(counts "$1" 2>/dev/null) == "7 4 false" ]]; }
for port in "${ANALYTICS_PORTS[@]}"; do
  until_true "$STEP_TIMEOUT" "analytics on $port counting 7 and 4 views" exact "$port"
done
instances=$(curl -fsS -m 5 "${admin[@]}" localhost:8084/instances | json 'len(d)')
[[ $instances == 3 ]] || fail "/instances lists $instances instances, not 3"
say "the three analytics instances each count both pages exactly; /instances lists 3"

# 3. The dashboard streams: its SSE stream carries analytics' figures.
stream=$(curl -sN -m 4 "${admin[@]}" localhost:8080/stream || true)
grep -q '^event: *counts' <<<"$stream" || fail "the dashboard's /stream sent no counts event in 4 s: ${stream:0:300}"
say "the dashboard streams counts"

# 4. One analytics instance killed: every answer is exact, marked partial, or 503; never silently short.
"$ENGINE" kill "$(container analytics-3)" >/dev/null
answers=() deadline=$((SECONDS + 45)) body=$(mktemp)
while ((SECONDS < deadline)); do
  code=$(curl -s -m 10 -o "$body" -w '%{http_code}' "${admin[@]}" "$(history_url 8084)" || true)
  if [[ $code == 200 ]]; then
    answer=$(tally <"$body")
    [[ $answer == "7 4 false" || $answer == *" true" ]] || fail "after a kill, a short answer not marked partial: $answer"
    answers+=("${answer// /,}")
  else
    [[ $code == 503 ]] || fail "after a kill, /counts/history answered $code"
    answers+=(503)
  fi
  sleep 1
done
rm -f "$body"
until_true "$STEP_TIMEOUT" "the two remaining instances answering completely again" exact 8084
say "analytics-3 killed: answers were $(printf '%s\n' "${answers[@]}" | sort | uniq -c | awk '{printf "%s x%s, ", $2, $1}')then complete again"

# 5. Kafka stopped: the services that need it turn unhealthy; Kafka back: healthy again.
"$ENGINE" stop "$(container kafka)" >/dev/null
for service in producer consumer generator analytics; do
  until_true "$STEP_TIMEOUT" "$service unhealthy with Kafka stopped" has_health "$service" unhealthy
done
say "Kafka stopped: producer, consumer, generator and analytics turned unhealthy"
"$ENGINE" start "$(container kafka)" >/dev/null
for service in kafka producer consumer generator analytics analytics-2 dashboard; do
  until_true "$STEP_TIMEOUT" "$service healthy again with Kafka back" has_health "$service" healthy
done
say "Kafka back: every service healthy again"

# 6. make down: nothing left running, no anonymous volume left behind (Kafka's named volume stays by design).
make -s down >/dev/null
[[ -z $(engine_ps) ]] || fail "containers left after make down: $(engine_ps)"
left=$(comm -13 <(echo "$volumes_before") <(volumes) | grep -vx "${COMPOSE_PROJECT}_kafka-data" || true)
[[ -z $left ]] || fail "volumes left behind by make down: $left"
say "make down left no container and no anonymous volume"
say "PASSED"
