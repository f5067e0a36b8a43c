#!/usr/bin/env bash
# shellcheck disable=SC2016  # the single-quoted bash -c snippets get their values as arguments
# Local single-node Kafka 3.9.1 (KRaft, no Docker): kafka.sh start|stop|status
#
# Env:
#   KAFKA_BROKERS     if set and reachable, `start` just uses that cluster
#   KAFKA_PORT        client port (default 9092); the controller uses KAFKA_PORT+1
#   KAFKA_DATA_DIR    state folder (config, data, log, pid); default <repo>/.run/kafka
#   MAVEN_REPO_LOCAL  passed to mvn as -Dmaven.repo.local when fetching the jars
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAFKA_VERSION=3.9.1
LIBS="$ROOT/.cache/kafka/$KAFKA_VERSION/libs"
POM="$ROOT/scripts/kafka/pom.xml"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT=$((PORT + 1))
RUN="${KAFKA_DATA_DIR:-$ROOT/.run/kafka}"
mkdir -p "$RUN"
RUN="$(cd "$RUN" && pwd)"
PIDFILE="$RUN/kafka.pid"
LOG="$RUN/kafka.log"
CONF="$RUN/server.properties"
READY_TIMEOUT=90

log() { echo "[kafka] $*"; }

tcp_open() { timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

# Sends a raw ApiVersions v0 request and checks for an error-free answer with our
# correlation id. A KRaft broker accepts TCP before it is unfenced but only answers
# requests afterwards, so an answer means clients can really use it. Costs
# milliseconds, unlike a JVM-based CLI tool.
broker_answers() {
  local reply
  reply=$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    # size=14, api_key=18 (ApiVersions), version=0, correlation_id="ugov", client_id="prob"
    printf "\x00\x00\x00\x0e\x00\x12\x00\x00ugov\x00\x04prob" >&3
    head -c 10 <&3' "$1" "$2" 2>/dev/null | od -An -tx1 | tr -d ' \n') || true
  [[ "${reply:8:12}" == 75676f760000 ]]
}

our_pid() {
  local pid
  [[ -f "$PIDFILE" ]] || return 1
  pid=$(<"$PIDFILE")
  # Guard against a recycled pid: it must be the broker running our config.
  [[ -n "$pid" ]] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $CONF" || return 1
  echo "$pid"
}

ensure_jars() {
  local want
  want="$KAFKA_VERSION $(sha1sum "$POM" | cut -d' ' -f1)"
  if [[ -f "$LIBS/.complete" && "$(<"$LIBS/.complete")" == "$want" ]]; then return; fi
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS"
  rm -rf "$LIBS"
  mkdir -p "$LIBS"
  # Output goes to a file (Maven 3.8 prints stray ANSI codes even with -q); shown on failure.
  mvn -B -Dstyle.color=never -f "$POM" ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local="$MAVEN_REPO_LOCAL"} \
    dependency:copy-dependencies -DoutputDirectory="$LIBS" -DincludeScope=runtime \
    </dev/null >"$LIBS/../mvn.log" 2>&1 || { tail -n 40 "$LIBS/../mvn.log"; exit 1; }
  echo "$want" >"$LIBS/.complete"
}

write_config() {
  cat >"$CONF" <<EOF
node.id=1
process.roles=broker,controller
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
log.dirs=$RUN/data
num.partitions=6
offsets.topic.replication.factor=1
# A single dev broker: fewer offset partitions make the first consumer-group join quick.
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
EOF
  # Without a config reload4j prints nothing useful; send everything to stdout -> kafka.log.
  cat >"$RUN/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
EOF
}

format_storage() {
  [[ -f "$RUN/data/meta.properties" ]] && return
  local cluster_id
  # Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. One that starts with '-' would be
  # read as an option by the storage tool (1 start in 64 failed so); Kafka's own random ids avoid it the same way.
  cluster_id=-
  while [[ "$cluster_id" == -* ]]; do
    cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  done
  log "formatting storage in $RUN/data (cluster id $cluster_id)"
  java -Xmx256m -Dlog4j.configuration="file:$RUN/log4j.properties" -cp "$LIBS/*" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$CONF" </dev/null >"$RUN/format.log" 2>&1 \
    || { tail -n 20 "$RUN/format.log"; exit 1; }
}

launch() {
  [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.1"
  # setsid + closed stdio: the broker outlives the caller and does not keep the
  # caller's stdout pipe open (jest/child_process would otherwise hang); fd 9 is
  # closed so the broker does not hold the start lock.
  setsid bash -c 'echo $$ >"$0"; exec java -Xms256m -Xmx512m -Djava.awt.headless=true \
      -Dlog4j.configuration="file:$1/log4j.properties" -cp "$2/*" kafka.Kafka "$3"' \
    "$PIDFILE" "$RUN" "$LIBS" "$CONF" </dev/null >"$LOG" 2>&1 9>&- &
  for _ in $(seq 50); do [[ -s "$PIDFILE" ]] && break; sleep 0.1; done
}

wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    if broker_answers 127.0.0.1 "$PORT"; then
      log "kafka ready on 127.0.0.1:$PORT"
      return 0
    fi
    # Plain kill -0: right after launch the pid may still be the bash about to exec java.
    if ! kill -0 "$(cat "$PIDFILE" 2>/dev/null)" 2>/dev/null; then
      log "broker process exited; last log lines:"
      tail -n 40 "$LOG" 2>/dev/null || true
      return 1
    fi
    sleep 1
  done
  log "broker not ready after ${READY_TIMEOUT}s; last log lines:"
  tail -n 40 "$LOG" 2>/dev/null || true
  return 1
}

start() {
  local pid
  if [[ -n "${KAFKA_BROKERS:-}" ]]; then
    local first="${KAFKA_BROKERS%%,*}"
    local host="${first%:*}" port="${first##*:}"
    # A Kafka answer, not just a TCP accept: sandboxes/proxies may accept any connection.
    if broker_answers "$host" "$port"; then
      log "using existing Kafka at $KAFKA_BROKERS (KAFKA_BROKERS)"
      return 0
    fi
    case "$first" in
      127.0.0.1:"$PORT" | localhost:"$PORT") log "KAFKA_BROKERS=$KAFKA_BROKERS not reachable; starting a local broker" ;;
      *) log "KAFKA_BROKERS=$KAFKA_BROKERS is not reachable ($first gave no Kafka answer)" >&2; return 1 ;;
    esac
  fi

  # Parallel callers (e.g. several jest workers) must not launch two brokers on one data dir.
  exec 9>"$RUN/start.lock"
  flock -w $((READY_TIMEOUT + 60)) 9 || { log "timed out waiting for another kafka.sh start" >&2; return 1; }

  if broker_answers 127.0.0.1 "$PORT"; then
    log "already running on 127.0.0.1:$PORT"
    return 0
  fi
  if pid=$(our_pid); then
    log "broker (pid $pid) is starting; waiting"
    wait_ready
    return
  fi
  if tcp_open 127.0.0.1 "$PORT" || tcp_open 127.0.0.1 "$CONTROLLER_PORT"; then
    log "port $PORT or $CONTROLLER_PORT is taken by a process that is not a ready Kafka broker; not starting" >&2
    return 1
  fi

  ensure_jars
  write_config
  format_storage
  log "starting broker (log: $LOG)"
  launch
  wait_ready
}

stop() {
  local pid
  if ! pid=$(our_pid); then
    log "not running (no live broker pid in $PIDFILE)"
    rm -f "$PIDFILE"
    return 0
  fi
  log "stopping broker pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after 30s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  log "stopped"
}

status() {
  local pid
  if broker_answers 127.0.0.1 "$PORT"; then
    if pid=$(our_pid); then log "running on 127.0.0.1:$PORT (pid $pid)"; else log "running on 127.0.0.1:$PORT (not started by this script)"; fi
    return 0
  fi
  if pid=$(our_pid); then log "starting (pid $pid), not answering yet"; else log "not running"; fi
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
