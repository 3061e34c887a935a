package dev.hybridrag.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HNSW index of each dimension is made once, when vectors of that dimension are first written. */
class VectorIndexesIT {

    private TestPostgres postgres;
    private Databases databases;
    private DataSource dataSource;

    @BeforeEach
    void start() throws Exception {
        postgres = new TestPostgres();
        databases = new Databases(4);
        dataSource = databases.dataSource(postgres.settings());
    }

    @AfterEach
    void stop() throws Exception {
        databases.close();
        postgres.close();
    }

    @Test
    void writersOfANewDimensionCreateItsIndexesOnceWhateverTheirNumber() throws Exception {
        // Several processes (each its own VectorIndexes) meet a new dimension at the same moment.
        List<Callable<Void>> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            VectorIndexes indexes = new VectorIndexes();
            writers.add(() -> {
                indexes.ensure(dataSource, 768);
                indexes.ensure(dataSource, 768);
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        }
        assertThat(indexes("768"))
                .containsExactly(
                        "chunks_embedding_hnsw_768", "entities_embedding_hnsw_768", "relations_embedding_hnsw_768");
        assertThat(definition("chunks_embedding_hnsw_768"))
                .contains(
                        "USING hnsw (((embedding)::vector(768)) vector_cosine_ops) WITH (m='16', ef_construction='128')"
                                + " WHERE (embedding_dim = 768)");
    }

    @Test
    void dimensionsAbovePgvectorsVectorLimitAreIndexedAsHalfvecAndBeyondItsLimitNotAtAll() throws Exception {
        VectorIndexes indexes = new VectorIndexes();
        indexes.ensure(dataSource, 3072);
        indexes.ensure(dataSource, 4096);

        assertThat(definition("relations_embedding_hnsw_3072"))
                .contains("((embedding)::halfvec(3072)) halfvec_cosine_ops) WITH (m='16', ef_construction='128')"
                        + " WHERE (embedding_dim = 3072)");
        assertThat(indexes("4096")).isEmpty();
        assertThat(VectorIndexes.searchType(3072)).isEqualTo("halfvec(3072)");
        assertThat(VectorIndexes.searchType(4096)).isEqualTo("vector(4096)");
        assertThat(VectorIndexes.searchType(1536)).isEqualTo("vector(1536)");
    }

    @Test
    void anIndexSearchOfASmallTenantAmongManyFillsItsLimitAndLeavesItsConnectionAsItWas() throws Exception {
        // 30 chunks of one tenant among 3,000 of another: the index's first 40 candidates are nearly all the other
        // tenant's, so only the iterative scan the search asks for finds this tenant's 20.
        try (Connection connection = postgres.connect();
                Statement sql = connection.createStatement()) {
            for (String[] tenant : new String[][] {{"crowd", "3000"}, {"few", "30"}}) {
                sql.execute("INSERT INTO documents (workspace, path, content_hash, size_bytes, mtime, version, status)"
                        + " VALUES ('" + tenant[0] + "', 'a.md', 'h', 1, now(), 1, 'processed')");
                sql.execute("INSERT INTO chunks (workspace, path, chunk_id, chunk_index, content, tokens,"
                        + " embedding_model, embedding_dim, embedding) SELECT '" + tenant[0] + "', 'a.md', 'c' || g, g,"
                        + " 'text', 1, 'm', 8, ARRAY(SELECT random() + g * 0 FROM generate_series(1, 8))::vector"
                        + " FROM generate_series(1, " + tenant[1] + ") g");
            }
            // Reading this tenant's 30 rows and sorting them is cheaper than the index; the search is to go through
            // the index, as on a large tenant.
            sql.execute("ALTER DATABASE " + postgres.settings().database() + " SET enable_sort = off");
        }
        new VectorIndexes().ensure(dataSource, 8);
        float[] question = {1, 0, 0, 0, 0, 0, 0, 0};
        try (Databases oneConnection = new Databases(1)) {
            DataSource single = oneConnection.dataSource(postgres.settings());

            List<ScoredChunk> found =
                    new ChunkRepository().nearest(single, "few", "m", question, 20, VectorScan.index(40));

            assertThat(found).hasSize(20);
            // The options lasted as long as the search: the connection's next user gets the server's defaults.
            assertThat(Sql.list(
                            single,
                            "SELECT current_setting('hnsw.iterative_scan'), current_setting('hnsw.ef_search')",
                            rows -> rows.getString(1) + " " + rows.getString(2)))
                    .containsExactly("off 40");
        }
    }

    private List<String> indexes(String dimension) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = postgres.connect();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_embedding_hnsw_"
                                + dimension + "' ORDER BY indexname")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private String definition(String index) throws Exception {
        try (Connection connection = postgres.connect();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = '" + index + "'")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
