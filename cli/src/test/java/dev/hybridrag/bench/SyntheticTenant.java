package dev.hybridrag.bench;

import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.OfflineEmbedder;
import dev.hybridrag.core.extract.offline.HeuristicExtractor;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.tenant.PostgresSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One synthetic tenant in its own database, made by the project's schema migrations and filled with COPY. The
 * HNSW indexes the migrations created are dropped for the load and rebuilt from their own definitions afterwards,
 * which is much faster than growing them row by row. A database left by an earlier run with the same generator
 * is used as it is.
 */
final class SyntheticTenant {

    /** Change when what is generated changes: an older database is then dropped and made again. */
    private static final String GENERATOR = "query-bench-v1 seed=20261123";

    private static final long SEED = 20261123L;

    /** How long each step of making the tenant took, in seconds, and when it was made. */
    record Made(boolean reused, String madeAt, Map<String, Double> seconds) {}

    private final PostgresSettings settings;
    private final String adminUrl;
    private final String workspace;
    private final int topics;

    SyntheticTenant(PostgresSettings settings, String adminUrl, String workspace, int topics) {
        this.settings = settings;
        this.adminUrl = adminUrl;
        this.workspace = workspace;
        this.topics = topics;
    }

    String descriptor() {
        return GENERATOR + " topics=" + topics + " workspace=" + workspace;
    }

    Made ensure(Embedder embedder, boolean regenerate) throws Exception {
        if (!regenerate) {
            Map<String, String> meta = meta();
            if (descriptor().equals(meta.get("generator"))) {
                Map<String, Double> seconds = new LinkedHashMap<>();
                meta.forEach((key, value) -> {
                    if (key.startsWith("seconds: ")) {
                        seconds.put(key.substring("seconds: ".length()), Double.parseDouble(value));
                    }
                });
                return new Made(true, meta.get("made_at"), seconds);
            }
        }
        return make(embedder);
    }

    private Made make(Embedder embedder) throws Exception {
        try (Connection admin = DriverManager.getConnection(adminUrl, settings.user(), settings.password());
                Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + settings.database() + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + settings.database());
        }
        Steps steps = new Steps();
        try (Connection connection = connect();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS vector");
            try (Databases databases = new Databases(2)) {
                steps.time("schema migrations", () -> databases.dataSource(settings));
            }
            List<String> hnswIndexes = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT indexname, indexdef FROM pg_indexes"
                    + " WHERE tablename IN ('chunks', 'entities', 'relations') AND indexdef LIKE '%USING hnsw%'"
                    + " ORDER BY tablename, indexname")) {
                while (rows.next()) {
                    hnswIndexes.add(rows.getString(2));
                }
            }
            for (String index : hnswIndexes) {
                sql.execute("DROP INDEX " + index.split(" ")[2]);
            }
            SyntheticGraph graph = steps.time(
                    "graph model (topic centres embedded offline)", () -> new SyntheticGraph(topics, SEED, embedder));
            String[] chunkIds = steps.time("COPY documents and chunks", () -> writeChunks(connection, graph));
            steps.time("COPY fragments", () -> writeFragments(connection, graph, chunkIds));
            steps.time("COPY entities", () -> writeEntities(connection, graph, chunkIds));
            steps.time("COPY relations", () -> writeRelations(connection, graph, chunkIds));
            // Room to build each graph in memory, and one parallel worker beside the leader on two cores.
            sql.execute("SET maintenance_work_mem = '1GB'");
            sql.execute("SET max_parallel_maintenance_workers = 1");
            for (String index : hnswIndexes) {
                steps.time("CREATE INDEX " + index.split(" ")[2], () -> sql.execute(index));
            }
            steps.time("VACUUM ANALYZE", () -> sql.execute("VACUUM ANALYZE"));
            String madeAt = Instant.now().toString();
            sql.execute("CREATE TABLE bench_meta (key text PRIMARY KEY, value text NOT NULL)");
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("generator", descriptor());
            meta.put("made_at", madeAt);
            steps.seconds.forEach((step, seconds) -> meta.put("seconds: " + step, Double.toString(seconds)));
            try (var insert = connection.prepareStatement("INSERT INTO bench_meta VALUES (?, ?)")) {
                for (Map.Entry<String, String> entry : meta.entrySet()) {
                    insert.setString(1, entry.getKey());
                    insert.setString(2, entry.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return new Made(false, madeAt, steps.seconds);
        }
    }

    private String[] writeChunks(Connection connection, SyntheticGraph graph) throws Exception {
        String[] ids = new String[graph.chunkCount()];
        try (CopyRows documents = new CopyRows(
                connection,
                "documents",
                "workspace, path, content_hash, size_bytes, mtime, version, status, chunk_count")) {
            for (int d = 0; d < graph.chunkCount() / SyntheticGraph.CHUNKS_PER_DOCUMENT; d++) {
                String path = path(graph, d * SyntheticGraph.CHUNKS_PER_DOCUMENT);
                documents.text(workspace).text(path).text(ContentHash.of(path)).number(0);
                documents.text("2026-11-01 00:00:00+00").number(1).text("processed");
                documents.number(SyntheticGraph.CHUNKS_PER_DOCUMENT).endRow();
            }
        }
        TokenCounter tokens = new TokenCounter();
        try (CopyRows chunks = new CopyRows(
                connection,
                "chunks",
                "workspace, path, chunk_id, chunk_index, content, tokens, embedding_model, embedding_dim,"
                        + " embedding, keywords, extractor")) {
            for (int c = 0; c < ids.length; c++) {
                SyntheticGraph.Topic topic = graph.topics.get(c / SyntheticGraph.CHUNKS_PER_TOPIC);
                List<String> names = graph.mentions.get(c).stream()
                        .map(id -> graph.entities.get(id).name())
                        .toList();
                String content = new SyntheticText(new SplittableRandom(SEED ^ c), topic.words()).chunk(names);
                ids[c] = ContentHash.chunkId(content);
                chunks.text(workspace).text(path(graph, c)).text(ids[c]);
                chunks.number(c % SyntheticGraph.CHUNKS_PER_DOCUMENT)
                        .text(content)
                        .number(tokens.count(content));
                chunks.text(OfflineEmbedder.MODEL).number(384).vector(graph.near(topic.centroid()));
                chunks.text(String.join(", ", topic.words())).text(HeuristicExtractor.CACHE_IDENTITY);
                chunks.endRow();
            }
        }
        try (Statement sql = connection.createStatement()) {
            sql.execute("UPDATE documents d SET size_bytes = s.bytes FROM (SELECT path, sum(octet_length(content))"
                    + " AS bytes FROM chunks GROUP BY path) s WHERE d.path = s.path");
        }
        return ids;
    }

    private void writeFragments(Connection connection, SyntheticGraph graph, String[] chunkIds) throws Exception {
        try (CopyRows fragments = new CopyRows(
                connection,
                "fragments",
                "workspace, path, chunk_id, kind, key, name, target, type, description, keywords, weight")) {
            for (SyntheticGraph.Entity entity : graph.entities) {
                for (int chunk : entity.chunks()) {
                    fragments
                            .text(workspace)
                            .text(path(graph, chunk))
                            .text(chunkIds[chunk])
                            .text("entity");
                    fragments.text(entity.key()).text(entity.name()).text("").text(entity.type());
                    fragments.text(entity.description()).text("").number(1).endRow();
                }
            }
            for (SyntheticGraph.Relation relation : graph.relations) {
                for (int chunk : relation.chunks()) {
                    fragments
                            .text(workspace)
                            .text(path(graph, chunk))
                            .text(chunkIds[chunk])
                            .text("relation");
                    fragments.text(relation.key()).text(relation.source().name());
                    fragments.text(relation.target().name()).text("").text(relation.description());
                    fragments.text(relation.keywords()).number(relation.weight() / relation.chunks().length);
                    fragments.endRow();
                }
            }
        }
    }

    private void writeEntities(Connection connection, SyntheticGraph graph, String[] chunkIds) throws Exception {
        try (CopyRows entities = new CopyRows(
                connection,
                "entities",
                "workspace, key, name, type, description, weight, fragment_count, source_chunks, source_files,"
                        + " embedded_hash, embedding_model, embedding_dim, embedding")) {
            for (SyntheticGraph.Entity entity : graph.entities) {
                entities.text(workspace).text(entity.key()).text(entity.name()).text(entity.type());
                entities.text(entity.description())
                        .number(entity.chunks().length)
                        .number(entity.chunks().length);
                entities.array(ids(entity.chunks(), chunkIds)).array(paths(graph, entity.chunks()));
                entities.text(ContentHash.of(entity.name() + "\n" + entity.description()));
                entities.text(OfflineEmbedder.MODEL)
                        .number(384)
                        .vector(entity.vector())
                        .endRow();
            }
        }
    }

    private void writeRelations(Connection connection, SyntheticGraph graph, String[] chunkIds) throws Exception {
        try (CopyRows relations = new CopyRows(
                connection,
                "relations",
                "workspace, key, source, target, source_key, target_key, keywords, description, weight,"
                        + " fragment_count, source_chunks, source_files, embedded_hash, embedding_model,"
                        + " embedding_dim, embedding")) {
            for (SyntheticGraph.Relation relation : graph.relations) {
                relations.text(workspace).text(relation.key());
                relations.text(relation.source().name()).text(relation.target().name());
                relations.text(relation.source().key()).text(relation.target().key());
                relations.text(relation.keywords()).text(relation.description()).number(relation.weight());
                relations.number(relation.chunks().length).array(ids(relation.chunks(), chunkIds));
                relations.array(paths(graph, relation.chunks()));
                relations.text(ContentHash.of(relation.keywords() + "\n" + relation.description()));
                relations.text(OfflineEmbedder.MODEL).number(384);
                relations
                        .vector(graph.between(relation.source(), relation.target()))
                        .endRow();
            }
        }
    }

    /** Documents are SpecStory histories, grouped by project: each holds consecutive chunks of one topic. */
    private static String path(SyntheticGraph graph, int chunk) {
        int topic = chunk / SyntheticGraph.CHUNKS_PER_TOPIC;
        List<String> words = graph.topics.get(topic).words();
        return "projects/%s-%s-%03d/.specstory/history/session-%02d.md"
                .formatted(
                        words.get(0),
                        words.get(1),
                        topic,
                        chunk % SyntheticGraph.CHUNKS_PER_TOPIC / SyntheticGraph.CHUNKS_PER_DOCUMENT);
    }

    private static List<String> ids(int[] chunks, String[] chunkIds) {
        return IntStream.of(chunks).mapToObj(c -> chunkIds[c]).toList();
    }

    private static Set<String> paths(SyntheticGraph graph, int[] chunks) {
        Set<String> paths = new LinkedHashSet<>();
        for (int chunk : chunks) {
            paths.add(path(graph, chunk));
        }
        return paths;
    }

    private Map<String, String> meta() throws SQLException {
        Map<String, String> meta = new LinkedHashMap<>();
        try (Connection admin = DriverManager.getConnection(adminUrl, settings.user(), settings.password());
                Statement sql = admin.createStatement();
                ResultSet exists =
                        sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + settings.database() + "'")) {
            if (!exists.next()) {
                return meta;
            }
        }
        try (Connection connection = connect();
                Statement sql = connection.createStatement()) {
            try (ResultSet table = sql.executeQuery("SELECT to_regclass('bench_meta') IS NOT NULL")) {
                table.next();
                if (!table.getBoolean(1)) {
                    return meta;
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT key, value FROM bench_meta ORDER BY key")) {
                while (rows.next()) {
                    meta.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return meta;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    /** Runs steps and keeps how long each took. */
    private static final class Steps {

        @FunctionalInterface
        interface Step<T> {
            T run() throws Exception;
        }

        @FunctionalInterface
        interface VoidStep {
            void run() throws Exception;
        }

        final Map<String, Double> seconds = new LinkedHashMap<>();

        <T> T time(String name, Step<T> step) throws Exception {
            long started = System.nanoTime();
            T result = step.run();
            seconds.put(name, (System.nanoTime() - started) / 1e9);
            System.out.printf("query benchmark: %s took %.1f s%n", name, seconds.get(name));
            return result;
        }

        void time(String name, VoidStep step) throws Exception {
            time(name, () -> {
                step.run();
                return null;
            });
        }
    }
}
