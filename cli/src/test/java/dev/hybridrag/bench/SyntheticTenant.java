package dev.hybridrag.bench;

import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.EmbeddingModel;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.storage.EmbeddingStates;
import dev.hybridrag.core.tenant.PostgresSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    String workspace() {
        return workspace;
    }

    String descriptor() {
        return GENERATOR + " topics=" + topics + " workspace=" + workspace;
    }

    /** Whether an earlier run left this generator's tenant. */
    boolean made() throws SQLException {
        return descriptor().equals(meta().get("generator"));
    }

    Made ensure(Embedder embedder, boolean regenerate) throws Exception {
        Made made = reuseOrMake(embedder, regenerate);
        recordEmbeddingModel();
        return made;
    }

    /**
     * The tenant's embedding state, as the indexer records it for every tenant it has written (ReEmbeddingStep): the
     * offline model, settled. Without it the query-service reads the state for every question (QuestionEmbedders),
     * one round trip a real tenant does not make. Idempotent, so a tenant made before this was recorded gets it too.
     */
    private void recordEmbeddingModel() throws SQLException {
        try (Connection connection = connect()) {
            new EmbeddingStates().create(connection, workspace, EmbeddingModel.offline());
        }
    }

    private Made reuseOrMake(Embedder embedder, boolean regenerate) throws Exception {
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
            SyntheticRows rows = new SyntheticRows(connection, workspace, graph, SEED);
            steps.time("COPY documents and chunks", rows::documentsAndChunks);
            steps.time("COPY fragments", rows::fragments);
            steps.time("COPY entities", rows::entities);
            steps.time("COPY relations", rows::relations);
            // Room to build each graph in memory; no parallel workers (pgvector before 0.8.2, docs/security.md).
            sql.execute("SET maintenance_work_mem = '1GB'");
            sql.execute("SET max_parallel_maintenance_workers = 0");
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

    private Map<String, String> meta() throws SQLException {
        Map<String, String> meta = new LinkedHashMap<>();
        if (!finished(adminUrl, settings)) {
            return meta;
        }
        try (Connection connection = connect();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT key, value FROM bench_meta ORDER BY key")) {
            while (rows.next()) {
                meta.put(rows.getString(1), rows.getString(2));
            }
        }
        return meta;
    }

    /** Whether the database exists and a run finished making it: the last thing made is table bench_meta. */
    static boolean finished(String adminUrl, PostgresSettings settings) throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl, settings.user(), settings.password());
                Statement sql = admin.createStatement();
                ResultSet exists =
                        sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + settings.database() + "'")) {
            if (!exists.next()) {
                return false;
            }
        }
        try (Connection connection =
                        DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                Statement sql = connection.createStatement();
                ResultSet table = sql.executeQuery("SELECT to_regclass('bench_meta') IS NOT NULL")) {
            table.next();
            return table.getBoolean(1);
        }
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
