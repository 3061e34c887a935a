# shellcheck shell=bash
# Single-node KRaft Kafka 4.3.1 broker for the local stack, sourced by ./hybridrag.
# Clients log in with SASL/SCRAM-SHA-512 and an authorizer denies whatever no ACL allows (docs/security.md): the
# services' user `hybridrag` (a super user here) has a random password in $HR_VAR/secrets/kafka-password (0600); the
# broker's own PLAIN login (controller listener, inter-broker) is random too, in $HR_VAR/secrets/kafka-broker-password.
# Runs from Maven Central jars (there is no Kafka tarball here): scripts/kafka-broker/pom.xml
# names them and Maven copies them to $HR_VAR/kafka/lib. Broker and controller share one JVM,
# listening on 127.0.0.1:$HR_KAFKA_PORT (clients) and 127.0.0.1:$((HR_KAFKA_PORT + 1)) (controller).
# Data in $HR_VAR/kafka/data, log in $HR_VAR/log/kafka.log, JVM output in $HR_VAR/log/kafka.out.

kafka_pid_file() { echo "$HR_VAR/run/kafka.pid"; }
kafka_broker_dir() { echo "$HR_ROOT/scripts/kafka-broker"; }

kafka_ensure_installed() {
  local lib="$HR_VAR/kafka/lib" pom want
  pom="$(kafka_broker_dir)/pom.xml"
  want=$(sha256sum "$pom" | cut -d' ' -f1)
  # The stamp says which pom the jars came from, so editing the pom re-resolves them.
  [ "$(cat "$lib/.pom.sha256" 2>/dev/null)" = "$want" ] && return 0
  say "installing the Kafka 4.3.1 broker jars from Maven Central"
  mkdir -p "$HR_VAR/kafka" "$HR_VAR/log"
  rm -rf "$lib.tmp"
  JAVA_HOME=$(dirname "$(dirname "$HR_JAVA")") "$HR_MVNW" -q -B -f "$pom" \
      dependency:copy-dependencies -DoutputDirectory="$lib.tmp" >"$HR_VAR/log/kafka-install.log" 2>&1 \
    || { tail -20 "$HR_VAR/log/kafka-install.log" >&2; die "could not resolve the Kafka jars (log: $HR_VAR/log/kafka-install.log)"; }
  echo "$want" >"$lib.tmp/.pom.sha256"
  # Swap in whole, so an interrupted install never leaves a half-filled lib/ that looks done.
  rm -rf "$lib" && mv "$lib.tmp" "$lib"
}

kafka_is_running() { pid_alive "$(kafka_pid_file)"; }

kafka_start() {
  if ! kafka_is_running; then
    kafka_port_open "$HR_KAFKA_PORT" && die "port $HR_KAFKA_PORT is taken by something else; is another Kafka running?"
    mkdir -p "$HR_VAR/kafka/data" "$HR_VAR/log" "$HR_VAR/run"
    kafka_java_cmd
    kafka_write_config
    [ -f "$HR_VAR/kafka/data/meta.properties" ] || kafka_format_storage
    kafka_launch
  fi
  # Also for a broker already running: a data dir from before SASL gets its user on the first start after it.
  kafka_add_user hybridrag "$(kafka_password_file)"
}

kafka_password_file() { echo "$HR_VAR/secrets/kafka-password"; }

# A random password in a 0600 file, made once: echo the file's path.
kafka_secret() {
  local file="$HR_VAR/secrets/$1"
  if [ ! -s "$file" ]; then
    (umask 077 && mkdir -p "$HR_VAR/secrets")
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$file")
  fi
  chmod 600 "$file"
  echo "$file"
}

# kafka_add_user USER PASSWORD_FILE [PREFIX]: a SCRAM user (re-keyed if it exists), made as the broker's own login; with PREFIX its ACLs allow only topics, groups and transactional ids starting with it.
# Passwords are read from files by scripts/kafka-broker/KafkaUsers.java: none is ever on a command line.
kafka_add_user() {
  # The credential lives in the cluster metadata: once per user, password and ACL prefix, unless the data is new.
  local stamp="$HR_VAR/kafka/data/.user-$1" want
  want=$(cat "$2" "$(kafka_broker_dir)/KafkaUsers.java" | sha256sum | cut -d' ' -f1)-${3:-}
  [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
  kafka_java_cmd
  "${KAFKA_JAVA[@]}" "$(kafka_broker_dir)/KafkaUsers.java" \
      "$(kafka_secret kafka-broker-password)" "127.0.0.1:$HR_KAFKA_PORT" "$@" >>"$HR_VAR/log/kafka.out" 2>&1 \
    || die "could not create the Kafka user $1; see $HR_VAR/log/kafka.out"
  echo "$want" >"$stamp"
}

kafka_stop() {
  local pid i
  if kafka_is_running; then
    pid=$(cat "$(kafka_pid_file)")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do kafka_is_running || break; sleep 0.5; done
    if kafka_is_running; then
      say "Kafka did not stop within 30 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 20; i++)); do kafka_is_running || break; sleep 0.5; done
    fi
  fi
  rm -f "$(kafka_pid_file)"
}

# The java command line shared by StorageTool and the broker, in the array KAFKA_JAVA.
kafka_java_cmd() {
  local major
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$HR_JAVA")")/release" 2>/dev/null) || true
  KAFKA_JAVA=("$HR_JAVA" -Xmx512m -Xms256m --enable-native-access=ALL-UNNAMED)
  # Silences JDK 24+'s Unsafe warnings; older JDKs refuse to start with this flag.
  [ "${major:-0}" -lt 24 ] || KAFKA_JAVA+=(--sun-misc-unsafe-memory-access=allow)
  KAFKA_JAVA+=(
    -Dkafka.logs.dir="$HR_VAR/log" -Dlog4j2.configurationFile="$(kafka_broker_dir)/log4j2.yaml"
    -Dlog4j2.shutdownHookEnabled=false  # else log4j stops before Kafka's shutdown is logged
    -cp "$HR_VAR/kafka/lib/*")
}

# Rewritten on every start, so a changed port or setting takes effect.
kafka_write_config() {
  local broker
  broker=$(cat "$(kafka_secret kafka-broker-password)")
  kafka_secret kafka-password >/dev/null
  # It holds the broker's password: readable by its owner only.
  (umask 077 && cat >"$HR_VAR/kafka/server.properties" <<CONF
# Written by scripts/kafka.sh on every start; edits here are lost.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$((HR_KAFKA_PORT + 1))
listeners=SASL_PLAINTEXT://127.0.0.1:$HR_KAFKA_PORT,CONTROLLER://127.0.0.1:$((HR_KAFKA_PORT + 1))
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$HR_KAFKA_PORT,CONTROLLER://127.0.0.1:$((HR_KAFKA_PORT + 1))
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
# Clients: SCRAM users (stored in the cluster metadata). The broker itself: PLAIN, with the one user below, because the
# controller must authenticate before any SCRAM credential can be read.
listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="$broker" user_broker="$broker";
sasl.mechanism.inter.broker.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="$broker" user_broker="$broker";
sasl.mechanism.controller.protocol=PLAIN
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:broker;User:hybridrag
log.dirs=$HR_VAR/kafka/data
num.partitions=4
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=1
group.initial.rebalance.delay.ms=0
# Consumer groups (Kafka 4's protocol): a replica killed without leaving the group is noticed after 10 s instead of
# 45 s, so its partitions move to the other replicas sooner.
group.consumer.session.timeout.ms=10000
group.consumer.min.session.timeout.ms=6000
group.consumer.heartbeat.interval.ms=2000
group.consumer.min.heartbeat.interval.ms=1000
message.max.bytes=33554432
replica.fetch.max.bytes=33554432
CONF
  )
}

# Once per data dir. --standalone makes this node the whole (dynamic) controller quorum.
kafka_format_storage() {
  local out="$HR_VAR/log/kafka.out" id
  say "formatting Kafka storage in $HR_VAR/kafka/data"
  id=$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid 2>>"$out" | tail -1) && [ -n "$id" ] \
    || die "could not generate a Kafka cluster id; see $out"
  # StorageTool prints to stdout: keep it out of the user's terminal.
  "${KAFKA_JAVA[@]}" kafka.tools.StorageTool format -t "$id" -c "$HR_VAR/kafka/server.properties" --standalone \
      >>"$out" 2>&1 || die "formatting Kafka storage failed; see $out and $HR_VAR/log/kafka.log"
}

kafka_launch() {
  local log="$HR_VAR/log/kafka.log" pidfile from
  pidfile=$(kafka_pid_file)
  from=$(stat -c %s "$log" 2>/dev/null || echo 0)
  rm -f "$pidfile"
  # setsid: own session, so the broker outlives the calling shell and its Ctrl-C. The inner bash
  # writes its own pid and execs java, so the pid file holds java's pid even if setsid forks.
  # shellcheck disable=SC2016 # $$ and $0 belong to the inner bash
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "${KAFKA_JAVA[@]}" kafka.Kafka "$HR_VAR/kafka/server.properties" \
    </dev/null >>"$HR_VAR/log/kafka.out" 2>&1 &
  disown 2>/dev/null || true
  kafka_wait_ready "$from"
}

# Ready means the broker logged that it started (only lines after $1 bytes of the log count)
# and the client port accepts connections. Up to 60 s.
kafka_wait_ready() {
  local from=$1 log="$HR_VAR/log/kafka.log" i
  for ((i = 0; i < 120; i++)); do
    sleep 0.5
    if kafka_logged_since "$from" 'Kafka Server started' && kafka_port_open "$HR_KAFKA_PORT"; then return 0; fi
    # Give the pid file a moment to appear before calling an absent broker dead.
    if ((i > 4)) && ! kafka_is_running; then
      rm -f "$(kafka_pid_file)"
      kafka_first_error_since "$from" >&2
      die "Kafka exited while starting; see $log and $HR_VAR/log/kafka.out"
    fi
  done
  kafka_stop
  die "Kafka was not ready within 60 s (stopped it again); see $log"
}

# The broker log from byte $1 on. A log that rolled over since is smaller: then all of it.
kafka_log_since() {
  local from=$1 log="$HR_VAR/log/kafka.log"
  [ "$(stat -c %s "$log" 2>/dev/null || echo 0)" -ge "$from" ] || from=0
  tail -c +"$((from + 1))" "$log" 2>/dev/null
}

# Not a pipe: grep -q exits early, and under pipefail tail's SIGPIPE would turn a match into failure.
kafka_logged_since() { grep -qF "$2" < <(kafka_log_since "$1"); }

# The first ERROR of this start and the exception line after it; else the JVM's own output.
kafka_first_error_since() {
  local err
  err=$(grep -m1 -A1 ' ERROR ' < <(kafka_log_since "$1")) || true
  if [ -n "$err" ]; then echo "$err"; else tail -5 "$HR_VAR/log/kafka.out"; fi
}

kafka_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
