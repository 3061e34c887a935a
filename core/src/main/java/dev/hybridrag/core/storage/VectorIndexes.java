package dev.hybridrag.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partial HNSW cosine index per vector table and embedding dimension ({@code WHERE embedding_dim = N}), so
 * tenants with different models share the tables and each is index-searched. An index is created the first time a
 * process writes vectors of a dimension to a database, under an advisory lock so concurrent writers create it once.
 *
 * <p>pgvector indexes {@code vector} up to 2,000 dimensions and {@code halfvec} up to 4,000: 2,001 to 4,000
 * dimensions (text-embedding-3-large's 3,072) are indexed and searched as {@code halfvec}, larger ones are searched
 * exactly, without an index. A failure to create an index (a role that does not own the tables, a lock that waits
 * too long) never fails the write: searches still work, unindexed, and the warning says how to fix it.
 */
public final class VectorIndexes {

    public static final List<String> TABLES = List.of("chunks", "entities", "relations");

    /**
     * HNSW build parameters of every vector index: migration V11 rebuilt the older indexes with the same. Chosen by
     * recall and build time in docs/benchmarks/query.md.
     */
    static final String BUILD_OPTIONS = "m = 16, ef_construction = 128";

    static final int MAX_VECTOR_INDEX_DIMENSIONS = 2000;
    static final int MAX_HALFVEC_INDEX_DIMENSIONS = 4000;

    private static final Logger log = LoggerFactory.getLogger(VectorIndexes.class);
    // One DDL at a time per database: two CREATE INDEX of one name would collide on the catalog instead of waiting.
    private static final long DDL_LOCK = 0x6879627269646978L;

    private final Map<DataSource, Set<Integer>> ensured = new ConcurrentHashMap<>();

    /** The type a search casts both sides to, so the planner picks the dimension's partial index. */
    public static String searchType(int dimension) {
        return usesHalfvec(dimension) ? "halfvec(" + dimension + ")" : "vector(" + dimension + ")";
    }

    public static boolean indexable(int dimension) {
        return dimension > 0 && dimension <= MAX_HALFVEC_INDEX_DIMENSIONS;
    }

    public static String indexName(String table, int dimension) {
        return table + "_embedding_hnsw_" + dimension;
    }

    /** Makes sure every vector table of the database has the index for {@code dimension}; cheap once done. */
    public void ensure(DataSource dataSource, int dimension) {
        if (dimension <= 0) {
            return; // no vectors
        }
        Set<Integer> done = ensured.computeIfAbsent(dataSource, key -> ConcurrentHashMap.newKeySet());
        if (done.contains(dimension)) {
            return;
        }
        if (!indexable(dimension)) {
            log.info(
                    "{}-dimensional vectors get no HNSW index (pgvector indexes at most {} dimensions): searched"
                            + " exactly",
                    dimension,
                    MAX_HALFVEC_INDEX_DIMENSIONS);
            done.add(dimension);
            return;
        }
        try {
            // One thread at a time per database in this process; the advisory lock serialises processes.
            synchronized (done) {
                if (!done.contains(dimension)) {
                    create(dataSource, dimension);
                    done.add(dimension);
                }
            }
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                done.add(dimension); // no point asking again in this process
            }
            log.warn(
                    "could not create the HNSW indexes for {}-dimensional vectors ({}); searches of that dimension"
                            + " run unindexed until `hybridrag backend init` (as the tables' owner) creates them",
                    dimension,
                    e.getMessage());
        }
    }

    private static void create(DataSource dataSource, int dimension) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (missing(connection, dimension).isEmpty()) {
                return;
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // CREATE INDEX blocks the table's writers while it runs; never queue them behind a long wait.
                statement.execute("SET LOCAL lock_timeout = '10s'");
                // pgvector before 0.8.2 overflows a buffer in parallel HNSW builds (CVE-2026-3172, docs/security.md):
                // build with the leader alone, also on servers hybridrag does not configure.
                statement.execute("SET LOCAL max_parallel_maintenance_workers = 0");
                statement.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")");
                for (String table : missing(connection, dimension)) {
                    statement.execute(ddl(table, dimension));
                    if (statement.getWarnings() == null) { // else another process made it first
                        log.info("created {}", indexName(table, dimension));
                    }
                    statement.clearWarnings();
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static List<String> missing(Connection connection, int dimension) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NULL")) {
            for (String table : TABLES) {
                statement.setString(1, indexName(table, dimension));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    if (rows.getBoolean(1)) {
                        missing.add(table);
                    }
                }
            }
        }
        return missing;
    }

    // The dimension is an int and the table comes from TABLES: nothing here is user text.
    static String ddl(String table, int dimension) {
        String opclass = usesHalfvec(dimension) ? "halfvec_cosine_ops" : "vector_cosine_ops";
        return "CREATE INDEX IF NOT EXISTS " + indexName(table, dimension) + " ON " + table
                + " USING hnsw ((embedding::" + searchType(dimension) + ") " + opclass + ") WITH (" + BUILD_OPTIONS
                + ") WHERE embedding_dim = " + dimension;
    }

    private static boolean usesHalfvec(int dimension) {
        return dimension > MAX_VECTOR_INDEX_DIMENSIONS && dimension <= MAX_HALFVEC_INDEX_DIMENSIONS;
    }
}
