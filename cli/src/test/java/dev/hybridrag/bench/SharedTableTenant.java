package dev.hybridrag.bench;

import dev.hybridrag.core.embed.OfflineEmbedder;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.tenant.PostgresSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small tenant ({@link #SMALL_CHUNKS} chunks) in a chunks table holding {@link #OTHER_CHUNKS} rows of twenty other
 * tenants, every vector drawn near one of the same random topic centres, with the 384-dimension HNSW index over all
 * of them: the case where an index search filtered to one tenant has to wade through everyone else's neighbours.
 * Only vectors matter here (recall and latency of the vector search), so the rows carry no real text. Kept in its
 * own database and reused while the generator is unchanged.
 */
final class SharedTableTenant {

    static final String WORKSPACE = "small";
    static final int SMALL_CHUNKS = 5_000;
    static final int OTHER_CHUNKS = Integer.getInteger("bench.sharedRows", 1_000_000);

    private static final int OTHER_TENANTS = 20;
    private static final int CENTRES = 500;
    private static final int DIMENSION = 384;
    // Per-dimension noise giving a cosine of about 0.8 between a vector and its centre.
    private static final double NOISE = 0.0383;
    /**
     * pgvector's default build (m 16, ef_construction 64), not migration V11's: the query-service searches this tenant
     * exactly, so the index serves only the comparison, and a million-row build with V11's parameters takes over half
     * an hour on two busy cores without parallel workers.
     */
    static final String INDEX = "CREATE INDEX chunks_embedding_hnsw_384 ON chunks USING hnsw ((embedding::vector(384))"
            + " vector_cosine_ops) WITH (m = 16, ef_construction = 64) WHERE embedding_dim = 384";

    private static final String GENERATOR = "shared-table-v2 rows=" + OTHER_CHUNKS + " index=m16,ef_construction64";

    private final PostgresSettings settings;
    private final String adminUrl;
    private final float[][] centres = new float[CENTRES][];
    private final SplittableRandom random = new SplittableRandom(20261205L);

    SharedTableTenant(PostgresSettings settings, String adminUrl) {
        this.settings = settings;
        this.adminUrl = adminUrl;
        for (int c = 0; c < CENTRES; c++) {
            centres[c] = unit(gaussian(1.0));
        }
    }

    /** Makes the database unless an earlier run left it; returns the seconds making took (0 when reused). */
    double ensure() throws Exception {
        if (made()) {
            return 0;
        }
        long started = System.nanoTime();
        try (Connection admin = DriverManager.getConnection(adminUrl, settings.user(), settings.password());
                Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + settings.database() + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + settings.database());
        }
        try (Connection connection = connect();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS vector");
            try (Databases databases = new Databases(2)) {
                databases.dataSource(settings);
            }
            sql.execute("DROP INDEX chunks_embedding_hnsw_384");
            List<String> workspaces = new ArrayList<>();
            for (int t = 0; t < OTHER_TENANTS; t++) {
                workspaces.add("other_%02d".formatted(t));
            }
            for (int t = 0; t < OTHER_TENANTS; t++) {
                copy(connection, workspaces.get(t), OTHER_CHUNKS / OTHER_TENANTS);
            }
            copy(connection, WORKSPACE, SMALL_CHUNKS);
            // The whole graph in memory (about 2 GB), no parallel workers (pgvector before 0.8.2, docs/security.md).
            sql.execute("SET maintenance_work_mem = '3GB'");
            sql.execute("SET max_parallel_maintenance_workers = 0");
            long indexing = System.nanoTime();
            sql.execute(INDEX);
            System.out.printf(
                    "query benchmark: shared table's index took %.1f s%n", (System.nanoTime() - indexing) / 1e9);
            sql.execute("VACUUM ANALYZE");
            sql.execute("CREATE TABLE bench_meta (generator text NOT NULL)");
            sql.execute("INSERT INTO bench_meta VALUES ('" + GENERATOR + "')");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** A question's vector: near the centre of one of the small tenant's chunks. */
    float[] question(int i) {
        return unit(add(centres[new SplittableRandom(i).nextInt(CENTRES)], gaussian(NOISE)));
    }

    private void copy(Connection connection, String workspace, int chunks) throws Exception {
        int perDocument = 100;
        try (CopyRows documents = new CopyRows(
                connection,
                "documents",
                "workspace, path, content_hash, size_bytes, mtime, version, status, chunk_count")) {
            for (int d = 0; d < chunks / perDocument; d++) {
                documents.text(workspace).text("doc-" + d + ".md").text("h" + d).number(0);
                documents
                        .text("2026-12-01 00:00:00+00")
                        .number(1)
                        .text("processed")
                        .number(perDocument);
                documents.endRow();
            }
        }
        try (CopyRows rows = new CopyRows(
                connection,
                "chunks",
                "workspace, path, chunk_id, chunk_index, content, tokens, embedding_model, embedding_dim, embedding,"
                        + " keywords, extractor")) {
            for (int c = 0; c < chunks; c++) {
                rows.text(workspace)
                        .text("doc-" + c / perDocument + ".md")
                        .text("chunk-" + c)
                        .number(c % perDocument);
                rows.text("synthetic").number(1).text(OfflineEmbedder.MODEL).number(DIMENSION);
                rows.vector(unit(add(centres[random.nextInt(CENTRES)], gaussian(NOISE))));
                rows.text("").text("").endRow();
            }
        }
    }

    boolean made() throws SQLException {
        if (!SyntheticTenant.finished(adminUrl, settings)) {
            return false;
        }
        try (Connection connection = connect();
                Statement sql = connection.createStatement();
                ResultSet generator = sql.executeQuery("SELECT generator FROM bench_meta")) {
            return generator.next() && generator.getString(1).equals(GENERATOR);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    private float[] gaussian(double sigma) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) (nextGaussian() * sigma);
        }
        return v;
    }

    private double nextGaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian of its own before Java 17's RandomGenerator default.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static float[] add(float[] a, float[] b) {
        float[] sum = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] * scale;
        }
        return u;
    }
}
