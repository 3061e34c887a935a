package dev.hybridrag.query.http;

/** A request refused with a 4xx status; the message is safe to show the caller and names the field at fault. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String field;
    private long retryAfterSeconds;

    public ApiException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "", message);
    }

    /** For 429 and 503: when the caller may try again, sent as the Retry-After header. */
    public ApiException withRetryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
