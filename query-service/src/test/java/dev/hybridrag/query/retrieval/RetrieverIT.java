package dev.hybridrag.query.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.extract.ExtractedEntity;
import dev.hybridrag.core.llm.CallGuard;
import dev.hybridrag.core.llm.CallLimits;
import dev.hybridrag.core.llm.HttpReranker;
import dev.hybridrag.core.llm.ModelPrices;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.llm.Reranker;
import dev.hybridrag.core.llm.ResilientReranker;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.storage.ScoredEntity;
import dev.hybridrag.core.storage.ScoredRelation;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.Fault;
import dev.hybridrag.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each mode on a small fixed graph returns the expected entities, relations and chunks, in the expected order.
 * Vectors live in a 4-word space (kafka, postgres, bread, oven) so every similarity is known.
 */
class RetrieverIT {

    private static final List<String> WORDS = List.of("kafka", "postgres", "bread", "oven");
    private static TestPostgres postgres;
    private static Databases databases;
    private static DataSource dataSource;
    private final Retriever retriever = new Retriever();

    @BeforeAll
    static void graph() throws Exception {
        postgres = new TestPostgres();
        databases = new Databases(2);
        dataSource = databases.dataSource(postgres.settings());
        try (Connection connection = postgres.connect();
                Statement sql = connection.createStatement()) {
            chunk(sql, "t", "a.md", "c-kafka", "Kafka keeps the events of every session.");
            chunk(sql, "t", "b.md", "c-pg", "Postgres keeps the rows the indexer writes.");
            chunk(sql, "t", "c.md", "c-bread", "Bread needs flour, water and a hot oven.");
            entity(sql, "t", "kafka", "Kafka", "c-kafka", "Kafka, an event log");
            entity(sql, "t", "postgres", "Postgres", "c-pg", "Postgres, the database");
            entity(sql, "t", "bread", "Bread", "c-bread", "Bread, baked in an oven");
            relation(sql, "kafka\u001fpostgres", "Kafka", "Postgres", "c-kafka','c-pg", "Kafka feeds Postgres", 5);
            relation(sql, "bread\u001foven", "Bread", "Oven", "c-bread", "Bread bakes in the oven", 1);
            // Tenant "w": a list naming every matched entity, and the one chunk about the question.
            chunk(sql, "w", "list.md", "c-list", "Kafka, Postgres, Bread and Oven are on the task list.");
            chunk(sql, "w", "retention.md", "c-retention", "Kafka keeps events for seven days before retention.");
            chunk(sql, "w", "notes.md", "c-notes", "How long does retention keep kafka events? Seven days.");
            entity(sql, "w", "kafka", "Kafka", "c-list','c-retention", "Kafka, an event log");
            entity(sql, "w", "postgres", "Postgres", "c-list", "Postgres, the database");
            entity(sql, "w", "bread", "Bread", "c-list", "Bread, baked in an oven");
            // Tenant "v": a busy name cited by a dozen chunks, one of them about the question.
            List<String> busy = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                chunk(sql, "v", "rows-" + i + ".md", "c-a" + i, "Postgres row " + i + " of the task list.");
                busy.add("c-a" + i);
            }
            chunk(sql, "v", "retention.md", "c-retention", "Kafka keeps events for seven days before retention.");
            busy.add("c-retention");
            entity(sql, "v", "kafka", "Kafka", String.join("','", busy), "Kafka, an event log");
            // Tenant "m": the chunk about the question, cited by no name; a chunk half about it that a busy name
            // cites; and two chunks a rarer name cites, which the graph's votes put first.
            chunk(sql, "m", "retention.md", "c-retention", "Kafka keeps events for seven days before retention.");
            chunk(sql, "m", "shared.md", "c-shared", "Kafka and Postgres share the retention of events.");
            List<String> kafkaCites = new ArrayList<>(List.of("c-shared"));
            for (int i = 0; i < 3; i++) {
                chunk(sql, "m", "oven-" + i + ".md", "c-oven" + i, "Bread, an oven and Kafka on list " + i + ".");
                kafkaCites.add("c-oven" + i);
            }
            chunk(sql, "m", "rows-1.md", "c-row1", "Postgres row one.");
            chunk(sql, "m", "rows-2.md", "c-row2", "Postgres row two.");
            entity(sql, "m", "kafka", "Kafka", String.join("','", kafkaCites), "Kafka, an event log");
            entity(sql, "m", "postgres", "Postgres", "c-row1','c-row2", "Postgres, the database");
            // Tenant "g": a name citing two chunks since replaced before the one still stored; a chunk about bread
            // that no name cites.
            chunk(sql, "g", "late.md", "c-late", "Kafka keeps the late events.");
            chunk(sql, "g", "bread.md", "c-bread", "Bread needs flour, water and a hot oven.");
            entity(sql, "g", "kafka", "Kafka", "a-gone-1','a-gone-2','c-late", "Kafka, an event log");
        }
    }

    private static void chunk(Statement sql, String workspace, String path, String id, String content)
            throws Exception {
        sql.execute("INSERT INTO documents (workspace, path, content_hash, size_bytes, mtime, version, status)"
                + " VALUES ('" + workspace + "', '" + path + "', 'h', 1, now(), 1, 'processed')");
        sql.execute("INSERT INTO chunks (workspace, path, chunk_id, chunk_index, content, tokens,"
                + " embedding_model, embedding_dim, embedding) VALUES ('" + workspace + "', '" + path + "', '" + id
                + "', 0, '" + content + "', 10, 'words', 4, '" + vector(content) + "')");
    }

    @AfterAll
    static void drop() throws Exception {
        databases.close();
        postgres.close();
    }

    @Test
    void naiveFindsTheNearestChunks() throws Exception {
        RetrievedContext found = retrieve("naive", "how is bread made?", List.of());
        assertThat(chunkIds(found)).first().isEqualTo("c-bread");
        assertThat(found.entities()).isEmpty();
        assertThat(found.relations()).isEmpty();
    }

    @Test
    void localGoesFromNamedEntitiesToTheirRelationsAndChunks() throws Exception {
        RetrievedContext found = retrieve("local", "what does kafka do?", List.of("Kafka"));
        assertThat(found.entities()).extracting(ScoredEntity::key).first().isEqualTo("kafka");
        assertThat(found.relations()).extracting(ScoredRelation::key).first().isEqualTo("kafka\u001fpostgres");
        RetrievalOptions onlyTheBest = new RetrievalOptions("local", 1, 20, 6000, 8000, 30000, List.of(), List.of());
        assertThat(retriever
                        .retrieve(
                                dataSource,
                                "t",
                                new WordEmbedder(),
                                QueryKeywords.offline(names(List.of("Kafka"))),
                                "kafka",
                                onlyTheBest,
                                Optional.empty())
                        .relations())
                .extracting(ScoredRelation::key)
                .containsExactly("kafka\u001fpostgres");
        assertThat(chunkIds(found)).first().isEqualTo("c-kafka");
        assertThat(chunkIds(found)).contains("c-pg"); // reached through the relation
    }

    @Test
    void ofTheChunksTheGraphLeadsToTheOneAboutTheQuestionComesFirst() throws Exception {
        // Every matched name is in c-list, so it has the most votes; c-retention is about what was asked.
        RetrievalOptions options = new RetrievalOptions("local", 40, 20, 6000, 8000, 30000, List.of(), List.of());
        RetrievedContext found = retrieve(
                "w",
                "How long does kafka keep events before retention?",
                List.of("Kafka", "Postgres", "Bread"),
                options,
                Optional.empty());

        assertThat(found.entities()).extracting(ScoredEntity::key).contains("kafka", "postgres", "bread");
        assertThat(chunkIds(found)).containsExactly("c-retention", "c-list"); // c-notes: no entity leads there
    }

    @Test
    void aChunkAboutTheQuestionIsFoundAmongTheManyAMatchedNameCites() throws Exception {
        // All thirteen chunks get the same vote from "Kafka"; only the question tells c-retention apart.
        RetrievalOptions oneChunk = new RetrievalOptions("local", 40, 1, 6000, 8000, 30000, List.of(), List.of());
        RetrievedContext found = retrieve(
                "v", "How long does kafka keep events before retention?", List.of("Kafka"), oneChunk, Optional.empty());

        assertThat(chunkIds(found)).containsExactly("c-retention");
    }

    @Test
    void mixKeepsFirstTheChunkItsQuestionSearchesRankFirst() throws Exception {
        // c-shared is near the question too, and the graph leads there: ordering the graph's chunks by the question
        // as well counted that nearness twice and put it above c-retention. mix takes the graph's chunks by votes.
        RetrievalOptions twoChunks = new RetrievalOptions("mix", 40, 2, 6000, 8000, 30000, List.of(), List.of());
        RetrievedContext mix = retrieve(
                "m",
                "How long does kafka keep events before retention?",
                List.of("Kafka", "Postgres"),
                twoChunks,
                Optional.empty());

        assertThat(chunkIds(mix)).containsExactly("c-retention", "c-shared");
    }

    @Test
    void mixTakesTheGraphsFirstChunksStillStoredPastCitedOnesSinceReplaced() throws Exception {
        // The graph's list weighs most here, so its first chunk comes first if the graph finds it: past the two
        // replaced chunks the votes put ahead of it, read one at a time for one chunk, two at a time for two.
        Retriever graphFirst = new Retriever(
                RetrievalSettings.from(new Environment(Map.of(Settings.FUSION_GRAPH_WEIGHT.name(), "100"))),
                Clock.systemUTC());
        for (int chunks = 1; chunks <= 2; chunks++) {
            RetrievedContext mix = retrieve(
                    graphFirst,
                    "g",
                    "how is bread made?",
                    List.of("Kafka"),
                    new RetrievalOptions("mix", 40, chunks, 6000, 8000, 30000, List.of(), List.of()),
                    Optional.empty());

            assertThat(chunkIds(mix)).first().as("%d chunks", chunks).isEqualTo("c-late");
        }
    }

    @Test
    void globalGoesFromRelationsToTheirEntitiesAndChunks() throws Exception {
        RetrievedContext found = retrieve("global", "kafka and postgres", List.of());
        assertThat(found.relations()).extracting(ScoredRelation::key).first().isEqualTo("kafka\u001fpostgres");
        assertThat(found.entities()).extracting(ScoredEntity::key).contains("kafka", "postgres");
        assertThat(chunkIds(found).subList(0, 2)).containsExactlyInAnyOrder("c-kafka", "c-pg");
    }

    @Test
    void hybridAndMixCombineAndBypassRetrievesNothing() throws Exception {
        RetrievedContext hybrid = retrieve("hybrid", "kafka", List.of("Kafka"));
        assertThat(hybrid.entities()).extracting(ScoredEntity::key).first().isEqualTo("kafka");
        assertThat(hybrid.relations()).isNotEmpty();
        RetrievedContext mix = retrieve("mix", "bread oven", List.of("Bread"));
        assertThat(chunkIds(mix)).first().isEqualTo("c-bread");
        assertThat(mix.entities()).extracting(ScoredEntity::key).first().isEqualTo("bread");
        RetrievedContext bypass = retrieve("bypass", "kafka", List.of("Kafka"));
        assertThat(bypass.entities()).isEmpty();
        assertThat(bypass.chunks()).isEmpty();
    }

    @Test
    void theContextNeverExceedsItsTokenBudget() throws Exception {
        RetrievalOptions tight = new RetrievalOptions("mix", 40, 20, 6000, 8000, 1030, List.of(), List.of());
        RetrievedContext found = retrieve("t", "kafka", List.of(), tight, Optional.empty());
        assertThat(new ContextBudget().cost(found, "kafka")).isLessThanOrEqualTo(1030);
        assertThat(found.chunks().size()).isLessThan(3);
        RetrievalOptions roomy = new RetrievalOptions("mix", 40, 20, 6000, 8000, 30000, List.of(), List.of());
        assertThat(retriever
                        .retrieve(
                                dataSource,
                                "t",
                                new WordEmbedder(),
                                QueryKeywords.offline(names(List.of())),
                                "kafka",
                                roomy,
                                Optional.empty())
                        .chunks())
                .hasSize(3);
    }

    @Test
    void aTenantsRerankerOrdersTheFusedChunksAndAFailingOneLeavesTheFusedOrder() throws Exception {
        try (FakeOpenAiServer provider = FakeOpenAiServer.start()) {
            // A reranker that knows better than the vectors: rows are what this question is about.
            provider.rerankWith((query, document) -> document.contains("rows") ? 0.9 : 0.1);
            CallLimits limits = new CallLimits(
                    1, Duration.ZERO, Duration.ZERO, 0, 0, 4, Duration.ofSeconds(10), 0, ModelPrices.free());
            ProviderSettings settings =
                    new ProviderSettings("compatible", "rerank-test", provider.baseUrl(), "k", "", 0);
            Reranker reranker =
                    new ResilientReranker(new HttpReranker(settings, limits), CallGuard.of("rerank-test", limits));

            RetrievedContext reranked = retrieveNaive("how is bread made?", reranker);

            assertThat(chunkIds(reranked)).first().isEqualTo("c-pg");
            assertThat(reranked.chunks().getFirst().score()).isEqualTo(0.9);
            assertThat(provider.lastRequest().body()).contains("\"query\":\"how is bread made?\"", "Bread needs flour");

            provider.faults(FakeOpenAiServer.Endpoint.RERANK).times(5, Fault.serverError());
            RetrievedContext fused = retrieveNaive("how is bread made?", reranker);

            assertThat(chunkIds(fused)).first().isEqualTo("c-bread");
        }
    }

    private RetrievedContext retrieveNaive(String query, Reranker reranker) throws Exception {
        RetrievalOptions naive = new RetrievalOptions("naive", 40, 20, 6000, 8000, 30000, List.of(), List.of());
        return retrieve("t", query, List.of(), naive, Optional.of(reranker));
    }

    private RetrievedContext retrieve(String mode, String query, List<String> names) throws Exception {
        RetrievalOptions options = new RetrievalOptions(mode, 40, 20, 6000, 8000, 30000, List.of(), List.of());
        return retrieve("t", query, names, options, Optional.empty());
    }

    /** The question asked in workspace {@code workspace}, the offline keywords being {@code names}. */
    private RetrievedContext retrieve(
            String workspace, String query, List<String> names, RetrievalOptions options, Optional<Reranker> reranker)
            throws Exception {
        return retrieve(retriever, workspace, query, names, options, reranker);
    }

    /** The same, asked of {@code by}: a retriever with other settings. */
    private static RetrievedContext retrieve(
            Retriever by,
            String workspace,
            String query,
            List<String> names,
            RetrievalOptions options,
            Optional<Reranker> reranker)
            throws Exception {
        return by.retrieve(
                dataSource,
                workspace,
                new WordEmbedder(),
                QueryKeywords.offline(names(names)),
                query,
                options,
                reranker);
    }

    private static ChunkExtractor names(List<String> names) {
        return new ChunkExtractor() {
            @Override
            public String cacheIdentity() {
                return "names";
            }

            @Override
            public ChunkExtraction extract(String chunk) {
                return new ChunkExtraction(
                        names.stream()
                                .map(n -> new ExtractedEntity(n, "concept", ""))
                                .toList(),
                        List.of(),
                        List.of(),
                        0);
            }
        };
    }

    private static List<String> chunkIds(RetrievedContext found) {
        return found.chunks().stream().map(ScoredChunk::chunkId).toList();
    }

    private static void entity(
            Statement sql, String workspace, String key, String name, String chunks, String description)
            throws Exception {
        sql.execute("INSERT INTO entities (workspace, key, name, type, description, weight, fragment_count,"
                + " source_chunks, source_files, embedded_hash, embedding_model, embedding_dim, embedding) VALUES"
                + " ('" + workspace + "', '" + key + "', '" + name + "', 'technology', '" + description
                + "', 1, 1, ARRAY['" + chunks
                + "'], ARRAY['x.md'], 'h', 'words', 4, '" + vector(description) + "')");
    }

    private static void relation(
            Statement sql, String key, String source, String target, String chunks, String description, double weight)
            throws Exception {
        String[] ends = key.split("\u001f");
        sql.execute("INSERT INTO relations (workspace, key, source, target, source_key, target_key, keywords,"
                + " description, weight, fragment_count, source_chunks, source_files, embedded_hash, embedding_model,"
                + " embedding_dim, embedding) VALUES ('t', '" + key + "', '" + source + "', '" + target + "', '"
                + ends[0] + "', '" + ends[1] + "', 'link', '" + description + "', " + weight + ", 1, ARRAY['"
                + chunks + "'], ARRAY['x.md'], 'h', 'words', 4, '" + vector(description) + "')");
    }

    static String vector(String text) {
        float[] v = WordEmbedder.embedText(text);
        List<String> parts = new ArrayList<>();
        for (float x : v) {
            parts.add(Float.toString(x));
        }
        return "[" + String.join(",", parts) + "]";
    }

    /** Counts the four words; unit length; a text with none of them points nowhere in particular. */
    static final class WordEmbedder implements Embedder {
        @Override
        public String model() {
            return "words";
        }

        @Override
        public int dimension() {
            return 4;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(WordEmbedder::embedText).toList();
        }

        static float[] embedText(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            float[] v = new float[4];
            for (int i = 0; i < 4; i++) {
                v[i] = lower.contains(WORDS.get(i)) ? 1 : 0.01f;
            }
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int i = 0; i < 4; i++) {
                v[i] = (float) (v[i] / Math.sqrt(norm));
            }
            return v;
        }
    }
}
