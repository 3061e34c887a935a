package dev.hybridrag.indexer;

import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.storage.ChunkRepository;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.DocumentVersion;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Applies one extraction record in one transaction: the document row and status, then its chunks. A record older
 * than what the table holds changes nothing; applying the same record twice leaves the same rows.
 */
public final class ExtractionApplier {

    /** What applying a record did. */
    public enum Outcome {
        APPLIED,
        STALE
    }

    private final DocumentRepository documents = new DocumentRepository();
    private final ChunkRepository chunks = new ChunkRepository();

    public Outcome apply(DataSource dataSource, String workspace, ExtractionRecord record) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Outcome outcome = applyIn(connection, workspace, record);
                connection.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private Outcome applyIn(Connection connection, String workspace, ExtractionRecord record) throws SQLException {
        DocumentStatus status = record.operation().isDelete()
                ? DocumentStatus.DELETED
                : record.failed() ? DocumentStatus.FAILED : DocumentStatus.PROCESSED;
        int chunkCount = status == DocumentStatus.PROCESSED ? record.chunks().size() : 0;
        DocumentVersion version = new DocumentVersion(
                workspace,
                record.path(),
                record.contentHash(),
                record.size(),
                record.mtime(),
                record.version(),
                status,
                record.error(),
                chunkCount);
        if (!documents.upsertUnlessStale(connection, version)) {
            return Outcome.STALE;
        }
        switch (status) {
            case PROCESSED ->
                chunks.replace(connection, workspace, record.path(), record.chunks(), record.embeddingModel());
            // A failed version must not be answered from; a deleted file's chunks go with it.
            case FAILED, DELETED -> chunks.deleteAll(connection, workspace, record.path());
            default -> throw new IllegalStateException("unexpected status " + status);
        }
        return Outcome.APPLIED;
    }
}
