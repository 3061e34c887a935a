package dev.hybridrag.bench;

import dev.hybridrag.core.llm.CallLimits;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import java.time.Duration;

/**
 * A tenant's models served by a {@link FakeOpenAiServer}: canned extractions from the chunk's capitalised words (the
 * same answer for the same text, so two ingests of a folder are comparable) and hashed 64-dimension embeddings.
 */
public final class FakeProviderModels {

    private FakeProviderModels() {}

    /** Configures the server's answers and returns models that use it: 1200-token chunks, one gleaning pass. */
    public static ModelSettings of(FakeOpenAiServer provider) {
        provider.embeddingDimension(64).respondToChat(ExtractionBenchmark::cannedExtraction);
        CallLimits limits = CallLimits.builder()
                .maxAttempts(10)
                .backoff(Duration.ofMillis(20), Duration.ofSeconds(2))
                .maxConcurrentCalls(4)
                .timeout(Duration.ofSeconds(30))
                .build();
        return new ModelSettings(
                new ProviderSettings("compatible", "fake-llm", provider.baseUrl(), "", "", 0),
                new ProviderSettings("compatible", "fake-embedding", provider.baseUrl(), "", "", 64),
                limits,
                1,
                ModelSettings.offline().entityTypes(),
                ModelSettings.DEFAULT_CHUNK_TOKENS,
                100);
    }

    /**
     * The offline (heuristic) extractor with hashed 64-dimension embeddings from the server: the pipeline's own work
     * without the local embedding model, which embeds about 16 chunks a second here and would be most of the time.
     */
    public static ModelSettings offlineExtraction(FakeOpenAiServer embeddings) {
        embeddings.embeddingDimension(64);
        ModelSettings offline = ModelSettings.offline();
        return new ModelSettings(
                ProviderSettings.offline(),
                new ProviderSettings("compatible", "fake-embedding", embeddings.baseUrl(), "", "", 64),
                offline.limits(),
                0,
                offline.entityTypes(),
                offline.chunkTokens(),
                offline.chunkOverlapTokens());
    }
}
