#!/usr/bin/env bash
# make native: the given services as native executables (<module>/target/*-runner). Uses the local GraalVM or
# Mandrel when there is one; otherwise, or with NATIVE_CONTAINER_BUILD=true, builds inside Quarkus' Mandrel builder
# image, which needs Docker or Podman.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# Native executables are Java 25 (Quarkus' builder image is Mandrel for Java 25), and analytics must be compiled by
# the JDK of its image: its DataSketches release follows the building JDK (README, "Java versions").
if (($(java_feature "$JAVA") < 25)); then
  jdk=$(find_jdk 25) || { echo "pulse: a native build compiles with Java 25, as its executables run it: set JAVA_HOME to a JDK 25" >&2; exit 1; }
  echo "pulse: compiling with the JDK 25 in $jdk (native executables are Java 25)"
  export JAVA_HOME=$jdk PATH=$jdk/bin:$PATH
  # The jars make run starts were built by another JDK: the next make run builds them again.
  rm -f "$PULSE_DIR"/build-java*.stamp
fi

modules=$(IFS=,; echo "$*")
args=(-B package -DskipTests -Dnative -pl "$modules" -am)

# The executables link against the build host's glibc; the images' base (UBI 9 micro) has glibc 2.34.
IMAGE_GLIBC=2.34
host_glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')

if [[ ${NATIVE_CONTAINER_BUILD:-} != true ]] && { command -v native-image >/dev/null || [[ -n "${GRAALVM_HOME:-}" ]]; }; then
  echo "pulse: native build with the local native-image (${GRAALVM_HOME:-$(command -v native-image)})"
  if [[ -n $host_glibc && $(printf '%s\n' "$IMAGE_GLIBC" "$host_glibc" | sort -V | tail -1) != "$IMAGE_GLIBC" ]]; then
    echo "pulse: note: this host has glibc $host_glibc, the images' base $IMAGE_GLIBC: these executables run here (make run" >&2
    echo "       MODE=native) but may not start in the images; for make images use NATIVE_CONTAINER_BUILD=true make native" >&2
  fi
elif docker info >/dev/null 2>&1 || podman info >/dev/null 2>&1; then
  echo "pulse: building in a container (-Dquarkus.native.container-build=true): the executables suit the images"
  args+=(-Dquarkus.native.container-build=true)
else
  echo "pulse: a native build needs GraalVM or Mandrel (native-image on PATH, or GRAALVM_HOME set), or a running" >&2
  echo "       Docker or Podman engine for a container build. Neither is available here." >&2
  exit 1
fi
./mvnw "${args[@]}"
