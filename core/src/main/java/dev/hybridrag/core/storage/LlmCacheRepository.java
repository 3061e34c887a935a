package dev.hybridrag.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code llm_cache} table: a tenant's parsed extraction results, keyed by a hash of (extractor identity, chunk
 * text). Written as soon as a chunk succeeds, so a document that fails halfway never pays again for what worked.
 */
public final class LlmCacheRepository {

    public Map<String, String> find(DataSource dataSource, String workspace, Collection<String> keys)
            throws SQLException {
        Map<String, String> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT cache_key, result FROM llm_cache WHERE workspace = ? AND cache_key = ANY (?)")) {
            statement.setString(1, workspace);
            statement.setArray(2, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return found;
    }

    public void put(DataSource dataSource, String workspace, String key, String extractor, String result)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO llm_cache (workspace, cache_key, extractor, result) VALUES (?, ?, ?, ?)
                        ON CONFLICT (workspace, cache_key) DO NOTHING
                        """)) {
            statement.setString(1, workspace);
            statement.setString(2, key);
            statement.setString(3, extractor);
            statement.setString(4, result);
            statement.executeUpdate();
        }
    }
}
