package dev.hybridrag.core.llm;

/**
 * An embedding call that failed; unchecked because {@link dev.hybridrag.core.embed.Embedder} declares no checked
 * exceptions. {@link #failure()} says why and whether a retry may help.
 */
public final class EmbeddingFailedException extends RuntimeException {

    private final LlmException failure;

    public EmbeddingFailedException(LlmException failure) {
        super(failure.getMessage(), failure);
        this.failure = failure;
    }

    public LlmException failure() {
        return failure;
    }
}
