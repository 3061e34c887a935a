# shellcheck shell=bash
# Prometheus from Debian: promtool checks every metrics endpoint in the tests (MetricsEndpointIT), and
# `./hybridrag up --prometheus` runs a prometheus scraping every service of the stack (docs/metrics.md).
#
# Metrics ports of the processes `up` starts (query-service serves /metrics on its own port): the watcher on
# HR_METRICS_PORT (9464), indexer replica N on HR_METRICS_PORT+N, extractor replica N on HR_METRICS_PORT+16+N.
HR_METRICS_BASE=${HR_METRICS_PORT:-9464}
HR_PROMETHEUS_PORT=${HR_PROMETHEUS_PORT:-9090}

prometheus_ensure_installed() {
  if [ ! -x /usr/bin/promtool ] || [ ! -x /usr/bin/prometheus ] || ! command -v jq >/dev/null; then
    say "installing prometheus and jq from Debian (promtool checks the metrics endpoints; up --prometheus runs it)"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends prometheus \
      jq >/dev/null || die "could not install prometheus"
  fi
}

# metrics_port NAME: the metrics port of a process (watcher, indexer, extractor-2); nothing for query-service.
metrics_port() {
  local service=${1%%-*} replica
  replica=${1#"$service"}
  replica=${replica#-}
  replica=${replica:-1}
  case $service in
    watcher) echo "$HR_METRICS_BASE" ;;
    indexer) echo $((HR_METRICS_BASE + replica)) ;;
    extractor) echo $((HR_METRICS_BASE + 16 + replica)) ;;
  esac
}

# metrics_url NAME: where a process of the stack serves GET /metrics.
metrics_url() {
  local host=${HYBRIDRAG_METRICS_HOST:-127.0.0.1}
  [ "$host" != 0.0.0.0 ] || host=127.0.0.1
  if [ "${1%%-*}" = query ]; then
    echo "http://127.0.0.1:$HR_QUERY_PORT/metrics"
  else
    echo "http://$host:$(metrics_port "$1")/metrics"
  fi
}

prometheus_dir() { echo "$HR_VAR/prometheus"; }

# The running services and replicas as Prometheus file_sd targets; prometheus rereads the file when it changes,
# so `scale` only rewrites it.
prometheus_write_targets() {
  local dir service pidfile name url first=yes
  dir=$(prometheus_dir)
  mkdir -p "$dir"
  {
    echo "["
    for service in "${HR_SERVICES[@]}"; do
      for pidfile in $(replica_pid_files "$service"); do
        pid_alive "$pidfile" || continue
        name=$(basename "$pidfile" .pid)
        url=$(metrics_url "$name")
        url=${url#http://}
        [ -n "$first" ] || echo ","
        first=""
        printf '  {"targets": ["%s"], "labels": {"service": "%s", "process": "%s"}}' "${url%%/*}" "$service" "$name"
      done
    done
    echo
    echo "]"
  } >"$dir/targets.json.new"
  mv "$dir/targets.json.new" "$dir/targets.json"
}

# Debian's package starts a system-wide prometheus on 9090 where systemd runs: ours would not get the port, and its
# readiness check would be answered by the other one. `up --prometheus` checks before it starts anything.
prometheus_require_free_port() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$HR_PROMETHEUS_PORT") 2>/dev/null; then
    die "127.0.0.1:$HR_PROMETHEUS_PORT is taken (Debian's own prometheus service?); set HR_PROMETHEUS_PORT to a free port"
  fi
}

# Starts prometheus on 127.0.0.1:HR_PROMETHEUS_PORT with its data under var/prometheus, scraping every 5 s.
prometheus_start() {
  local dir pidfile="$HR_VAR/run/prometheus.pid" i
  dir=$(prometheus_dir)
  prometheus_ensure_installed
  prometheus_write_targets
  cat >"$dir/prometheus.yml" <<YAML
# Written by ./hybridrag up --prometheus; the targets come from targets.json (rewritten by up and scale).
global:
  scrape_interval: ${HR_PROMETHEUS_INTERVAL:-5s}
  scrape_timeout: 4s
scrape_configs:
  - job_name: hybridrag
    metrics_path: /metrics
    file_sd_configs:
      - files: ['$dir/targets.json']
        refresh_interval: 5s
YAML
  promtool check config "$dir/prometheus.yml" >/dev/null || die "the generated $dir/prometheus.yml is invalid"
  pid_alive "$pidfile" && return 0
  prometheus_require_free_port
  setsid nohup /usr/bin/prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --web.listen-address="127.0.0.1:$HR_PROMETHEUS_PORT" --storage.tsdb.retention.time=2d \
    >>"$HR_VAR/log/prometheus.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  for ((i = 0; i < 60; i++)); do
    if curl -sf "http://127.0.0.1:$HR_PROMETHEUS_PORT/-/ready" >/dev/null 2>&1; then
      return 0
    fi
    pid_alive "$pidfile" || { tail -5 "$HR_VAR/log/prometheus.log" >&2; die "prometheus exited; see var/log/prometheus.log"; }
    sleep 0.5
  done
  die "prometheus did not get ready within 30 s; see var/log/prometheus.log"
}

# Prints each target Prometheus scrapes with its health, and fails unless every one is up.
prometheus_targets_up() {
  local targets
  targets=$(curl -sf "http://127.0.0.1:$HR_PROMETHEUS_PORT/api/v1/targets?state=active") \
    || die "prometheus does not answer on 127.0.0.1:$HR_PROMETHEUS_PORT"
  printf '%s' "$targets" | jq -r '.data.activeTargets[] | "  \(.labels.process)\t\(.scrapeUrl)\t\(.health)\t\(.lastError)"'
  printf '%s' "$targets" | jq -e '(.data.activeTargets | length > 0) and all(.data.activeTargets[]; .health == "up")' >/dev/null
}
