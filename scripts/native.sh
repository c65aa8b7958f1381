#!/usr/bin/env bash
# make native: the given services as native executables (<module>/target/*-runner). Uses the local GraalVM or
# Mandrel when there is one; otherwise builds inside Quarkus' Mandrel builder image, which needs Docker or Podman.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=$(IFS=,; echo "$*")
args=(-B package -DskipTests -Dnative -pl "$modules" -am)

if command -v native-image >/dev/null || [[ -n "${GRAALVM_HOME:-}" ]]; then
  echo "pulse: native build with the local native-image (${GRAALVM_HOME:-$(command -v native-image)})"
elif docker info >/dev/null 2>&1 || podman info >/dev/null 2>&1; then
  echo "pulse: no native-image on PATH and no GRAALVM_HOME: building in a container (-Dquarkus.native.container-build=true)"
  args+=(-Dquarkus.native.container-build=true)
else
  echo "pulse: a native build needs GraalVM or Mandrel (native-image on PATH, or GRAALVM_HOME set), or a running" >&2
  echo "       Docker or Podman engine for a container build. Neither is available here." >&2
  exit 1
fi
./mvnw "${args[@]}"
