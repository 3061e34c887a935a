package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One tenant's MCP endpoint on query-service, spoken to as the Streamable HTTP transport asks: each message is a
 * POST; a request's answer is JSON or a stream of server-sent events (progress, then the response); the session id
 * the server hands out on {@code initialize} goes with every later message. When query-service forgets the session
 * (a restart), the session is made again from the client's own {@code initialize} and the message sent once more.
 */
final class McpUpstream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(10);

    /** query-service answered with an HTTP error instead of MCP. */
    static final class Refused extends IOException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile ObjectNode initialize;

    McpUpstream(URI endpoint, String apiKey) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * Sends one message; every JSON-RPC message the answer carries goes to {@code replies}, in order.
     *
     * @throws IOException when query-service cannot be reached or refuses the request
     */
    void send(ObjectNode message, Consumer<JsonNode> replies) throws IOException, InterruptedException {
        if ("initialize".equals(message.path("method").asText())) {
            initialize = message.deepCopy();
            sessionId = null;
            post(message, replies, true);
            return;
        }
        ensureSession();
        try {
            post(message, replies, false);
        } catch (Refused e) {
            if (e.status != 404 || initialize == null) {
                throw e;
            }
            sessionId = null; // query-service restarted and forgot the session: make it again
            ensureSession();
            post(message, replies, false);
        }
    }

    private synchronized void ensureSession() throws IOException, InterruptedException {
        if (sessionId != null || initialize == null) {
            return;
        }
        post(initialize, reply -> {}, true);
        ObjectNode initialized =
                JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized");
        post(initialized, reply -> {}, false);
    }

    private void post(ObjectNode message, Consumer<JsonNode> replies, boolean initializing)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(message)));
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (!initializing && sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        if (!initializing && protocolVersion != null) {
            request.header("MCP-Protocol-Version", protocolVersion);
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            int status = response.statusCode();
            if (status == 202) {
                return;
            }
            if (status != 200) {
                throw new Refused(status, errorOf(status, lines));
            }
            if (initializing) {
                sessionId = response.headers().firstValue("Mcp-Session-Id").orElse(null);
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            Iterator<String> it = lines.iterator();
            if (type.startsWith("text/event-stream")) {
                events(it, reply -> deliver(reply, replies, initializing));
            } else {
                StringBuilder body = new StringBuilder();
                it.forEachRemaining(line -> body.append(line).append('\n'));
                if (!body.isEmpty()) {
                    deliver(JSON.readTree(body.toString()), replies, initializing);
                }
            }
        }
    }

    private void deliver(JsonNode reply, Consumer<JsonNode> replies, boolean initializing) {
        if (initializing && reply.path("result").has("protocolVersion")) {
            protocolVersion = reply.path("result").path("protocolVersion").asText();
        }
        replies.accept(reply);
    }

    /** Server-sent events: each event's data lines joined are one JSON-RPC message. */
    private static void events(Iterator<String> lines, Consumer<JsonNode> replies) throws IOException {
        List<String> data = new ArrayList<>();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    replies.accept(JSON.readTree(String.join("\n", data)));
                    data.clear();
                }
            } else if (line.startsWith("data:")) {
                data.add(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
        if (!data.isEmpty()) {
            replies.accept(JSON.readTree(String.join("\n", data)));
        }
    }

    private static String errorOf(int status, Stream<String> lines) {
        String body = String.join("\n", lines.limit(20).toList()).strip();
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.path("error").isTextual()) {
                return json.path("error").asText();
            }
            if (json != null && json.path("error").path("message").isTextual()) {
                return json.path("error").path("message").asText();
            }
        } catch (IOException e) {
            // not JSON: the first line says it
        }
        String line = body.lines().findFirst().orElse("");
        return "HTTP " + status + (line.isEmpty() ? "" : ": " + (line.length() > 200 ? line.substring(0, 200) : line));
    }

    @Override
    public void close() {
        http.close();
    }
}
