package dev.hybridrag.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
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
