package dev.hybridrag.core.llm;

import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.EmbedderContract;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The OpenAI-compatible embedder keeps the embedder contract against the fake provider. */
class OpenAiEmbedderContractIT extends EmbedderContract {

    private static final FakeOpenAiServer FAKE = FakeOpenAiServer.start().embeddingDimension(16);
    private static final OpenAiEmbedder EMBEDDER = new OpenAiEmbedder(
            new ProviderSettings("compatible", "fake-embedding", FAKE.baseUrl(), "", "", 16), Duration.ofSeconds(5));

    @Override
    protected Embedder embedder() {
        return EMBEDDER;
    }

    @AfterAll
    static void stop() {
        FAKE.close();
    }
}
