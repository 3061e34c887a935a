package dev.hybridrag.core.storage;

import dev.hybridrag.core.message.FileEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** The {@code documents} table. Every statement is filtered by workspace. */
public final class DocumentRepository {

    private static final String UPSERT_NEWER = """
            INSERT INTO documents (workspace, path, content_hash, size_bytes, mtime, version, status, error,
                                   chunk_count, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (workspace, path) DO UPDATE SET
                content_hash = EXCLUDED.content_hash, size_bytes = EXCLUDED.size_bytes, mtime = EXCLUDED.mtime,
                version = EXCLUDED.version, status = EXCLUDED.status, error = EXCLUDED.error,
                chunk_count = EXCLUDED.chunk_count, updated_at = now()
            WHERE documents.version <= EXCLUDED.version
            RETURNING 1
            """;

    /**
     * Writes the version unless the stored one is newer. Replaying the same version rewrites identical values.
     *
     * @return false when the stored version is newer, so the caller must not touch this document's chunks
     */
    public boolean upsertUnlessStale(Connection connection, DocumentVersion doc) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_NEWER)) {
            statement.setString(1, doc.workspace());
            statement.setString(2, doc.path());
            statement.setString(3, doc.contentHash());
            statement.setLong(4, doc.size());
            statement.setTimestamp(5, Timestamp.from(doc.mtime()));
            statement.setLong(6, doc.version());
            statement.setString(7, doc.status().label());
            statement.setString(8, doc.error());
            statement.setInt(9, doc.chunkCount());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static final String UPSERT_IN_FLIGHT = """
            INSERT INTO documents (workspace, path, content_hash, size_bytes, mtime, version, status, error, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, '', now())
            ON CONFLICT (workspace, path) DO UPDATE SET
                content_hash = EXCLUDED.content_hash, size_bytes = EXCLUDED.size_bytes, mtime = EXCLUDED.mtime,
                version = EXCLUDED.version, status = EXCLUDED.status, error = '', updated_at = now()
            WHERE documents.version < EXCLUDED.version
               OR (documents.version = EXCLUDED.version AND documents.status IN ('pending', 'processing'))
            """;

    /**
     * Records that a version is on its way ({@code pending}: published, the intake's pending mark that the extractor's
     * supersession check reads, see {@code DocumentIntake}; {@code processing}: being extracted). Never
     * overrides a newer version or the final status of the same one; chunks of the previous version stay
     * answerable meanwhile.
     *
     * @return false when a newer version is already stored: this one is stale and need not be processed
     */
    public boolean markInFlight(
            DataSource dataSource,
            String workspace,
            String path,
            String contentHash,
            long size,
            Instant mtime,
            long version,
            DocumentStatus status)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (Sql.update(
                            connection,
                            UPSERT_IN_FLIGHT,
                            workspace,
                            path,
                            contentHash,
                            size,
                            mtime,
                            version,
                            status.label())
                    == 1) {
                return true;
            }
            OptionalLong stored = storedVersion(connection, workspace, path);
            return stored.isEmpty() || stored.getAsLong() <= version;
        }
    }

    /** {@link #markInFlight(DataSource, String, String, String, long, Instant, long, DocumentStatus)} for an event. */
    public boolean markInFlight(DataSource dataSource, String workspace, FileEvent event, DocumentStatus status)
            throws SQLException {
        return markInFlight(
                dataSource,
                workspace,
                event.path(),
                event.contentHash(),
                event.size(),
                event.mtime(),
                event.version(),
                status);
    }

    /** The newest version stored for the path (published, in flight, processed, refused or deleted), if any. */
    public OptionalLong storedVersion(DataSource dataSource, String workspace, String path) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return storedVersion(connection, workspace, path);
        }
    }

    private static OptionalLong storedVersion(Connection connection, String workspace, String path)
            throws SQLException {
        try (PreparedStatement stored =
                connection.prepareStatement("SELECT version FROM documents WHERE workspace = ? AND path = ?")) {
            stored.setString(1, workspace);
            stored.setString(2, path);
            try (ResultSet rows = stored.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Marks a version failed with a reason, unless a newer version is stored; its chunks are left as they are. */
    public void markFailed(
            DataSource dataSource,
            String workspace,
            String path,
            String contentHash,
            long size,
            Instant mtime,
            long version,
            String error)
            throws SQLException {
        String sql = """
                INSERT INTO documents (workspace, path, content_hash, size_bytes, mtime, version, status, error,
                                       updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'failed', ?, now())
                ON CONFLICT (workspace, path) DO UPDATE SET status = 'failed', error = EXCLUDED.error,
                    version = EXCLUDED.version, content_hash = EXCLUDED.content_hash, updated_at = now()
                WHERE documents.version <= EXCLUDED.version
                """;
        String kept = error.length() > 2000 ? error.substring(0, 2000) : error;
        Sql.update(dataSource, sql, workspace, path, contentHash, size, mtime, version, kept);
    }

    /**
     * Records that a file is not ingested, and why, unless a newer version is stored. The content hash is cleared,
     * so the file's next readable content is published even when it equals what was ingested before; the chunks of
     * that earlier version are left as they are.
     */
    public void markRefused(
            DataSource dataSource, String workspace, String path, long size, Instant mtime, long version, String reason)
            throws SQLException {
        String sql = """
                INSERT INTO documents (workspace, path, content_hash, size_bytes, mtime, version, status, error,
                                       updated_at)
                VALUES (?, ?, '', ?, ?, ?, 'refused', ?, now())
                ON CONFLICT (workspace, path) DO UPDATE SET status = 'refused', error = EXCLUDED.error,
                    version = EXCLUDED.version, content_hash = '', size_bytes = EXCLUDED.size_bytes,
                    mtime = EXCLUDED.mtime, updated_at = now()
                WHERE documents.version <= EXCLUDED.version
                """;
        Sql.update(dataSource, sql, workspace, path, size, mtime, version, reason);
    }

    /** The stored state of the given paths; paths never seen are absent. */
    public Map<String, DocumentState> states(DataSource dataSource, String workspace, Collection<String> paths)
            throws SQLException {
        String sql = """
                SELECT path, content_hash, version, status, error FROM documents
                WHERE workspace = ? AND path = ANY (?)
                """;
        Map<String, DocumentState> states = new LinkedHashMap<>();
        for (DocumentState state : Sql.list(
                dataSource,
                sql,
                rows -> new DocumentState(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getLong(3),
                        DocumentStatus.fromLabel(rows.getString(4)),
                        rows.getString(5)),
                workspace,
                paths)) {
            states.put(state.path(), state);
        }
        return states;
    }

    /** Path to content hash of the documents the tenant holds now (tombstones excluded). */
    public Map<String, String> currentHashes(DataSource dataSource, String workspace) throws SQLException {
        String sql = "SELECT path, content_hash FROM documents WHERE workspace = ? AND status <> 'deleted'";
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, String> hash :
                Sql.list(dataSource, sql, rows -> Map.entry(rows.getString(1), rows.getString(2)), workspace)) {
            hashes.put(hash.getKey(), hash.getValue());
        }
        return hashes;
    }

    public List<DocumentSummary> list(
            DataSource dataSource, String workspace, Optional<DocumentStatus> status, int limit, int offset)
            throws SQLException {
        String sql = "SELECT " + DocumentSummary.COLUMNS + " FROM documents"
                + " WHERE workspace = ? AND status <> 'deleted' AND (? = '' OR status = ?) ORDER BY path LIMIT ? OFFSET ?";
        String wanted = status.map(DocumentStatus::label).orElse("");
        return Sql.list(dataSource, sql, DocumentSummary::read, workspace, wanted, wanted, limit, offset);
    }

    /** The paths of up to {@code limit} documents in {@code status}, by path (what a retry of failures takes). */
    public List<String> paths(DataSource dataSource, String workspace, DocumentStatus status, int limit)
            throws SQLException {
        return list(dataSource, workspace, Optional.of(status), limit, 0).stream()
                .map(DocumentSummary::path)
                .toList();
    }

    /** Documents per status (deleted tombstones excluded), in lifecycle order. */
    public Map<String, Long> countByStatus(DataSource dataSource, String workspace) throws SQLException {
        String sql =
                "SELECT status, count(*) FROM documents WHERE workspace = ? AND status <> 'deleted' GROUP BY status";
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DocumentStatus status : DocumentStatus.values()) {
            if (status != DocumentStatus.DELETED) {
                counts.put(status.label(), 0L);
            }
        }
        for (Map.Entry<String, Long> count :
                Sql.list(dataSource, sql, rows -> Map.entry(rows.getString(1), rows.getLong(2)), workspace)) {
            counts.put(count.getKey(), count.getValue());
        }
        return counts;
    }
}
