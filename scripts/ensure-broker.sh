#!/usr/bin/env bash
# make dev-<module>: make sure a broker listens on KAFKA_PORT; starts one in the background if not.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
start_broker
if [[ -n "${BROKER_PID:-}" ]]; then
  echo "pulse: the broker keeps running after dev mode ends (pid $BROKER_PID); stop it with: kill $BROKER_PID"
  disown "$BROKER_PID"
fi
