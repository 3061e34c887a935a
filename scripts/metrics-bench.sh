# shellcheck shell=bash
# ./hybridrag bench metrics: the stack with Prometheus (up --prometheus, two extractors), part of the corpus ingested,
# then through Prometheus' HTTP API: every target up, the issue's series present with plausible values, every query
# of the Grafana dashboard answered; /metrics against `status`; promtool on every endpoint; the cost of a scrape.
# Results in docs/benchmarks/metrics.md. HR_METRICS_FILES (12): corpus files ingested, the smallest first;
# HR_METRICS_KEEP=1 leaves the stack up afterwards (to try ./hybridrag monitor on it).

METRICS_SERIES=(hybridrag_documents hybridrag_files_published_total hybridrag_files_refused_total
  hybridrag_dead_letters_total hybridrag_graph_keys_dirty hybridrag_stage_seconds_bucket
  hybridrag_llm_calls_total hybridrag_llm_tokens_total hybridrag_llm_spend_usd hybridrag_llm_budget_usd
  hybridrag_query_seconds_bucket hybridrag_http_requests_total kafka_consumer_fetch_manager_records_lag_max
  hikaricp_connections resilience4j_circuitbreaker_state resilience4j_bulkhead_available_concurrent_calls
  jvm_memory_used_bytes process_cpu_usage system_cpu_usage)

prom_query() {
  curl -sf --get "http://127.0.0.1:$HR_PROMETHEUS_PORT/api/v1/query" --data-urlencode "query=$1"
}

# CPU ticks (user + system) of the process in pid file $1.
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$(cat "$1")/stat"
}

bench_metrics() {
  local corpus=${HR_CORPUS:-$HR_ROOT/../shared/corpus/specstory-minsky} files=${HR_METRICS_FILES:-12}
  [ -d "$corpus" ] || die "no corpus at $corpus (set HR_CORPUS)"
  pid_alive "$HR_VAR/run/query.pid" && die "the stack is running; ./hybridrag down first (the benchmark starts its own)"
  local work="$HR_VAR/bench-metrics" out="$HR_ROOT/docs/benchmarks/metrics.md" start=$SECONDS
  rm -rf "$work" && mkdir -p "$work/inbox"
  export HYBRIDRAG_WATCH_ROOT="$work/inbox" HYBRIDRAG_LLM_DAILY_BUDGET_USD=${HYBRIDRAG_LLM_DAILY_BUDGET_USD:-5}
  unset HYBRIDRAG_TENANTS_FILE HOST_PROJECTS_PATH
  [ "${HR_METRICS_KEEP:-}" = 1 ] || trap 'cmd_down >/dev/null 2>&1' EXIT
  cmd_up --prometheus --extractors 2 >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; die "up --prometheus failed"; }
  say "stack up with Prometheus on 127.0.0.1:$HR_PROMETHEUS_PORT; ingesting the $files smallest corpus files"
  local file
  # shellcheck disable=SC2012
  for file in $(ls -Sr "$corpus"/*.md | head -"$files"); do
    cp "$file" "$work/inbox/.tmp" && mv "$work/inbox/.tmp" "$work/inbox/$(basename "$file")"
  done
  # Refused files are part of what the metrics report: one binary file with a markdown name.
  head -c 4096 /dev/urandom >"$work/inbox/not-text.md"
  # Done when every dropped file has its final status (processed, failed or refused) and nothing waits.
  local waited status pending settled
  for ((waited = 0; waited < ${HR_METRICS_WAIT:-900}; waited += 5)); do
    sleep 5
    status=$(run_jar_captured status)
    pending=$(awk '$1 == "pending" || $1 == "processing" {n += $2} END {print n + 0}' <<<"$status")
    settled=$(awk '$1 == "processed" || $1 == "failed" || $1 == "refused" {n += $2} END {print n + 0}' <<<"$status")
    [ "$settled" -ge "$((files + 1))" ] && [ "$pending" -eq 0 ] && break
  done
  local mode
  for mode in naive local global hybrid mix; do
    curl -s -o /dev/null -X POST "http://127.0.0.1:$HR_QUERY_PORT/v1/tenants/default/query" \
      -H 'Content-Type: application/json' -d "{\"query\":\"How are Minsky sessions started?\",\"mode\":\"$mode\"}"
  done
  # The tenant gauges refresh every 15 s and Prometheus scrapes every 5 s.
  sleep 25
  status=$(run_jar_captured status)
  curl -sf "http://127.0.0.1:$HR_QUERY_PORT/metrics" >"$work/query.metrics"
  local targets
  targets=$(curl -sf "http://127.0.0.1:$HR_PROMETHEUS_PORT/api/v1/targets?state=active")
  {
    cat <<HEAD
# Benchmark: metrics through a real Prometheus

\`./hybridrag bench metrics\` (scripts/metrics-bench.sh): \`./hybridrag up --prometheus --extractors 2\` (offline
models, tenant \`default\`, a daily budget of ${HYBRIDRAG_LLM_DAILY_BUDGET_USD} USD), the $files smallest files of the
SpecStory corpus and one binary file with a markdown name dropped into the watched folder, a question in each mode,
then everything below read from Prometheus' HTTP API (Debian's prometheus $(prometheus --version 2>&1 | head -1 |
awk '{print $3}'), scraping every 5 s) and from the services. The machine (2 cores) was shared with the other
engineers' builds and tests while this ran (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)); timings
are noisy. The run fails (and says why) unless every target is up, promtool accepts every endpoint, /metrics agrees with
\`status\` and every dashboard query is answered.

Measured $(date -u +%Y-%m-%d) on $(nproc) cores, Linux $(uname -m), $("$HR_JAVA_HOME/bin/java" -version 2>&1 | head -1).

## Every target up (\`/api/v1/targets\`)

| process | scrape URL | health | last scrape (s) |
|---|---|---|---|
HEAD
    jq -r '.data.activeTargets[] | "| \(.labels.process) | \(.scrapeUrl) | \(.health) | \(.lastScrapeDuration | . * 1000 | round / 1000) |"' <<<"$targets"
    echo
    echo "All up: $(jq -r '(.data.activeTargets | length > 0) and all(.data.activeTargets[]; .health == "up")' <<<"$targets")."
    jq -e '(.data.activeTargets | length == 5) and all(.data.activeTargets[]; .health == "up")' <<<"$targets" >/dev/null \
      || echo "targets: not the five processes all up" >>"$work/failures"
    echo
    echo "## The series (\`/api/v1/query\`)"
    echo
    echo "| series | series count | processes reporting | sample (labels = value) |"
    echo "|---|---|---|---|"
    local series answer
    for series in "${METRICS_SERIES[@]}"; do
      answer=$(prom_query "$series")
      jq -r --arg s "$series" '.data.result as $r
        | ($r | map(.metric.process) | unique | join(", ")) as $p
        | ($r | map(select(.value[1] != "0")) | first // $r[0]) as $x
        | "| `\($s)` | \($r | length) | \($p) | \(if $x then ($x.metric | del(.__name__, .job, .instance, .service, .process) | to_entries | map("\(.key)=\(.value)") | join(" ")) + " = " + $x.value[1] else "-" end) |"' <<<"$answer"
    done
    echo
    echo "The offline models call no LLM provider, so \`hybridrag_llm_calls_total\`, \`hybridrag_llm_tokens_total\` and the"
    echo "resilience4j series (one set per provider guard) have no series here; MetricsEndpointIT checks them with a"
    echo "provider's calls, and bench budget's fake provider drives them in real processes. Dead letters are zero per"
    echo "pipeline topic until the first."
    echo
    echo "## /metrics against \`./hybridrag status\`"
    echo
    echo "| status | \`hybridrag_documents{tenant=\"default\"}\` on query-service | \`status\` |"
    echo "|---|---|---|"
    local label gauge counted
    for label in pending processing processed failed refused; do
      gauge=$(awk -v l="$label" '/^hybridrag_documents\{/ && $0 ~ "status=\""l"\"" && /tenant="default"/ {printf "%.0f", $2}' "$work/query.metrics")
      counted=$(awk -v l="$label" '$1 == l {print $2}' <<<"$status")
      echo "| $label | ${gauge:--} | ${counted:--} |"
      [ "${gauge:-0}" = "${counted:-0}" ] || echo "/metrics says $label ${gauge:-0}, status ${counted:-0}" >>"$work/failures"
    done
    echo
    echo "## promtool check metrics on every endpoint"
    echo
    local url name check
    for name in $(jq -r '.data.activeTargets[].labels.process' <<<"$targets"); do
      url=$(metrics_url "$name")
      if check=$(curl -sf "$url" | promtool check metrics 2>&1); then
        echo "- $name ($url): passes"
      else
        echo "- $name ($url): FAILS: $(head -3 <<<"$check" | tr '\n' ' ')"
        echo "promtool: $name" >>"$work/failures"
      fi
    done
    echo
    echo "## The Grafana dashboard's queries (compose/grafana/hybridrag.json)"
    echo
    echo "| panel | query | answered | series |"
    echo "|---|---|---|---|"
    local title expr
    while IFS=$'\t' read -r title expr; do
      answer=$(prom_query "${expr//\$tenant/.*}" || echo '{"status":"error"}')
      echo "| $title | \`${expr//|/\\|}\` | $(jq -r .status <<<"$answer") | $(jq -r '.data.result | length' <<<"$answer" 2>/dev/null) |"
      [ "$(jq -r .status <<<"$answer")" = success ] || echo "dashboard query failed: $expr" >>"$work/failures"
    done < <(jq -r '.panels[] | .title as $t | .targets[] | [$t, .expr] | @tsv' "$HR_ROOT/compose/grafana/hybridrag.json")
    echo
    metrics_scrape_cost "$targets"
    echo
    echo "## \`./hybridrag ps\` at the end"
    echo
    echo '```'
    cmd_ps
    echo '```'
    echo
    echo "Run time: $((SECONDS - start)) s."
  } >"$out.new"
  mv "$out.new" "$out"
  say "results in docs/benchmarks/metrics.md"
  if [ -s "$work/failures" ]; then
    sed 's/^/  /' "$work/failures" >&2
    die "the checks above failed"
  fi
  if [ "${HR_METRICS_KEEP:-}" = 1 ]; then
    say "the stack keeps running (HR_METRICS_KEEP=1): ./hybridrag monitor, then ./hybridrag down"
  else
    trap - EXIT
    cmd_down >/dev/null
  fi
}

# What a scrape costs each service: CPU time over 50 back-to-back scrapes minus the same wall time without, the
# size of a scrape, and Prometheus' own view of its duration.
metrics_scrape_cost() {
  local targets=$1 name pidfile url i before after idle busy elapsed t0 bytes samples duration
  echo "## What a scrape costs"
  echo
  echo "CPU of the service during 50 scrapes in a row, minus its CPU over the same time without scrapes (after the"
  echo "ingest settled), per scrape; and at Prometheus' 5 s interval, the share of one core that is."
  echo
  echo "| process | bytes per scrape | samples | scrape (Prometheus, ms) | CPU per scrape (ms) | share of a core at 5 s |"
  echo "|---|---|---|---|---|---|"
  for name in $(jq -r '.data.activeTargets[].labels.process' <<<"$targets"); do
    pidfile="$HR_VAR/run/$name.pid"
    url=$(metrics_url "$name")
    bytes=$(curl -sf "$url" | wc -c)
    samples=$(prom_query "scrape_samples_scraped{process=\"$name\"}" | jq -r '.data.result[0].value[1]')
    duration=$(prom_query "scrape_duration_seconds{process=\"$name\"}" | jq -r '.data.result[0].value[1] | tonumber * 1000 | round')
    t0=$(date +%s%N)
    before=$(cpu_ticks "$pidfile")
    for ((i = 0; i < 50; i++)); do curl -sf -o /dev/null "$url"; done
    after=$(cpu_ticks "$pidfile")
    elapsed=$((($(date +%s%N) - t0) / 1000000))
    busy=$((after - before))
    before=$(cpu_ticks "$pidfile")
    sleep "$(awk -v ms="$elapsed" 'BEGIN {printf "%.2f", ms / 1000}')"
    idle=$(($(cpu_ticks "$pidfile") - before))
    awk -v n="$name" -v b="$bytes" -v s="$samples" -v d="$duration" -v busy="$busy" -v idle="$idle" 'BEGIN {
      ms = (busy - idle) * 10 / 50; if (ms < 0) ms = 0
      printf "| %s | %d | %s | %s | %.1f | %.2f%% |\n", n, b, s, d, ms, ms / 5000 * 100 }'
  done
}
