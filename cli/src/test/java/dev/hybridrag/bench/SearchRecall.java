package dev.hybridrag.bench;

import com.pgvector.PGvector;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.storage.ChunkRepository;
import dev.hybridrag.core.storage.GraphQueries;
import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.storage.ScoredEntity;
import dev.hybridrag.core.storage.ScoredRelation;
import dev.hybridrag.core.storage.VectorScan;
import dev.hybridrag.query.retrieval.RetrievalSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * How many of the true nearest neighbours the vector searches return, as the query-service runs them (exact or HNSW
 * by the tenant's size, its own ef_search), against an exact search (a sequential scan, index scans switched off) over the same rows.
 */
final class SearchRecall {

    private final DataSource dataSource;
    private final String workspace;
    private final Embedder embedder;
    private final GraphQueries graph = new GraphQueries();
    private final ChunkRepository chunks = new ChunkRepository();

    SearchRecall(DataSource dataSource, String workspace, Embedder embedder) {
        this.dataSource = dataSource;
        this.workspace = workspace;
        this.embedder = embedder;
    }

    /** Mean recall per search over these questions, each embedded as the chunk and relation searches embed it. */
    Map<String, Double> of(List<String> questions) throws Exception {
        double entities = 0;
        double relations = 0;
        double chunkRecall = 0;
        VectorScan entityScan = scan("entities");
        VectorScan relationScan = scan("relations");
        VectorScan chunkScan = scan("chunks");
        for (String question : questions) {
            float[] vector = embedder.embedQuery(question);
            Set<String> found = new HashSet<>();
            graph.nearestEntities(dataSource, workspace, embedder.model(), vector, 40, entityScan)
                    .forEach((ScoredEntity e) -> found.add(e.key()));
            entities += recall(found, exact("entities", "key", vector, 40));
            found.clear();
            graph.nearestRelations(dataSource, workspace, embedder.model(), vector, 40, relationScan)
                    .forEach((ScoredRelation r) -> found.add(r.key()));
            relations += recall(found, exact("relations", "key", vector, 40));
            found.clear();
            chunks.nearest(dataSource, workspace, embedder.model(), vector, 20, chunkScan)
                    .forEach((ScoredChunk c) -> found.add(c.chunkId()));
            chunkRecall += recall(found, exact("chunks", "chunk_id", vector, 20));
        }
        Map<String, Double> recall = new LinkedHashMap<>();
        recall.put("nearest 40 entities", entities / questions.size());
        recall.put("nearest 40 relations", relations / questions.size());
        recall.put("nearest 20 chunks", chunkRecall / questions.size());
        return recall;
    }

    // As the query-service decides: exact up to its size limit, HNSW at its ef_search above.
    private VectorScan scan(String table) throws Exception {
        return RetrievalSettings.DEFAULTS.scanFor(
                table, chunks.countVectors(dataSource, workspace, table, embedder.model()));
    }

    private static double recall(Set<String> found, Set<String> truth) {
        return truth.isEmpty() ? 1 : truth.stream().filter(found::contains).count() / (double) truth.size();
    }

    private Set<String> exact(String table, String key, float[] vector, int limit) throws Exception {
        String sql = """
                SELECT %2$s FROM %1$s WHERE embedding_dim = 384 AND workspace = ? AND embedding_model = ?
                ORDER BY embedding::vector(384) <=> ?::vector(384) LIMIT ?
                """.formatted(table, key);
        Set<String> keys = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL enable_indexscan = off");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, workspace);
                statement.setString(2, embedder.model());
                statement.setObject(3, new PGvector(vector));
                statement.setInt(4, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
            }
            connection.commit();
        }
        return keys;
    }
}
