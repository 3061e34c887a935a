package dev.hybridrag.core.llm;

import dev.hybridrag.core.chunk.TokenCounter;
import java.util.List;

/**
 * A reranker behind a {@link CallGuard}: the retries, rate limits, bulkhead, circuit breaker and daily budget of every
 * other provider call. Rerank APIs bill the query and the documents' tokens, which is what is counted.
 */
public final class ResilientReranker implements Reranker {

    private static final TokenCounter TOKENS = new TokenCounter();

    private final Reranker delegate;
    private final CallGuard guard;

    public ResilientReranker(Reranker delegate, CallGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public String model() {
        return delegate.model();
    }

    @Override
    public List<Double> relevance(String query, List<String> documents) throws LlmException {
        int tokens = TOKENS.count(query) * Math.max(1, documents.size())
                + documents.stream().mapToInt(TOKENS::count).sum();
        LlmCall call = LlmCall.rerank(delegate.model());
        return guard.call(call, tokens, () -> delegate.relevance(query, documents), scores -> call.usage(tokens, 0));
    }

    @Override
    public String toString() {
        return "ResilientReranker[" + delegate + ", " + guard + "]";
    }
}
