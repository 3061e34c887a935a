package dev.hybridrag.core.storage;

import java.util.List;

/** An entity found for a query, with its cosine similarity (0 when reached through the graph, not by vector). */
public record ScoredEntity(
        String key,
        String name,
        String type,
        String description,
        double weight,
        List<String> sourceChunks,
        double score) {}
