package dev.hybridrag.core.embed;

/**
 * A question cannot be searched: the tenant's vectors are in another model or dimension than the question could be
 * embedded with. The message says which models, and what fixes it; it holds no secret.
 */
public final class EmbeddingMismatchException extends RuntimeException {

    public EmbeddingMismatchException(String message) {
        super(message);
    }
}
