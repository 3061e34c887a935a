package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import dev.hybridrag.extractor.ExtractorService;
import dev.hybridrag.indexer.IndexerService;
import dev.hybridrag.query.QueryServer;
import dev.hybridrag.watcher.WatcherService;
import java.net.InetSocketAddress;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline in one JVM against a real broker and a real PostgreSQL with pgvector: a markdown file written
 * into the watched folder becomes answerable over HTTP, and deleting it takes it out of the answers.
 */
class EndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path inbox;

    private static TestKafka kafka;
    private static TestPostgres postgres;
    private static Infrastructure infra;
    private static final List<AutoCloseable> services = new ArrayList<>();
    private static String baseUrl;

    @BeforeAll
    static void startPipeline() throws Exception {
        kafka = new TestKafka();
        postgres = new TestPostgres();
        infra = TestInfrastructure.create(
                kafka.bootstrapServers(),
                Map.of("HYBRIDRAG_TOPIC_PARTITIONS", "2"),
                TestInfrastructure.tenant("default", postgres.settings(), inbox));
        IndexerService indexer = new IndexerService(infra);
        indexer.start();
        services.add(indexer);
        ExtractorService extractor = new ExtractorService(infra);
        extractor.start();
        services.add(extractor);
        QueryServer query = new QueryServer(infra, new InetSocketAddress("127.0.0.1", 0));
        query.start();
        services.add(query);
        baseUrl = "http://127.0.0.1:" + query.port();
        WatcherService watcher = new WatcherService(infra, Duration.ofMillis(100));
        watcher.start();
        services.add(watcher);
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        for (AutoCloseable service : services.reversed()) {
            service.close();
        }
        if (infra != null) {
            infra.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aDroppedFileIsAnsweredAndADeletedOneIsGone() throws Exception {
        Files.writeString(inbox.resolve("bread.md"), """
                # Sourdough notes

                Feed the starter with rye flour, wait for it to double, then mix the dough and fold it
                every half hour. Bake at 250 degrees in a covered pot.
                """);
        Path ports = inbox.resolve("mcp/ports.md");
        Files.createDirectories(ports.getParent());
        Files.writeString(ports, """
                # MCP server start-up

                _**User**_

                The MCP server crashes with EADDRINUSE when port 8080 is already taken by another process.

                ---

                _**Assistant**_

                A port conflict: print a short message naming the port and suggest --port, instead of stack traces.
                """);

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode answer =
                            query("default", "{\"query\":\"port conflict EADDRINUSE\",\"mode\":\"naive\"}").body;
                    assertThat(referencedFiles(answer)).contains("mcp/ports.md", "bread.md");
                });
        JsonNode answer = query("default", "{\"query\":\"port conflict EADDRINUSE\",\"mode\":\"naive\"}").body;
        assertThat(answer.path("references").get(0).path("file_path").asText()).isEqualTo("mcp/ports.md");
        // Offline, the answer quotes the sentence that answers, with its citation, in a few hundred characters.
        assertThat(answer.path("answer").asText())
                .contains("suggest --port, instead of stack traces. [1]")
                .doesNotContain("rye flour")
                .hasSizeLessThanOrEqualTo(400);
        assertThat(answer.path("context").path("chunks").get(0).path("content").asText())
                .contains("EADDRINUSE");

        Files.delete(ports);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode after =
                            query("default", "{\"query\":\"port conflict EADDRINUSE\",\"mode\":\"naive\"}").body;
                    assertThat(referencedFiles(after)).containsExactly("bread.md");
                });
        JsonNode documents = get("/v1/tenants/default/documents").body;
        assertThat(documents.path("documents").findValuesAsText("path")).containsExactly("bread.md");
        assertThat(documents.path("documents").get(0).path("status").asText()).isEqualTo("processed");
    }

    @Test
    void unknownTenantsAndBadRequestsGetClearJsonErrors() throws Exception {
        Response unknown = query("nobody", "{\"query\":\"x\"}");
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.body.path("error").asText()).contains("unknown tenant 'nobody'");

        Response notJson = query("default", "{\"query\": ");
        assertThat(notJson.status).isEqualTo(400);
        assertThat(notJson.body.path("error").asText()).contains("not valid JSON");

        Response missing = query("default", "{\"mode\":\"naive\"}");
        assertThat(missing.status).isEqualTo(400);
        assertThat(missing.body.path("field").asText()).isEqualTo("query");

        Response badTopK = query("default", "{\"query\":\"x\",\"top_k\":100000}");
        assertThat(badTopK.status).isEqualTo(400);
        assertThat(badTopK.body.path("field").asText()).isEqualTo("top_k");

        Response injected = query("default'%20OR%201=1--", "{\"query\":\"x\"}");
        assertThat(injected.status).isEqualTo(404);
        assertThat(injected.body.path("error").asText()).doesNotContain("OR 1=1");

        assertThat(get("/healthz").body.path("status").asText()).isEqualTo("ok");
    }

    @Test
    void aDocumentDeletedOnRequestLeavesTheAnswers() throws Exception {
        Files.writeString(inbox.resolve("lighthouse.md"), "# Lighthouse\n\nThe lighthouse keeper logs every ship.");
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(
                                get("/v1/tenants/default/documents").body.findValuesAsText("path"))
                        .contains("lighthouse.md"));

        Response missing = send("DELETE", "/v1/tenants/default/documents");
        assertThat(missing.status).isEqualTo(400);
        assertThat(missing.body.path("field").asText()).isEqualTo("path");
        Response accepted = send("DELETE", "/v1/tenants/default/documents?path=lighthouse.md");
        assertThat(accepted.status).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(
                                get("/v1/tenants/default/documents").body.findValuesAsText("path"))
                        .doesNotContain("lighthouse.md"));
    }

    private record Response(int status, JsonNode body) {}

    private static Response send(String method, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    private static Response query(String tenant, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tenants/" + tenant + "/query"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    private static Response get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    private static List<String> referencedFiles(JsonNode answer) {
        return answer.path("references").findValuesAsText("file_path");
    }
}
