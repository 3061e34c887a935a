# shellcheck shell=bash
# Shared helpers for ./hybridrag, sourced.

say() { printf 'hybridrag: %s\n' "$*"; }
die() { printf 'hybridrag: error: %s\n' "$*" >&2; exit 1; }

apt_update_once() {
  if [ -z "${HR_APT_UPDATED:-}" ]; then
    [ "$(id -u)" = 0 ] || die "installing packages needs root (run as root, or install them yourself)"
    apt-get update -q >/dev/null || die "apt-get update failed"
    HR_APT_UPDATED=1
  fi
}

# Major version of the JDK at $1 (a JDK home), or empty.
jdk_major() {
  local release="$1/release" version
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  fi
  echo "$version"
}

# JAVA_HOME if it is a JDK >= 21, else the newest such JDK in the system's JVM directory.
find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(jdk_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      HR_JAVA_HOME=$JAVA_HOME
      HR_JAVA="$HR_JAVA_HOME/bin/java"
      return 0
    fi
    say "JAVA_HOME=$JAVA_HOME is not a JDK 21 or newer; looking in /usr/lib/jvm"
  fi
  for candidate in "${HR_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -d "$candidate" ] && [ ! -L "$candidate" ] || continue
    major=$(jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate
      best_major=$major
    fi
  done
  [ -n "$best" ] || die "no JDK 21 or newer found (JAVA_HOME is unset or older, and /usr/lib/jvm has none). Install one, e.g. Temurin 25, and set JAVA_HOME."
  HR_JAVA_HOME=$best
  HR_JAVA="$HR_JAVA_HOME/bin/java"
}

# JVM flags that silence JDK 24+ warnings from Kafka, RocksDB and onnxruntime; older JDKs reject the second.
jvm_quiet_flags() {
  local major
  major=$(jdk_major "$HR_JAVA_HOME")
  if [ "$major" -ge 24 ]; then
    echo "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  else
    echo "--enable-native-access=ALL-UNNAMED"
  fi
}

# What the command line of the process in pid file $1 contains when it is the one this script started.
pid_signature() {
  local name
  name=$(basename "$1" .pid)
  case $name in
    postgres) echo "-D $HR_VAR/postgres/data" ;;
    kafka) echo "kafka.Kafka" ;;
    prometheus) echo "prometheus --config.file=$HR_VAR/prometheus/" ;;
    # a service or replica (extractor-2): java ... -jar var/lib/hybridrag-N.jar run extractor
    *) echo ".jar run ${name%-[0-9]*} " ;;
  esac
}

# Whether the process in pid file $1 runs and is ours. Pid files outlive a reboot and pids are reused, so a live pid
# alone could be an unrelated process: its /proc/PID/cmdline must show what we started.
pid_alive() {
  local pid cmdline
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ "$cmdline" == *"$(pid_signature "$1")"* ]]
}

# Stops the process in pid file $1, if it is ours: TERM, up to $2 seconds, then KILL.
stop_pid() {
  local file=$1 wait=${2:-20} pid i
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if pid_alive "$file"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < wait * 5; i++)); do
      pid_alive "$file" || break
      sleep 0.2
    done
    if pid_alive "$file"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}
