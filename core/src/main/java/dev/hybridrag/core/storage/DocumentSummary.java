package dev.hybridrag.core.storage;

import java.time.Instant;

/** A document as listed to users. */
public record DocumentSummary(
        String path, String status, int chunkCount, long size, String contentHash, Instant updatedAt, String error) {}
