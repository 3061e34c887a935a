package dev.hybridrag.core.message;

import dev.hybridrag.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * What the extractor made of one document version: its chunks with embeddings and, once extraction runs, the
 * entity and relation mentions found in them. A delete carries no chunks. A non-empty {@code error} means the
 * document could not be processed and says why; {@code failedChunks} names the chunks whose extraction failed
 * (they are stored without facts, and extracted again next time).
 */
public record ExtractionRecord(
        String tenant,
        String path,
        FileOperation operation,
        String contentHash,
        long size,
        Instant mtime,
        long version,
        String embeddingModel,
        int embeddingDim,
        String extractor,
        List<ChunkRecord> chunks,
        List<EntityMention> entities,
        List<RelationMention> relations,
        List<String> failedChunks,
        String error) {

    public ExtractionRecord {
        TenantId.of(tenant);
        if (path == null || path.isBlank() || operation == null || mtime == null) {
            throw new IllegalArgumentException("an extraction record needs a path, an operation and an mtime");
        }
        contentHash = contentHash == null ? "" : contentHash;
        embeddingModel = embeddingModel == null ? "" : embeddingModel;
        extractor = extractor == null ? "" : extractor;
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
        entities = entities == null ? List.of() : List.copyOf(entities);
        relations = relations == null ? List.of() : List.copyOf(relations);
        failedChunks = failedChunks == null ? List.of() : List.copyOf(failedChunks);
        error = error == null ? "" : error;
    }

    public static ExtractionRecord deleted(FileEvent event) {
        return new ExtractionRecord(
                event.tenant(),
                event.path(),
                FileOperation.DELETED,
                "",
                0,
                event.mtime(),
                event.version(),
                "",
                0,
                "",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                "");
    }

    public static ExtractionRecord failed(FileEvent event, String reason) {
        return failure(
                event.tenant(),
                event.path(),
                event.operation(),
                event.contentHash(),
                event.size(),
                event.mtime(),
                event.version(),
                reason);
    }

    /** The same document version, failed with a reason and carrying nothing else. */
    public ExtractionRecord asFailure(String reason) {
        return failure(tenant, path, operation, contentHash, size, mtime, version, reason);
    }

    private static ExtractionRecord failure(
            String tenant,
            String path,
            FileOperation operation,
            String contentHash,
            long size,
            Instant mtime,
            long version,
            String reason) {
        return new ExtractionRecord(
                tenant,
                path,
                operation,
                contentHash,
                size,
                mtime,
                version,
                "",
                0,
                "",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                reason);
    }

    public boolean failed() {
        return !error.isEmpty();
    }

    public DocumentKey key() {
        return new DocumentKey(tenant, path);
    }
}
