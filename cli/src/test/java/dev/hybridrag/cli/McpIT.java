package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridrag.cli.McpClients.Transport;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.tenant.ApiKeys;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestPostgres;
import dev.hybridrag.query.mcp.ToolCatalog;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every tenant as an MCP server, driven by the SDK's own client over Streamable HTTP and over stdio (the
 * {@code hybridrag mcp} command as a process): tools and their schemas, every tool against part of the SpecStory
 * corpus, resources, the errors, keys, the Origin check, and the write tools only where writes are allowed.
 * Tenants: {@code docs} (offline, three corpus files), {@code llm} (a scripted fake LLM, for multi-hop),
 * {@code locked} (an API key), {@code writer} (writes allowed).
 */
class McpIT {

    static final String CORPUS_FILE = "2025-05-21_improve-mcp-error-handling.md";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RunningPipeline pipeline = RunningPipeline.with(ServiceKind.values())
            .provider(provider -> provider.embeddingDimension(16).respondToChat(McpIT::respond))
            .tenants(McpIT::tenants);

    private static Path root;
    private static TestPostgres postgres;
    private static FakeOpenAiServer provider;
    private static String baseUrl;
    private static McpClients clients;

    private static List<TenantConfig> tenants(RunningPipeline pipeline) throws Exception {
        root = pipeline.root();
        postgres = pipeline.postgres();
        provider = pipeline.provider();
        Path docs = Files.createDirectories(root.resolve("docs"));
        for (String file : List.of(
                CORPUS_FILE,
                "2025-04-27_20-11-enhancing-session-commands-for-directory-management.md",
                "2025-04-26_23-34-untitled.md")) {
            try (InputStream in = McpIT.class.getResourceAsStream("/corpus/" + file)) {
                Files.copy(in, docs.resolve(file));
            }
        }
        TenantConfig writer = TestInfrastructure.tenant(
                        "writer",
                        postgres.settings(),
                        Files.createDirectories(root.resolve("writer")),
                        ModelSettings.offline())
                .withWrites(true);
        TenantConfig open = TestInfrastructure.tenant(
                "locked",
                postgres.settings(),
                Files.createDirectories(root.resolve("locked")),
                ModelSettings.offline());
        return List.of(
                TestInfrastructure.tenant("docs", postgres.settings(), docs, ModelSettings.offline()),
                llmTenant(),
                new TenantConfig(
                        open.id(),
                        open.isolation(),
                        open.postgres(),
                        open.watch(),
                        open.models(),
                        ApiKeys.of(List.of("locked-key"))),
                writer);
    }

    @BeforeAll
    static void awaitIngested() {
        baseUrl = pipeline.baseUrl();
        clients = new McpClients(baseUrl);
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(status("docs")
                                    .path("documents")
                                    .path("processed")
                                    .asInt())
                            .isEqualTo(3);
                    assertThat(status("llm").path("documents").path("processed").asInt())
                            .isEqualTo(1);
                    assertThat(status("docs").path("graph_keys_settling").asInt())
                            .isZero();
                });
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyToolIsListedWithSchemasAndTheWriteToolsOnlyWhereWritesAreAllowed(Transport transport) {
        try (McpSyncClient client = clients.connect(transport, "docs", "")) {
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools)
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrderElementsOf(names(ToolCatalog.get().tools(false)))
                    .doesNotContain("hybridrag_add_document", "hybridrag_delete_document")
                    .contains("hybridrag_query", "hybridrag_extract_context", "hybridrag_get_logs");
            for (McpSchema.Tool tool : tools) {
                JsonNode input = JSON.valueToTree(tool.inputSchema());
                assertThat(tool.description()).as(tool.name()).isNotBlank();
                assertThat(input.path("type").asText()).as(tool.name()).isEqualTo("object");
                assertThat(JSON.valueToTree(tool.outputSchema()).path("type").asText())
                        .as(tool.name())
                        .isEqualTo("object");
                input.path("properties").properties().forEach(property -> assertThat(
                                property.getValue().path("description").asText())
                        .as(tool.name() + "." + property.getKey())
                        .isNotBlank());
            }
            McpSchema.Tool query = tools.stream()
                    .filter(t -> t.name().equals("hybridrag_query"))
                    .findFirst()
                    .orElseThrow();
            JsonNode properties = JSON.valueToTree(query.inputSchema()).path("properties");
            assertThat(properties.path("mode").path("default").asText()).isEqualTo("mix");
            assertThat(properties.path("mode").path("enum").toString())
                    .isEqualTo("[\"naive\",\"local\",\"global\",\"hybrid\",\"mix\"]");
            assertThat(properties.path("top_k").path("maximum").asInt()).isEqualTo(500);
        }
        try (McpSyncClient client = clients.connect(transport, "writer", "")) {
            assertThat(names(client.listTools().tools()))
                    .contains("hybridrag_add_document", "hybridrag_delete_document");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aQueryNamesTheFileItCameFromAmongItsReferences(Transport transport) {
        try (McpSyncClient client = clients.connect(transport, "docs", "")) {
            McpSchema.CallToolResult result =
                    call(client, "hybridrag_query", Map.of("query", "port conflict EADDRINUSE"));

            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(text(result)).contains("References:").contains("] " + CORPUS_FILE);
            JsonNode structured = JSON.valueToTree(result.structuredContent());
            assertThat(structured.path("references").findValuesAsText("file_path"))
                    .contains(CORPUS_FILE);
            assertThat(structured.path("mode").asText()).isEqualTo("mix");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyReadToolAnswersWithTextAndStructuredContent(Transport transport) {
        Map<String, Map<String, Object>> calls = Map.ofEntries(
                Map.entry("hybridrag_query", Map.of("query", "MCP error handling", "mode", "naive", "top_k", 10)),
                Map.entry("hybridrag_local_query", Map.of("query", "EADDRINUSE", "max_total_tokens", 8000)),
                Map.entry("hybridrag_global_query", Map.of("query", "error handling")),
                Map.entry("hybridrag_hybrid_query", Map.of("query", "session commands")),
                Map.entry("hybridrag_extract_context", Map.of("query", "port conflict EADDRINUSE", "top_k", 5)),
                Map.entry("hybridrag_database_status", Map.of()),
                Map.entry("hybridrag_health_check", Map.of()),
                Map.entry("hybridrag_list_documents", Map.of("limit", 2)),
                Map.entry("hybridrag_get_document", Map.of("path", CORPUS_FILE)),
                Map.entry("hybridrag_search_entities", Map.of("q", "MCP")),
                Map.entry("hybridrag_get_logs", Map.of("limit", 5)));
        try (McpSyncClient client = clients.connect(transport, "docs", "")) {
            calls.forEach((tool, arguments) -> {
                McpSchema.CallToolResult result = call(client, tool, arguments);
                assertThat(result.isError()).as(tool + ": " + text(result)).isFalse();
                assertThat(text(result)).as(tool).isNotBlank();
                assertThat(result.structuredContent()).as(tool).isNotNull();
            });
            JsonNode context =
                    structured(call(client, "hybridrag_extract_context", calls.get("hybridrag_extract_context")));
            assertThat(context.path("chunks").findValuesAsText("file_path")).contains(CORPUS_FILE);
            assertThat(context.path("entities").size()).isPositive();

            JsonNode page = structured(call(client, "hybridrag_list_documents", Map.of("limit", 2)));
            assertThat(page.path("documents").size()).isEqualTo(2);
            JsonNode rest = structured(call(
                    client,
                    "hybridrag_list_documents",
                    Map.of("limit", 2, "cursor", page.path("next_cursor").asText())));
            assertThat(rest.path("documents").findValuesAsText("path")).containsExactly(CORPUS_FILE);
            assertThat(rest.path("next_cursor").isNull()).isTrue();

            JsonNode document = structured(call(client, "hybridrag_get_document", Map.of("path", CORPUS_FILE)));
            assertThat(document.path("text").asText()).contains("EADDRINUSE");

            String entity = structured(call(client, "hybridrag_search_entities", Map.of("q", "MCP")))
                    .path("entities")
                    .get(0)
                    .path("name")
                    .asText();
            JsonNode detail = structured(call(client, "hybridrag_get_entity", Map.of("name", entity, "depth", 2)));
            assertThat(detail.path("source_files").toString()).contains(".md");

            JsonNode status = structured(call(client, "hybridrag_database_status", Map.of()));
            assertThat(status.path("documents").path("processed").asInt()).isEqualTo(3);
            assertThat(status.path("models").path("embedding").asText()).contains("offline");

            JsonNode health = structured(call(client, "hybridrag_health_check", Map.of()));
            assertThat(health.path("status").asText()).isEqualTo("healthy");
            assertThat(health.path("checks").findValuesAsText("name"))
                    .containsExactly("database", "embedding_model", "kafka", "services");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void multiHopReportsEveryStepAndNeedsAnLlm(Transport transport) {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = clients.connect(transport, "llm", "", progress::add)) {
            McpSchema.CallToolResult result =
                    client.callTool(McpSchema.CallToolRequest.builder("hybridrag_multihop_query")
                            .arguments(Map.of("query", "How do file events reach Postgres?", "max_steps", 4))
                            .progressToken("hop-1")
                            .build());

            assertThat(result.isError()).as(text(result)).isFalse();
            JsonNode structured = structured(result);
            assertThat(structured.path("steps").findValuesAsText("question"))
                    .containsExactly("What carries the file events?", "Who writes chunks to Postgres?");
            assertThat(structured.path("references").findValuesAsText("file_path"))
                    .contains("events.md");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(progress)
                    .extracting(McpSchema.ProgressNotification::message)
                    .contains("step 1: What carries the file events?", "step 2: Who writes chunks to Postgres?"));
        }
        try (McpSyncClient client = clients.connect(transport, "docs", "")) {
            McpSchema.CallToolResult offline = call(client, "hybridrag_multihop_query", Map.of("query", "anything"));
            assertThat(offline.isError()).isTrue();
            assertThat(text(offline)).contains("needs an LLM");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void badCallsAreClearErrorsAndTheServerKeepsServing(Transport transport) {
        try (McpSyncClient client = clients.connect(transport, "docs", "")) {
            assertThatThrownBy(() -> call(client, "hybridrag_no_such_tool", Map.of()))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("Unknown tool");

            McpSchema.CallToolResult badRange = call(client, "hybridrag_query", Map.of("query", "x", "top_k", 0));
            assertThat(badRange.isError()).isTrue();
            assertThat(text(badRange)).contains("top_k");

            McpSchema.CallToolResult badMode =
                    call(client, "hybridrag_query", Map.of("query", "x", "mode", "sideways"));
            assertThat(badMode.isError()).isTrue();
            assertThat(text(badMode)).contains("mode");

            McpSchema.CallToolResult missing = call(client, "hybridrag_get_document", Map.of());
            assertThat(missing.isError()).isTrue();
            assertThat(text(missing)).contains("path");

            McpSchema.CallToolResult unknownDocument =
                    call(client, "hybridrag_get_document", Map.of("path", "nope.md"));
            assertThat(unknownDocument.isError()).isTrue();
            assertThat(text(unknownDocument)).contains("path").contains("nope.md");

            assertThat(call(client, "hybridrag_database_status", Map.of()).isError())
                    .isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void documentsAreResourcesWhoseReadIsTheirText(Transport transport) {
        try (McpSyncClient client = clients.connect(transport, "docs", "")) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(client.listResources().resources())
                            .extracting(McpSchema.Resource::uri)
                            .contains("hybridrag://docs/" + CORPUS_FILE));
            McpSchema.ReadResourceResult read =
                    client.readResource(new McpSchema.ReadResourceRequest("hybridrag://docs/" + CORPUS_FILE));
            assertThat(((McpSchema.TextResourceContents) read.contents().getFirst()).text())
                    .contains("EADDRINUSE");
            assertThat(client.listResourceTemplates().resourceTemplates())
                    .extracting(McpSchema.ResourceTemplate::uriTemplate)
                    .containsExactly("hybridrag://docs/{+path}");
            assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("hybridrag://docs/nope.md")))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("nope.md");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anAddedDocumentIsAnswerableAndThenDeletable(Transport transport) {
        try (McpSyncClient client = clients.connect(transport, "writer", "")) {
            String name = "decisions-" + transport.name().toLowerCase();
            JsonNode added = structured(call(
                    client,
                    "hybridrag_add_document",
                    Map.of(
                            "name",
                            name,
                            "text",
                            "# Decisions\n\nThe Zeppelinfield cache keeps answers for Quarkblend queries.\n")));
            String path = added.path("path").asText();
            assertThat(path).isEqualTo("mcp/" + name + ".md");

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(
                                    structured(call(client, "hybridrag_query", Map.of("query", "Zeppelinfield cache")))
                                            .path("references")
                                            .findValuesAsText("file_path"))
                            .contains(path));

            call(client, "hybridrag_delete_document", Map.of("path", path));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(
                                    structured(call(client, "hybridrag_list_documents", Map.of("path_prefix", "mcp/")))
                                            .path("documents")
                                            .findValuesAsText("path"))
                            .doesNotContain(path));

            McpSchema.CallToolResult badName =
                    call(client, "hybridrag_add_document", Map.of("name", "../escape", "text", "x"));
            assertThat(badName.isError()).isTrue();
            assertThat(text(badName)).contains("name");
        }
        try (McpSyncClient client = clients.connect(transport, "docs", "")) {
            assertThatThrownBy(() -> call(client, "hybridrag_add_document", Map.of("name", "x", "text", "y")))
                    .isInstanceOf(McpError.class);
        }
    }

    @Test
    void aKeyedTenantAnswersOnlyWithItsKey() throws Exception {
        assertThat(post("/v1/tenants/locked/mcp", initialize(), Map.of()).statusCode())
                .isEqualTo(401);
        assertThat(post("/v1/tenants/locked/mcp", initialize(), Map.of("Authorization", "Bearer wrong-key"))
                        .statusCode())
                .isIn(401, 403);
        for (Transport transport : Transport.values()) {
            try (McpSyncClient client = clients.connect(transport, "locked", "locked-key")) {
                assertThat(call(client, "hybridrag_database_status", Map.of()).isError())
                        .isFalse();
            }
        }
    }

    @Test
    void httpRefusesUnknownTenantsForeignOriginsAndOversizedMessages() throws Exception {
        HttpResponse<String> unknown = post("/v1/tenants/nobody/mcp", initialize(), Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown tenant 'nobody'");

        assertThat(post("/v1/tenants/docs/mcp", initialize(), Map.of("Origin", "http://evil.example"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/v1/tenants/docs/mcp", initialize(), Map.of("Origin", "http://localhost:6274"))
                        .statusCode())
                .isEqualTo(200);

        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
                + "x".repeat(5 * 1024 * 1024) + "\"}}";
        // Sent as a careful client sends a large body (Expect: 100-continue): the refusal comes before the body, where
        // a client writing 5 MB regardless can meet the closed connection (a broken pipe) before it reads the 413.
        HttpRequest oversized = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tenants/docs/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(huge))
                .build();
        assertThat(HTTP.send(oversized, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(413);
    }

    @Test
    void theStdioServerRefusesAnUnknownTenantWithOneLine() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command("nobody")).redirectErrorStream(false);
        builder.environment().putAll(clients.stdioEnvironment(""));
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes());
        String stderr = new String(process.getErrorStream().readAllBytes());
        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(stdout).isEmpty();
        assertThat(stderr.strip()
                        .lines()
                        .filter(line -> line.startsWith("hybridrag mcp:"))
                        .toList())
                .singleElement()
                .asString()
                .contains("unknown tenant 'nobody'");
    }

    @Test
    void theStdioServerKeepsServingWhenQueryServiceIsUnreachable() throws Exception {
        McpClients nowhere = new McpClients("http://127.0.0.1:" + closedPort());
        try (McpSyncClient client = nowhere.connect(Transport.STDIO, "docs", "")) {
            assertThat(names(client.listTools().tools())).contains("hybridrag_query");
            McpSchema.CallToolResult result = call(client, "hybridrag_query", Map.of("query", "anything"));
            assertThat(result.isError()).isTrue();
            assertThat(text(result)).contains("not reachable at http://127.0.0.1:");
            assertThat(call(client, "hybridrag_database_status", Map.of()).isError())
                    .isTrue();
        }
    }

    /**
     * The shaded jar as Claude Desktop starts it, with every logger at DEBUG writing to stdout: still nothing but
     * JSON-RPC on stdout.
     */
    @Test
    void theStdioServerWritesNothingButJsonRpcToStdoutEvenAtDebug() throws Exception {
        Path jar = Path.of("target/hybridrag.jar");
        assertThat(jar)
                .as("the shaded jar (built at package, before integration tests)")
                .exists();
        Path logback = root.resolve("logback-debug.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %-5level %logger - %msg%n</pattern></encoder>
                  </appender>
                  <root level="DEBUG"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Dlogback.configurationFile=" + logback,
                "-jar",
                jar.toString(),
                "mcp",
                "--tenant",
                "docs"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(clients.stdioEnvironment(""));
        Process process = builder.start();
        Thread stderr = Thread.ofVirtual().start(() -> {
            try {
                process.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        try (var in =
                new java.io.PrintStream(process.getOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8)) {
            in.println(initialize());
            in.println("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            in.println("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            in.println(
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"hybridrag_query\","
                            + "\"arguments\":{\"query\":\"port conflict EADDRINUSE\"}}}");
            in.println("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/list\"}");
            List<JsonNode> replies = new ArrayList<>();
            var lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            while (replies.stream().filter(r -> r.has("id")).count() < 4) {
                String line = lines.readLine();
                assertThat(line)
                        .as("stdout ended early; replies so far: " + replies)
                        .isNotNull();
                JsonNode message = JSON.readTree(line);
                assertThat(message.path("jsonrpc").asText()).as(line).isEqualTo("2.0");
                replies.add(message);
            }
            assertThat(replies.stream()
                            .filter(r -> r.path("id").asInt() == 3)
                            .findFirst()
                            .orElseThrow()
                            .toString())
                    .contains(CORPUS_FILE);
        } finally {
            process.destroy();
            process.waitFor();
            stderr.join();
        }
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> command(String tenant) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(McpClients.stdioCommand(tenant));
        return command;
    }

    static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    static String text(McpSchema.CallToolResult result) {
        return result.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .reduce("", String::concat);
    }

    static JsonNode structured(McpSchema.CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isFalse();
        return JSON.valueToTree(result.structuredContent());
    }

    private static List<String> names(List<McpSchema.Tool> tools) {
        return tools.stream().map(McpSchema.Tool::name).toList();
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"McpIT\",\"version\":\"1\"}}}";
    }

    private static HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode status(String tenant) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tenants/" + tenant + "/status"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static TenantConfig llmTenant() throws Exception {
        Path folder = Files.createDirectories(root.resolve("llm"));
        Files.writeString(
                folder.resolve("events.md"),
                "# Events\n\nKafka carries the file events. Watcher publishes file events to Kafka. Indexer writes"
                        + " chunks to Postgres.\n");
        return TestInfrastructure.tenant("llm", postgres.settings(), folder, FakeLlmModels.of(provider));
    }

    private static String respond(List<ChatMessage> messages) {
        String first = messages.getFirst().content();
        if (first.contains("high_level_keywords")) {
            return "{\"high_level_keywords\": [\"event flow\"], \"low_level_keywords\": [\"Kafka\", \"Postgres\"]}";
        }
        if (messages.getLast().content().contains("---Text start---")) {
            return GraphIT.extraction(messages);
        }
        if (first.contains("split a question")) {
            return "[\"What carries the file events?\", \"Who writes chunks to Postgres?\"]";
        }
        return "Kafka carries the file events and the indexer writes chunks to Postgres [1].";
    }
}
