// A client nobody here wrote: the official MCP TypeScript SDK (@modelcontextprotocol/sdk from the npm registry),
// driving a tenant over stdio (`./hybridrag mcp`) and Streamable HTTP. Run by `./hybridrag bench mcp`
// (scripts/mcp-bench.sh), which installs the SDK under var/; prints one JSON object with what it saw and measured.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { performance } from "node:perf_hooks";

const base = process.env.MCP_BASE_URL; // http://127.0.0.1:8080
const tenant = process.env.MCP_TENANT ?? "default";
const question = process.env.MCP_QUESTION ?? "port conflict EADDRINUSE";
const runs = Number(process.env.MCP_RUNS ?? "30");
const stdioCommand = JSON.parse(process.env.MCP_STDIO_COMMAND); // ["./hybridrag", "mcp", "--tenant", "default"]

const files = (result) => (result.structuredContent?.references ?? []).map((r) => r.file_path);
const p = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

async function stdio() {
  const started = performance.now();
  const client = new Client({ name: "hybridrag-bench", version: "1" });
  await client.connect(new StdioClientTransport({
    command: stdioCommand[0], args: stdioCommand.slice(1), env: { ...process.env }, stderr: "ignore",
  }));
  const first = await client.callTool({ name: "hybridrag_query", arguments: { query: question } });
  const firstCallMs = performance.now() - started;
  const tools = (await client.listTools()).tools.map((t) => t.name);
  await client.close();
  return { first_call_ms: firstCallMs, tools, references: files(first), is_error: Boolean(first.isError) };
}

async function http() {
  const client = new Client({ name: "hybridrag-bench", version: "1" });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/v1/tenants/${tenant}/mcp`)));
  const tools = (await client.listTools()).tools;
  const query = await client.callTool({ name: "hybridrag_query", arguments: { query: question } });
  const badArgument = await client.callTool({ name: "hybridrag_query", arguments: { query: "x", top_k: 0 } });
  let unknownTool = "";
  try {
    await client.callTool({ name: "hybridrag_nothing", arguments: {} });
  } catch (e) {
    unknownTool = String(e.message ?? e);
  }
  const resources = (await client.listResources()).resources.map((r) => r.uri);
  // extract_context over MCP against the same retrieval over the HTTP API, interleaved, after a warm-up of each.
  const mcpMs = [];
  const apiMs = [];
  const body = JSON.stringify({ query: question, mode: "mix", only_need_context: true });
  for (let i = -3; i < runs; i++) {
    let t = performance.now();
    await client.callTool({ name: "hybridrag_extract_context", arguments: { query: question, mode: "mix" } });
    if (i >= 0) mcpMs.push(performance.now() - t);
    t = performance.now();
    const response = await fetch(`${base}/v1/tenants/${tenant}/query`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body,
    });
    await response.json();
    if (i >= 0) apiMs.push(performance.now() - t);
  }
  await client.close();
  return {
    tools: tools.map((t) => t.name),
    every_tool_has_schemas: tools.every((t) => t.inputSchema?.type === "object" && t.outputSchema?.type === "object"),
    references: files(query),
    bad_argument: { is_error: Boolean(badArgument.isError), text: badArgument.content?.[0]?.text ?? "" },
    unknown_tool: unknownTool,
    resources: resources.length,
    extract_context_ms: { p50: p(mcpMs, 0.5), p95: p(mcpMs, 0.95) },
    api_context_ms: { p50: p(apiMs, 0.5), p95: p(apiMs, 0.95) },
  };
}

const report = { sdk: process.env.MCP_SDK_VERSION ?? "", http: await http(), stdio: await stdio() };
process.stdout.write(JSON.stringify(report) + "\n");
