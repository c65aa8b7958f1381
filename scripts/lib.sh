# Shared by the run scripts: where things live and how to wait for them.
PULSE_DIR=${PULSE_DIR:-.pulse}
LOG_DIR=$PULSE_DIR/logs
KAFKA_PORT=${KAFKA_PORT:-9092}
BROKER_JAR=embedded-kafka/target/pulse-embedded-kafka.jar
# The JDK ./mvnw builds with (JAVA_HOME's, else the PATH's) runs what it built: analytics runs on its family only.
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# java_feature JAVA: the Java version JAVA runs (17, 21, 25, ...).
java_feature() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'; }

# find_jdk VERSION: the home of a JDK of that version, looked for where JDKs are usually installed.
find_jdk() {
  local home
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* "$HOME"/.sdkman/candidates/java/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -x $home/bin/javac && $(java_feature "$home/bin/java") == "$1" ]] && { echo "$home"; return 0; }
  done
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for NAME SECONDS COMMAND...: runs COMMAND every 0.2 s until it succeeds; fails after SECONDS.
wait_for() {
  local name=$1 limit=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      echo "pulse: $name did not come up within ${limit}s; see $LOG_DIR/$name.log" >&2
      return 1
    fi
    sleep 0.2
  done
}

# until_true SECONDS WHAT COMMAND...: runs COMMAND every second until it succeeds; after SECONDS, calls the
# calling script's fail with WHAT.
until_true() {
  local limit=$1 what=$2 deadline; shift 2
  deadline=$((SECONDS + limit))
  until "$@"; do
    ((SECONDS < deadline)) || fail "$what: not within ${limit}s"
    sleep 1
  done
}

# Starts the embedded broker in the background unless something already listens on KAFKA_PORT.
start_broker() {
  mkdir -p "$LOG_DIR"
  if port_open "$KAFKA_PORT"; then
    echo "pulse: using the Kafka broker already listening on localhost:$KAFKA_PORT"
    return 0
  fi
  PULSE_KAFKA_PORT=$KAFKA_PORT PULSE_KAFKA_DIR=$PULSE_DIR/kafka \
    "$JAVA" -Xmx512m -jar "$BROKER_JAR" >"$LOG_DIR/kafka.log" 2>&1 &
  BROKER_PID=$!
  wait_for kafka 60 grep -q "Kafka ready" "$LOG_DIR/kafka.log" || return 1
  echo "pulse: Kafka ready on localhost:$KAFKA_PORT (data in $PULSE_DIR/kafka, log $LOG_DIR/kafka.log)"
}

# Pulse's credentials: made on the first start (the admin's password, an ingest key, the secrets the services share),
# kept in $PULSE_DIR/credentials for you; the services read them, hashed where they are checked, from
# $PULSE_DIR/access.properties. The tool is in the libraries of a built service: the jars' (JVM build), or those a
# native build compiled from.
make_credentials() {
  local lib
  for lib in producer/target/quarkus-app/lib/main producer/target/*-native-image-source-jar/lib; do
    [[ -d $lib ]] && break
  done
  [[ -d $lib ]] || { echo "pulse: build Pulse first (make build or make native): its credentials tool is in the build" >&2; return 1; }
  "$JAVA" -cp "$lib/*" dev.pulse.security.LocalCredentials "$PULSE_DIR"
}

credential() { sed -n "s/^$1=//p" "$PULSE_DIR/credentials"; }

print_credentials() {
  echo "Sign in as $(credential admin-user), password $(credential admin-password); the ingest key is $(credential ingest-key)"
  echo "(kept in $PULSE_DIR/credentials, readable by you only)."
}
