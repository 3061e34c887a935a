package dev.hybridrag.core.storage;

import java.time.Instant;

/** The state of one document version as the indexer writes it. */
public record DocumentVersion(
        String workspace,
        String path,
        String contentHash,
        long size,
        Instant mtime,
        long version,
        DocumentStatus status,
        String error,
        int chunkCount) {}
