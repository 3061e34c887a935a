package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole pipeline in one JVM against a real broker and a real PostgreSQL with pgvector: a markdown file written
 * into the watched folder becomes answerable over HTTP, and deleting it takes it out of the answers.
 */
class EndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RunningPipeline pipeline = RunningPipeline.with(ServiceKind.values());

    @Test
    void aDroppedFileIsAnsweredAndADeletedOneIsGone() throws Exception {
        Files.writeString(pipeline.root().resolve("bread.md"), """
                # Sourdough notes

                Feed the starter with rye flour, wait for it to double, then mix the dough and fold it
                every half hour. Bake at 250 degrees in a covered pot.
                """);
        Path ports = pipeline.root().resolve("mcp/ports.md");
        Files.createDirectories(ports.getParent());
        Files.writeString(ports, Conversations.PORT_CONFLICT);

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
        Files.writeString(
                pipeline.root().resolve("lighthouse.md"), "# Lighthouse\n\nThe lighthouse keeper logs every ship.");
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
                HttpRequest.newBuilder(URI.create(pipeline.baseUrl() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    private static Response query(String tenant, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(pipeline.baseUrl() + "/v1/tenants/" + tenant + "/query"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    private static Response get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(pipeline.baseUrl() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    private static List<String> referencedFiles(JsonNode answer) {
        return answer.path("references").findValuesAsText("file_path");
    }
}
