package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.lifecycle.Service;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.storage.EmbeddingState;
import dev.hybridrag.core.storage.EmbeddingStates;
import dev.hybridrag.core.storage.TenantSnapshot;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.FakeOpenAiServer.Endpoint;
import dev.hybridrag.core.testing.Fault;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenant's embedding model changes from {@code alpha} (16 dimensions) to {@code beta} (1536), both served by a
 * fake provider that counts its calls. The indexer re-embeds the stored texts without a single chat call, queries
 * answer throughout (with alpha until the switch, with beta after it), the progress is recorded where {@code tenant
 * stats} reads it, an indexer stopped halfway is replaced by one that carries on without embedding anything twice,
 * and a query-service that cannot reach the model the vectors are in says so.
 */
class ReEmbeddingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEY = "sk-test-embeddings";

    @RegisterExtension
    final RunningPipeline pipeline = RunningPipeline.with()
            .provider(provider -> provider.embeddingDimension("alpha", 16)
                    .embeddingDimension("beta", 1536)
                    .respondToChat(GraphIT::extraction));

    private Path inbox;
    private FakeOpenAiServer provider;

    @BeforeEach
    void pipeline() throws Exception {
        inbox = Files.createDirectories(pipeline.root().resolve("docs"));
        provider = pipeline.provider();
    }

    @Test
    void aChangedModelIsReEmbeddedInTheBackgroundWhileQueriesKeepAnswering() throws Exception {
        // Before: the pipeline ingests with alpha.
        Infrastructure before = ingestWithAlpha();
        TenantConfig tenant = before.tenants().require("docs");
        long vectors = count("SELECT (SELECT count(*) FROM chunks) + (SELECT count(*) FROM entities)"
                + " + (SELECT count(*) FROM relations)");
        assertThat(vectors).isGreaterThan(12);
        stopServices();
        int chatCalls = provider.calls(Endpoint.CHAT);

        // The model is changed to beta and the services restart; query-service first, the indexer later.
        Infrastructure after = infrastructure(
                embedding("openai", "beta", provider.baseUrl(), 1536), Map.of("HYBRIDRAG_REEMBED_BATCH", "2"));
        String url = startQueryService(after);
        assertThat(contextChunks(url, "Which component carries the file events?"))
                .isNotEmpty();
        assertThat(provider.embeddedTexts("alpha")).contains("Which component carries the file events?");

        provider.faults(Endpoint.EMBEDDINGS).sometimes(1.0, Fault.slow(Duration.ofMillis(600)));
        Service firstIndexer =
                pipeline.services().add(after, List.of(ServiceKind.indexer)).getFirst();
        await().atMost(Duration.ofSeconds(30)).until(() -> state(after, tenant).done() >= 2);

        EmbeddingState halfway = state(after, tenant);
        assertThat(halfway.describe())
                .startsWith("re-embedding " + halfway.done() + "/" + vectors + " with model beta (1536 dimensions)")
                .contains("queries use alpha (16 dimensions) until the switch");
        assertThat(contextChunks(url, "Who writes chunks to Postgres?")).isNotEmpty();
        assertThat(provider.embeddedTexts("alpha")).contains("Who writes chunks to Postgres?");
        assertThat(provider.embeddedTexts("beta")).doesNotContain("Who writes chunks to Postgres?");

        // The indexer stops halfway (its current batch finishes); another one takes over.
        pipeline.services().close(firstIndexer);
        long doneByTheFirst = state(after, tenant).done();
        assertThat(doneByTheFirst).isLessThan(vectors);
        assertThat(provider.embeddedTexts("beta")).hasSize((int) doneByTheFirst);
        provider.faults(Endpoint.EMBEDDINGS).clear();
        pipeline.services().add(after, List.of(ServiceKind.indexer));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !state(after, tenant).reEmbedding());

        // Every stored text was embedded with beta exactly once, and nothing was extracted again.
        List<String> embedded = provider.embeddedTexts("beta");
        assertThat(embedded).hasSize((int) vectors);
        assertThat(provider.calls(Endpoint.CHAT)).isEqualTo(chatCalls);
        assertThat(state(after, tenant).describe()).isEqualTo("beta (1536 dimensions)");
        assertThat(count("SELECT count(*) FROM chunks WHERE embedding_model = 'beta' AND embedding_dim = 1536")
                        + count("SELECT count(*) FROM entities WHERE embedding_model = 'beta'")
                        + count("SELECT count(*) FROM relations WHERE embedding_model = 'beta'"))
                .isEqualTo(vectors);
        assertThat(count("SELECT count(*) FROM reembed_vectors")).isZero();

        // After the switch the question is embedded with beta, and the same query finds the same passages.
        assertThat(contextChunks(url, "Which component carries the file events?"))
                .isNotEmpty();
        assertThat(Collections.frequency(provider.embeddedTexts("beta"), "Which component carries the file events?"))
                .isEqualTo(1);
    }

    @Test
    void aQueryServiceThatCannotReachTheStoredModelSaysSo() throws Exception {
        Infrastructure before = ingestWithAlpha();
        TenantConfig tenant = before.tenants().require("docs");
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions() // until the indexer has recorded the state
                .until(() -> settled(before, tenant)
                        && state(before, tenant).describe().equals("alpha (16 dimensions)"));
        stopServices();

        // Moved to another provider whose key this process has; the vectors are still alpha's, at the old one.
        Infrastructure moved = infrastructure(embedding("azure", "gamma", "http://127.0.0.1:9", 8), Map.of());
        String url = startQueryService(moved);
        HttpResponse<String> response = query(url, "Which component carries the file events?");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .contains("alpha (16 dimensions)")
                .contains("tenant stats")
                .doesNotContain(KEY);
    }

    /** The pipeline ingests the folder with embedding model alpha (16 dimensions) until the tenant settles. */
    private Infrastructure ingestWithAlpha() throws Exception {
        Infrastructure before = infrastructure(embedding("openai", "alpha", provider.baseUrl(), 16), Map.of());
        TenantConfig tenant = before.tenants().require("docs");
        write();
        pipeline.services().add(before, List.of(ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> settled(before, tenant));
        return before;
    }

    private Infrastructure infrastructure(ProviderSettings embedding, Map<String, String> settings) {
        ModelSettings models = FakeLlmModels.of(FakeLlmModels.chat(provider), embedding);
        return pipeline.infrastructure(
                settings, TestInfrastructure.tenant("docs", pipeline.postgres().settings(), inbox, models));
    }

    private static ProviderSettings embedding(String provider, String model, String url, int dimension) {
        return new ProviderSettings(provider, model, url, KEY, provider.equals("azure") ? "2024-10-21" : "", dimension);
    }

    private void write() throws Exception {
        Files.writeString(
                inbox.resolve("events.md"),
                "# Events\n\nKafka carries the file events. Watcher publishes file events to Kafka.\n");
        Files.writeString(
                inbox.resolve("storage.md"), "# Storage\n\nPostgres stores the chunks. Indexer writes to Postgres.\n");
        Files.writeString(
                inbox.resolve("queries.md"), "# Queries\n\nQuery Service reads Postgres. Claude asks Query Service.\n");
        Files.writeString(
                inbox.resolve("models.md"), "# Models\n\nExtractor calls Ollama. Ollama embeds for Extractor.\n");
    }

    private String startQueryService(Infrastructure infra) throws Exception {
        pipeline.services().add(infra, List.of(ServiceKind.query));
        return "http://127.0.0.1:" + pipeline.services().queryPort();
    }

    private void stopServices() {
        pipeline.services().close(Service.class);
    }

    private boolean settled(Infrastructure infra, TenantConfig tenant) throws Exception {
        // Documents first: once all are applied, no dirty key is missing from the counts read after them.
        if (count("SELECT count(*) FROM documents WHERE status = 'processed'") != 4) {
            return false;
        }
        TenantSnapshot.Counts counts = TenantSnapshot.counts(infra.dataSource(tenant), tenant.workspace());
        return counts.dirtyKeys() == 0 && counts.relations() > 0;
    }

    private static EmbeddingState state(Infrastructure infra, TenantConfig tenant) throws Exception {
        return new EmbeddingStates()
                .load(infra.dataSource(tenant), tenant.workspace())
                .orElseThrow();
    }

    /** The passages a mix query finds; keywords are given, so the only provider call is the question's embedding. */
    private static List<JsonNode> contextChunks(String url, String question) throws Exception {
        HttpResponse<String> response = query(url, question);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> chunks = new ArrayList<>();
        JSON.readTree(response.body()).path("context").path("chunks").forEach(chunks::add);
        return chunks;
    }

    private static HttpResponse<String> query(String url, String question) throws Exception {
        ObjectNode body = JSON.createObjectNode()
                .put("query", question)
                .put("mode", "mix")
                .put("only_need_context", true);
        body.putArray("hl_keywords").add("file events");
        body.putArray("ll_keywords").add("Kafka");
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/v1/tenants/docs/query"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long count(String sql) throws Exception {
        try (Connection connection = pipeline.postgres().connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
