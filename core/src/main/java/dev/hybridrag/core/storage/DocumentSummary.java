package dev.hybridrag.core.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A document as listed to users. */
public record DocumentSummary(
        String path, String status, int chunkCount, long size, String contentHash, Instant updatedAt, String error) {

    /** The columns {@link #read} expects, in its order. */
    public static final String COLUMNS = "path, status, chunk_count, size_bytes, content_hash, updated_at, error";

    /** The summary in the current row of a query selecting {@link #COLUMNS} first. */
    public static DocumentSummary read(ResultSet rows) throws SQLException {
        return new DocumentSummary(
                rows.getString(1),
                rows.getString(2),
                rows.getInt(3),
                rows.getLong(4),
                rows.getString(5),
                rows.getTimestamp(6).toInstant(),
                rows.getString(7));
    }
}
