package dev.hybridrag.core.storage;

import com.pgvector.PGvector;
import dev.hybridrag.core.message.ChunkRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code chunks} table. Vectors of every dimension share one column; a search casts to the query's dimension
 * (as {@link VectorIndexes#searchType} says) and filters on it, which is what lets PostgreSQL use that dimension's
 * partial HNSW index.
 */
public final class ChunkRepository {

    /** Chunk id to the extractor that produced its fragments, for the chunks a document holds now. */
    public Map<String, String> extractorsByChunk(Connection connection, String workspace, String path)
            throws SQLException {
        Map<String, String> existing = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT chunk_id, extractor FROM chunks WHERE workspace = ? AND path = ?")) {
            statement.setString(1, workspace);
            statement.setString(2, path);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    existing.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return existing;
    }

    public void delete(Connection connection, String workspace, String path, Collection<String> chunkIds)
            throws SQLException {
        if (chunkIds.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM chunks WHERE workspace = ? AND path = ? AND chunk_id = ANY (?)")) {
            delete.setString(1, workspace);
            delete.setString(2, path);
            delete.setArray(3, connection.createArrayOf("text", chunkIds.toArray()));
            delete.executeUpdate();
        }
    }

    /** Inserts or refreshes a document's chunks (a repeated chunk id within the document is stored once). */
    public void upsert(
            Connection connection,
            String workspace,
            String path,
            List<ChunkRecord> chunks,
            String embeddingModel,
            String extractor,
            Set<String> withoutFacts)
            throws SQLException {
        Map<String, ChunkRecord> byId = new LinkedHashMap<>();
        chunks.forEach(chunk -> byId.putIfAbsent(chunk.id(), chunk));
        String insert = """
                INSERT INTO chunks (workspace, path, chunk_id, chunk_index, content, tokens, embedding_model,
                                    embedding_dim, embedding, keywords, extractor)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace, path, chunk_id) DO UPDATE SET chunk_index = EXCLUDED.chunk_index,
                    embedding_model = EXCLUDED.embedding_model, embedding_dim = EXCLUDED.embedding_dim,
                    embedding = EXCLUDED.embedding, keywords = EXCLUDED.keywords, extractor = EXCLUDED.extractor
                """;
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (ChunkRecord chunk : byId.values()) {
                statement.setString(1, workspace);
                statement.setString(2, path);
                statement.setString(3, chunk.id());
                statement.setInt(4, chunk.index());
                statement.setString(5, chunk.content());
                statement.setInt(6, chunk.tokens());
                statement.setString(7, embeddingModel);
                statement.setInt(8, chunk.embedding().length);
                statement.setObject(9, new PGvector(chunk.embedding()));
                statement.setString(10, String.join(", ", chunk.keywords()));
                // A chunk whose extraction failed records no extractor, so its facts are extracted next time.
                statement.setString(11, withoutFacts.contains(chunk.id()) ? "" : extractor);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Embeddings the tenant already holds for these chunk ids, so the same text is never embedded twice. */
    public Map<String, float[]> knownEmbeddings(
            DataSource dataSource, String workspace, String embeddingModel, Collection<String> chunkIds)
            throws SQLException {
        Map<String, float[]> known = new HashMap<>();
        if (chunkIds.isEmpty()) {
            return known;
        }
        String sql = """
                SELECT DISTINCT ON (chunk_id) chunk_id, embedding::text FROM chunks
                WHERE workspace = ? AND embedding_model = ? AND chunk_id = ANY (?)
                """;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, workspace);
            statement.setString(2, embeddingModel);
            statement.setArray(3, connection.createArrayOf("text", chunkIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    known.put(rows.getString(1), new PGvector(rows.getString(2)).toArray());
                }
            }
        }
        return known;
    }

    /** The {@code limit} chunks nearest to {@code query} by cosine distance, best first. */
    public List<ScoredChunk> nearest(
            DataSource dataSource, String workspace, String embeddingModel, float[] query, int limit)
            throws SQLException {
        return nearest(dataSource, workspace, embeddingModel, query, limit, VectorScan.INDEX);
    }

    /** The {@code limit} chunks nearest to {@code query} by cosine distance, read as {@code scan} says, best first. */
    public List<ScoredChunk> nearest(
            DataSource dataSource, String workspace, String embeddingModel, float[] query, int limit, VectorScan scan)
            throws SQLException {
        List<ScoredChunk> found = new ArrayList<>(GraphQueries.nearest(
                dataSource,
                "chunks",
                "path, chunk_id, content, tokens",
                workspace,
                embeddingModel,
                query,
                limit,
                scan,
                rows -> new ScoredChunk(
                        rows.getString(1), rows.getString(2), rows.getString(3), rows.getInt(4), rows.getDouble(5))));
        // relaxed_order may return rows slightly out of order
        found.sort((a, b) -> Double.compare(b.score(), a.score()));
        return found;
    }

    /** Vectors the tenant holds in this model, of every dimension: what decides between exact and index search. */
    public long countVectors(DataSource dataSource, String workspace, String table, String embeddingModel)
            throws SQLException {
        if (!VectorIndexes.TABLES.contains(table)) {
            throw new IllegalArgumentException("not a vector table: " + table);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM " + table + " WHERE workspace = ? AND embedding_model = ?")) {
            statement.setString(1, workspace);
            statement.setString(2, embeddingModel);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public long count(DataSource dataSource, String workspace) throws SQLException {
        String sql = "SELECT count(*) FROM chunks WHERE workspace = ?";
        return Sql.list(dataSource, sql, rows -> rows.getLong(1), workspace).getFirst();
    }
}
