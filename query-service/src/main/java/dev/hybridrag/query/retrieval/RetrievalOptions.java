package dev.hybridrag.query.retrieval;

import java.util.List;

/**
 * What to retrieve and how much, with LightRAG's names and defaults: {@code topK} entities or relations,
 * {@code chunkTopK} chunks, and token budgets per part of the context.
 */
public record RetrievalOptions(
        String mode,
        int topK,
        int chunkTopK,
        int maxEntityTokens,
        int maxRelationTokens,
        int maxTotalTokens,
        List<String> highLevelKeywords,
        List<String> lowLevelKeywords) {

    public static final List<String> MODES = List.of("naive", "local", "global", "hybrid", "mix", "bypass");

    public RetrievalOptions {
        highLevelKeywords = List.copyOf(highLevelKeywords);
        lowLevelKeywords = List.copyOf(lowLevelKeywords);
    }

    boolean usesEntities() {
        return mode.equals("local") || mode.equals("hybrid") || mode.equals("mix");
    }

    boolean usesRelations() {
        return mode.equals("global") || mode.equals("hybrid") || mode.equals("mix");
    }

    boolean usesChunkVectors() {
        return mode.equals("naive") || mode.equals("mix");
    }
}
