package dev.hybridrag.core.metrics;

import java.util.Locale;

/**
 * A refused file's reason as a label: one of a few codes, never the reason's text (which holds paths and sizes, and
 * would make a new series per file).
 */
final class RefusalReason {

    private RefusalReason() {}

    static String code(String reason) {
        String text = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (text.contains("too large") || text.contains("bytes")) {
            return "too_large";
        }
        if (text.contains("utf-8") || text.contains("binary")) {
            return "not_text";
        }
        if (text.contains("link")) {
            return "link";
        }
        if (text.contains("pipe") || text.contains("not a regular file")) {
            return "not_a_file";
        }
        if (text.contains("unreadable") || text.contains("permission") || text.contains("cannot read")) {
            return "unreadable";
        }
        return "other";
    }
}
