#!/usr/bin/env bash
# make test's second JDK. Analytics is built with the DataSketches release of the JDK that builds it (README, "Java
# versions"): DataSketches 6 below Java 25, DataSketches 9 from 25 on. The rest of make test ran on one JDK; this
# builds and tests the modules whose code differs by JDK (event, analytics with its sketches module, and what they
# build on: embedded-kafka, test-support, with the packaged-app ITs) on the other: Java 25 after a JDK 17 to 24, a
# JDK 17 after Java 25. It works in a copy of the tree (.pulse/jdk<version>), so the first JDK's build stays as it was.
#
# PULSE_SECOND_JDK=<a JDK's home> picks the JDK; otherwise one of the wanted version is looked for where JDKs are
# usually installed. None found: skipped with a message, or a failure under CI (CI=true), which must run both.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

current=$(java_feature "$JAVA")
if ((current >= 25)); then wanted=17; else wanted=25; fi

jdk=${PULSE_SECOND_JDK:-$(find_jdk "$wanted" || true)}
if [[ -z $jdk ]]; then
  message="no JDK $wanted found (set PULSE_SECOND_JDK to its home): analytics was tested on Java $current only"
  [[ -n ${CI:-} ]] && { echo "pulse: $message" >&2; exit 1; }
  echo "pulse: skipping the second JDK: $message"
  exit 0
fi
version=$(java_feature "$jdk/bin/java")

copy=${PULSE_DIR:-.pulse}/jdk$version
echo "pulse: testing event and analytics on Java $version ($jdk) in $copy"
rm -rf "$copy"
mkdir -p "$copy"
tar --exclude=./.git --exclude=./.pulse --exclude='./*/target' -cf - . | tar -xf - -C "$copy"
cd "$copy"
JAVA_HOME=$jdk PATH=$jdk/bin:$PATH ./mvnw -B verify -pl event,analytics -am
