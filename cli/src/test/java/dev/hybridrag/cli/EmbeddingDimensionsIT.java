package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridrag.bench.ExplainedStatements;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.EmbeddingMismatchException;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.storage.TenantSnapshot;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestPostgres;
import dev.hybridrag.query.retrieval.QueryKeywords;
import dev.hybridrag.query.retrieval.RetrievalOptions;
import dev.hybridrag.query.retrieval.RetrievalSettings;
import dev.hybridrag.query.retrieval.Retriever;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three tenants in the same shared tables, each embedding in its own dimension: {@code small} with the offline
 * model (384), {@code wide} with a 1536-dimensional provider model and {@code large} with a 3072-dimensional one
 * (above pgvector's 2,000 for {@code vector}, so indexed as {@code halfvec}). Each is queryable, each search is
 * served by its dimension's partial HNSW index, and a question embedded in the wrong dimension gets a clear error.
 */
class EmbeddingDimensionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RunningPipeline pipeline = RunningPipeline.with(ServiceKind.values())
            // Searches go to the HNSW indexes from the first vector on: this test is about those indexes, and tenants
            // this small are otherwise searched exactly (docs/retrieval.md).
            .settings(Map.of("HYBRIDRAG_EXACT_SEARCH_MAX_VECTORS", "0"))
            .provider(provider -> provider.embeddingDimension("fake-embedding-1536", 1536)
                    .embeddingDimension("fake-embedding-3072", 3072))
            .tenants(p -> List.of(
                    tenant("small", ProviderSettings.offline(), "Kafka partitions carry the file events of Watcher."),
                    tenant(
                            "wide",
                            new ProviderSettings(
                                    "compatible",
                                    "fake-embedding-1536",
                                    p.provider().baseUrl(),
                                    "",
                                    "",
                                    1536),
                            "PostgresStore keeps the chunks that ChunkIndexer writes."),
                    tenant(
                            "large",
                            new ProviderSettings(
                                    "compatible",
                                    "fake-embedding-3072",
                                    p.provider().baseUrl(),
                                    "",
                                    "",
                                    3072),
                            "Redis caches the answers that Query Service writes.")));

    private static TestPostgres postgres;
    private static Infrastructure infra;
    private static String baseUrl;
    private static TenantConfig small;
    private static TenantConfig wide;
    private static TenantConfig large;

    @BeforeAll
    static void awaitIngested() {
        postgres = pipeline.postgres();
        infra = pipeline.infra();
        baseUrl = pipeline.baseUrl();
        small = pipeline.tenant("small");
        wide = pipeline.tenant("wide");
        large = pipeline.tenant("large");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> settled(small) && settled(wide) && settled(large));
    }

    @Test
    void eachTenantIsStoredAndQueriedInItsOwnDimension() throws Exception {
        assertThat(scalar("SELECT string_agg(DISTINCT embedding_dim::text, ',') FROM chunks WHERE workspace = 'small'"))
                .isEqualTo("384");
        assertThat(scalar(
                        "SELECT string_agg(DISTINCT embedding_dim::text, ',') FROM entities WHERE workspace = 'wide'"))
                .isEqualTo("1536");
        assertThat(scalar("SELECT string_agg(DISTINCT embedding_dim::text, ',') FROM relations"
                        + " WHERE workspace = 'large'"))
                .isEqualTo("3072");
        for (String tenant : List.of("small", "wide", "large")) {
            HttpResponse<String> response = query(tenant, "What writes the chunks?");
            assertThat(response.statusCode()).as(tenant).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.path("references").findValuesAsText("file_path"))
                    .as(tenant)
                    .containsExactly(tenant + ".md");
            assertThat(answer.path("context").path("entities")).as(tenant).isNotEmpty();
            assertThat(answer.path("context").path("relations")).as(tenant).isNotEmpty();
        }
    }

    @Test
    void everyDimensionHasItsIndexAndEverySearchUsesIt() throws Exception {
        for (String table : List.of("chunks", "entities", "relations")) {
            assertThat(scalar("SELECT indexdef FROM pg_indexes WHERE indexname = '" + table + "_embedding_hnsw_384'"))
                    .contains("vector(384)")
                    .contains("WHERE (embedding_dim = 384)");
            assertThat(scalar("SELECT indexdef FROM pg_indexes WHERE indexname = '" + table + "_embedding_hnsw_1536'"))
                    .contains("vector(1536)");
            assertThat(scalar("SELECT indexdef FROM pg_indexes WHERE indexname = '" + table + "_embedding_hnsw_3072'"))
                    .contains("halfvec(3072)")
                    .contains("halfvec_cosine_ops")
                    .contains("WHERE (embedding_dim = 3072)");
        }
        for (TenantConfig tenant : List.of(small, wide, large)) {
            int dimension = infra.models().embedder(tenant).dimension();
            List<String> plans = searchPlans(tenant);
            for (String table : List.of("chunks", "entities", "relations")) {
                assertThat(plans).as(tenant.id() + " " + table).anySatisfy(plan -> assertThat(plan)
                        .contains("Index Scan using " + table + "_embedding_hnsw_" + dimension));
            }
            assertThat(String.join("\n", plans))
                    .as(tenant.id() + " searches no other dimension's index")
                    .doesNotContainPattern("embedding_hnsw_(?!" + dimension + "\\b)\\d+");
        }
    }

    @Test
    void aQuestionEmbeddedInAnotherDimensionIsRefusedWithTheModelsNamed() {
        Embedder wideEmbedder = infra.models().embedder(wide);
        assertThatThrownBy(() -> new Retriever()
                        .retrieve(
                                infra.dataSource(small),
                                small.workspace(),
                                wideEmbedder,
                                QueryKeywords.offline(infra.models().heuristicExtractor()),
                                "What carries the file events?",
                                options("naive"),
                                Optional.empty()))
                .isInstanceOf(EmbeddingMismatchException.class)
                .hasMessageContaining("bge-small-en-v1.5-q (384 dimensions")
                .hasMessageContaining("fake-embedding-1536 (1536 dimensions)");
    }

    /**
     * Plans of one mix retrieval (chunk, entity and relation searches) as PostgreSQL runs them. Sequential scans are
     * off so that the plan shows whether the index can serve the search at all: on a few rows a scan is cheaper,
     * and the benchmark (docs/benchmarks/query.md) shows the planner choosing the index on 100,000 chunks.
     */
    private static List<String> searchPlans(TenantConfig tenant) throws Exception {
        ExplainedStatements explained =
                new ExplainedStatements(
                        postgres.settings().jdbcUrl(),
                        postgres.settings().user(),
                        postgres.settings().password()) {
                    @Override
                    public Connection getConnection() throws SQLException {
                        Connection connection = super.getConnection();
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("SET enable_seqscan = off");
                        }
                        return connection;
                    }
                };
        new Retriever(RetrievalSettings.from(infra.environment()), infra.clock())
                .retrieve(
                        explained,
                        tenant.workspace(),
                        infra.models().embedder(tenant),
                        QueryKeywords.offline(infra.models().heuristicExtractor()),
                        "What writes the chunks?",
                        new RetrievalOptions("mix", 10, 5, 6000, 8000, 30000, List.of("writing"), List.of("Indexer")),
                        Optional.empty());
        return explained.plans();
    }

    private static RetrievalOptions options(String mode) {
        return new RetrievalOptions(mode, 10, 5, 6000, 8000, 30000, List.of(), List.of());
    }

    private static TenantConfig tenant(String id, ProviderSettings embedding, String text) throws Exception {
        Path folder = Files.createDirectories(pipeline.root().resolve(id));
        Files.writeString(folder.resolve(id + ".md"), "# " + id + "\n\n" + text + "\n");
        ModelSettings offline = ModelSettings.offline();
        ModelSettings models = new ModelSettings(
                ProviderSettings.offline(),
                embedding,
                FakeLlmModels.QUICK,
                0,
                offline.entityTypes(),
                offline.chunkTokens(),
                offline.chunkOverlapTokens());
        return TestInfrastructure.tenant(id, pipeline.postgres().settings(), folder, models);
    }

    private static boolean settled(TenantConfig tenant) throws Exception {
        // Documents first: once applied, no dirty key is missing from the counts read after them.
        if (scalar("SELECT count(*) FROM documents WHERE status = 'processed' AND workspace = '" + tenant.workspace()
                        + "'")
                .equals("0")) {
            return false;
        }
        TenantSnapshot.Counts counts = TenantSnapshot.counts(infra.dataSource(tenant), tenant.workspace());
        return counts.relations() > 0 && counts.dirtyKeys() == 0;
    }

    private static HttpResponse<String> query(String tenant, String question) throws Exception {
        String body = JSON.createObjectNode()
                .put("query", question)
                .put("mode", "mix")
                .put("only_need_context", true)
                .toString();
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tenants/" + tenant + "/query"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String scalar(String sql) throws Exception {
        try (Connection connection = postgres.connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return String.valueOf(rows.getString(1));
        }
    }
}
