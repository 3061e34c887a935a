# The checks of ./hybridrag compose-test, one function per part of issue 16; helpers in scripts/compose-test.sh.

# Shared servers from this run's settings file; $1: extra lines for it (the three-broker profile).
ct_shared_up() {
  local password kafka_password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  kafka_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  (umask 077 && printf 'POSTGRES_USER=hybridrag\nPOSTGRES_PASSWORD=%s\nPOSTGRES_DB=hybridrag\nKAFKA_ADMIN_PASSWORD=%s\n%s' \
    "$password" "$kafka_password" "${1:-}" >"$CT_DIR/shared.env")
  ct_remember hybridrag-shared
  ct_up_with up-shared ct_shared
}

# Past one broker: three KRaft brokers, topics with RF 3 and min.insync.replicas 2, one broker killed while a
# deployment ingests; its tenant must end equal to a clean ingest of the same files, nothing dead-lettered.
ct_three_brokers() {
  ct_say "past one broker: three KRaft brokers"
  local voters="1@hybridrag-shared-kafka:9093,2@hybridrag-shared-kafka-2:9093,3@hybridrag-shared-kafka-3:9093" i
  ct_check "three brokers up (profile three-brokers)" ct_shared_up "$(printf 'COMPOSE_PROFILES=three-brokers\nKAFKA_VOTERS=%s\nKAFKA_REPLICATION_FACTOR=3\nKAFKA_MIN_INSYNC_REPLICAS=2\n' "$voters")"
  ct_new clean_ws --shared --workspace --query-port "$CT_PORT"
  ct_new chaos_ws --shared --workspace --query-port "$((CT_PORT + 1))"
  for i in 1 2 3 4 5 6; do
    ct_history "$CT_DIR/projects-clean_ws/proj/.specstory/history/part-$i.md" "billing $i" "ledger$i"
  done
  ct_check "clean deployment ingests 6 files" ct_up_and_settle clean_ws 6
  ct_check "topics have replication factor 3, min.insync.replicas 2" ct_topics_replicated hybridrag.chaos_ws
  cp -r "$CT_DIR/projects-clean_ws/proj" "$CT_DIR/projects-chaos_ws/"
  ct_dep chaos_ws up -d >"$CT_DIR/logs/up-chaos_ws.log" 2>&1
  ct_check "broker 3 killed while chaos_ws ingests" ct_kill_broker_mid_ingest chaos_ws
  ct_check "chaos_ws settles with 6 processed documents" ct_settled chaos_ws 6 600
  ct_check "tenant diff chaos_ws clean_ws: equal" ct_dep chaos_ws exec -T app hybridrag tenant diff chaos_ws clean_ws
  ct_check "nothing dead-lettered" ct_no_dead_letters chaos_ws
  ct_down
  mkdir -p "$CT_DIR/logs" "$CT_DIR/deployments"
}

ct_topics_replicated() {
  local describe
  describe=$("$HR_ROOT/compose/shared/kafka-admin" kafka-topics --describe --topic "hybridrag.clean_ws.files" 2>&1)
  grep -q 'ReplicationFactor: 3' <<<"$describe" && grep -q 'min.insync.replicas=2' <<<"$describe" \
    || { echo "$describe" | head -3; return 1; }
}

# Waits until the watcher has published and the extractor is at work, then kills a broker.
ct_kill_broker_mid_ingest() {
  local deadline=$((SECONDS + 600))
  until ct_dep "$1" ps --status running query-service | grep -q query-service; do
    [ $SECONDS -lt $deadline ] || { echo "$1 did not start"; return 1; }
    sleep 2
  done
  sleep 5
  docker kill hybridrag-shared-kafka-3 >/dev/null
}

ct_up_and_settle() { ct_up "$1" && ct_settled "$1" "$2" 600; }

# ct_settled NAME COUNT SECONDS: the tenant has COUNT processed documents and nothing pending.
ct_settled() {
  local deadline=$((SECONDS + $3)) status
  while [ $SECONDS -lt $deadline ]; do
    status=$(ct_dep "$1" exec -T app hybridrag status 2>&1) || true
    if grep -Eq "processed +$2\b" <<<"$status" && ! grep -q "settling" <<<"$status"; then
      return 0
    fi
    sleep 5
  done
  echo "$status" | tail -5
  return 1
}

ct_no_dead_letters() {
  local out
  out=$(ct_dep "$1" exec -T app hybridrag dlq list 2>&1) || { echo "$out"; return 1; }
  grep -q "no dead letters" <<<"$out" || { echo "$out" | head -3; return 1; }
}

# Isolated pattern: two deployments with servers of their own.
ct_isolated() {
  ct_say "isolated: two deployments, each with its own PostgreSQL and Kafka"
  local name port=$((CT_PORT + 5))
  for name in iso_one iso_two; do
    ct_new "$name" --isolated --query-port "$port"
    port=$((port + 1))
    ct_history "$CT_DIR/projects-$name/proj/.specstory/history/$name-notes.md" "inventory" "${name/_/}stock"
    ct_check "$name up" ct_up "$name"
  done
  for name in iso_one iso_two; do
    ct_check "$name answers from its own file" ct_answers "$name" "$name-notes.md" 300
    ct_check "$name: PostgreSQL and Kafka publish no port" \
      ct_all ct_no_published_port "hybridrag-$name-postgres" "hybridrag-$name-kafka"
    ct_check "$name: query-service on 127.0.0.1 only" ct_loopback_only "hybridrag-$name-query"
  done
  ct_check "container and network names unique per deployment" ct_unique_names
  ct_check "iso_one: docker compose down -v removes its data" ct_down_volumes iso_one
  ct_check "iso_two untouched, still answers" ct_answers iso_two iso_two-notes.md 120
}

ct_all() {
  local check=$1 arg
  shift
  for arg in "$@"; do "$check" "$arg" || return 1; done
}

ct_loopback_only() {
  local ports
  ports=$(docker port "$1")
  [ -n "$ports" ] && ! grep -qv '127.0.0.1:' <<<"$ports" || { echo "$ports"; return 1; }
}

ct_unique_names() {
  docker network inspect hybridrag-iso_one-network hybridrag-iso_two-network >/dev/null \
    && [ "$(docker ps --format '{{.Names}}' --filter name=hybridrag-iso_ | sort | uniq -d)" = "" ]
}

ct_down_volumes() {
  ct_dep "$1" down -v >/dev/null 2>&1
  [ -z "$(docker volume ls -q --filter "name=hybridrag-$1-")" ] && [ -z "$(docker ps -aq --filter "name=hybridrag-$1-")" ]
}

# Shared pattern: one PostgreSQL and one Kafka, three deployments made with new-deployment.
ct_shared_pattern() {
  ct_say "shared: one PostgreSQL, one Kafka, Prometheus, three deployments"
  local name port=$CT_PORT
  ct_check "shared PostgreSQL, Kafka and Prometheus up" \
    ct_shared_up "$(printf 'COMPOSE_PROFILES=prometheus\nPROMETHEUS_PORT=%s\n' "$CT_PROMETHEUS_PORT")"
  ct_check "PostgreSQL and Kafka publish no port" \
    ct_all ct_no_published_port hybridrag-shared-postgres hybridrag-shared-kafka
  ct_new azure_specstory --shared --query-port "$port"
  ct_new team_a --shared --query-port "$((port + 1))"
  ct_new personal_notes --shared --workspace --query-port "$((port + 2))"
  for name in azure_specstory team_a personal_notes; do
    ct_check "$name up (new-deployment, docker compose up -d)" ct_up "$name"
  done
  ct_user_story_commands team_a
  for name in azure_specstory team_a personal_notes; do
    ct_history "$CT_DIR/projects-$name/proj/.specstory/history/$name-design.md" "search" "${name//_/}design"
  done
  for name in azure_specstory team_a personal_notes; do
    ct_check "$name answers from the file dropped into its folder" ct_answers "$name" "$name-design.md" 300
  done
  ct_check "no deployment answers from another's file" ct_isolated_answers azure_specstory team_a personal_notes
  ct_check "Prometheus: every service of every deployment up, hybridrag_ series from each" \
    ct_prometheus_scrapes azure_specstory team_a personal_notes
  ct_check "Prometheus: every query of the Grafana dashboard answers" ct_dashboard_answers
  [ ! -s "$CT_DIR/dashboard-data" ] || ct_say "$(cat "$CT_DIR/dashboard-data")"
  ct_check "personal_notes stopped (docker compose down)" ct_dep personal_notes down
  ct_check "the others still answer" \
    ct_all_answer "azure_specstory:azure_specstory-design.md" "team_a:team_a-design.md"
  ct_check "shared PostgreSQL restarted" docker restart hybridrag-shared-postgres
  ct_check "every deployment recovers without losing a document" ct_recovered
  ct_dep personal_notes up -d >/dev/null 2>&1
}

# ct_prometheus_scrapes NAME...: within 3 minutes (service discovery and scrapes every 15 s), the shared pattern's
# Prometheus has each deployment's four services as targets, all up, and hybridrag_ series from each deployment.
ct_prometheus_scrapes() {
  local deadline=$((SECONDS + 180)) missing
  until missing=$(ct_prometheus_missing "$@"); do
    [ $SECONDS -lt $deadline ] || { echo "$missing"; return 1; }
    sleep 5
  done
}

# Prints what is missing and fails, or prints nothing.
ct_prometheus_missing() {
  local targets series name service missing=""
  targets=$(ct_prom targets | jq -r '.data.activeTargets[] | "\(.labels.deployment) \(.labels.service) \(.health)"') \
    || { echo "Prometheus did not answer"; return 1; }
  series=$(ct_prom query --data-urlencode 'query=count by (deployment) ({__name__=~"hybridrag_.+"})' \
    | jq -r '.data.result[].metric.deployment')
  for name in "$@"; do
    for service in ingest-watcher extractor-worker indexer-worker query-service; do
      grep -qx "hybridrag-$name $service up" <<<"$targets" || missing+="$name $service not up; "
    done
    ! grep "^hybridrag-$name " <<<"$targets" | grep -qv ' up$' || missing+="$name has a target down; "
    grep -qx "hybridrag-$name" <<<"$series" || missing+="no hybridrag_ series from $name; "
  done
  [ -z "$missing" ] || { echo "$missing"; return 1; }
}

# ct_prom API-PATH CURL-ARGS...: GET of the shared pattern's Prometheus API, as its user would from this host.
ct_prom() {
  local path=$1
  shift
  curl -sf --max-time 20 -G "http://127.0.0.1:$CT_PROMETHEUS_PORT/api/v1/$path" "$@"
}

# Every query of compose/grafana/hybridrag.json (the tenant variable as its "All") succeeds against the Prometheus
# it was made for, and the documents panel has data.
ct_dashboard_answers() {
  local expr answer failed="" with_data=0 total=0
  while IFS= read -r expr; do
    total=$((total + 1))
    answer=$(ct_prom query --data-urlencode "query=${expr//\$tenant/.*}") \
      && [ "$(jq -r .status <<<"$answer")" = success ] || { failed+="$expr; "; continue; }
    [ "$(jq '.data.result | length' <<<"$answer")" = 0 ] || with_data=$((with_data + 1))
  done < <(jq -r '.panels[].targets[]?.expr' "$HR_ROOT/compose/grafana/hybridrag.json")
  echo "$with_data of $total dashboard queries have data" | tee "$CT_DIR/dashboard-data"
  [ -z "$failed" ] || { echo "failed: $failed"; return 1; }
  [ "$(ct_prom query --data-urlencode 'query=hybridrag_documents' | jq '.data.result | length')" != 0 ] \
    || { echo "no hybridrag_documents series"; return 1; }
}

ct_isolated_answers() {
  local name other
  for name in "$@"; do
    for other in "$@"; do
      [ "$name" = "$other" ] || ct_not_answers "$name" "$other-design.md" || return 1
    done
  done
}

# ct_all_answer NAME:FILE...
ct_all_answer() {
  local pair
  for pair in "$@"; do ct_answers "${pair%%:*}" "${pair#*:}" 120 || return 1; done
}

# After the restart: old files still cited, and a new file goes all the way through.
ct_recovered() {
  ct_history "$CT_DIR/projects-team_a/proj/.specstory/history/team_a-after.md" "audit" "teamaafter"
  ct_all_answer "azure_specstory:azure_specstory-design.md" "team_a:team_a-design.md" \
    "team_a:team_a-after.md" "team_a:team_a-story.md"
}

# The user stories' command lines, exactly, in the deployment's app container.
ct_user_story_commands() {
  local name=$1
  ct_history "$CT_DIR/projects-$name/proj/.specstory/.history/$name-story.md" "reporting" "${name//_/}story"
  ct_check "$name: backend init --backend postgres" ct_dep "$name" exec -T app hybridrag backend init --backend postgres
  ct_check "$name: ingest --path /data/projects --recursive --pattern ... --backend postgres" \
    ct_dep "$name" exec -T app hybridrag ingest --path /data/projects --recursive \
    --pattern "**/.specstory/.history/*.md" --backend postgres
  ct_check "$name: query --text \"...\" --mode hybrid cites the ingested file" ct_grep "$name-story.md" \
    ct_dep "$name" exec -T app hybridrag query --text "What does ${name}-story store?" --mode hybrid
  ct_check "$name: status" ct_grep "processed" ct_dep "$name" exec -T app hybridrag status
  ct_check "$name: interactive" ct_grep "$name-story.md" \
    ct_dep "$name" exec -T app sh -c "echo 'What does ${name}-story store?' | hybridrag interactive"
  ct_check "$name: --backend sqlite refused with one line" ct_refused "--backend" \
    ct_dep "$name" exec -T app hybridrag backend init --backend sqlite
}

# ct_grep PATTERN COMMAND...: the command succeeds and prints PATTERN.
ct_grep() {
  local pattern=$1 out
  shift
  out=$("$@" 2>&1) || { echo "$out"; return 1; }
  grep -q -- "$pattern" <<<"$out" || { echo "$out" | tail -5; return 1; }
}

# ct_refused PATTERN COMMAND...: the command fails, and its error names PATTERN.
ct_refused() {
  local pattern=$1 out
  shift
  if out=$("$@" 2>&1); then echo "accepted: $out"; return 1; fi
  grep -q -- "$pattern" <<<"$out" || { echo "$out" | tail -3; return 1; }
}

# Isolated -> shared: iso_two's tenant backed up, restored into a shared deployment, answering the same file.
ct_migration() {
  ct_say "migration: isolated iso_two into the shared PostgreSQL"
  ct_check "tenant backup in the isolated deployment" ct_backup iso_two "$CT_DIR/iso_two.zip"
  # `down` as the user would, keeping the data; a PostgreSQL 18 image's anonymous volume outlives it, noted for ct_down.
  docker inspect -f '{{range .Mounts}}{{if eq .Type "volume"}}{{println .Name}}{{end}}{{end}}' hybridrag-iso_two-postgres \
    2>/dev/null | grep -v '^hybridrag-' | grep . >>"$CT_DIR/anonymous-volumes" || true
  ct_dep iso_two down >/dev/null 2>&1
  docker inspect hybridrag-shared-postgres >/dev/null 2>&1 || ct_shared_up ""
  ct_new iso_two_shared --shared --query-port "$((CT_PORT + 7))"
  # The moved deployment keeps its tenant id and its folder (a watcher finding the files gone would delete the
  # restored documents): only its servers change.
  sed -i "s/^LIGHTRAG_WORKSPACE=.*/LIGHTRAG_WORKSPACE=iso_two/; s/^POSTGRES_DB=.*/POSTGRES_DB=iso_two/;
    s#^HOST_PROJECTS_PATH=.*#HOST_PROJECTS_PATH=$CT_DIR/projects-iso_two#" "$CT_DIR/deployments/iso_two_shared/.env"
  # Its role must own the database it now names (docs/deployment.md, "Moving a tenant").
  "$HR_ROOT/compose/deployment-credentials" "$CT_DIR/deployments/iso_two_shared" --shared-env "$CT_DIR/shared.env" \
    >>"$CT_DIR/logs/credentials.log" 2>&1
  ct_check "tenant restore into the shared PostgreSQL" ct_restore iso_two_shared "$CT_DIR/iso_two.zip"
  ct_check "the moved tenant answers from the shared PostgreSQL" ct_answers_as iso_two_shared iso_two iso_two-notes.md
  docker volume ls -q --filter name=hybridrag-iso_two- | xargs -r docker volume rm >/dev/null
}

ct_backup() {
  ct_dep "$1" exec -T app hybridrag tenant backup "$1" /tmp/backup.zip \
    && ct_dep "$1" exec -T app cat /tmp/backup.zip >"$2" && [ -s "$2" ]
}

ct_restore() {
  ct_dep "$1" run --rm -T init >/dev/null 2>&1 || return 1
  ct_dep "$1" run --rm -T -v "$2:/tmp/backup.zip:ro" --entrypoint hybridrag init tenant restore iso_two /tmp/backup.zip \
    && ct_up "$1"
}

# ct_answers_as FOLDER TENANT FILE: the deployment in FOLDER (tenant TENANT) cites FILE.
ct_answers_as() {
  local port deadline=$((SECONDS + 120))
  port=$(ct_query_port "$1")
  while [ $SECONDS -lt $deadline ]; do
    curl -sf --max-time 60 -X POST "http://127.0.0.1:$port/v1/tenants/$2/query" -H 'Content-Type: application/json' \
      -d "{\"query\":\"What does ${3%.md} store?\",\"mode\":\"naive\",\"only_need_context\":true}" | grep -q "$3" && return 0
    sleep 3
  done
  return 1
}

# Bad input: missing POSTGRES_PASSWORD, unknown isolation mode, a database that does not exist.
ct_bad_input() {
  ct_say "bad input"
  local dir="$CT_DIR/deployments/team_a"
  cp -p "$dir/.env" "$CT_DIR/team_a.env"
  sed -i '/^POSTGRES_PASSWORD=/d' "$dir/.env"
  ct_check ".env without POSTGRES_PASSWORD: docker compose up names it" ct_refused POSTGRES_PASSWORD \
    ct_dep team_a up -d
  cp "$CT_DIR/team_a.env" "$dir/.env"
  sed -i 's/^HYBRIDRAG_ISOLATION=.*/HYBRIDRAG_ISOLATION=schema/' "$dir/.env"
  ct_check "unknown isolation mode: the service start names HYBRIDRAG_ISOLATION" ct_refused HYBRIDRAG_ISOLATION \
    ct_dep team_a run --rm -T init
  cp "$CT_DIR/team_a.env" "$dir/.env"
  sed -i 's/^POSTGRES_DB=.*/POSTGRES_DB=no_such_db/' "$dir/.env"
  ct_check "missing database: says to run backend init" ct_refused "backend init" \
    ct_dep team_a run --rm -T --no-deps --entrypoint hybridrag app ingest --path /data/projects --wait-minutes 0
  cp "$CT_DIR/team_a.env" "$dir/.env"
}
