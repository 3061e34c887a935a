# compose-test's walls between the shared pattern's deployments (issue 19, docs/security.md "Compose"): each has its
# own PostgreSQL role and Kafka user, and one's credentials open nothing of another's. Runs after ct_shared_pattern,
# on its deployments azure_specstory and team_a (database mode) and personal_notes (workspace mode).

ct_walls() {
  ct_say "walls: each shared deployment logs in as itself"
  ct_check "every deployment's .env: 0600, its own logins, no administrator's password" \
    ct_all ct_own_env azure_specstory team_a personal_notes
  ct_check "team_a's role: no superuser, no BYPASSRLS, owns only its database" ct_plain_role team_a team_a
  ct_check "personal_notes' role (workspace): no superuser, no BYPASSRLS, owns nothing" ct_plain_role personal_notes ""
  ct_check "team_a's PostgreSQL credentials open team_a's database" ct_pg_as team_a team_a
  ct_check "team_a's PostgreSQL credentials cannot connect to azure_specstory's database" \
    ct_refused "permission denied for database" ct_pg_as team_a azure_specstory
  ct_check "a second new-deployment team_a is refused: the shared Kafka has a user team_a" ct_refused "already has a user" \
    "$HR_ROOT/compose/new-deployment" team_a --dir "$CT_DIR/team_a-again" --shared-env "$CT_DIR/shared.env"
  ct_check "deployment-credentials with another shared .env is refused, team_a's logins untouched" ct_foreign_shared_env
  ct_check "team_a's Kafka user lists its own topics and no other's" ct_kafka_lists_own team_a
  ct_check "team_a's Kafka user cannot read azure_specstory's topic" ct_kafka_denied \
    ct_kafka_as team_a org.apache.kafka.tools.consumer.ConsoleConsumer --topic hybridrag.azure_specstory.files \
    --group hybridrag.team_a-probe --from-beginning --max-messages 1 --timeout-ms 20000
  ct_check "team_a's Kafka user cannot write azure_specstory's topic" ct_kafka_denied \
    ct_kafka_write_as team_a hybridrag.azure_specstory.files
  ct_check "a Kafka client without credentials cannot list topics" ct_refused "" \
    ct_kafka_as "" org.apache.kafka.tools.TopicCommand --list
}

ct_env_value() { sed -n "s/^$2=//p" "$CT_DIR/deployments/$1/.env" | tail -1; }

ct_own_env() {
  local env="$CT_DIR/deployments/$1/.env" secret
  [ "$(stat -c %a "$env")" = 600 ] || { echo "$env is $(stat -c %a "$env")"; return 1; }
  [ "$(ct_env_value "$1" POSTGRES_USER)" = "$1" ] && [ "$(ct_env_value "$1" KAFKA_SASL_USERNAME)" = "$1" ] \
    || { echo "$1 logs in as $(ct_env_value "$1" POSTGRES_USER) / $(ct_env_value "$1" KAFKA_SASL_USERNAME)"; return 1; }
  while IFS= read -r secret; do
    ! grep -qF -- "$secret" "$env" || { echo "$env holds an administrator's password"; return 1; }
  done < <(sed -n 's/^\(POSTGRES\|KAFKA_ADMIN\)_PASSWORD=//p' "$CT_DIR/shared.env")
}

# ct_admin_sql SQL: one value, as the shared server's administrator (inside its container, on the local socket).
ct_admin_sql() { docker exec -i hybridrag-shared-postgres psql -U hybridrag -d postgres -Atq -v ON_ERROR_STOP=1 -c "$1"; }

# ct_plain_role ROLE OWNED: the role may not bypass anything, and the databases it owns are exactly OWNED.
ct_plain_role() {
  local flags owned
  flags=$(ct_admin_sql "SELECT rolsuper OR rolbypassrls OR rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname = '$1'")
  owned=$(ct_admin_sql "SELECT coalesce(string_agg(datname, ','), '') FROM pg_database WHERE datdba = '$1'::regrole")
  [ "$flags" = f ] && [ "$owned" = "$2" ] || { echo "role $1: privileged '$flags', owns '$owned'"; return 1; }
}

# ct_pg_as DEPLOYMENT DATABASE: psql over TCP with the deployment's credentials; the password goes on stdin.
ct_pg_as() {
  ct_env_value "$1" POSTGRES_PASSWORD | docker exec -i hybridrag-shared-postgres bash -c \
    'IFS= read -r PGPASSWORD; export PGPASSWORD; psql -h 127.0.0.1 -U "$1" -d "$2" -Atq -c "SELECT current_user"' \
    psql "$1" "$2"
}

# ct_kafka_as DEPLOYMENT CLASS ARGS...: a Kafka tool inside the shared broker, logged in as the deployment's user
# (none: no SASL at all); its password goes on stdin.
ct_kafka_as() {
  local user=$1 password=""
  shift
  [ -z "$user" ] || password=$(ct_env_value "$user" KAFKA_SASL_PASSWORD)
  # shellcheck disable=SC2016
  printf '%s\n' "$password" ${CT_KAFKA_INPUT:+"$CT_KAFKA_INPUT"} | docker exec -i hybridrag-shared-kafka bash -c '
    set -eu
    umask 077
    dir=$(mktemp -d)
    trap "rm -rf \"$dir\"" EXIT
    IFS= read -r password
    printf "request.timeout.ms=5000\ndefault.api.timeout.ms=15000\n" >"$dir/client.properties"
    [ -z "$1" ] || printf "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";\n" \
      "$1" "$password" >>"$dir/client.properties"
    KAFKA_HEAP_OPTS=-Xmx256m timeout 60 /opt/kafka/bin/kafka-run-class.sh "$2" --bootstrap-server localhost:9092 \
      --command-config "$dir/client.properties" "${@:3}"' kafka "$user" "$@"
}

ct_kafka_lists_own() {
  local topics
  topics=$(ct_kafka_as "$1" org.apache.kafka.tools.TopicCommand --list) || { echo "$topics"; return 1; }
  # Topic names only: the local Kafka image's tools log to stdout too.
  topics=$(grep -E '^[A-Za-z0-9._-]+$' <<<"$topics" || true)
  grep -qx "hybridrag.$1.files" <<<"$topics" && ! grep -v "^hybridrag\.$1[.-]" <<<"$topics" | grep -q . \
    || { echo "listed: $(tr '\n' ' ' <<<"$topics")"; return 1; }
}

# ct_kafka_denied COMMAND...: the Kafka tool was refused by an ACL (it may still exit 0: a producer only logs it).
ct_kafka_denied() {
  local out
  out=$("$@" 2>&1) || true
  grep -q "AuthorizationException\|Not authorized" <<<"$out" || { echo "not refused: $(tail -3 <<<"$out")"; return 1; }
}

# ct_kafka_write_as DEPLOYMENT TOPIC: one record written into TOPIC as the deployment's user.
ct_kafka_write_as() { CT_KAFKA_INPUT=forged ct_kafka_as "$1" org.apache.kafka.tools.ConsoleProducer --topic "$2"; }

# What locked team_a out of Kafka once: a folder named team_a with new passwords (a test stamping one out) given
# logins against the running shared servers with settings of its own. Refused before any login changes.
ct_foreign_shared_env() {
  local dir="$CT_DIR/team_a-foreign"
  mkdir -p "$dir"
  (umask 077 && sed 's/^\(POSTGRES\|KAFKA_SASL\)_PASSWORD=.*/\1_PASSWORD=another-one/' \
    "$CT_DIR/deployments/team_a/.env" >"$dir/.env" \
    && printf 'POSTGRES_USER=hybridrag\nPOSTGRES_PASSWORD=admin-secret\nKAFKA_ADMIN_PASSWORD=broker-secret\n' >"$dir/shared.env")
  ct_refused "not the running shared servers' settings" \
    "$HR_ROOT/compose/deployment-credentials" "$dir" --shared-env "$dir/shared.env" || return 1
  ct_pg_as team_a team_a >/dev/null && ct_kafka_lists_own team_a
}
