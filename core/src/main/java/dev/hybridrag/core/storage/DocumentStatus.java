package dev.hybridrag.core.storage;

import java.util.Locale;

/** The lifecycle of a document, as stored and shown to users. */
public enum DocumentStatus {
    PENDING,
    PROCESSING,
    PROCESSED,
    FAILED,
    /**
     * The file exists but is not ingested (too large, not UTF-8, binary, unreadable, a link leaving the watch root or
     * a link loop); the reason is in the error. The last version ingested before, if any, stays answerable.
     */
    REFUSED,
    /** A tombstone: the file is gone, the row keeps its version so a late, older event cannot revive it. */
    DELETED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DocumentStatus fromLabel(String label) {
        for (DocumentStatus status : values()) {
            if (status.label().equals(label)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown document status '" + label + "'");
    }
}
