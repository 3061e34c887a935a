package dev.hybridrag.query.mcp;

/** A tool argument that cannot be used; the tool answers with an error result naming the field. */
public final class InvalidArgumentException extends RuntimeException {

    private final String field;

    public InvalidArgumentException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
