#!/usr/bin/env bash
# A PostgreSQL and a Kafka broker of their own, for benchmarks that break them (./hybridrag bench chaos):
#
#   HR_VAR=DIR HR_PG_PORT=PORT HR_KAFKA_PORT=PORT scripts/stack.sh up|down|restart-postgres|restart-kafka
#
# The same functions as ./hybridrag up, with state in DIR instead of var/, so the local stack is never touched.
# restart-postgres stops the server in immediate mode (as a crash would: no checkpoint, recovery at start);
# restart-kafka stops the broker as an operator would (SIGTERM) and starts it again.
set -euo pipefail

HR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HR_MVNW="$HR_ROOT/mvnw"
: "${HR_VAR:?set HR_VAR to the stack folder}" "${HR_PG_PORT:?set HR_PG_PORT}" "${HR_KAFKA_PORT:?set HR_KAFKA_PORT}"

. "$HR_ROOT/scripts/common.sh"
. "$HR_ROOT/scripts/postgres.sh"
. "$HR_ROOT/scripts/kafka.sh"

pg_crash_stop() {
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$(pg_data_dir)" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
}

find_jdk
mkdir -p "$HR_VAR/log" "$HR_VAR/run"
case ${1:-} in
  up)
    pg_ensure_installed
    pg_start
    kafka_ensure_installed
    kafka_start
    ;;
  down)
    kafka_stop
    pg_stop
    ;;
  restart-postgres)
    pg_crash_stop
    pg_start
    ;;
  restart-kafka)
    kafka_stop
    kafka_start
    ;;
  kafka-user)
    # kafka-user USER PASSWORD_FILE PREFIX: a SCRAM user limited to topics, groups and transactional ids with PREFIX.
    [ $# -eq 4 ] || die "usage: scripts/stack.sh kafka-user USER PASSWORD_FILE PREFIX"
    kafka_add_user "$2" "$3" "$4"
    ;;
  *) die "usage: HR_VAR=DIR HR_PG_PORT=PORT HR_KAFKA_PORT=PORT scripts/stack.sh up|down|restart-postgres|restart-kafka|kafka-user" ;;
esac
