package dev.hybridrag.query.mcp;

import dev.hybridrag.core.storage.DocumentSummary;
import dev.hybridrag.core.storage.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A tenant's documents for tools and resources: pages by path with a cursor (the last path of the page, so a page
 * stays right while documents come and go), and a document's text as it was indexed, its chunks in order.
 */
final class DocumentShelf {

    /** One page, and the cursor of the next (empty on the last). */
    record Page(List<DocumentSummary> documents, Optional<String> nextCursor) {}

    /** A document's text with its state. */
    record Text(String path, String status, int chunkCount, String text) {}

    Page list(DataSource dataSource, String workspace, String status, String prefix, int limit, String cursor)
            throws SQLException {
        String after = cursor.isEmpty() ? "" : decode(cursor);
        String sql = "SELECT " + DocumentSummary.COLUMNS + " FROM documents"
                + " WHERE workspace = ? AND status <> 'deleted' AND (? = '' OR status = ?)"
                + " AND starts_with(path, ?) AND path > ? ORDER BY path LIMIT ?";
        List<DocumentSummary> documents =
                Sql.list(dataSource, sql, DocumentSummary::read, workspace, status, status, prefix, after, limit + 1);
        if (documents.size() <= limit) {
            return new Page(documents, Optional.empty());
        }
        List<DocumentSummary> page = documents.subList(0, limit);
        return new Page(List.copyOf(page), Optional.of(encode(page.getLast().path())));
    }

    Optional<Text> text(DataSource dataSource, String workspace, String path) throws SQLException {
        String sql = """
                SELECT d.status, d.chunk_count, c.content FROM documents d
                LEFT JOIN chunks c ON c.workspace = d.workspace AND c.path = d.path
                WHERE d.workspace = ? AND d.path = ? AND d.status <> 'deleted'
                ORDER BY c.chunk_index""";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, workspace);
            statement.setString(2, path);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String status = rows.getString(1);
                int chunks = rows.getInt(2);
                StringBuilder text = new StringBuilder();
                do {
                    String content = rows.getString(3);
                    if (content != null) {
                        text.append(text.isEmpty() ? "" : "\n\n").append(content.strip());
                    }
                } while (rows.next());
                return Optional.of(new Text(path, status, chunks, text.toString()));
            }
        }
    }

    private static String encode(String path) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(path.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("cursor", "'cursor' is not one this tool returned");
        }
    }
}
