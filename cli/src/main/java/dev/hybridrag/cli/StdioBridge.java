package dev.hybridrag.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridrag.query.mcp.ToolCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code hybridrag mcp}: MCP over stdio for Claude Desktop and Claude Code, relayed to the tenant's Streamable HTTP
 * endpoint on query-service, so this process holds no database credentials, starts in well under a second and
 * serves exactly the tools, resources and errors the HTTP endpoint serves. Each message is relayed on its own
 * virtual thread, so a cancellation can overtake the call it cancels. Only JSON-RPC is ever written to {@code out}.
 * While query-service cannot be reached the bridge keeps serving: it answers {@code initialize} and
 * {@code tools/list} itself (the read-only tools), and every call with an error result naming the URL.
 */
final class StdioBridge {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

    private final McpUpstream upstream;
    private final PrintStream out;
    private final PrintStream log;

    StdioBridge(McpUpstream upstream, PrintStream out, PrintStream log) {
        this.upstream = upstream;
        this.out = out;
        this.log = log;
    }

    /** Relays until stdin closes; waits for the calls under way. */
    void run(InputStream in) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > MAX_LINE_CHARS) {
                    write(error(null, -32600, "message larger than " + MAX_LINE_CHARS + " characters refused"));
                    continue;
                }
                JsonNode message;
                try {
                    message = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    write(error(null, -32700, "not JSON: " + e.getOriginalMessage()));
                    continue;
                }
                if (!(message instanceof ObjectNode object)) {
                    write(error(null, -32600, "a message must be a JSON-RPC object"));
                    continue;
                }
                if ("initialize".equals(object.path("method").asText())) {
                    relay(object); // before anything else, as the protocol orders
                } else {
                    calls.submit(() -> relay(object));
                }
            }
        }
    }

    private void relay(ObjectNode message) {
        try {
            upstream.send(message, this::write);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (McpUpstream.Refused e) {
            if (message.has("id")) {
                write(error(
                        message.get("id"),
                        -32603,
                        "query-service refused the request (HTTP " + e.status + "): " + e.getMessage()));
            }
            log.println("hybridrag mcp: " + upstream.endpoint() + " answered HTTP " + e.status + ": " + e.getMessage());
        } catch (IOException e) {
            if (message.has("id")) {
                write(offline(message, reason(e)));
            }
            log.println("hybridrag mcp: " + reason(e));
        } catch (RuntimeException e) {
            if (message.has("id")) {
                write(error(message.get("id"), -32603, "the bridge failed: " + e));
            }
            log.println("hybridrag mcp: relaying failed: " + e);
        }
    }

    /** What the bridge answers by itself while query-service cannot be reached. */
    private ObjectNode offline(ObjectNode message, String reason) {
        JsonNode id = message.get("id");
        return switch (message.path("method").asText()) {
            case "initialize" ->
                result(
                        id,
                        Map.of(
                                "protocolVersion",
                                        message.path("params")
                                                .path("protocolVersion")
                                                .asText("2025-06-18"),
                                "capabilities", Map.of("tools", Map.of(), "resources", Map.of()),
                                "serverInfo", Map.of("name", "hybridrag", "version", "0.1.0"),
                                "instructions", reason + ". Tools answer with an error until it is back."));
            case "ping" -> result(id, Map.of());
            case "tools/list" -> result(id, Map.of("tools", ToolCatalog.get().tools(false)));
            case "resources/list" -> result(id, Map.of("resources", List.of()));
            case "resources/templates/list" -> result(id, Map.of("resourceTemplates", List.of()));
            case "tools/call" ->
                result(id, Map.of("content", List.of(Map.of("type", "text", "text", reason)), "isError", true));
            default -> error(id, -32603, reason);
        };
    }

    private String reason(IOException e) {
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return "query-service is not reachable at " + upstream.endpoint() + " (is the stack up? ./hybridrag up)";
        }
        if (e instanceof HttpTimeoutException) {
            return "query-service at " + upstream.endpoint() + " did not answer in time";
        }
        return "query-service at " + upstream.endpoint() + " failed: " + Errors.rootMessage(e);
    }

    private static ObjectNode result(JsonNode id, Object result) {
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        reply.set("result", JSON.valueToTree(result));
        return reply;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id == null ? JSON.nullNode() : id);
        reply.putObject("error").put("code", code).put("message", message);
        return reply;
    }

    /** One JSON-RPC message per line, never interleaved. */
    private void write(JsonNode message) {
        String line;
        try {
            line = JSON.writeValueAsString(message);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        synchronized (out) {
            out.print(line);
            out.print('\n');
            out.flush();
        }
    }
}
