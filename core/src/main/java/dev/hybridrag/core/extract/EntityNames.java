package dev.hybridrag.core.extract;

import java.util.Locale;

/** Entity identity: names that differ only in case, spacing, surrounding quotes or punctuation are one entity. */
public final class EntityNames {

    // A leading '.' or '_' belongs to names like .specstory or __init__.py; a trailing '#' to C#.
    private static final String LEADING = "\"'`“”‘’«»()[]{}<>*,;:!?#";
    private static final String TRAILING = "\"'`“”‘’«»()[]{}<>*.,;:!?";

    /** Longer names are cut: they must fit an index key, and no real name is this long. */
    public static final int MAX_LENGTH = 200;

    private EntityNames() {}

    /** The identity key of a name; empty when nothing is left of it. */
    public static String key(String name) {
        return display(name).toLowerCase(Locale.ROOT);
    }

    /** The name as shown: trimmed of surrounding quotes and punctuation, inner whitespace collapsed. */
    public static String display(String name) {
        if (name == null) {
            return "";
        }
        String collapsed = name.replace("\0", "").replaceAll("\\s+", " ").strip();
        if (collapsed.length() > MAX_LENGTH) {
            collapsed = collapsed.substring(0, MAX_LENGTH); // a "name" this long is prose a model returned
        }
        int start = 0;
        int end = collapsed.length();
        while (start < end && LEADING.indexOf(collapsed.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && TRAILING.indexOf(collapsed.charAt(end - 1)) >= 0) {
            end--;
        }
        return collapsed.substring(start, end).strip();
    }
}
