package dev.hybridrag.core.llm;

import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.EmbedderContract;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;

/** The embedder behind its retry, rate limit, bulkhead and spend guard keeps the embedder contract. */
class ResilientEmbedderContractIT extends EmbedderContract {

    private static final FakeOpenAiServer FAKE = FakeOpenAiServer.start().embeddingDimension(16);
    private static final ResilientEmbedder EMBEDDER = new ResilientEmbedder(
            new OpenAiEmbedder(
                    new ProviderSettings("compatible", "fake-embedding", FAKE.baseUrl(), "", "", 16),
                    CallLimits.defaults().timeout()),
            CallLimits.defaults(),
            Clock.systemUTC(),
            new Random(1));

    @Override
    protected Embedder embedder() {
        return EMBEDDER;
    }

    @AfterAll
    static void stop() {
        FAKE.close();
    }
}
