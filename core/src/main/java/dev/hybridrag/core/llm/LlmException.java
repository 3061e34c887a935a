package dev.hybridrag.core.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed call to an LLM or embedding provider. The message is safe to log and to store as a document's error:
 * it never contains API keys or request bodies.
 */
public class LlmException extends Exception {

    /** Why the call failed, which decides whether and when to retry. */
    public enum Kind {
        /** 429: retry, after Retry-After when the provider sent one. */
        RATE_LIMITED(true),
        /** 5xx: retry with backoff. */
        SERVER_ERROR(true),
        /** Connect or read timeout, connection reset: retry with backoff. */
        TIMEOUT(true),
        /** 2xx with a body that is not a valid completion: retry once or twice. */
        MALFORMED_RESPONSE(true),
        /** 400, 401, 403, 404...: retrying cannot help. */
        REJECTED(false),
        /** The circuit breaker is open or the daily spend limit is reached: do not call now. */
        REFUSED_LOCALLY(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Kind kind;
    private final Duration retryAfter;

    public LlmException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public LlmException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable;
    }

    /** The provider's Retry-After, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
