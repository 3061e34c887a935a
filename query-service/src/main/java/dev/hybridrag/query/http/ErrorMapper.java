package dev.hybridrag.query.http;

import dev.hybridrag.core.embed.EmbeddingMismatchException;
import dev.hybridrag.core.kafka.Failures;
import dev.hybridrag.core.llm.EmbeddingFailedException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the caller is told when a request fails: the one place that turns exceptions into statuses. Messages are
 * written to be shown; SQL, stack traces, settings and database coordinates go to the log only.
 */
public final class ErrorMapper {

    /** What a 503 asks the caller to wait when the tenant's database is unreachable or its connections are taken. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    /** A failed request's answer: status, the error body and the headers that go with it. */
    public record ApiError(int status, Map<String, Object> body, Map<String, String> headers) {}

    public ApiError map(String method, String path, Throwable failure) {
        if (failure instanceof ApiException e) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (e.retryAfterSeconds() > 0) {
                headers.put("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            if (e.status() == 401) {
                headers.put("WWW-Authenticate", "Bearer");
            }
            return error(e.status(), e.field(), e.getMessage(), headers);
        }
        if (failure instanceof EmbeddingMismatchException e) {
            // The tenant's vectors cannot be searched with the question's model now; the message says why.
            log.warn("{}: {}", path, e.getMessage());
            return error(409, "", e.getMessage(), Map.of());
        }
        if (failure instanceof EmbeddingFailedException e) {
            // Provider messages are written to be shown (keys are never in them), as in answers.
            log.warn("{}: embedding the question failed: {}", path, e.getMessage());
            return error(502, "", "embedding the question failed: " + e.getMessage(), Map.of());
        }
        if (Failures.isDatabaseUnavailable(failure)) {
            log.warn("{} {}: the database is unavailable: {}", method, path, failure.getMessage());
            return error(
                    503,
                    "",
                    "the tenant's database is unavailable or busy; try again shortly",
                    Map.of("Retry-After", Integer.toString(DATABASE_RETRY_AFTER_SECONDS)));
        }
        log.error("{} {} failed", method, path, failure);
        return error(500, "", "internal error; see the query-service log", Map.of());
    }

    /** The error body every failure is answered with: {@code error}, {@code status} and, when one is at fault, the field. */
    public static ApiError error(int status, String field, String message, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        if (field != null && !field.isEmpty()) {
            body.put("field", field);
        }
        return new ApiError(status, body, headers);
    }
}
