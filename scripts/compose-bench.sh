# ./hybridrag bench compose: memory of the shared pattern with three deployments (docker stats), idle and under a
# query load, written to docs/benchmarks/compose.md beside the user story's figures. Runs on the stacks
# `./hybridrag compose-test --keep` leaves; sourced by ./hybridrag.

# Memory per container of the shared pattern, "name<TAB>MiB" lines, summed per deployment and in all by the caller.
compose_bench_snapshot() {
  docker stats --no-stream --format '{{.Name}}\t{{.MemUsage}}' \
    | grep -E '^hybridrag-(shared|azure_specstory|team_a|personal_notes)' \
    | awk -F'\t' '{ split($2, used, " / "); v = used[1]; unit = v; gsub(/[0-9.]/, "", unit); gsub(/[^0-9.]/, "", v);
        if (unit == "GiB") v *= 1024; else if (unit == "KiB") v /= 1024; else if (unit == "B") v /= 1048576;
        printf "%s\t%.0f\n", $1, v }' | sort
}

# Sums a snapshot per group: the shared servers and each deployment.
compose_bench_groups() {
  awk -F'\t' '{ name = $1; group = "shared servers";
      if (name ~ /^hybridrag-azure_specstory-/) group = "azure_specstory";
      else if (name ~ /^hybridrag-team_a-/) group = "team_a";
      else if (name ~ /^hybridrag-personal_notes-/) group = "personal_notes";
      sum[group] += $2; total += $2 }
    END { for (g in sum) printf "%s\t%d\n", g, sum[g]; printf "all\t%d\n", total }' "$1" | sort
}

# Questions to every deployment, one after another per deployment, until the file $1 disappears.
compose_bench_load() {
  local stop=$1 name port
  for name in azure_specstory team_a personal_notes; do
    port=$(sed -n 's/^QUERY_PORT=//p' "$CT_DIR/deployments/$name/.env")
    (
      while [ -f "$stop" ]; do
        curl -s -o /dev/null --max-time 60 -X POST "http://127.0.0.1:$port/v1/tenants/$name/query" \
          -H 'Content-Type: application/json' -d '{"query":"What does the search service store?","mode":"mix"}'
        echo >>"$stop.$name"
      done
    ) &
  done
}

bench_compose() {
  local out="$HR_ROOT/docs/benchmarks/compose.md" idle busy stop name
  docker_start || die "$HR_DOCKER_WHY"
  for name in azure_specstory team_a personal_notes; do
    [ -f "$CT_DIR/deployments/$name/.env" ] || die "no $name deployment: run ./hybridrag compose-test --keep first"
  done
  idle=$(mktemp) busy=$(mktemp) stop=$(mktemp)
  say "idle snapshot"
  compose_bench_snapshot >"$idle"
  say "query load for 60 s (three clients, one per deployment, mix mode)"
  compose_bench_load "$stop"
  sleep 45
  compose_bench_snapshot >"$busy"
  sleep 15
  rm -f "$stop"
  wait
  local answered
  answered=$(cat "$stop".* 2>/dev/null | wc -l)
  rm -f "$stop".*
  compose_bench_write "$idle" "$busy" "$answered" >"$out.tmp"
  mv "$out.tmp" "$out"
  rm -f "$idle" "$busy"
  say "wrote $out"
}

# The results page: the generated memory tables, then whatever the old page kept below its marker (the times,
# written by hand from ./hybridrag test's last line).
compose_bench_write() {
  local idle=$1 busy=$2 answered=$3 marker='<!-- measured by hand below; bench compose keeps this part -->'
  cat <<MD
# Compose: memory of the shared pattern with three deployments

\`./hybridrag bench compose\` on the stacks \`./hybridrag compose-test --keep\` leaves: the shared PostgreSQL and
Kafka and three deployments (\`azure_specstory\`, \`team_a\` with database isolation, \`personal_notes\` with workspace
isolation), each five containers (watcher, extractor, indexer, query-service, and the idle \`app\`), offline models,
heaps as the compose files set them (extractor and query-service 768 MB, the others 256 MB). Memory is
\`docker stats\`' usage (the container's cgroup: resident memory plus page cache). Measured $(date -u +%Y-%m-%d) on a
2-core machine shared with seven other engineers' builds and tests (load average $(cut -d' ' -f1-3 /proc/loadavg)):
the numbers are noisy, the memory ones less so than any time.

## Per deployment and in all (MiB)

| | idle | under query load |
|---|---:|---:|
$(join -t$'\t' <(compose_bench_groups "$idle") <(compose_bench_groups "$busy") | awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }')

The load: one client per deployment asking mix-mode questions one after another for 60 s ($answered answered in
all); the busy snapshot was taken 45 s in.

The user story's figures for the Python HybridRAG: **2–4 GB per app, 6.5–14 GB for three** (with its shared
PostgreSQL). Here a deployment is the sum of its five containers above, and three deployments with the shared
servers are the "all" row.

## Per container (MiB)

| container | idle | under query load |
|---|---:|---:|
$(join -t$'\t' "$idle" "$busy" | awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }')

$marker
MD
  local old="$HR_ROOT/docs/benchmarks/compose.md"
  [ -f "$old" ] && sed -n "/^$marker\$/,\$p" "$old" | tail -n +2
  return 0
}
