package dev.hybridrag.core.testing;

import java.time.Duration;

/** A way for {@link FakeOpenAiServer} to misbehave on one request. */
public sealed interface Fault {

    /** HTTP 429 with {@code Retry-After} in whole seconds (and {@code retry-after-ms} when not whole). */
    record RateLimited(Duration retryAfter) implements Fault {}

    /** HTTP 5xx with an OpenAI-style error body. */
    record ServerError(int status) implements Fault {}

    /** HTTP 200 with this body instead of a completion. */
    record Malformed(String body) implements Fault {}

    /** Waits this long, then answers normally: past the client's timeout, the client has gone. */
    record Slow(Duration delay) implements Fault {}

    /** A 4xx with an OpenAI-style error message. */
    record Rejected(int status, String message) implements Fault {}

    static Fault rateLimited(Duration retryAfter) {
        return new RateLimited(retryAfter);
    }

    static Fault serverError() {
        return new ServerError(500);
    }

    /** Cut off mid-document, as from a dropped connection behind a proxy. */
    static Fault truncatedJson() {
        return new Malformed("{\"choices\":");
    }

    /** A gateway's error page served with status 200. */
    static Fault htmlPage() {
        return new Malformed("<html><body><h1>Bad gateway</h1></body></html>");
    }

    /** Valid JSON without a completion or embeddings in it. */
    static Fault emptyChoices() {
        return new Malformed("{\"choices\":[],\"data\":[]}");
    }

    static Fault slow(Duration delay) {
        return new Slow(delay);
    }

    static Fault rejected(int status, String message) {
        return new Rejected(status, message);
    }
}
