package dev.hybridrag.bench;

import dev.hybridrag.core.llm.CallLimits;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestLimits;
import java.time.Duration;

/**
 * A tenant's models served by a {@link FakeOpenAiServer}: canned extractions from the chunk's capitalised words (the
 * same answer for the same text, so two ingests of a folder are comparable) and hashed 64-dimension embeddings.
 */
public final class FakeProviderModels {

    private FakeProviderModels() {}

    /** Ten attempts 20 ms to 2 s apart, four calls at once, 30 s each: a benchmark's tenant rides out its faults. */
    private static final CallLimits PATIENT = TestLimits.QUICK.toBuilder()
            .maxAttempts(10)
            .backoff(Duration.ofMillis(20), Duration.ofSeconds(2))
            .timeout(Duration.ofSeconds(30))
            .build();

    /** Configures the server's answers and returns models that use it: 1200-token chunks, one gleaning pass. */
    public static ModelSettings of(FakeOpenAiServer provider) {
        provider.embeddingDimension(64).respondToChat(ExtractionBenchmark::cannedExtraction);
        return models(provider);
    }

    /** The models of {@link #of} without touching the server's answers (a benchmark that set them itself). */
    public static ModelSettings models(FakeOpenAiServer provider) {
        return new ModelSettings(
                new ProviderSettings("compatible", "fake-llm", provider.baseUrl(), "", "", 0),
                new ProviderSettings("compatible", "fake-embedding", provider.baseUrl(), "", "", 64),
                PATIENT,
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
