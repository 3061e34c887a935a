package dev.hybridrag.core.tenant;

import dev.hybridrag.core.llm.CallLimits;
import dev.hybridrag.core.llm.ProviderSettings;
import java.util.List;

/**
 * A tenant's models: the chat provider that extracts entities (or {@code offline}, the heuristic extractor), the
 * embedding provider (or {@code offline}, the local bge-small model), the rerank provider (or {@code offline}: none),
 * and the limits around provider calls.
 */
public record ModelSettings(
        ProviderSettings chat,
        ProviderSettings embedding,
        CallLimits limits,
        int gleaningPasses,
        List<String> entityTypes,
        int chunkTokens,
        int chunkOverlapTokens,
        ProviderSettings rerank) {

    /** Tokens per chunk when not configured: LightRAG's 1200, or what the offline model reads in one window. */
    public static final int DEFAULT_CHUNK_TOKENS = 1200;

    public static final int OFFLINE_CHUNK_TOKENS = 400;

    public ModelSettings {
        entityTypes = List.copyOf(entityTypes);
    }

    /** Without a reranker. */
    public ModelSettings(
            ProviderSettings chat,
            ProviderSettings embedding,
            CallLimits limits,
            int gleaningPasses,
            List<String> entityTypes,
            int chunkTokens,
            int chunkOverlapTokens) {
        this(
                chat,
                embedding,
                limits,
                gleaningPasses,
                entityTypes,
                chunkTokens,
                chunkOverlapTokens,
                ProviderSettings.offline());
    }

    public static ModelSettings offline() {
        return new ModelSettings(
                ProviderSettings.offline(),
                ProviderSettings.offline(),
                CallLimits.defaults(),
                1,
                List.of("person", "organization", "technology", "concept", "file", "event"),
                OFFLINE_CHUNK_TOKENS,
                100);
    }
}
