package dev.hybridrag.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Fills the full-text column of rows written before migration V9 (new rows get theirs from the tables' triggers), a
 * batch at a time, so a tenant of millions of rows is never locked for long: what is not filled yet is still found
 * by vector search.
 */
public final class LexicalBackfill {

    private static final List<String> FILLS = List.of(
            "UPDATE chunks SET lexemes = chunk_lexemes(content) WHERE ctid IN (SELECT ctid FROM chunks"
                    + " WHERE workspace = ? AND lexemes IS NULL LIMIT ?)",
            "UPDATE entities SET lexemes = entity_lexemes(name, type, description) WHERE ctid IN (SELECT ctid"
                    + " FROM entities WHERE workspace = ? AND lexemes IS NULL LIMIT ?)",
            "UPDATE relations SET lexemes = relation_lexemes(source, target, keywords, description) WHERE ctid IN"
                    + " (SELECT ctid FROM relations WHERE workspace = ? AND lexemes IS NULL LIMIT ?)");

    /** Fills up to {@code batch} rows of each table of the tenant's; returns how many it filled (0: done). */
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
