package dev.hybridrag.cli;

import dev.hybridrag.core.llm.CallLimits;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestLimits;
import java.util.List;

/** A tenant's models served by the fake LLM of an integration test, set so that a failure shows quickly. */
final class FakeLlmModels {

    /** Three attempts 10 to 50 ms apart, four calls at once, 10 s each. */
    static final CallLimits QUICK = TestLimits.QUICK;

    private FakeLlmModels() {}

    /** Chat and 16-dimension embeddings from {@code provider}. */
    static ModelSettings of(FakeOpenAiServer provider) {
        return of(chat(provider), embedding(provider, 16));
    }

    /** These chat and embedding models; persons and technologies as entity types; 200-token chunks, 20 overlapping. */
    static ModelSettings of(ProviderSettings chat, ProviderSettings embedding) {
        return new ModelSettings(chat, embedding, QUICK, 0, List.of("person", "technology"), 200, 20);
    }

    static ProviderSettings chat(FakeOpenAiServer provider) {
        return new ProviderSettings("compatible", "fake-llm", provider.baseUrl(), "", "", 0);
    }

    static ProviderSettings embedding(FakeOpenAiServer provider, int dimension) {
        return new ProviderSettings("compatible", "fake-embedding", provider.baseUrl(), "", "", dimension);
    }
}
