package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake query-service on loopback, shaped as today's: {@code naive} is the only mode it accepts (400 with
 * {@code field: mode} for the others), and {@code /status} answers fixed counts. Registered as a test's extension
 * ({@code @RegisterExtension}), it listens from before each test to after it.
 */
final class FakeQueryService implements BeforeEachCallback, AfterEachCallback {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private boolean stopped;
    private final List<JsonNode> queries = new CopyOnWriteArrayList<>();
    private final AtomicInteger statusCalls = new AtomicInteger();

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/tenants/default/query", this::query);
        server.createContext("/v1/tenants/default/status", this::status);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The bodies of every query received, in order. */
    List<JsonNode> queries() {
        return queries;
    }

    int statusCalls() {
        return statusCalls.get();
    }

    private void query(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        queries.add(body);
        String mode = body.path("mode").asText();
        if (!mode.equals("naive")) {
            send(
                    exchange,
                    400,
                    JSON.createObjectNode()
                            .put("error", "mode '" + mode + "' is not supported; use one of [naive]")
                            .put("status", 400)
                            .put("field", "mode"));
            return;
        }
        ObjectNode answer = JSON.createObjectNode()
                .put("answer", "the answer to: " + body.path("query").asText())
                .put("mode", mode);
        answer.putArray("references")
                .addObject()
                .put("reference_id", 1)
                .put("file_path", "notes/ports.md")
                .put("chunk_id", "chunk-1")
                .put("score", 0.75);
        ObjectNode context = answer.putObject("context");
        context.putArray("entities")
                .addObject()
                .put("name", "EADDRINUSE")
                .put("type", "identifier")
                .put("description", "port already in use")
                .put("score", 0.5);
        context.putArray("chunks")
                .addObject()
                .put("reference_id", 1)
                .put("file_path", "notes/ports.md")
                .put("chunk_id", "chunk-1")
                .put("score", 0.75)
                .put("content", "a chunk about ports");
        context.putArray("low_level_keywords").add("EADDRINUSE");
        send(exchange, 200, answer);
    }

    private void status(HttpExchange exchange) throws IOException {
        statusCalls.incrementAndGet();
        ObjectNode body = JSON.createObjectNode().put("tenant", "default");
        body.putObject("documents")
                .put("pending", 0)
                .put("processing", 0)
                .put("processed", 2250)
                .put("failed", 250)
                .put("refused", 0);
        body.put("chunks", 6750).put("entities", 1200).put("relations", 3400).put("graph_keys_settling", 0);
        send(exchange, 200, body);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening now: a query-service that went down. */
    void stop() {
        server.stop(0);
        stopped = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!stopped) {
            server.stop(0);
        }
    }
}
