package dev.hybridrag.cli;

import dev.hybridrag.core.config.RedactedUrl;

/** A request to query-service that failed: no answer at all, or an error answer (4xx, 5xx). */
final class QueryServiceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final boolean unreachable;

    private QueryServiceException(String message, int status, String field, boolean unreachable) {
        super(message);
        this.status = status;
        this.field = field;
        this.unreachable = unreachable;
    }

    static QueryServiceException unreachable(String baseUrl) {
        return new QueryServiceException(
                "query-service is not reachable at " + RedactedUrl.of(baseUrl) + "; is the stack up? (./hybridrag up)",
                0,
                "",
                true);
    }

    /** No usable answer: a timeout, a broken connection, a body that is not JSON. */
    static QueryServiceException failed(String message) {
        return new QueryServiceException(message, 0, "", false);
    }

    /** An error answer with its HTTP status; {@code field} names the request field at fault, or is empty. */
    static QueryServiceException rejected(int status, String error, String field) {
        return new QueryServiceException(error, status, field, false);
    }

    /** True when no connection could be made: the service is down or the address is wrong. */
    boolean unreachable() {
        return unreachable;
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }

    /** One line for people: the server's message, then the status and the field at fault. */
    String describe() {
        if (status == 0) {
            return getMessage();
        }
        return getMessage() + " (HTTP " + status + (field.isEmpty() ? "" : ", field " + field) + ")";
    }
}
