package dev.hybridrag.core.llm;

import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.embed.Embedder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An embedder behind a {@link CallGuard}. Long lists go out in batches of {@link #MAX_BATCH}, each its own guarded
 * call, so each request is counted against the rate limits and a failure retries one batch, not the whole list.
 */
public final class ResilientEmbedder implements Embedder {

    /** Well under OpenAI's 2048 inputs per request, and small enough that a retry repeats little work. */
    public static final int MAX_BATCH = 128;

    private static final TokenCounter TOKENS = new TokenCounter();

    private final Embedder delegate;
    private final CallGuard guard;
    private final LlmCall call;

    public ResilientEmbedder(Embedder delegate, CallGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
        this.call = LlmCall.embedding(delegate.model());
    }

    /**
     * Guarded by a {@link CallGuard} of its own, named after the model.
     *
     * @param clock the budget's day and the circuit breaker's open time
     * @param random backoff jitter; must be thread-safe
     */
    public ResilientEmbedder(Embedder delegate, CallLimits limits, Clock clock, RandomGenerator random) {
        this(delegate, new CallGuard("embeddings-" + delegate.model(), limits, clock, random));
    }

    @Override
    public String model() {
        return delegate.model();
    }

    /** The delegate's; an {@link OpenAiEmbedder} without a configured dimension probes once, unguarded. */
    @Override
    public int dimension() {
        return delegate.dimension();
    }

    /** @throws EmbeddingFailedException when a batch fails after the guard's retries */
    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += MAX_BATCH) {
            vectors.addAll(embedBatch(texts.subList(from, Math.min(texts.size(), from + MAX_BATCH))));
        }
        return vectors;
    }

    private List<float[]> embedBatch(List<String> batch) {
        // Embedding models bill input tokens only; cl100k_base is the tokenizer of OpenAI's embedding models.
        int tokens = batch.stream().mapToInt(TOKENS::count).sum();
        try {
            return guard.call(call, tokens, () -> unwrapped(batch), vectors -> call.usage(tokens, 0));
        } catch (LlmException e) {
            throw new EmbeddingFailedException(e);
        }
    }

    private List<float[]> unwrapped(List<String> batch) throws LlmException {
        try {
            return delegate.embed(batch);
        } catch (EmbeddingFailedException e) {
            throw e.failure();
        }
    }

    @Override
    public String toString() {
        return "ResilientEmbedder[" + delegate + ", " + guard + "]";
    }
}
