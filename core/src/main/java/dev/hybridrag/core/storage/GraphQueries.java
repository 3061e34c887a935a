package dev.hybridrag.core.storage;

import com.pgvector.PGvector;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/** Reads of the graph for queries: vector search over entities and relations, and one-hop expansion. */
public final class GraphQueries {

    private static final String ENTITY_COLUMNS = "key, name, type, description, weight, source_chunks";
    private static final String RELATION_COLUMNS =
            "key, source, target, source_key, target_key, keywords, description, weight, source_chunks";

    public List<ScoredEntity> nearestEntities(
            DataSource dataSource, String workspace, String model, float[] query, int limit, VectorScan scan)
            throws SQLException {
        return nearest(
                dataSource, "entities", ENTITY_COLUMNS, workspace, model, query, limit, scan, GraphQueries::entity);
    }

    public List<ScoredRelation> nearestRelations(
            DataSource dataSource, String workspace, String model, float[] query, int limit, VectorScan scan)
            throws SQLException {
        return nearest(
                dataSource,
                "relations",
                RELATION_COLUMNS,
                workspace,
                model,
                query,
                limit,
                scan,
                GraphQueries::relation);
    }

    /** Relations touching any of these entities, strongest first. */
    public List<ScoredRelation> relationsOf(
            DataSource dataSource, String workspace, Collection<String> entityKeys, int limit) throws SQLException {
        String sql = "SELECT " + RELATION_COLUMNS + ", 0 FROM relations WHERE workspace = ?"
                + " AND (source_key = ANY (?) OR target_key = ANY (?)) ORDER BY weight DESC, key LIMIT ?";
        return Sql.list(dataSource, sql, GraphQueries::relation, workspace, entityKeys, entityKeys, limit);
    }

    public List<ScoredEntity> entities(DataSource dataSource, String workspace, Collection<String> keys)
            throws SQLException {
        String sql = "SELECT " + ENTITY_COLUMNS + ", 0 FROM entities WHERE workspace = ? AND key = ANY (?)"
                + " ORDER BY weight DESC, key";
        return Sql.list(dataSource, sql, GraphQueries::entity, workspace, keys);
    }

    /** The chunks with these ids (one row per id, whichever document holds it), in no particular order. */
    public List<ScoredChunk> chunks(DataSource dataSource, String workspace, Collection<String> chunkIds)
            throws SQLException {
        String sql = "SELECT DISTINCT ON (chunk_id) path, chunk_id, content, tokens FROM chunks"
                + " WHERE workspace = ? AND chunk_id = ANY (?) ORDER BY chunk_id, path";
        return Sql.list(
                dataSource,
                sql,
                rows -> new ScoredChunk(rows.getString(1), rows.getString(2), rows.getString(3), rows.getInt(4), 0),
                workspace,
                chunkIds);
    }

    /**
     * The chunks with these ids (one row per id), each scored by its vector's cosine similarity to {@code query}, best
     * first; a chunk without a vector in this model and dimension (not embedded yet) scores {@link Double#NaN}, last.
     * Exact: a graph search leads to at most a few hundred chunks.
     */
    public List<ScoredChunk> chunksNear(
            DataSource dataSource, String workspace, String model, float[] query, Collection<String> chunkIds)
            throws SQLException {
        int dim = query.length; // an int from our own embedder, never user text: safe to inline
        String sql = """
                SELECT DISTINCT ON (chunk_id) path, chunk_id, content, tokens,
                       CASE WHEN embedding_dim = %d AND embedding_model = ? THEN 1 - (embedding <=> ?::vector) END
                FROM chunks WHERE workspace = ? AND chunk_id = ANY (?) ORDER BY chunk_id, path
                """.formatted(dim);
        List<ScoredChunk> found = new ArrayList<>(Sql.list(
                dataSource,
                sql,
                rows -> new ScoredChunk(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getInt(4),
                        rows.getObject(5) == null ? Double.NaN : rows.getDouble(5)),
                model,
                new PGvector(query),
                workspace,
                chunkIds));
        found.sort(Comparator.comparingDouble((ScoredChunk c) -> Double.isNaN(c.score()) ? -2 : c.score())
                .reversed());
        return found;
    }

    // Chunks, entities and relations are searched alike: cast to the query's dimension so that dimension's partial
    // HNSW index serves it, or compared one by one when the scan is exact.
    static <T> List<T> nearest(
            DataSource dataSource,
            String table,
            String columns,
            String workspace,
            String model,
            float[] query,
            int limit,
            VectorScan scan,
            Sql.RowMapper<T> mapper)
            throws SQLException {
        String sql = scan.settings(limit) + nearestSql(table, columns, query.length, scan);
        PGvector vector = new PGvector(query);
        return Sql.lastList(dataSource, sql, mapper, vector, workspace, model, vector, limit);
    }

    /** The statement of a nearest search; its parameters are the query vector, workspace, model, vector, limit. */
    static String nearestSql(String table, String columns, int dimension, VectorScan scan) {
        // The dimension is an int from our own embedder, never user text: safe to inline.
        return """
                SELECT %2$s, 1 - (%4$s) AS score FROM %3$s
                WHERE embedding_dim = %1$d AND workspace = ? AND embedding_model = ?
                ORDER BY %4$s LIMIT ?
                """.formatted(dimension, columns, table, scan.distance(dimension));
    }

    static ScoredEntity entity(ResultSet rows) throws SQLException {
        return new ScoredEntity(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getDouble(5),
                strings(rows.getArray(6)),
                rows.getDouble(7));
    }

    static ScoredRelation relation(ResultSet rows) throws SQLException {
        return new ScoredRelation(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                rows.getString(7),
                rows.getDouble(8),
                strings(rows.getArray(9)),
                rows.getDouble(10));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
