package dev.hybridrag.core.storage;

import com.pgvector.PGvector;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The graph tables: the dirty set, fragments by key, and the materialised entities and relations. */
public final class GraphRepository {

    /** A dirty key of one workspace. */
    public record DirtyKey(String workspace, GraphKey key) {}

    /**
     * Marks keys dirty in the caller's transaction. An existing mark is updated rather than left alone: the update
     * locks it, so no materializer can claim the key and rebuild it from facts this transaction is still changing
     * (it skips locked rows, and takes the key after the commit). Keys are locked in a fixed order so that two
     * indexers marking overlapping keys cannot deadlock.
     */
    // The update keeps a waiting key's place in line (a hot key re-marked all the time is not starved) and makes a
    // postponed one due again.
    public void markDirty(Connection connection, String workspace, Collection<GraphKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        List<GraphKey> ordered = keys.stream()
                .sorted(Comparator.comparing((GraphKey k) -> k.kind().label()).thenComparing(GraphKey::key))
                .toList();
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO graph_dirty (workspace, kind, key) VALUES (?, ?, ?)
                ON CONFLICT (workspace, kind, key) DO UPDATE SET marked_at = least(graph_dirty.marked_at, now())""")) {
            for (GraphKey key : ordered) {
                statement.setString(1, workspace);
                statement.setString(2, key.kind().label());
                statement.setString(3, key.key());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Takes up to {@code limit} dirty keys of these workspaces, oldest first, skipping keys another worker holds.
     * They are gone for good only when the caller's transaction commits; a rollback (or crash) leaves them dirty.
     */
    public List<DirtyKey> claimDirty(Connection connection, Collection<String> workspaces, int limit)
            throws SQLException {
        String sql = """
                DELETE FROM graph_dirty WHERE (workspace, kind, key) IN (
                    SELECT workspace, kind, key FROM graph_dirty WHERE workspace = ANY (?) AND marked_at <= now()
                    ORDER BY marked_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING workspace, kind, key
                """;
        List<DirtyKey> claimed = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", workspaces.toArray()));
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new DirtyKey(
                            rows.getString(1),
                            new GraphKey(GraphKey.Kind.fromLabel(rows.getString(2)), rows.getString(3))));
                }
            }
        }
        return claimed;
    }

    /** Takes one dirty key if it is due and no other worker holds it. */
    public boolean claimOne(Connection connection, DirtyKey dirty) throws SQLException {
        String sql = """
                DELETE FROM graph_dirty WHERE (workspace, kind, key) IN (
                    SELECT workspace, kind, key FROM graph_dirty
                    WHERE workspace = ? AND kind = ? AND key = ? AND marked_at <= now() FOR UPDATE SKIP LOCKED)
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, dirty.workspace());
            statement.setString(2, dirty.key().kind().label());
            statement.setString(3, dirty.key().key());
            return statement.executeUpdate() == 1;
        }
    }

    /** Keeps a key that cannot be rebuilt now dirty, but out of the way for a while. */
    public void postpone(Connection connection, DirtyKey dirty, java.time.Duration delay) throws SQLException {
        String sql = """
                INSERT INTO graph_dirty (workspace, kind, key, marked_at) VALUES (?, ?, ?, now() + ?::interval)
                ON CONFLICT (workspace, kind, key) DO UPDATE SET marked_at = EXCLUDED.marked_at""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, dirty.workspace());
            statement.setString(2, dirty.key().kind().label());
            statement.setString(3, dirty.key().key());
            statement.setString(4, delay.toSeconds() + " seconds");
            statement.executeUpdate();
        }
    }

    public long dirtyCount(Connection connection, String workspace) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT count(*) FROM graph_dirty WHERE workspace = ?")) {
            statement.setString(1, workspace);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The current fragments of these keys, in a stable order (path, chunk). */
    public Map<String, List<Fragment>> fragments(
            Connection connection, String workspace, GraphKey.Kind kind, Collection<String> keys) throws SQLException {
        Map<String, List<Fragment>> byKey = new HashMap<>();
        String sql = """
                SELECT key, path, chunk_id, name, target, type, description, keywords, weight FROM fragments
                WHERE workspace = ? AND kind = ? AND key = ANY (?) ORDER BY key, path, chunk_id
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, workspace);
            statement.setString(2, kind.label());
            statement.setArray(3, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byKey.computeIfAbsent(rows.getString(1), key -> new ArrayList<>())
                            .add(new Fragment(
                                    rows.getString(2),
                                    rows.getString(3),
                                    rows.getString(4),
                                    rows.getString(5),
                                    rows.getString(6),
                                    rows.getString(7),
                                    rows.getString(8),
                                    rows.getDouble(9)));
                }
            }
        }
        return byKey;
    }

    /** Key to the hash of the text its stored vector was computed from. */
    public Map<String, String> embeddedHashes(
            Connection connection, String workspace, GraphKey.Kind kind, Collection<String> keys, String embeddingModel)
            throws SQLException {
        Map<String, String> hashes = new HashMap<>();
        String sql = "SELECT key, embedded_hash FROM " + table(kind)
                + " WHERE workspace = ? AND key = ANY (?) AND embedding_model = ?";
        for (List<String> row : Sql.list(
                connection,
                sql,
                rows -> List.of(rows.getString(1), rows.getString(2)),
                workspace,
                keys,
                embeddingModel)) {
            hashes.put(row.get(0), row.get(1));
        }
        return hashes;
    }

    public void delete(Connection connection, String workspace, GraphKey.Kind kind, Collection<String> keys)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement statement =
                connection.prepareStatement("DELETE FROM " + table(kind) + " WHERE workspace = ? AND key = ANY (?)")) {
            statement.setString(1, workspace);
            statement.setArray(2, connection.createArrayOf("text", keys.toArray()));
            statement.executeUpdate();
        }
    }

    /**
     * Writes an entity. {@code embedding} null keeps the stored vector (its text did not change).
     */
    public void upsertEntity(
            Connection connection,
            String workspace,
            EntityRow entity,
            String embeddedHash,
            String embeddingModel,
            float[] embedding)
            throws SQLException {
        String sql = embedding == null ? """
                  UPDATE entities SET name = ?, type = ?, description = ?, weight = ?, fragment_count = ?,
                      source_chunks = ?, source_files = ?, updated_at = now()
                  WHERE workspace = ? AND key = ?
                  """ : """
                  INSERT INTO entities (name, type, description, weight, fragment_count, source_chunks, source_files,
                                        workspace, key, embedded_hash, embedding_model, embedding_dim, embedding)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (workspace, key) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type,
                      description = EXCLUDED.description, weight = EXCLUDED.weight,
                      fragment_count = EXCLUDED.fragment_count, source_chunks = EXCLUDED.source_chunks,
                      source_files = EXCLUDED.source_files, embedded_hash = EXCLUDED.embedded_hash,
                      embedding_model = EXCLUDED.embedding_model, embedding_dim = EXCLUDED.embedding_dim,
                      embedding = EXCLUDED.embedding, updated_at = now()
                  """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, entity.name());
            statement.setString(2, entity.type());
            statement.setString(3, entity.description());
            statement.setDouble(4, entity.weight());
            statement.setInt(5, entity.fragmentCount());
            statement.setArray(6, texts(connection, entity.sourceChunks()));
            statement.setArray(7, texts(connection, entity.sourceFiles()));
            statement.setString(8, workspace);
            statement.setString(9, entity.key());
            if (embedding != null) {
                bindEmbedding(statement, 10, embeddedHash, embeddingModel, embedding);
            }
            statement.executeUpdate();
        }
    }

    /** Writes a relation. {@code embedding} null keeps the stored vector (its text did not change). */
    public void upsertRelation(
            Connection connection,
            String workspace,
            RelationRow relation,
            String embeddedHash,
            String embeddingModel,
            float[] embedding)
            throws SQLException {
        String sql = embedding == null ? """
                  UPDATE relations SET source = ?, target = ?, source_key = ?, target_key = ?, keywords = ?,
                      description = ?, weight = ?, fragment_count = ?, source_chunks = ?, source_files = ?,
                      updated_at = now()
                  WHERE workspace = ? AND key = ?
                  """ : """
                  INSERT INTO relations (source, target, source_key, target_key, keywords, description, weight,
                                         fragment_count, source_chunks, source_files, workspace, key,
                                         embedded_hash, embedding_model, embedding_dim, embedding)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (workspace, key) DO UPDATE SET source = EXCLUDED.source, target = EXCLUDED.target,
                      source_key = EXCLUDED.source_key, target_key = EXCLUDED.target_key,
                      keywords = EXCLUDED.keywords, description = EXCLUDED.description, weight = EXCLUDED.weight,
                      fragment_count = EXCLUDED.fragment_count, source_chunks = EXCLUDED.source_chunks,
                      source_files = EXCLUDED.source_files, embedded_hash = EXCLUDED.embedded_hash,
                      embedding_model = EXCLUDED.embedding_model, embedding_dim = EXCLUDED.embedding_dim,
                      embedding = EXCLUDED.embedding, updated_at = now()
                  """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, relation.source());
            statement.setString(2, relation.target());
            statement.setString(3, relation.sourceKey());
            statement.setString(4, relation.targetKey());
            statement.setString(5, relation.keywords());
            statement.setString(6, relation.description());
            statement.setDouble(7, relation.weight());
            statement.setInt(8, relation.fragmentCount());
            statement.setArray(9, texts(connection, relation.sourceChunks()));
            statement.setArray(10, texts(connection, relation.sourceFiles()));
            statement.setString(11, workspace);
            statement.setString(12, relation.key());
            if (embedding != null) {
                bindEmbedding(statement, 13, embeddedHash, embeddingModel, embedding);
            }
            statement.executeUpdate();
        }
    }

    private static void bindEmbedding(
            PreparedStatement statement, int first, String embeddedHash, String embeddingModel, float[] embedding)
            throws SQLException {
        statement.setString(first, embeddedHash);
        statement.setString(first + 1, embeddingModel);
        statement.setInt(first + 2, embedding.length);
        statement.setObject(first + 3, new PGvector(embedding));
    }

    private static Array texts(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    // Table names come from an enum, never from input.
    private static String table(GraphKey.Kind kind) {
        return kind == GraphKey.Kind.ENTITY ? "entities" : "relations";
    }
}
