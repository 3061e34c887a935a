# Starting the hybridrag jar for a CLI command quickly, sourced by ./hybridrag (docs/benchmarks/cli.md).
#
# A CLI command is a short-lived JVM over a large jar: most of its time is class loading and linking. JDK 25's AOT
# cache (JEP 483/514) keeps them loaded and linked from a training run; the cache belongs to one jar (its path and
# time), so a rebuilt jar simply runs without one until `up` trains a new one. The C1-only JIT and the serial
# collector start faster and are plenty for a command that lives a second.

cli_aot_cache() { echo "$HR_VAR/aot/cli-$(stat -c %Y "$HR_JAR" 2>/dev/null || echo none).aot"; }

# JVM flags for a CLI command: the quiet flags, the fast-start ones, and the AOT cache when there is one.
cli_jvm_flags() {
  local flags cache
  flags="$(jvm_quiet_flags) -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
  cache=$(cli_aot_cache)
  if [ "$(jdk_major "$HR_JAVA_HOME")" -ge 25 ] && [ -s "$cache" ]; then
    flags="$flags -XX:AOTCache=$cache"
  fi
  echo "$flags"
}

# Trains the CLI's AOT cache for the current jar, once: `status` and a `query` against the running stack, the
# commands people run most. Quiet and best effort: without a cache the CLI works, only slower.
cli_train_aot_cache() {
  local cache tenant=$1
  [ "$(jdk_major "$HR_JAVA_HOME")" -ge 25 ] || return 0
  cache=$(cli_aot_cache)
  [ -s "$cache" ] && return 0
  mkdir -p "$HR_VAR/aot"
  rm -f "$HR_VAR"/aot/cli-*.aot
  # shellcheck disable=SC2046
  "$HR_JAVA_HOME/bin/java" $(jvm_quiet_flags) -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -XX:AOTCacheOutput="$cache" -Dlogback.configurationFile="$HR_ROOT/scripts/logback-cli.xml" \
    -jar "$HR_JAR" aot-training --tenant "$tenant" --run-dir "$HR_VAR/run" \
    >"$HR_VAR/log/aot-training.log" 2>&1 || rm -f "$cache"
}

# ./hybridrag bench cli: p50 and p95 over 20 runs of the commonest commands against the running stack, the way the
# script started them before (a source-tree scan, a plain JVM; HR_CLI_BEFORE=1) and now, beside curl.
bench_cli() {
  local tenant=${HYBRIDRAG_TENANT:-default} runs=${HR_BENCH_RUNS:-20} out="$HR_ROOT/docs/benchmarks/cli.md"
  curl -sf "http://127.0.0.1:$HR_QUERY_PORT/healthz" >/dev/null || die "start the stack first: ./hybridrag up"
  local question="port conflict EADDRINUSE" url="http://127.0.0.1:$HR_QUERY_PORT/v1/tenants/$tenant"
  local rows="" label
  "$HR_ROOT/hybridrag" query --tenant "$tenant" "$question" >/dev/null 2>&1 || true # warm the OS file cache
  for label in "query|$HR_ROOT/hybridrag query --tenant $tenant '$question'" \
      "status|$HR_ROOT/hybridrag status" \
      "documents list|$HR_ROOT/hybridrag documents list --tenant $tenant"; do
    rows+="| \`${label%%|*}\` | $(bench_times "$runs" "HR_CLI_BEFORE=1 ${label#*|}") | $(bench_times "$runs" "${label#*|}") |"$'\n'
  done
  rows+="| curl: POST /query (mix) | | $(bench_times "$runs" "curl -sf -X POST $url/query -H 'Content-Type: application/json' -d '{\"query\":\"$question\"}'") |"$'\n'
  rows+="| curl: GET /status | | $(bench_times "$runs" "curl -sf $url/status") |"$'\n'
  cat >"$out" <<REPORT
# CLI start-up

\`./hybridrag bench cli\` (scripts/cli.sh) against the running local stack, tenant \`$tenant\`, $runs runs each,
$(date -u +%Y-%m-%d), $(nproc) cores, load average before the run $(cut -d' ' -f1 /proc/loadavg). Milliseconds, p50 / p95,
the whole command as a user types it (the script, the JVM, the request).

**Before** is how the script started every command until now (\`HR_CLI_BEFORE=1\` reproduces it): a scan of the
source tree for anything newer than the jar, then a plain JVM. **After**: no scan (only \`up\`, \`test\`, \`bench\` and
\`build\` rebuild), C1 only and the serial collector, and JDK 25's AOT cache of the classes the CLI loads, trained
by \`up\` once per jar (\`var/aot/\`).

| command | before | after |
|---|---|---|
$rows
REPORT
  say "wrote $out"
  cat "$out"
}

# "p50 / p95" in milliseconds of running the shell command $2, $1 times.
bench_times() {
  local runs=$1 command=$2 i start end times=()
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    bash -c "$command" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=("$(((end - start) / 1000000))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{v[NR]=$1} END {printf "%d / %d", v[int((NR+1)/2)], v[int(NR*0.95+0.5)]}'
}
