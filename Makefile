# Pulse: one command runs the system (make run), one runs the tests (make test).
SHELL := /bin/bash
MVN := ./mvnw -B
# Dashboard first: it is the URL people want.
SERVICES := dashboard producer consumer generator analytics
KAFKA_PORT ?= 9092
export KAFKA_PORT
# Where dev mode and the console tools connect; point them at any broker, e.g. KAFKA_BOOTSTRAP_SERVERS=host:9092.
KAFKA_BOOTSTRAP_SERVERS ?= localhost:$(KAFKA_PORT)
TOPIC ?= page-events
# make demo-site: where the demo website listens, and the producer its pages send their views to.
DEMO_SITE_PORT ?= 8090
DEMO_SITE_PRODUCER ?= http://localhost:8081
KEY_SEPARATOR ?= :
# Container images: native executables on the micro image, or MODE=jvm for the JVM images (tagged TAG-jvm).
MODE ?= native
TAG ?= 1.0.0-SNAPSHOT
ifeq ($(filter $(MODE),native jvm),)
$(error MODE must be native or jvm, not "$(MODE)")
endif
# make run runs the jars unless MODE=native is given: MODE's default (native) is the images'.
RUN_MODE := $(if $(filter command line environment,$(origin MODE)),$(MODE),jvm)

# Dockerfiles are not build inputs: editing one must not trigger a Maven build.
SOURCES := pom.xml $(wildcard */pom.xml) $(shell find event embedded-kafka sketches-java17 sketches-java25 $(SERVICES) -path '*/src/main/*' -not -path '*/src/main/docker/*' -type f 2>/dev/null)
# The JDK that builds (./mvnw's: JAVA_HOME's, else the PATH's) picks analytics' DataSketches release, and analytics
# then runs on that JDK's family (README, "Java versions"): a build is current only for the JDK that made it.
JAVA := $(if $(JAVA_HOME),$(JAVA_HOME)/bin/java,java)
JAVA_FEATURE := $(shell $(JAVA) -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
BUILD_STAMP := .pulse/build-java$(JAVA_FEATURE).stamp
SKETCHES_MODULE := sketches-java$(if $(shell [ "$(JAVA_FEATURE)" -ge 25 ] 2>/dev/null && echo new),25,17)
NATIVE_STAMP := .pulse/native.stamp
BROKER_JAR := embedded-kafka/target/pulse-embedded-kafka.jar
# Kafka's own tools (kafka-tools and its dependencies), copied there when embedded-kafka is packaged.
KAFKA_TOOLS_LIB := embedded-kafka/target/lib
KAFKA_TOOLS := $(JAVA) -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
	-Dlogging.configuration=file:$(CURDIR)/scripts/kafka-tools-logging.properties -cp '$(KAFKA_TOOLS_LIB)/*'
COMPOSE_FILES := $(wildcard deploy/docker-compose*.yml)
# Docker or Podman, Compose v2 or docker-compose 1.29: scripts/containers.sh finds them (PULSE_ENGINE and
# PULSE_COMPOSE override what it finds).
COMPOSE_PROJECT ?= pulse
export COMPOSE_PROJECT
CONTAINERS := scripts/containers.sh
IMAGE_TAG := $(TAG)$(if $(filter jvm,$(MODE)),-jvm)
DOCKERFILE := $(if $(filter jvm,$(MODE)),Dockerfile.jvm,Dockerfile.native-micro)
# Native executables need little memory; the same services on a JVM need more.
COMPOSE_ENV := PULSE_TAG=$(IMAGE_TAG) $(if $(filter jvm,$(MODE)),PULSE_MEM_LIMIT=384m PULSE_ANALYTICS_MEM_LIMIT=512m)

.PHONY: help build run broker test test-compose test-dev test-jdk test-reliability bench check-compose native images up down logs \
	console-producer console-consumer demo-site \
	$(addprefix dev-,$(SERVICES))

help:
	@echo "make run          build if needed, start Kafka and all five services (Ctrl-C stops them)"
	@echo "make run MODE=native  the same with the native executables of make native, each with its maximum heap"
	@echo "make test         every test: each test JVM with its own embedded Kafka broker, check-compose, test-dev,"
	@echo "                  test-compose and test-jdk"
	@echo "make test-dev     make dev-producer from scratch: comes up, reloads an edit live, Ctrl-C leaves the broker"
	@echo "make test-compose the JVM images under compose: healthy, exact counts on 3 analytics instances, a killed"
	@echo "                  instance, Kafka stopped and back, make down (skips where no container engine runs)"
	@echo "make test-jdk     event and analytics built and tested on the other JDK: Java 25 after 17-24, 17 after 25"
	@echo "                  (PULSE_SECOND_JDK=<its home>, else found under /usr/lib/jvm and the usual places)"
	@echo "make test-reliability  the full reliability suite (about 7 minutes): longer load, repeated broker,"
	@echo "                  analytics and consumer faults, generated hostile input (make test runs a reduced form);"
	@echo "                  report in reliability/target/reliability-report.txt"
	@echo "make bench        the benchmarks (about 5 minutes): figures vs targets, written to bench/results.json"
	@echo "                  (BENCH_PHASES=\"ingest catchup freshness fanout pages\" picks phases; JAVA_OPTS as for make run)"
	@echo "make broker       only the embedded Kafka broker on localhost:$(KAFKA_PORT)"
	@echo "make dev-<module> quarkus:dev live reload of one service against the broker ($(SERVICES))"
	@echo "make console-producer TOPIC=page-events   Kafka's console producer: type key$(KEY_SEPARATOR)value lines"
	@echo "make console-consumer TOPIC=page-events   Kafka's console consumer, from the beginning, with keys"
	@echo "                  (both on KAFKA_BOOTSTRAP_SERVERS=$(KAFKA_BOOTSTRAP_SERVERS); CONSOLE_ARGS=... adds options)"
	@echo "make native       the five services as native executables (GraalVM/Mandrel, else a container build)"
	@echo "make images       container images pulse/<service>:$(TAG) (MODE=jvm: JVM images, :$(TAG)-jvm)"
	@echo "make up / down    Kafka and the five services from the images, on Docker or Podman, waiting until all are"
	@echo "                  healthy (MODE=jvm for the JVM images; COMPOSE_PROFILES=scale: three analytics instances)"
	@echo "make logs         follow the containers' logs"
	@echo "make check-compose  validate deploy/docker-compose*.yml offline"
	@echo "make demo-site    a small website carrying the tracker on http://localhost:$(DEMO_SITE_PORT) (DEMO_SITE_PORT=...);"
	@echo "                  start Pulse with PULSE_PRODUCER_TRACKER_ALLOWED_ORIGINS=http://localhost:$(DEMO_SITE_PORT) make run"

# Rebuilds only when a source or POM changed since the last build, or another JDK (or make native) built last: then
# analytics, which that JDK may have built against another DataSketches release, is built afresh.
$(BUILD_STAMP): $(SOURCES)
	@[ -f $@ ] || $(MVN) -q clean -pl analytics
	$(MVN) -q package -DskipTests
	@mkdir -p $(dir $@) && rm -f .pulse/build-java*.stamp && touch $@

$(NATIVE_STAMP): $(SOURCES)
	@scripts/native.sh $(SERVICES)
	@mkdir -p $(dir $@) && touch $@

$(KAFKA_TOOLS_LIB): pom.xml event/pom.xml embedded-kafka/pom.xml
	$(MVN) -q package -pl event,embedded-kafka -DskipTests
	@touch $@

build: $(BUILD_STAMP)

# MODE=native runs the executables "make native" built (never building them: that takes minutes per service), so
# it needs only the broker's jar.
run: $(if $(filter native,$(RUN_MODE)),$(KAFKA_TOOLS_LIB),$(BUILD_STAMP))
	@MODE=$(RUN_MODE) scripts/run.sh $(SERVICES)

broker: $(BUILD_STAMP)
	PULSE_KAFKA_PORT=$(KAFKA_PORT) $(JAVA) -jar $(BROKER_JAR)

# After the Maven build, the ways Pulse is used beyond it: dev mode from scratch, and the compose deployment
# (which skips, saying why, where no container engine runs).
test: check-compose
	$(MVN) verify
	@mkdir -p $(dir $(BUILD_STAMP)) && rm -f .pulse/build-java*.stamp && touch $(BUILD_STAMP)
	@scripts/test-dev.sh
	@scripts/test-compose.sh
	@scripts/test-jdk.sh
	@scripts/browser-skips.sh

test-jdk:
	@scripts/test-jdk.sh

test-dev:
	@scripts/test-dev.sh

test-compose:
	@scripts/test-compose.sh

# The suite runs the services' packaged jars (the build stamp keeps them current); -am adds event, embedded-kafka
# and test-support.
test-reliability: $(BUILD_STAMP)
	$(MVN) verify -pl reliability -am -Dreliability.full=true

# The harness is its own module, outside the default build (profile bench), so make test never runs it. It starts
# its own broker and the packaged services on free ports, with the JVM options of make run (scripts/jvm.options).
bench: $(BUILD_STAMP)
	$(MVN) -q -Pbench -pl bench -am package -DskipTests
	@cd bench && $(JAVA) -Xmx1g -jar target/pulse-bench.jar $(BENCH_PHASES)

# The compose files are validated offline (no Docker engine needed): by Debian's docker-compose 1.29, which
# also catches keys too new for older Compose versions, or else by the Compose v2 plugin.
check-compose:
	@if command -v docker-compose >/dev/null; then compose=docker-compose; \
	elif docker compose version >/dev/null 2>&1; then compose="docker compose"; \
	elif [ -n "$$CI" ]; then echo "pulse: validating $(COMPOSE_FILES) needs docker-compose (apt-get install -y docker-compose)" >&2; exit 1; \
	else echo "pulse: skipping the compose check: no docker-compose here (sudo apt-get install -y docker-compose; CI has it)"; \
	  exit 0; fi; \
	for file in $(COMPOSE_FILES); do \
	  $$compose -p pulse -f $$file config -q || { echo "pulse: $$file is not a valid compose file" >&2; exit 1; }; \
	done; echo "pulse: compose files valid ($$compose): $(COMPOSE_FILES)"

# Dev mode resolves the shared modules from the local Maven repository, test scope included (continuous testing
# needs test-support): install them, with their parent POM (-am).
$(addprefix dev-,$(SERVICES)): dev-%:
	$(MVN) -q install -pl event,embedded-kafka,test-support,$(SKETCHES_MODULE) -am -DskipTests
	@scripts/ensure-broker.sh
	KAFKA_BOOTSTRAP_SERVERS=$(KAFKA_BOOTSTRAP_SERVERS) $(MVN) -pl $* quarkus:dev

# Kafka 4.1's console tools take --property (--reader-property / --formatter-property come with later versions).
console-producer: $(KAFKA_TOOLS_LIB)
	@echo "pulse: producing to $(TOPIC) on $(KAFKA_BOOTSTRAP_SERVERS): one record per line, key$(KEY_SEPARATOR)value; Ctrl-D ends"
	@$(KAFKA_TOOLS) org.apache.kafka.tools.ConsoleProducer --bootstrap-server $(KAFKA_BOOTSTRAP_SERVERS) --topic $(TOPIC) \
	  --property parse.key=true --property 'key.separator=$(KEY_SEPARATOR)' $(CONSOLE_ARGS)

console-consumer: $(KAFKA_TOOLS_LIB)
	@echo "pulse: consuming $(TOPIC) on $(KAFKA_BOOTSTRAP_SERVERS) from the beginning, as key$(KEY_SEPARATOR)value; Ctrl-C ends"
	@$(KAFKA_TOOLS) org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server $(KAFKA_BOOTSTRAP_SERVERS) \
	  --topic $(TOPIC) --from-beginning \
	  --property print.key=true --property 'key.separator=$(KEY_SEPARATOR)' $(CONSOLE_ARGS)

# Static pages served by the JDK's own HTTP server (a single-file Java program: nothing to build or install).
demo-site:
	@java demo-site/DemoSite.java $(DEMO_SITE_PORT) $(DEMO_SITE_PRODUCER)

native: $(NATIVE_STAMP)

images: $(if $(filter jvm,$(MODE)),$(BUILD_STAMP),$(NATIVE_STAMP))
	@$(CONTAINERS) images $(IMAGE_TAG) $(DOCKERFILE) $(SERVICES)

up:
	@$(COMPOSE_ENV) $(CONTAINERS) up $(IMAGE_TAG) $(SERVICES)
	@echo "Pulse is up: dashboard http://localhost:8080, Kafka localhost:$(KAFKA_PORT). Logs: make logs"

# Every profile, so that the extra analytics instances stop too; Kafka's volume stays.
down:
	@$(CONTAINERS) down

logs:
	@$(CONTAINERS) logs
