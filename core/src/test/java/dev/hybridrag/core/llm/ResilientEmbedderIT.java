package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.llm.LlmException.Kind;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.FakeOpenAiServer.Endpoint;
import dev.hybridrag.core.testing.Fault;
import dev.hybridrag.core.testing.TestLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedder behind the same guard as chat: retried, batched, failing unchecked. */
class ResilientEmbedderIT {

    private static final CallLimits LIMITS = TestLimits.QUICK.toBuilder()
            .maxConcurrentCalls(2)
            .timeout(Duration.ofSeconds(5))
            .build();

    private final FakeOpenAiServer fake = FakeOpenAiServer.start();
    private final OpenAiEmbedder remote = new OpenAiEmbedder(
            new ProviderSettings("openai", "text-embedding-3-small", fake.baseUrl(), "sk-test-0123456789", "", 8),
            LIMITS.timeout());
    private final ResilientEmbedder embedder = new ResilientEmbedder(remote, LIMITS, Clock.systemUTC(), new Random(3));

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void failuresAreRetried() {
        fake.faults(Endpoint.EMBEDDINGS).then(Fault.serverError(), Fault.rateLimited(Duration.ZERO));

        assertThat(embedder.embed(List.of("kafka"))).singleElement().satisfies(vector -> assertThat(vector)
                .containsExactly(fake.vectorFor("kafka")));
        assertThat(fake.calls(Endpoint.EMBEDDINGS)).isEqualTo(3);
    }

    @Test
    void longListsGoOutInBatchesAndComeBackInOrder() {
        List<String> texts = IntStream.range(0, ResilientEmbedder.MAX_BATCH + 5)
                .mapToObj(i -> "chunk " + i)
                .toList();

        List<float[]> vectors = embedder.embed(texts);

        assertThat(fake.calls(Endpoint.EMBEDDINGS)).isEqualTo(2);
        assertThat(vectors).hasSize(texts.size());
        assertThat(vectors.getLast()).containsExactly(fake.vectorFor(texts.getLast()));
    }

    @Test
    void aPersistentFailureSurfacesAsAnUncheckedExceptionCarryingItsKind() {
        fake.faults(Endpoint.EMBEDDINGS).times(3, Fault.serverError());

        assertThatThrownBy(() -> embedder.embed(List.of("kafka")))
                .isInstanceOfSatisfying(
                        EmbeddingFailedException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.SERVER_ERROR));
        assertThat(fake.calls(Endpoint.EMBEDDINGS)).isEqualTo(3);
    }
}
