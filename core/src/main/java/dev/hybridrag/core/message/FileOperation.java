package dev.hybridrag.core.message;

/** What happened to a watched file. */
public enum FileOperation {
    CREATED,
    MODIFIED,
    DELETED;

    public boolean isDelete() {
        return this == DELETED;
    }
}
