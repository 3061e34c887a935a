package dev.hybridrag.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hybridrag.core.tenant.ApiKeys;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import dev.hybridrag.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tenants that existed before migration V11 get their HNSW indexes rebuilt with the measured build parameters, in a
 * database of their own and in a database shared by workspaces, including indexes VectorIndexes made for a model's
 * dimension; the searches still read them (EXPLAIN), as the tenant's application role where rows are shared.
 */
class HnswRebuildIT {

    private static final String MODEL = "bge-small-en-v1.5-q";
    private static final List<String> REBUILT = List.of(
            "chunks_embedding_hnsw_1536",
            "chunks_embedding_hnsw_384",
            "chunks_embedding_hnsw_768",
            "entities_embedding_hnsw_1536",
            "entities_embedding_hnsw_384",
            "entities_embedding_hnsw_768",
            "relations_embedding_hnsw_1536",
            "relations_embedding_hnsw_384",
            "relations_embedding_hnsw_768");

    private final String role =
            "app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final Databases databases = new Databases(2);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void drop() throws Exception {
        databases.close();
        for (AutoCloseable resource : opened.reversed()) {
            resource.close();
        }
        try (Connection connection = DriverManager.getConnection(
                        System.getProperty("it.postgres.url", "jdbc:postgresql://127.0.0.1:5433/hybridrag"),
                        System.getProperty("it.postgres.user", "hybridrag"),
                        System.getProperty("it.postgres.password", "hybridrag"));
                Statement sql = connection.createStatement()) {
            sql.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aTenantsOwnDatabaseIsRebuiltAndSearchedThroughItsIndex() throws Exception {
        TestPostgres postgres = open(new TestPostgres());
        olderSchemaWithRows(postgres, List.of("alpha"));

        DataSource alpha = new WorkspaceDataSource(databases.dataSource(postgres.settings()), "alpha");

        assertThat(buildOptions(postgres)).as("every HNSW index, rebuilt").containsExactlyElementsOf(rebuilt());
        assertThat(searchPlan(alpha, "alpha")).contains("Index Scan using chunks_embedding_hnsw_384");
    }

    @Test
    void aDatabaseSharedByWorkspacesIsRebuiltAndEachTenantsSearchReadsTheIndex() throws Exception {
        TestPostgres postgres = open(new TestPostgres());
        olderSchemaWithRows(postgres, List.of("alpha", "beta"));
        PostgresSettings admin = postgres.settings();
        PostgresSettings app = new PostgresSettings(admin.host(), admin.port(), admin.database(), role, "pw-" + role);
        TenantConfig tenant = new TenantConfig(
                TenantId.of("alpha"), Isolation.WORKSPACE, app, List.of(), ModelSettings.offline(), ApiKeys.none());
        TenantDatabase.init(
                tenant,
                new PostgresSettings(admin.host(), admin.port(), "postgres", admin.user(), admin.password()),
                t -> databases.dataSource(admin));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(app.jdbcUrl());
        config.setUsername(app.user());
        config.setPassword(app.password());
        HikariDataSource pool = open(new HikariDataSource(config));

        assertThat(buildOptions(postgres)).as("every HNSW index, rebuilt").containsExactlyElementsOf(rebuilt());
        for (String workspace : List.of("alpha", "beta")) {
            assertThat(searchPlan(new WorkspaceDataSource(pool, workspace), workspace))
                    .as(workspace)
                    .contains("Index Scan using chunks_embedding_hnsw_384");
        }
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.add(resource);
        return resource;
    }

    private static List<String> rebuilt() {
        String options = "{" + VectorIndexes.BUILD_OPTIONS.replace(" ", "") + "}";
        return REBUILT.stream().map(index -> index + " " + options).toList();
    }

    /**
     * The schema as it was before V11, holding chunks of each workspace and an index VectorIndexes made then for a
     * 768-dimension model (without build parameters).
     */
    private static void olderSchemaWithRows(TestPostgres postgres, List<String> workspaces) throws Exception {
        PostgresSettings owner = postgres.settings();
        Flyway.configure()
                .dataSource(owner.jdbcUrl(), owner.user(), owner.password())
                .locations("classpath:db/migration")
                .table("hybridrag_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .target("10")
                .load()
                .migrate();
        try (Connection connection = postgres.connect();
                Statement sql = connection.createStatement()) {
            for (String table : VectorIndexes.TABLES) {
                sql.execute("CREATE INDEX " + table + "_embedding_hnsw_768 ON " + table
                        + " USING hnsw ((embedding::vector(768)) vector_cosine_ops) WHERE embedding_dim = 768");
            }
            Random random = new Random(11);
            for (String workspace : workspaces) {
                sql.execute("INSERT INTO documents (workspace, path, content_hash, size_bytes, mtime, version, status)"
                        + " VALUES ('" + workspace + "', 'notes.md', 'h', 1, now(), 1, 'processed')");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO chunks (workspace, path,"
                        + " chunk_id, chunk_index, content, tokens, embedding_model, embedding_dim, embedding)"
                        + " VALUES (?, 'notes.md', ?, ?, 'text', 1, ?, 384, ?)")) {
                    for (int i = 0; i < 1000; i++) {
                        insert.setString(1, workspace);
                        insert.setString(2, "chunk-" + i);
                        insert.setInt(3, i);
                        insert.setString(4, MODEL);
                        insert.setObject(5, new PGvector(vector(random)));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            sql.execute("ANALYZE");
        }
    }

    private static List<String> buildOptions(TestPostgres postgres) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Connection connection = postgres.connect();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT i.relname || ' ' || coalesce(i.reloptions::text, '{}')"
                        + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam"
                        + " WHERE am.amname = 'hnsw' ORDER BY i.relname")) {
            while (rows.next()) {
                indexes.add(rows.getString(1));
            }
        }
        return indexes;
    }

    /** The plan of the chunk search the query-service makes above the exact-search size, scans and sorts off. */
    private static String searchPlan(DataSource tenant, String workspace) throws SQLException {
        VectorScan scan = VectorScan.index(200);
        PGvector question = new PGvector(vector(new Random(workspace.hashCode())));
        StringBuilder plan = new StringBuilder();
        try (Connection connection = tenant.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                settings.execute(scan.settings(20));
                // On a thousand rows reading and sorting them is cheaper; the plan is to show that the rebuilt index
                // still serves the search (its expression and predicate match), as on 100,000 chunks in query.md.
                settings.execute("SET LOCAL enable_seqscan = off");
                settings.execute("SET LOCAL enable_sort = off");
            }
            try (PreparedStatement explain = connection.prepareStatement(
                    "EXPLAIN " + GraphQueries.nearestSql("chunks", "path, chunk_id", 384, scan))) {
                explain.setObject(1, question);
                explain.setString(2, workspace);
                explain.setString(3, MODEL);
                explain.setObject(4, question);
                explain.setInt(5, 20);
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            }
            connection.commit();
        }
        return plan.toString();
    }

    private static float[] vector(Random random) {
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }
}
