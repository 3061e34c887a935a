package dev.hybridrag.core.storage;

import java.util.List;

/** A relation found for a query, with its cosine similarity (0 when reached through the graph, not by vector). */
public record ScoredRelation(
        String key,
        String source,
        String target,
        String sourceKey,
        String targetKey,
        String keywords,
        String description,
        double weight,
        List<String> sourceChunks,
        double score) {}
