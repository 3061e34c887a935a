package dev.hybridrag.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Fills the full-text column of rows written before migration V10 (new rows get theirs from the tables' triggers), a
 * batch at a time, so a tenant of millions of rows is never locked for long: what is not filled yet is still found
 * by vector search.
 */
public final class LexicalBackfill {

    // SKIP LOCKED: a row another transaction holds (the graph materialiser rewriting an entity while it embeds) is
    // left for a later step instead of waited for; waiting would hold the rows already locked and could deadlock
    // with that writer. Its own update fills the column anyway (the triggers).
    private static final List<String> FILLS = List.of(
            "UPDATE chunks SET lexemes = chunk_lexemes(path, content) WHERE ctid IN (SELECT ctid FROM chunks"
                    + " WHERE workspace = ? AND lexemes IS NULL LIMIT ? FOR UPDATE SKIP LOCKED)",
            "UPDATE entities SET lexemes = entity_lexemes(name, type, description) WHERE ctid IN (SELECT ctid"
                    + " FROM entities WHERE workspace = ? AND lexemes IS NULL LIMIT ? FOR UPDATE SKIP LOCKED)",
            "UPDATE relations SET lexemes = relation_lexemes(source, target, keywords, description) WHERE ctid IN"
                    + " (SELECT ctid FROM relations WHERE workspace = ? AND lexemes IS NULL LIMIT ?"
                    + " FOR UPDATE SKIP LOCKED)");

    /** Whether every row of the tenant's has its full-text column. */
    public boolean complete(DataSource dataSource, String workspace) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM chunks"
                        + " WHERE workspace = ? AND lexemes IS NULL) AND NOT EXISTS (SELECT 1 FROM entities"
                        + " WHERE workspace = ? AND lexemes IS NULL) AND NOT EXISTS (SELECT 1 FROM relations"
                        + " WHERE workspace = ? AND lexemes IS NULL)")) {
            for (int i = 1; i <= 3; i++) {
                statement.setString(i, workspace);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /** Fills up to {@code batch} unlocked rows of each table of the tenant's; returns how many it filled. */
    public int fill(DataSource dataSource, String workspace, int batch) throws SQLException {
        int filled = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (String fill : FILLS) {
                try (PreparedStatement statement = connection.prepareStatement(fill)) {
                    statement.setString(1, workspace);
                    statement.setInt(2, batch);
                    filled += statement.executeUpdate();
                }
            }
        }
        return filled;
    }
}
