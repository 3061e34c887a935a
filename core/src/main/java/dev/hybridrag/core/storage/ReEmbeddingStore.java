package dev.hybridrag.core.storage;

import com.pgvector.PGvector;
import dev.hybridrag.core.embed.EmbeddingModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-embedding's side of the storage: which stored texts still lack a vector in the target model, the vectors made
 * so far ({@code reembed_vectors}, apart from the ones queries search), and the switch that moves them into place.
 * The texts are the stored ones (chunk content, entity and relation names and descriptions), so no extraction runs.
 */
public final class ReEmbeddingStore {

    /** The tables holding vectors, in the order re-embedding walks them. */
    public enum Kind {
        CHUNK("chunk", "chunks"),
        ENTITY("entity", "entities"),
        RELATION("relation", "relations");

        private final String label;
        private final String table;

        Kind(String label, String table) {
            this.label = label;
            this.table = table;
        }
    }

    /** Where a walk over one kind has got to: rows sort by (path, key); entities and relations have no path. */
    public record Position(Kind kind, String path, String key) {
        public static final Position START = new Position(Kind.CHUNK, "", "");
    }

    /** A stored text to embed in the target model. */
    public record Pending(Kind kind, String path, String key, String embeddedHash, String text) {}

    // One re-embedder per tenant at a time; held for one batch, so a crashed leader's work passes on at once.
    private static final int LEADER_LOCK = 0x68726531;

    /** Leads the tenant's re-embedding for the caller's transaction, unless another process does. */
    public boolean tryLead(Connection connection, String workspace) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?, hashtext(?))")) {
            statement.setInt(1, LEADER_LOCK);
            statement.setString(2, workspace);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /** Up to {@code limit} texts of one kind after {@code after}, whose vector is not in {@code target} yet. */
    public List<Pending> pending(
            Connection connection, String workspace, EmbeddingModel target, Position after, int limit)
            throws SQLException {
        Kind kind = after.kind();
        String text =
                switch (kind) {
                    case CHUNK -> "t.path, t.chunk_id, t.chunk_id, t.content, '', '', ''";
                    case ENTITY -> "'', t.key, t.embedded_hash, t.name, t.description, '', ''";
                    case RELATION -> "'', t.key, t.embedded_hash, t.source, t.target, t.keywords, t.description";
                };
        String path = kind == Kind.CHUNK ? "t.path" : "''";
        String key = kind == Kind.CHUNK ? "t.chunk_id" : "t.key";
        String hash = kind == Kind.CHUNK ? "t.chunk_id" : "t.embedded_hash";
        String sql = "SELECT " + text + " FROM " + kind.table + " t WHERE t.workspace = ?"
                + " AND (t.embedding_model <> ? OR t.embedding_dim <> ?) AND (" + path + ", " + key + ") > (?, ?)"
                + " AND NOT EXISTS (SELECT 1 FROM reembed_vectors s WHERE s.workspace = t.workspace"
                + " AND s.kind = ? AND s.path = " + path + " AND s.key = " + key + " AND s.model = ?"
                + " AND s.embedding_dim = ? AND s.embedded_hash = " + hash + ")"
                + " ORDER BY " + (kind == Kind.CHUNK ? "t.path, t.chunk_id" : "t.key") + " LIMIT ?";
        List<Pending> pending = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, workspace);
            statement.setString(2, target.model());
            statement.setInt(3, target.dimension());
            statement.setString(4, after.path());
            statement.setString(5, after.key());
            statement.setString(6, kind.label);
            statement.setString(7, target.model());
            statement.setInt(8, target.dimension());
            statement.setInt(9, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String embeddingText =
                            switch (kind) {
                                case CHUNK -> rows.getString(4);
                                case ENTITY -> EntityRow.embeddingText(rows.getString(4), rows.getString(5));
                                case RELATION ->
                                    RelationRow.embeddingText(
                                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7));
                            };
                    pending.add(
                            new Pending(kind, rows.getString(1), rows.getString(2), rows.getString(3), embeddingText));
                }
            }
        }
        return pending;
    }

    /** How many texts still lack a vector in {@code target}, over all kinds. */
    public long countPending(Connection connection, String workspace, EmbeddingModel target) throws SQLException {
        long count = 0;
        for (Kind kind : Kind.values()) {
            String path = kind == Kind.CHUNK ? "t.path" : "''";
            String key = kind == Kind.CHUNK ? "t.chunk_id" : "t.key";
            String hash = kind == Kind.CHUNK ? "t.chunk_id" : "t.embedded_hash";
            String sql = "SELECT count(*) FROM " + kind.table + " t WHERE t.workspace = ?"
                    + " AND (t.embedding_model <> ? OR t.embedding_dim <> ?)"
                    + " AND NOT EXISTS (SELECT 1 FROM reembed_vectors s WHERE s.workspace = t.workspace"
                    + " AND s.kind = ? AND s.path = " + path + " AND s.key = " + key + " AND s.model = ?"
                    + " AND s.embedding_dim = ? AND s.embedded_hash = " + hash + ")";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, workspace);
                statement.setString(2, target.model());
                statement.setInt(3, target.dimension());
                statement.setString(4, kind.label);
                statement.setString(5, target.model());
                statement.setInt(6, target.dimension());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    count += rows.getLong(1);
                }
            }
        }
        return count;
    }

    /** Keeps the new vectors of {@code embedded} (in order) until the switch. */
    public void store(
            Connection connection,
            String workspace,
            EmbeddingModel target,
            List<Pending> embedded,
            List<float[]> vectors)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO reembed_vectors (workspace, kind, path, key, model, embedded_hash, embedding_dim, embedding)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace, kind, path, key) DO UPDATE SET model = EXCLUDED.model,
                    embedded_hash = EXCLUDED.embedded_hash, embedding_dim = EXCLUDED.embedding_dim,
                    embedding = EXCLUDED.embedding
                """)) {
            for (int i = 0; i < embedded.size(); i++) {
                Pending pending = embedded.get(i);
                statement.setString(1, workspace);
                statement.setString(2, pending.kind().label);
                statement.setString(3, pending.path());
                statement.setString(4, pending.key());
                statement.setString(5, target.model());
                statement.setString(6, pending.embeddedHash());
                statement.setInt(7, vectors.get(i).length);
                statement.setObject(8, new PGvector(vectors.get(i)));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * The switch: every re-embedded vector replaces the stored one, in the caller's transaction, so queries see
     * either all old vectors or all new ones. An entity or relation whose text changed since it was re-embedded
     * keeps its vector (and is still pending afterwards).
     *
     * @return vectors replaced
     */
    public int moveIntoPlace(Connection connection, String workspace, EmbeddingModel target) throws SQLException {
        int moved = 0;
        for (Kind kind : Kind.values()) {
            String match = kind == Kind.CHUNK
                    ? "t.path = s.path AND t.chunk_id = s.key"
                    : "t.key = s.key AND t.embedded_hash = s.embedded_hash";
            String sql = "UPDATE " + kind.table + " t SET embedding_model = s.model, embedding_dim = s.embedding_dim,"
                    + " embedding = s.embedding FROM reembed_vectors s WHERE s.workspace = ? AND s.kind = ?"
                    + " AND s.model = ? AND s.embedding_dim = ? AND t.workspace = s.workspace AND " + match
                    + " AND (t.embedding_model <> s.model OR t.embedding_dim <> s.embedding_dim)";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, workspace);
                statement.setString(2, kind.label);
                statement.setString(3, target.model());
                statement.setInt(4, target.dimension());
                moved += statement.executeUpdate();
            }
        }
        return moved;
    }

    /** Forgets the tenant's re-embedded vectors: after the switch, or when the target model changed. */
    public void discard(Connection connection, String workspace) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("DELETE FROM reembed_vectors WHERE workspace = ?")) {
            statement.setString(1, workspace);
            statement.executeUpdate();
        }
    }
}
