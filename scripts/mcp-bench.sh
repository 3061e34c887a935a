# ./hybridrag bench mcp, sourced by ./hybridrag: the official MCP TypeScript SDK's client (from the npm registry,
# installed under var/mcp-client, never committed) drives the running stack's tenant over stdio and Streamable HTTP
# (scripts/mcp-client.mjs), and the results go to docs/benchmarks/mcp.md.

HR_MCP_SDK_VERSION=1.32.2

mcp_client_install() {
  local dir="$HR_VAR/mcp-client"
  if ! command -v npm >/dev/null; then
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null || die "could not install Node.js and npm"
  fi
  if [ ! -f "$dir/node_modules/@modelcontextprotocol/sdk/package.json" ]; then
    mkdir -p "$dir"
    (cd "$dir" && [ -f package.json ] || echo '{"name":"hybridrag-mcp-client","private":true,"type":"module"}' >package.json)
    (cd "$dir" && npm install --no-audit --no-fund --silent "@modelcontextprotocol/sdk@$HR_MCP_SDK_VERSION" >&2) ||
      die "could not install @modelcontextprotocol/sdk from the npm registry"
  fi
  cp "$HR_ROOT/scripts/mcp-client.mjs" "$dir/mcp-client.mjs"
}

bench_mcp() {
  local tenant=${HYBRIDRAG_TENANT:-default} runs=${HR_BENCH_RUNS:-30} out="$HR_ROOT/docs/benchmarks/mcp.md"
  local base="http://127.0.0.1:$HR_QUERY_PORT" json load
  curl -sf "$base/healthz" >/dev/null || die "start the stack first: ./hybridrag up (and put the corpus file in inbox/)"
  mcp_client_install
  load=$(cut -d' ' -f1 /proc/loadavg)
  json=$(MCP_BASE_URL=$base MCP_TENANT=$tenant MCP_RUNS=$runs MCP_SDK_VERSION=$HR_MCP_SDK_VERSION \
    MCP_STDIO_COMMAND="[\"$HR_ROOT/hybridrag\", \"mcp\", \"--tenant\", \"$tenant\"]" \
    node "$HR_VAR/mcp-client/mcp-client.mjs") || die "the MCP client failed"
  python3 - "$json" "$out" "$tenant" "$runs" "$load" "$(nproc)" "$(node --version)" <<'PY'
import json, sys, datetime
r, out, tenant, runs, load, cores, node = json.loads(sys.argv[1]), *sys.argv[2:8]
h, s = r["http"], r["stdio"]
mcp, api = h["extract_context_ms"], h["api_context_ms"]
gap = mcp["p50"] - api["p50"]
ok = lambda b: "yes" if b else "**no**"
text = f"""# MCP

`./hybridrag bench mcp` (scripts/mcp-bench.sh, scripts/mcp-client.mjs) against the running local stack, tenant
`{tenant}`, {datetime.date.today()}, {cores} cores, load average {load} at the start. The client is one nobody here wrote: the official MCP TypeScript SDK
(`@modelcontextprotocol/sdk` {r["sdk"]} from the npm registry, on Node {node}),
installed by the benchmark under `var/mcp-client`.

## What the client saw

| check | Streamable HTTP | stdio (`./hybridrag mcp`) |
|---|---|---|
| tools listed | {len(h["tools"])} | {len(s["tools"])} |
| every tool with input and output schemas | {ok(h["every_tool_has_schemas"])} | |
| `hybridrag_query` "port conflict EADDRINUSE" references | {", ".join(h["references"])} | {", ".join(s["references"])} |
| bad argument (`top_k: 0`) is a tool error naming the field | {ok(h["bad_argument"]["is_error"] and "top_k" in h["bad_argument"]["text"])} | |
| unknown tool is a JSON-RPC error | {ok("Unknown tool" in h["unknown_tool"] or "not found" in h["unknown_tool"].lower())} | |
| resources listed | {h["resources"]} | |

## Latency

| measure | p50 ms | p95 ms |
|---|---|---|
| `hybridrag_extract_context` over Streamable HTTP ({runs} calls) | {mcp["p50"]:.1f} | {mcp["p95"]:.1f} |
| the same retrieval over the HTTP API (`POST /query`, `only_need_context`) | {api["p50"]:.1f} | {api["p95"]:.1f} |
| difference | {gap:.1f} | |

Acceptance: within 20 ms at p50: {ok(gap <= 20)}. Calls were interleaved after three warm-up calls of each; the
MCP side adds a JSON-RPC envelope, the tool's text rendering and an event-stream response to the same retrieval.

**stdio, start to first answer**: {s["first_call_ms"]:.0f} ms from spawning `./hybridrag mcp --tenant {tenant}` (the
script, the JVM with the CLI's AOT cache when `up` has trained one, the relay) to the answer of its first `tools/call`
(`hybridrag_query`). Acceptance: under 2 s: {ok(s["first_call_ms"] < 2000)}.
"""
open(out, "w").write(text)
PY
  say "wrote $out"
  cat "$out"
}
