package dev.hybridrag.core.storage;

import dev.hybridrag.core.embed.EmbeddingModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code embedding_state} table, one row per tenant, and what models the tenant's vectors are actually in.
 * Only the re-embedder (indexer-worker) writes it; queries read it to know which model embeds a question.
 */
public final class EmbeddingStates {

    /** Vectors of one model and dimension, counted over chunks, entities and relations. */
    public record StoredModel(String model, int dimension, long vectors) {
        public String describe() {
            return model + " (" + dimension + " dimensions, " + vectors + " vectors)";
        }
    }

    public Optional<EmbeddingState> load(DataSource dataSource, String workspace) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return load(connection, workspace);
        }
    }

    public Optional<EmbeddingState> load(Connection connection, String workspace) throws SQLException {
        String sql = """
                SELECT provider, model, base_url, api_version, dim, target_provider, target_model, target_base_url,
                       target_api_version, target_dim, total, done
                FROM embedding_state WHERE workspace = ?
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, workspace);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                EmbeddingModel active = new EmbeddingModel(
                        rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5));
                Optional<EmbeddingModel> target = rows.getString(7) == null
                        ? Optional.empty()
                        : Optional.of(new EmbeddingModel(
                                rows.getString(6),
                                rows.getString(7),
                                rows.getString(8),
                                rows.getString(9),
                                rows.getInt(10)));
                return Optional.of(new EmbeddingState(active, target, rows.getLong(11), rows.getLong(12)));
            }
        }
    }

    /** Records the model the tenant's vectors are in, unless a row exists already. */
    public void create(Connection connection, String workspace, EmbeddingModel active) throws SQLException {
        update(connection, """
                INSERT INTO embedding_state (provider, model, base_url, api_version, dim, workspace)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workspace) DO NOTHING
                """, workspace, active);
    }

    /** Re-embedding towards {@code target} begins (again, from nothing, if it had another target). */
    public void start(Connection connection, String workspace, EmbeddingModel target, long total) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE embedding_state SET target_provider = ?, target_model = ?, target_base_url = ?,
                    target_api_version = ?, target_dim = ?, total = ?, done = 0, started_at = now(),
                    updated_at = now()
                WHERE workspace = ?
                """)) {
            bind(statement, target);
            statement.setLong(6, total);
            statement.setString(7, workspace);
            statement.executeUpdate();
        }
    }

    public void progress(Connection connection, String workspace, int embedded) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE embedding_state SET done = done + ?, updated_at = now() WHERE workspace = ?")) {
            statement.setInt(1, embedded);
            statement.setString(2, workspace);
            statement.executeUpdate();
        }
    }

    /** The vectors are in {@code active} now (the switch), or re-embedding is called off: no target. */
    public void settle(Connection connection, String workspace, EmbeddingModel active) throws SQLException {
        update(connection, """
                UPDATE embedding_state SET provider = ?, model = ?, base_url = ?, api_version = ?, dim = ?,
                    target_provider = NULL, target_model = NULL, target_base_url = NULL, target_api_version = NULL,
                    target_dim = NULL, done = total, updated_at = now()
                WHERE workspace = ?
                """, workspace, active);
    }

    /** Models the tenant's vectors are in, most vectors first. */
    public List<StoredModel> storedModels(Connection connection, String workspace) throws SQLException {
        String sql = """
                SELECT embedding_model, embedding_dim, sum(n) FROM (
                    SELECT embedding_model, embedding_dim, count(*) AS n FROM chunks WHERE workspace = ?
                    GROUP BY 1, 2
                    UNION ALL
                    SELECT embedding_model, embedding_dim, count(*) FROM entities WHERE workspace = ? GROUP BY 1, 2
                    UNION ALL
                    SELECT embedding_model, embedding_dim, count(*) FROM relations WHERE workspace = ? GROUP BY 1, 2
                ) stored GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2
                """;
        List<StoredModel> models = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 1; i <= 3; i++) {
                statement.setString(i, workspace);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    models.add(new StoredModel(rows.getString(1), rows.getInt(2), rows.getLong(3)));
                }
            }
        }
        return models;
    }

    public List<StoredModel> storedModels(DataSource dataSource, String workspace) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return storedModels(connection, workspace);
        }
    }

    /** Whether any of the tenant's vectors is in another model or dimension; stops at the first. */
    public boolean anyVectorNotIn(Connection connection, String workspace, EmbeddingModel model) throws SQLException {
        String other = " WHERE workspace = ? AND (embedding_model <> ? OR embedding_dim <> ?))";
        String sql = "SELECT EXISTS (SELECT 1 FROM chunks" + other + " OR EXISTS (SELECT 1 FROM entities" + other
                + " OR EXISTS (SELECT 1 FROM relations" + other;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < 3; i++) {
                statement.setString(3 * i + 1, workspace);
                statement.setString(3 * i + 2, model.model());
                statement.setInt(3 * i + 3, model.dimension());
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static void update(Connection connection, String sql, String workspace, EmbeddingModel model)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, model);
            statement.setString(6, workspace);
            statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, EmbeddingModel model) throws SQLException {
        statement.setString(1, model.provider());
        statement.setString(2, model.model());
        statement.setString(3, model.baseUrl());
        statement.setString(4, model.apiVersion());
        statement.setInt(5, model.dimension());
    }
}
