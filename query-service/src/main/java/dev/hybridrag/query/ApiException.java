package dev.hybridrag.query;

/** A request refused with a 4xx status; the message is safe to show the caller and names the field at fault. */
final class ApiException extends RuntimeException {

    private final int status;
    private final String field;
    private long retryAfterSeconds;

    ApiException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "", message);
    }

    /** For 429 and 503: when the caller may try again, sent as the Retry-After header. */
    ApiException withRetryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
