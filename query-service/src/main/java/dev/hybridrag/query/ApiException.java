package dev.hybridrag.query;

/** A request refused with a 4xx status; the message is safe to show the caller and names the field at fault. */
final class ApiException extends RuntimeException {

    private final int status;
    private final String field;

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

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
