package dev.hybridrag.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A document's text as the index holds it: its chunks in order, so a reference can be opened to its source. Chunks
 * are whole markdown blocks, so the text reads as the file did; only a block too long for one chunk repeats a few
 * overlapping lines.
 */
public final class DocumentText {

    private static final String CHUNKS =
            "SELECT content FROM chunks WHERE workspace = ? AND path = ? ORDER BY chunk_index, chunk_id";

    /** @return empty when the index holds no chunk of that path */
    public Optional<String> read(DataSource dataSource, String workspace, String path) throws SQLException {
        List<String> chunks = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(CHUNKS)) {
            statement.setString(1, workspace);
            statement.setString(2, path);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    chunks.add(rows.getString(1));
                }
            }
        }
        return chunks.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", chunks));
    }
}
