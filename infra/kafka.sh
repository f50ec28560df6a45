#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, broker+controller in one JVM) on loopback, from Maven Central jars.
# No Docker, no tarball download: infra/kafka/pom.xml lists the jars, Maven copies them into the cache.
#
#   infra/kafka.sh install    fetch broker + CLI jars into $ABEP_CACHE_DIR/kafka/<version>/lib (idempotent)
#   infra/kafka.sh start      install if needed, format storage once, launch, wait until ready, run
#                             infra/create-topics.sh <bootstrap> if it exists and is executable (idempotent)
#   infra/kafka.sh stop       SIGTERM, wait up to 30 s, then SIGKILL (idempotent)
#   infra/kafka.sh status     exit 0 and print "kafka: running on 127.0.0.1:PORT" if healthy, else non-zero
#   infra/kafka.sh reset      stop and delete the broker's data dir ($ABEP_DATA_DIR/kafka)
#   infra/kafka.sh bootstrap  print the bootstrap address (127.0.0.1:PORT)
#   infra/kafka.sh run-class CLASS [ARGS...]
#                             run a class from the Kafka jars, e.g.
#                             run-class org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:19092 --list
#
# Environment:
#   ABEP_CACHE_DIR               default <repo>/.cache   (jars: kafka/<version>/lib, Maven repo: kafka/m2)
#   ABEP_DATA_DIR                default <repo>/.data    (everything of the broker lives in <data>/kafka)
#   ABEP_KAFKA_PORT              default 19092           (PLAINTEXT listener, 127.0.0.1)
#   ABEP_KAFKA_CONTROLLER_PORT   default 19093           (KRaft controller listener, 127.0.0.1)
#   ABEP_KAFKA_VERSION           default: kafka.version in infra/kafka/pom.xml
#   ABEP_KAFKA_HEAP              default "-Xmx512m -Xms256m"
#   ABEP_KAFKA_START_TIMEOUT     default 90 (seconds to wait for readiness)
#   ABEP_KAFKA_SKIP_TOPICS=1     do not run infra/create-topics.sh
#   JAVA                         default: java on PATH (17+)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pom="$root/infra/kafka/pom.xml"
host=127.0.0.1
port=${ABEP_KAFKA_PORT:-19092}
cport=${ABEP_KAFKA_CONTROLLER_PORT:-19093}
java_bin=${JAVA:-java}
start_timeout=${ABEP_KAFKA_START_TIMEOUT:-90}
heap=${ABEP_KAFKA_HEAP:--Xmx512m -Xms256m}

version=${ABEP_KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom" | head -n1)}
cache_root=${ABEP_CACHE_DIR:-$root/.cache}/kafka
vdir="$cache_root/$version"
lib="$vdir/lib"
marker="$vdir/.installed"
m2="$cache_root/m2"

data=${ABEP_DATA_DIR:-$root/.data}/kafka
props="$data/server.properties"
log4j_conf="$data/log4j2.properties"
tools_log4j_conf="$data/tools-log4j2.properties"
admin_conf="$data/admin.properties"
log_dirs="$data/kraft-logs"
logs="$data/logs"
server_log="$logs/server.log"
out_log="$data/kafka.out"
pid_file="$data/kafka.pid"

say() { echo "kafka: $*" >&2; }
die() {
  say "ERROR: $*"
  exit 1
}

case $port$cport in *[!0-9]*) die "ABEP_KAFKA_PORT/ABEP_KAFKA_CONTROLLER_PORT must be numbers" ;; esac
[ "$port" != "$cport" ] || die "broker and controller ports must differ ($port)"
[ -n "$version" ] || die "could not read kafka.version from $pom"

# ---------------------------------------------------------------- install

install_fingerprint() { printf '%s\n%s\n' "$version" "$(sha256sum "$pom" | cut -d' ' -f1)"; }

installed() { [ -f "$marker" ] && [ "$(cat "$marker")" = "$(install_fingerprint)" ]; }

cmd_install() {
  command -v "$java_bin" >/dev/null || die "java not found (need Java 17+)"
  local jv
  jv=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${jv%%.*}" -ge 17 ] 2>/dev/null || die "Kafka $version needs Java 17+, found ${jv:-unknown} ($java_bin)"
  if installed; then
    say "Kafka $version already installed ($lib)"
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (needed once, to fetch the Kafka jars from Maven Central)"
  mkdir -p "$vdir" "$m2"
  exec 8>"$vdir/.install.lock"
  flock -w 600 8 || die "timed out waiting for another install of Kafka $version"
  if installed; then # someone else finished while we waited
    exec 8>&-
    say "Kafka $version already installed ($lib)"
    return 0
  fi
  say "installing Kafka $version from Maven Central into $lib"
  local t0=$SECONDS
  rm -rf "$lib.tmp"
  mvn -B -Dstyle.color=never -f "$pom" -Dmaven.repo.local="$m2" -Dkafka.version="$version" \
    dependency:copy-dependencies -DoutputDirectory="$lib.tmp" >"$vdir/mvn.log" 2>&1 || {
    grep -E 'ERROR|Could not' "$vdir/mvn.log" | head -n 20 >&2
    die "mvn dependency:copy-dependencies failed for Kafka $version (full log: $vdir/mvn.log)"
  }
  ls "$lib.tmp/kafka_2.13-$version.jar" "$lib.tmp/kafka-tools-$version.jar" >/dev/null 2>&1 ||
    die "Maven finished but kafka_2.13/kafka-tools $version jars are missing from $lib.tmp"
  rm -rf "$lib"
  mv "$lib.tmp" "$lib"
  install_fingerprint >"$marker"
  exec 8>&-
  say "installed Kafka $version: $(find "$lib" -name '*.jar' | wc -l) jars, $(du -sh "$lib" | cut -f1) in $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------- helpers

write_configs() {
  mkdir -p "$data" "$logs" "$log_dirs"
  cat >"$props" <<EOF
# Generated by infra/kafka.sh on every start: edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$host:$cport
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://$host:$port,CONTROLLER://$host:$cport
advertised.listeners=PLAINTEXT://$host:$port
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$log_dirs

num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=false
delete.topic.enable=true

offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0

# Sized for a 2-core dev box.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=33554432
log.retention.hours=168
EOF
  cat >"$log4j_conf" <<EOF
# Generated by infra/kafka.sh. Broker log: $server_log (rolled at 50 MB, 3 kept).
status = warn
appender.file.type = RollingFile
appender.file.name = FILE
appender.file.fileName = $server_log
appender.file.filePattern = $logs/server.log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 50MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.cleaner.name = kafka.log.LogCleaner
logger.cleaner.level = WARN
EOF
  write_tool_configs
}

write_tool_configs() {
  mkdir -p "$data"
  [ -f "$tools_log4j_conf" ] || cat >"$tools_log4j_conf" <<'EOF'
# Generated by infra/kafka.sh: CLI tools log warnings and errors to stderr only.
status = warn
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = STDERR
EOF
  # Short timeouts so a health probe fails fast instead of retrying for a minute.
  [ -f "$admin_conf" ] || cat >"$admin_conf" <<'EOF'
request.timeout.ms=5000
default.api.timeout.ms=8000
socket.connection.setup.timeout.ms=2000
socket.connection.setup.timeout.max.ms=2000
EOF
}

# Runs a class from the Kafka jars with a small client-sized JVM (bounded by $run_timeout seconds if set).
run_class() {
  installed || die "Kafka $version is not installed: run infra/kafka.sh install"
  write_tool_configs
  local limit=()
  [ -z "${run_timeout:-}" ] || limit=(timeout -k 5 "$run_timeout")
  "${limit[@]}" "$java_bin" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$tools_log4j_conf" -cp "$lib/*" "$@"
}

read_pid() {
  local pid
  [ -f "$pid_file" ] || return 1
  pid=$(cat "$pid_file" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse: it must be our broker, on our config file.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $props" || return 1
  echo "$pid"
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$host/$1" 2>/dev/null; }

# Ready = the TCP port accepts connections AND the broker answers a Metadata request
# (TopicCommand --list is an Admin listTopics call, i.e. a MetadataRequest on the PLAINTEXT listener).
broker_answers() {
  port_open "$port" || return 1
  run_timeout=30 run_class org.apache.kafka.tools.TopicCommand --bootstrap-server "$host:$port" \
    --command-config "$admin_conf" --list >/dev/null 2>&1
}

healthy() { read_pid >/dev/null && broker_answers; }

print_log_tail() {
  if [ -s "$server_log" ]; then
    say "last 40 lines of $server_log:"
    tail -n 40 "$server_log" >&2
  fi
  if [ -s "$out_log" ]; then
    say "last 40 lines of $out_log (JVM stdout/stderr):"
    tail -n 40 "$out_log" >&2
  fi
}

wait_ready() {
  local pid=$1 deadline=$((SECONDS + start_timeout))
  say "waiting up to ${start_timeout}s for the broker on $host:$port (pid $pid)"
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tail
      rm -f "$pid_file"
      die "broker process $pid exited during startup (logs above; $server_log, $out_log)"
    fi
    if port_open "$port" && broker_answers; then
      return 0
    fi
    sleep 0.5
  done
  print_log_tail
  die "broker (pid $pid) not ready on $host:$port after ${start_timeout}s; still running, see $server_log (infra/kafka.sh stop to kill it)"
}

lock_data() {
  mkdir -p "$data"
  exec 9>"$data/.lock"
  flock -w 180 9 || die "timed out waiting for another kafka.sh start/stop/reset on $data"
}

run_topics_hook() {
  local hook="$root/infra/create-topics.sh"
  if [ "${ABEP_KAFKA_SKIP_TOPICS:-}" = 1 ]; then return 0; fi
  if [ -f "$hook" ] && [ -x "$hook" ]; then
    say "running infra/create-topics.sh $host:$port"
    "$hook" "$host:$port" 8>&- 9>&- || die "infra/create-topics.sh failed (exit $?)"
  fi
}

# ---------------------------------------------------------------- commands

cmd_start() {
  cmd_install
  lock_data
  local pid t0=$SECONDS
  if pid=$(read_pid); then
    if broker_answers; then
      say "already running and healthy on $host:$port (pid $pid)"
      run_topics_hook
      return 0
    fi
    say "pid $pid is running but not answering yet"
    wait_ready "$pid"
    say "ready on $host:$port (pid $pid)"
    run_topics_hook
    return 0
  fi
  rm -f "$pid_file"
  for p in "$port" "$cport"; do
    if port_open "$p"; then
      die "$host:$p is already in use by a process this script did not start (pid file $pid_file); stop it or set ABEP_KAFKA_PORT/ABEP_KAFKA_CONTROLLER_PORT"
    fi
  done

  write_configs
  if [ ! -f "$log_dirs/meta.properties" ]; then
    local cluster_id
    cluster_id=$(run_class kafka.tools.StorageTool random-uuid)
    say "formatting $log_dirs (cluster id $cluster_id)"
    run_class kafka.tools.StorageTool format --config "$props" --cluster-id "$cluster_id" \
      --ignore-formatted >"$data/format.out" 2>&1 || {
      cat "$data/format.out" >&2
      die "kafka-storage format failed"
    }
  fi

  say "launching Kafka $version broker+controller on $host:$port (controller $host:$cport), data $data"
  : >"$out_log"
  # Own session/process group (setsid), detached from our stdin/stdout so callers like
  # $(kafka.sh start) do not hang; the inner shell records its pid, moves into the data dir
  # (so hs_err files land there) and then becomes the JVM.
  # shellcheck disable=SC2086,SC2016 # $heap splits on purpose; the inner script is single-quoted on purpose
  setsid nohup bash -c 'echo $$ >"$1"; cd "$2"; shift 2; exec "$@"' _ "$pid_file" "$data" \
    "$java_bin" $heap -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dkafka.logs.dir="$logs" -Dlog4j2.configurationFile="$log4j_conf" \
    -cp "$lib/*" kafka.Kafka "$props" \
    </dev/null >>"$out_log" 2>&1 8>&- 9>&- &
  local _
  for _ in $(seq 1 50); do
    [ -s "$pid_file" ] && break
    sleep 0.1
  done
  pid=$(cat "$pid_file" 2>/dev/null) || die "broker did not record its pid in $pid_file"
  wait_ready "$pid"
  say "ready on $host:$port (pid $pid) after $((SECONDS - t0)) s; log $server_log"
  run_topics_hook
}

cmd_stop() {
  lock_data
  local pid
  if ! pid=$(read_pid); then
    rm -f "$pid_file"
    say "not running"
    return 0
  fi
  say "stopping broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "still alive after 30 s, sending SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$pid_file"
  say "stopped"
}

cmd_status() {
  local pid
  if ! pid=$(read_pid); then
    if port_open "$port"; then
      say "$host:$port is open but not by a broker this script started (no live pid in $pid_file)"
    else
      say "not running"
    fi
    return 1
  fi
  if ! broker_answers; then
    say "process $pid is alive but the broker does not answer on $host:$port"
    return 1
  fi
  echo "kafka: running on $host:$port"
}

cmd_reset() {
  cmd_stop
  say "deleting $data"
  rm -rf "$data"
}

case "${1:-}" in
install) cmd_install ;;
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
reset) cmd_reset ;;
bootstrap) echo "$host:$port" ;;
run-class)
  shift
  [ $# -ge 1 ] || die "usage: $0 run-class CLASS [ARGS...]"
  run_class "$@"
  ;;
*)
  echo "usage: $0 {install|start|stop|status|reset|bootstrap|run-class CLASS [ARGS...]}" >&2
  exit 2
  ;;
esac
