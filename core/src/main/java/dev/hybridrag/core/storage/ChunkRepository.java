package dev.hybridrag.core.storage;

import com.pgvector.PGvector;
import dev.hybridrag.core.message.ChunkRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
        int dim = query.length; // an int from our own embedder, never user text: safe to inline
        String sql = """
                SELECT path, chunk_id, content, tokens, 1 - (embedding::%2$s <=> ?::%2$s) AS score
                FROM chunks
                WHERE embedding_dim = %1$d AND workspace = ? AND embedding_model = ?
                ORDER BY embedding::%2$s <=> ?::%2$s
                LIMIT ?
                """.formatted(dim, VectorIndexes.searchType(dim));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                // Filtering by workspace after the index scan could otherwise return fewer rows than asked.
                settings.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
                // 40 (pgvector's default) missed the best chunk of real questions over 5,000 bge-small chunks
                // (queries sit apart from the passages); 100 found it, for a few milliseconds more.
                settings.execute("SET LOCAL hnsw.ef_search = " + Math.max(100, Math.min(1000, limit * 2)));
            }
            List<ScoredChunk> found = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                PGvector vector = new PGvector(query);
                statement.setObject(1, vector);
                statement.setString(2, workspace);
                statement.setString(3, embeddingModel);
                statement.setObject(4, vector);
                statement.setInt(5, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(new ScoredChunk(
                                rows.getString(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getInt(4),
                                rows.getDouble(5)));
                    }
                }
            }
            connection.commit();
            found.sort((a, b) -> Double.compare(b.score(), a.score()));
            return found;
        }
    }

    public long count(DataSource dataSource, String workspace) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT count(*) FROM chunks WHERE workspace = ?")) {
            statement.setString(1, workspace);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
