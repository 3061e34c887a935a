package dev.hybridrag.core.message;

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
        FileEvent.requireVersion(tenant, path, operation, mtime, "an extraction record");
        contentHash = contentHash == null ? "" : contentHash;
        embeddingModel = embeddingModel == null ? "" : embeddingModel;
        extractor = extractor == null ? "" : extractor;
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
        entities = entities == null ? List.of() : List.copyOf(entities);
        relations = relations == null ? List.of() : List.copyOf(relations);
        failedChunks = failedChunks == null ? List.of() : List.copyOf(failedChunks);
        error = error == null ? "" : error;
    }

    /** What the extractor made of {@code event}'s document version. */
    public static ExtractionRecord of(
            FileEvent event,
            String embeddingModel,
            int embeddingDim,
            String extractor,
            List<ChunkRecord> chunks,
            List<EntityMention> entities,
            List<RelationMention> relations,
            List<String> failedChunks,
            String error) {
        return new ExtractionRecord(
                event.tenant(),
                event.path(),
                event.operation(),
                event.contentHash(),
                event.size(),
                event.mtime(),
                event.version(),
                embeddingModel,
                embeddingDim,
                extractor,
                chunks,
                entities,
                relations,
                failedChunks,
                error);
    }

    public static ExtractionRecord deleted(FileEvent event) {
        return carryingNothing(
                new FileEvent(
                        event.tenant(), event.path(), FileOperation.DELETED, "", 0, event.mtime(), event.version(), ""),
                "");
    }

    public static ExtractionRecord failed(FileEvent event, String reason) {
        return carryingNothing(event, reason);
    }

    /** The same document version, failed with a reason and carrying nothing else. */
    public ExtractionRecord asFailure(String reason) {
        return carryingNothing(new FileEvent(tenant, path, operation, contentHash, size, mtime, version, ""), reason);
    }

    private static ExtractionRecord carryingNothing(FileEvent event, String error) {
        return of(event, "", 0, "", List.of(), List.of(), List.of(), List.of(), error);
    }

    public boolean failed() {
        return !error.isEmpty();
    }

    public DocumentKey key() {
        return new DocumentKey(tenant, path);
    }
}
