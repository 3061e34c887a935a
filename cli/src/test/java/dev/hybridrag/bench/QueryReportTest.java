package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The query benchmark's plan check flags a nearest-neighbour search that missed its index, and nothing else. */
class QueryReportTest {

    private static final String HNSW = """
            Query Text: SELECT chunk_id, 1 - (embedding::vector(384) <=> $1) FROM chunks ORDER BY 2 LIMIT 20
            Limit  (cost=10.0..20.0 rows=20)
              ->  Index Scan using chunks_embedding_hnsw_384 on chunks
                    Order By: ((embedding)::vector(384) <=> '[0.1,0.2]'::vector(384))
            """;
    private static final String SEQUENTIAL = """
            Query Text: SELECT chunk_id, 1 - (embedding::vector(384) <=> $1) FROM chunks ORDER BY 2 LIMIT 20
            Limit  (cost=900.0..905.0 rows=20)
              ->  Sort  (cost=900.0..950.0 rows=10000)
                    Sort Key: (((embedding)::vector(384) <=> '[0.1,0.2]'::vector(384)))
                    ->  Seq Scan on chunks
            """;
    private static final String SCORED_BY_ID = """
            Query Text: SELECT DISTINCT ON (chunk_id) chunk_id, 1 - (embedding <=> $1::vector) FROM chunks
                        WHERE chunk_id = ANY ($2) ORDER BY chunk_id, path
            Unique  (cost=5.0..6.0 rows=100)
              ->  Sort  (cost=5.0..5.5 rows=100)
                    Sort Key: chunk_id, path
                    ->  Index Scan using chunks_pkey on chunks
            """;

    @Test
    void onlyANearestNeighbourSearchWithoutTheHnswIndexIsFlagged() {
        QueryReport report = new QueryReport();
        report.plans("a question", List.of(HNSW, SEQUENTIAL, SCORED_BY_ID));

        assertThat(report.vectorSearchesWithoutHnsw()).containsExactly(SEQUENTIAL);
    }
}
