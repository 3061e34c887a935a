package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.tenant.ApiKeys;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * query-service over HTTP on a pipeline-built graph: streaming answers, query keywords from the LLM, the prompt
 * options, status, graph browsing, readiness and the OpenAPI document. Tenant {@code llm} has a scripted fake LLM;
 * tenant {@code offline} answers without one.
 */
class QueryApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int REQUESTS_PER_MINUTE = 25;
    private static final String ANSWER = "Kafka carries the file events [1]; the watcher publishes them and the"
            + " indexer writes what they say to Postgres [2].\n\nReferences:\n- [1] events.md\n- [2] storage.md";

    @RegisterExtension
    static final RunningPipeline pipeline = RunningPipeline.with(ServiceKind.values())
            .settings(Map.of("HYBRIDRAG_API_KEY_REQUESTS_PER_MINUTE", Integer.toString(REQUESTS_PER_MINUTE)))
            .provider(provider -> provider.embeddingDimension(16).respondToChat(QueryApiIT::respond))
            .tenants(p -> List.of(
                    tenant(
                            "llm",
                            new ProviderSettings(
                                    "compatible", "fake-llm", p.provider().baseUrl(), "", "", 0)),
                    tenant("offline", ProviderSettings.offline()),
                    locked("locked", "locked-key-1"),
                    locked("other", "other-key-2"),
                    locked("limited", "limited-key-3"),
                    writer()));

    private static FakeOpenAiServer provider;
    private static String baseUrl;

    @BeforeAll
    static void awaitIngested() {
        provider = pipeline.provider();
        baseUrl = pipeline.baseUrl();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (String tenant : List.of("llm", "offline")) {
                        JsonNode status = get("/v1/tenants/" + tenant + "/status").body;
                        assertThat(status.path("documents").path("processed").asInt())
                                .as(tenant)
                                .isEqualTo(2);
                        assertThat(status.path("graph_keys_settling").asInt()).isZero();
                        assertThat(status.path("entities").asInt()).isPositive();
                    }
                });
    }

    @Test
    void aStreamedAnswerIsTheSameAnswerAsAnUnstreamedOne() throws Exception {
        for (String tenant : List.of("llm", "offline")) {
            String question = "Which component carries the file events?";
            JsonNode whole = query(tenant, body(question).put("mode", "mix")).body;

            HttpResponse<String> streamed = send(
                    "/v1/tenants/" + tenant + "/query",
                    body(question).put("mode", "mix").put("stream", true));

            assertThat(streamed.statusCode()).isEqualTo(200);
            assertThat(streamed.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            List<Event> events = events(streamed.body());
            List<String> deltas = events.stream()
                    .filter(e -> e.name().equals("delta"))
                    .map(e -> e.data().path("delta").asText())
                    .toList();
            assertThat(deltas).as(tenant).hasSizeGreaterThan(1);
            assertThat(String.join("", deltas))
                    .as(tenant)
                    .isEqualTo(whole.path("answer").asText());
            Event done = events.getLast();
            assertThat(done.name()).isEqualTo("done");
            assertThat(done.data().path("references")).isEqualTo(whole.path("references"));
            assertThat(whole.path("references").findValuesAsText("file_path")).isNotEmpty();
        }
        assertThat(query("llm", body("Which component carries the file events?"))
                        .body
                        .path("answer")
                        .asText())
                .isEqualTo(ANSWER);
    }

    @Test
    void clientsLeavingMidStreamNeitherBreakTheServerNorOpenTheLlmCircuit() throws Exception {
        provider.streamPause(Duration.ofMillis(10));
        try {
            String body = body("Tell at length which component carries the file events?")
                    .put("mode", "naive")
                    .put("stream", true)
                    .toString();
            for (int i = 0; i < 12; i++) {
                try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(baseUrl.replaceAll(".*:", "")))) {
                    socket.getOutputStream()
                            // A Host the server answers to: another name is refused (421) before any stream.
                            .write(("POST /v1/tenants/llm/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
                                            + " application/json\r\nContent-Length: "
                                            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                                    .getBytes(StandardCharsets.UTF_8));
                    BufferedReader reader =
                            new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    String status = reader.readLine();
                    assertThat(status).as("the stream's status line").isEqualTo("HTTP/1.1 200 OK");
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (line.startsWith("event: delta")) {
                            break; // the answer has begun: leave
                        }
                    }
                }
            }
        } finally {
            provider.streamPause(Duration.ZERO);
        }
        // The server goes on answering, with the LLM (ResilientChatModelIT checks that callers who stop listening
        // never count against the provider's circuit).
        assertThat(query("llm", body("Which component carries the file events?").put("mode", "naive"))
                        .body
                        .path("answer")
                        .asText())
                .isEqualTo(ANSWER);
    }

    @Test
    void theLlmFindsTheQueryKeywordsOnceAndTheCacheAnswersAfterwards() throws Exception {
        String question = "What does the watcher publish to Kafka?";
        int before = keywordCalls();

        JsonNode first = query("llm", body(question).put("mode", "local")).body;
        JsonNode second = query("llm", body(question).put("mode", "local")).body;

        assertThat(first.path("context").path("low_level_keywords"))
                .extracting(JsonNode::asText)
                .containsExactly("Watcher", "Kafka");
        assertThat(first.path("context").path("high_level_keywords"))
                .extracting(JsonNode::asText)
                .containsExactly("event publishing");
        assertThat(first.path("context").path("entities").findValuesAsText("name"))
                .contains("Watcher", "Kafka");
        assertThat(second.path("context")).isEqualTo(first.path("context"));
        assertThat(keywordCalls() - before).isEqualTo(1);

        ObjectNode given = body("unrelated words").put("mode", "local");
        given.putArray("ll_keywords").add("Postgres");
        JsonNode supplied = query("llm", given).body;
        assertThat(supplied.path("context").path("low_level_keywords"))
                .extracting(JsonNode::asText)
                .containsExactly("Postgres");
        assertThat(keywordCalls() - before).isEqualTo(1);
    }

    @Test
    void onlyNeedPromptShowsWhatTheLlmWouldBeAskedWithoutAskingIt() throws Exception {
        ObjectNode request = body("Where do the chunks go?")
                .put("only_need_prompt", true)
                .put("response_type", "Bullet Points")
                .put("user_prompt", "Answer like a pirate.");
        request.putArray("conversation_history")
                .add(JSON.createObjectNode().put("role", "user").put("content", "Tell me about storage."))
                .add(JSON.createObjectNode().put("role", "assistant").put("content", "It is Postgres."));
        int before = answerCalls();

        String prompt = query("llm", request).body.path("answer").asText();

        assertThat(prompt)
                .contains("Response format: Bullet Points")
                .contains("Answer like a pirate.")
                .contains("Postgres stores the chunks")
                .contains("Tell me about storage.")
                .contains("It is Postgres.")
                .endsWith("Where do the chunks go?");
        assertThat(answerCalls()).isEqualTo(before);

        int beforeAnswer = answerCalls();
        query("llm", request.put("only_need_prompt", false));
        JsonNode sent = JSON.readTree(provider.lastRequest().body()).path("messages");
        assertThat(sent.findValuesAsText("role")).containsExactly("system", "user", "assistant", "user");
        assertThat(answerCalls()).isEqualTo(beforeAnswer + 1);
    }

    @Test
    void statusCountsWhatTheTenantHolds() throws Exception {
        JsonNode status = get("/v1/tenants/offline/status").body;

        assertThat(status.path("tenant").asText()).isEqualTo("offline");
        assertThat(status.path("documents").path("processed").asInt()).isEqualTo(2);
        assertThat(status.path("documents").path("failed").asInt()).isZero();
        assertThat(status.path("chunks").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(status.path("relations").asInt()).isPositive();
        assertThat(status.path("last_update").asText()).startsWith("20");
    }

    @Test
    void entitiesAreFoundByNameAndShownWithTheirSourcesAndNeighbours() throws Exception {
        JsonNode found = get("/v1/tenants/llm/graph/entities?q=kaf").body;
        assertThat(found.path("entities").findValuesAsText("name")).first().isEqualTo("Kafka");

        JsonNode kafka = get("/v1/tenants/llm/graph/entities/kafka").body;
        assertThat(kafka.path("name").asText()).isEqualTo("Kafka");
        assertThat(kafka.path("description").asText()).contains("Kafka carries the file events");
        assertThat(kafka.path("source_files")).extracting(JsonNode::asText).containsExactly("events.md");
        assertThat(kafka.path("neighbours").findValuesAsText("name")).containsExactlyInAnyOrder("Watcher", "Extractor");
        assertThat(kafka.path("relations").findValuesAsText("description"))
                .anySatisfy(d -> assertThat(d).contains("Watcher publishes file events to Kafka"));
        assertThat(kafka.path("truncated").asBoolean()).isFalse();

        JsonNode capped = get("/v1/tenants/llm/graph/entities/%20KAFKA%20?limit=1").body;
        assertThat(capped.path("neighbours")).hasSize(1);
        assertThat(capped.path("truncated").asBoolean()).isTrue();

        Response missing = get("/v1/tenants/llm/graph/entities/no-such-thing");
        assertThat(missing.status).isEqualTo(404);
        assertThat(missing.body.path("error").asText()).contains("no entity named 'no-such-thing'");
        assertThat(get("/v1/tenants/llm/graph/entities").body.path("field").asText())
                .isEqualTo("q");
        assertThat(get("/v1/tenants/llm/graph/entities/kafka?depth=9")
                        .body
                        .path("field")
                        .asText())
                .isEqualTo("depth");
    }

    @Test
    void refusalsNameTheFieldAtFault() throws Exception {
        ObjectNode badHistory = body("x");
        badHistory.putArray("conversation_history").add(JSON.createObjectNode().put("role", "system"));
        assertThat(query("llm", badHistory).body.path("field").asText()).isEqualTo("conversation_history");
        assertThat(query("llm", body("x").put("stream", "yes"))
                        .body
                        .path("field")
                        .asText())
                .isEqualTo("stream");
        assertThat(query("llm", body("x").put("temperature", 2))
                        .body
                        .path("field")
                        .asText())
                .isEqualTo("temperature");
        ObjectNode longConversation = body("x").put("max_total_tokens", 3000);
        longConversation
                .putArray("conversation_history")
                .add(JSON.createObjectNode().put("role", "user").put("content", "word ".repeat(2500)));
        Response tooLong = query("llm", longConversation);
        assertThat(tooLong.status).isEqualTo(400);
        assertThat(tooLong.body.path("field").asText()).isEqualTo("conversation_history");
        assertThat(tooLong.body.path("error").asText()).contains("max_total_tokens (3000)");
        Response unknown = query("nobody", body("x"));
        assertThat(unknown.status).isEqualTo(404);
    }

    @Test
    void aTenantWithKeysAnswersOnlyToItsOwnKeys() throws Exception {
        String status = "/v1/tenants/locked/status";

        Response none = get(status, Map.of());
        Response guessed = get(status, Map.of("X-API-Key", "locked-key-"));

        for (Response refused : List.of(none, guessed)) {
            assertThat(refused.status).isEqualTo(401);
            assertThat(refused.body.path("error").asText())
                    .contains("needs an API key")
                    .doesNotContain("other-key-2")
                    .doesNotContain("locked-key");
        }
        assertThat(get(status, Map.of("Authorization", "Bearer locked-key-1")).status)
                .isEqualTo(200);
        assertThat(get(status, Map.of("X-API-Key", "locked-key-1")).status).isEqualTo(200);
        // Another tenant's key is recognised and refused as such, the same way whether the tenant exists or not.
        Response crossed = get("/v1/tenants/other/status", Map.of("X-API-Key", "locked-key-1"));
        assertThat(crossed.status).isEqualTo(403);
        assertThat(get(status, Map.of("Authorization", "Bearer other-key-2")).status)
                .isEqualTo(403);
        assertThat(get("/v1/tenants/nobody/status", Map.of("X-API-Key", "locked-key-1")).body)
                .isEqualTo(crossed.body);
        assertThat(query("locked", body("anything")).status).isEqualTo(401);
        // Tenants without keys stay open.
        assertThat(get("/v1/tenants/offline/status").status).isEqualTo(200);
    }

    @Test
    void eachKeyHasItsOwnRequestBudgetPerMinute() throws Exception {
        String status = "/v1/tenants/limited/status";
        List<Integer> answers = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i <= REQUESTS_PER_MINUTE; i++) {
            last = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + status))
                            .header("Authorization", "Bearer limited-key-3")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            answers.add(last.statusCode());
        }

        // A key's minutes are counted from its first request, so these all fall in its first minute.
        assertThat(answers.subList(0, REQUESTS_PER_MINUTE)).containsOnly(200);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 60L);
        assertThat(JSON.readTree(last.body()).path("error").asText()).contains("25 requests per 60 s");
        assertThat(get("/v1/tenants/locked/status", Map.of("X-API-Key", "locked-key-1")).status)
                .as("another key's budget is untouched")
                .isEqualTo(200);
    }

    @Test
    void everyEndpointTheOpenApiDocumentListsAnswers() throws Exception {
        assertThat(get("/readyz").body.path("status").asText()).isEqualTo("ready");
        JsonNode spec = get("/v1/openapi.json").body;
        assertThat(spec.path("openapi").asText()).startsWith("3.");
        List<String> checked = new ArrayList<>();
        spec.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    if (path.getKey().endsWith("/mcp")) {
                        return; // JSON-RPC, not REST: McpIT drives it with an MCP client
                    }
                    if (path.getKey().endsWith("/documents/upload")
                            || path.getKey().endsWith("/track/{id}")) {
                        return; // multipart, and an id from an insert: the document intake tests below drive them
                    }
                    String url = path.getKey()
                            .replace("{tenant}", path.getKey().endsWith("/documents/text") ? "writer" : "llm")
                            .replace("{name}", "kafka")
                            .replace("{file}", "app.js");
                    try {
                        HttpResponse<String> response = HTTP.send(
                                HttpRequest.newBuilder(URI.create(baseUrl + url + exampleQuery(url)))
                                        .header("Content-Type", "application/json")
                                        .method(
                                                operation.getKey().toUpperCase(),
                                                HttpRequest.BodyPublishers.ofString(exampleBody(url)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode())
                                .as(operation.getKey() + " " + url)
                                .isBetween(200, 299);
                        checked.add(operation.getKey() + " " + path.getKey());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }));
        assertThat(checked).hasSize(22);
    }

    @Test
    void anOllamaChatAnswersFromTheTenantWithItsReferences() throws Exception {
        ObjectNode chat =
                ollamaChat("/naive Which component carries the file events?").put("stream", false);
        Response answer = post("/v1/tenants/offline/ollama/api/chat", chat, Map.of());

        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.body.path("done").asBoolean()).isTrue();
        assertThat(answer.body.path("model").asText()).isEqualTo("hybridrag");
        assertThat(answer.body.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(answer.body.path("message").path("content").asText())
                .contains("Kafka")
                .contains("References:")
                .contains("events.md");
        JsonNode direct = query(
                        "offline",
                        body("Which component carries the file events?").put("mode", "naive"))
                .body;
        assertThat(answer.body.path("message").path("content").asText())
                .as("the same answer the query endpoint gives in that mode")
                .startsWith(direct.path("answer").asText());
    }

    @Test
    void aStreamedOllamaChatIsOneJsonObjectPerLineEndingDone() throws Exception {
        for (String endpoint : List.of("chat", "generate")) {
            ObjectNode request = endpoint.equals("chat")
                    ? ollamaChat("/mix Where are the chunks stored?")
                    : JSON.createObjectNode()
                            .put("model", "hybridrag")
                            .put("prompt", "/mix Where are the chunks stored?");
            HttpResponse<String> streamed = send("/v1/tenants/offline/ollama/api/" + endpoint, request);
            Response whole = post(
                    "/v1/tenants/offline/ollama/api/" + endpoint,
                    request.deepCopy().put("stream", false),
                    Map.of());

            assertThat(streamed.statusCode()).isEqualTo(200);
            assertThat(streamed.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
            List<JsonNode> lines = new ArrayList<>();
            for (String line : streamed.body().split("\n")) {
                lines.add(JSON.readTree(line));
            }
            assertThat(lines.getLast().path("done").asBoolean()).isTrue();
            assertThat(lines.subList(0, lines.size() - 1))
                    .allSatisfy(
                            line -> assertThat(line.path("done").asBoolean()).isFalse());
            String field = endpoint.equals("chat") ? "message" : "response";
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(
                    endpoint.equals("chat")
                            ? line.path(field).path("content").asText()
                            : line.path(field).asText()));
            String wholeText = endpoint.equals("chat")
                    ? whole.body.path(field).path("content").asText()
                    : whole.body.path(field).asText();
            assertThat(text.toString()).as(endpoint).isEqualTo(wholeText).contains("storage.md");
        }
    }

    @Test
    void ollamaRequestsAreRefusedNamingTheFieldAndKeysHoldAsEverywhere() throws Exception {
        Response noMessages = post(
                "/v1/tenants/offline/ollama/api/chat", JSON.createObjectNode().put("model", "x"), Map.of());
        ObjectNode lastFromAssistant = ollamaChat("hello");
        ((com.fasterxml.jackson.databind.node.ArrayNode) lastFromAssistant.get("messages"))
                .addObject()
                .put("role", "assistant")
                .put("content", "hi");
        Response assistantLast = post("/v1/tenants/offline/ollama/api/chat", lastFromAssistant, Map.of());
        Response noPrompt = post(
                "/v1/tenants/offline/ollama/api/generate",
                JSON.createObjectNode().put("model", "x"),
                Map.of());

        assertThat(noMessages.status).isEqualTo(400);
        assertThat(noMessages.body.path("field").asText()).isEqualTo("messages");
        assertThat(assistantLast.status).isEqualTo(400);
        assertThat(noPrompt.body.path("field").asText()).isEqualTo("prompt");
        assertThat(post("/v1/tenants/locked/ollama/api/chat", ollamaChat("x"), Map.of()).status)
                .isEqualTo(401);
        assertThat(post("/v1/tenants/locked/ollama/api/chat", ollamaChat("x"), Map.of("X-API-Key", "other-key-2"))
                        .status)
                .isEqualTo(403);
        assertThat(get("/v1/tenants/locked/ollama/api/tags", Map.of("Authorization", "Bearer locked-key-1"))
                        .body
                        .path("models")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("hybridrag:latest");
    }

    @Test
    void theOllamaJavaScriptClientChatsAndGeneratesStreamedAndNot() throws Exception {
        Path client = OllamaJsClient.install(pipeline.root().resolve("ollama-js"));
        JsonNode got = JSON.readTree(OllamaJsClient.run(client, baseUrl + "/v1/tenants/offline/ollama"));

        assertThat(got.path("models")).extracting(JsonNode::asText).containsExactly("hybridrag:latest");
        assertThat(got.path("chat").asText())
                .contains("Kafka")
                .contains("References:")
                .contains("events.md");
        assertThat(got.path("chatStreamed").asText()).contains("storage.md");
        assertThat(got.path("generate").asText()).contains("storage.md");
        assertThat(got.path("generateStreamed").asText())
                .as("/context: the passages")
                .contains("Kafka carries");
        assertThat(got.path("refused").asText()).contains("messages");
    }

    private static ObjectNode ollamaChat(String message) {
        ObjectNode chat = JSON.createObjectNode().put("model", "hybridrag");
        chat.putArray("messages").addObject().put("role", "user").put("content", message);
        return chat;
    }

    /** Parameters each documented operation accepts; reading a document needs one that exists. */
    @Test
    void textAddedOverTheApiIsTrackedUntilProcessedAndThenAnswered() throws Exception {
        ObjectNode insert = JSON.createObjectNode()
                .put("text", "# Zephyr\n\nThe Zephyr relay failed with EADDRINUSE: a port conflict on 7411.\n")
                .put("file_source", "notes/zephyr.md");
        Response inserted = post("/v1/tenants/writer/documents/text", insert, Map.of());
        assertThat(inserted.status).isEqualTo(200);
        assertThat(inserted.body.path("status").asText()).isEqualTo("success");
        String trackId = inserted.body.path("track_id").asText();

        JsonNode track = awaitTracked(trackId, "processed");
        assertThat(track.path("documents").findValuesAsText("file_path")).containsExactly("uploads/notes/zephyr.md");
        assertThat(track.path("status_summary").path("processed").asInt()).isEqualTo(1);
        JsonNode answer =
                query("writer", body("Zephyr relay port conflict EADDRINUSE").put("mode", "naive")).body;
        assertThat(answer.path("references").findValuesAsText("file_path")).contains("uploads/notes/zephyr.md");

        // The same name again replaces the document: a newer version, tracked anew.
        insert.put("text", "# Zephyr\n\nThe Zephyr relay now listens on 7412.\n");
        String second = post("/v1/tenants/writer/documents/text", insert, Map.of())
                .body
                .path("track_id")
                .asText();
        assertThat(second).isNotEqualTo(trackId);
        awaitTracked(second, "processed");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(get("/v1/tenants/writer/documents/pipeline_status")
                                .body
                                .path("busy")
                                .asBoolean())
                        .isFalse());
    }

    @Test
    void uploadedFilesAreTakenInTogetherOrNotAtAll() throws Exception {
        Response uploaded = upload(
                "writer",
                Map.of(
                        "alpha.md", "# Alpha\n\nAlpha notes about the Quokka scheduler.\n".getBytes(),
                        "beta.md", "# Beta\n\nBeta notes.\n".getBytes()));
        assertThat(uploaded.status).isEqualTo(200);
        String[] tracks = uploaded.body.path("track_id").asText().split(",");
        assertThat(tracks).hasSize(2);
        JsonNode both = awaitTracked(String.join(",", tracks), "processed");
        assertThat(both.path("documents").findValuesAsText("file_path"))
                .containsExactlyInAnyOrder("uploads/alpha.md", "uploads/beta.md");

        byte[] binary = {'P', 'K', 3, 4, 0, 0, 1};
        Response refused = upload("writer", Map.of("gamma.md", "# Gamma\n".getBytes(), "image.md", binary));
        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.body.path("field").asText()).isEqualTo("file");
        assertThat(refused.body.path("error").asText()).contains("uploads/image.md", "binary");
        assertThat(get("/v1/tenants/writer/documents?limit=1000").body.findValuesAsText("path"))
                .as("the good file of a refused upload is not taken in either")
                .doesNotContain("uploads/gamma.md", "uploads/image.md");
    }

    @Test
    void insertsAreRefusedWhereWritesAreOffAndNameTheFieldAtFault() throws Exception {
        ObjectNode text = JSON.createObjectNode().put("text", "# Note\n").put("file_source", "note.md");
        Response closed = post("/v1/tenants/offline/documents/text", text, Map.of());
        assertThat(closed.status).isEqualTo(403);
        assertThat(closed.body.path("error").asText()).contains("writes: true");
        assertThat(upload("offline", Map.of("note.md", "# Note\n".getBytes())).status)
                .isEqualTo(403);

        assertThat(post("/v1/tenants/writer/documents/text", JSON.createObjectNode(), Map.of())
                        .body
                        .path("field")
                        .asText())
                .isEqualTo("text");
        Response escape = post(
                "/v1/tenants/writer/documents/text", text.deepCopy().put("file_source", "../../etc/passwd"), Map.of());
        assertThat(escape.status).isEqualTo(400);
        assertThat(escape.body.path("field").asText()).isEqualTo("file_source");
        Response notMultipart = post("/v1/tenants/writer/documents/upload", text, Map.of());
        assertThat(notMultipart.status).isEqualTo(400);
        assertThat(notMultipart.body.path("field").asText()).isEqualTo("file");
        assertThat(get("/v1/tenants/writer/documents/track/upload_bm9wZQ").status)
                .isEqualTo(404);
        assertThat(get("/v1/tenants/writer/documents/track/nonsense").status).isEqualTo(404);
    }

    @Test
    void retryProcessesWatchedFilesAgainAndNeverDeletesWhatHasNoFile() throws Exception {
        Path watched = pipeline.root().resolve("writer").resolve("watched.md");
        Files.writeString(watched, "# Watched\n\nThe Heron cache was rebuilt on retry.\n");
        Response retried = post(
                "/v1/tenants/writer/documents/retry?path=watched.md&path=uploads/never-a-file.md&path=gone.md",
                JSON.createObjectNode(),
                Map.of());
        assertThat(retried.status).isEqualTo(202);
        assertThat(retried.body.path("retried").findValuesAsText("outcome"))
                .containsExactly("resubmitted", "no_file", "gone_deleted");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        query("writer", body("Heron cache rebuilt").put("mode", "naive"))
                                .body
                                .path("references")
                                .findValuesAsText("file_path"))
                .contains("watched.md"));
        assertThat(post(
                                "/v1/tenants/writer/documents/retry?path=../x&path=/elsewhere/notes.md",
                                JSON.createObjectNode(),
                                Map.of())
                        .body
                        .path("retried")
                        .findValuesAsText("outcome"))
                .as("a document outside every watch root is not taken for deleted")
                .containsExactly("not_watched", "not_watched");
    }

    private static JsonNode awaitTracked(String trackId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    last[0] = get("/v1/tenants/writer/documents/track/" + trackId).body;
                    assertThat(last[0].path("documents").findValuesAsText("status"))
                            .allMatch(status::equals);
                });
        return last[0];
    }

    /** A multipart/form-data upload as browsers and LightRAG's clients send it: one part named file per file. */
    private static Response upload(String tenant, Map<String, byte[]> files) throws Exception {
        String boundary = "hybridrag-test-boundary";
        var body = new java.io.ByteArrayOutputStream();
        for (var file : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + file.getKey() + "\"\r\nContent-Type: text/markdown\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(file.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tenants/" + tenant + "/documents/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    private static String exampleQuery(String url) {
        return url.endsWith("/documents/content") ? "?path=events.md" : "?q=kafka&path=nothing.md";
    }

    /** A body each documented operation accepts: Ollama's shapes for its endpoints, a query elsewhere. */
    private static String exampleBody(String url) {
        if (url.endsWith("/documents/text")) {
            return "{\"text\":\"# Example\\n\\nAn example note.\",\"file_source\":\"example.md\"}";
        }
        if (url.endsWith("/ollama/api/chat")) {
            return ollamaChat("kafka").put("stream", false).toString();
        }
        if (url.endsWith("/ollama/api/generate")) {
            return "{\"prompt\":\"kafka\",\"stream\":false}";
        }
        return "{\"query\":\"kafka\"}";
    }

    private static Response post(String path, ObjectNode body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    private static TenantConfig locked(String id, String key) throws Exception {
        TenantConfig open = TestInfrastructure.tenant(
                id,
                pipeline.postgres().settings(),
                Files.createDirectories(pipeline.root().resolve(id)),
                ModelSettings.offline());
        return new TenantConfig(
                open.id(), open.isolation(), open.postgres(), open.watch(), open.models(), ApiKeys.of(List.of(key)));
    }

    /** Offline, and open to documents over the API ({@code writes: true}). */
    private static TenantConfig writer() throws Exception {
        return TestInfrastructure.tenant(
                        "writer",
                        pipeline.postgres().settings(),
                        Files.createDirectories(pipeline.root().resolve("writer")),
                        ModelSettings.offline())
                .withWrites(true);
    }

    private static TenantConfig tenant(String id, ProviderSettings chat) throws Exception {
        Path folder = Files.createDirectories(pipeline.root().resolve(id));
        // Sentences as GraphIT's scripted extractor reads them: capitalised words are entities, related pairwise.
        Files.writeString(
                folder.resolve("events.md"),
                "# Events\n\nKafka carries the file events. Watcher publishes file events to Kafka. Extractor reads"
                        + " from Kafka.\n");
        Files.writeString(
                folder.resolve("storage.md"),
                "# Storage\n\nPostgres stores the chunks. Indexer writes chunks to Postgres.\n");
        ModelSettings models = FakeLlmModels.of(chat, FakeLlmModels.embedding(pipeline.provider(), 16));
        return TestInfrastructure.tenant(id, pipeline.postgres().settings(), folder, models);
    }

    /** The fake LLM: extraction as GraphIT scripts it, fixed query keywords, and a fixed answer. */
    private static String respond(List<ChatMessage> messages) {
        String first = messages.getFirst().content();
        if (first.contains("high_level_keywords")) {
            return "Sure! ```json\n{\"high_level_keywords\": [\"event publishing\"],"
                    + " \"low_level_keywords\": [\"Watcher\", \"Kafka\"]}\n```";
        }
        if (messages.getLast().content().contains("---Text start---")) {
            return GraphIT.extraction(messages);
        }
        // Long enough that the stream is still being written well after a client that read one piece has left.
        return messages.getLast().content().contains("at length") ? (ANSWER + "\n\n").repeat(10) : ANSWER;
    }

    private static int keywordCalls() {
        return (int) provider.requests().stream()
                .filter(r -> r.body().contains("high_level_keywords"))
                .count();
    }

    private static int answerCalls() {
        return (int) provider.requests().stream()
                .filter(r -> r.body().contains("---Data---"))
                .count();
    }

    private record Event(String name, JsonNode data) {}

    private static List<Event> events(String body) throws Exception {
        List<Event> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            String name = "";
            String data = "";
            for (String line : frame.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (!name.isEmpty()) {
                events.add(new Event(name, JSON.readTree(data)));
            }
        }
        return events;
    }

    private static ObjectNode body(String question) {
        return JSON.createObjectNode().put("query", question);
    }

    private record Response(int status, JsonNode body) {}

    private static Response query(String tenant, ObjectNode body) throws Exception {
        HttpResponse<String> response = send("/v1/tenants/" + tenant + "/query", body);
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    private static HttpResponse<String> send(String path, ObjectNode body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Response get(String path) throws Exception {
        return get(path, Map.of());
    }

    private static Response get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }
}
