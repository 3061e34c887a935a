package dev.hybridrag.core.extract.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The field delimiters models write when asked for {@code <|>}: the old {@code <|>}, the newer {@code <|#|>}, their
 * misspellings ({@code <||>}, {@code <#|>}, {@code < | >}, {@code |#|}), an echoed {@code {tuple_delimiter}}
 * placeholder; failing those a bare {@code |} (also markdown table rows), quoted comma-separated fields, or tabs.
 */
final class Delimiters {

    /** The delimiters that can only be meant as field separators. */
    static final String STRONG = "<\\s*+[|#][\\s|#]*+>|\\|#\\||\\{tuple_delimiter}";

    /** Without surrounding whitespace (fields are stripped anyway), which would make long blank runs quadratic. */
    private static final Pattern STRONG_DELIMITER = Pattern.compile(STRONG);

    private static final Pattern QUOTED_CSV =
            Pattern.compile("(?i)^\"(?:entity|relationship|relation|content_keywords)\"\\s*,");

    private Delimiters() {}

    static boolean hasStrong(String record) {
        return STRONG_DELIMITER.matcher(record).find();
    }

    /**
     * The record's fields, unquoted, without trailing empty ones; empty when the text has no delimiter at all, which
     * makes it prose.
     */
    static List<String> split(String record, boolean strong) {
        String[] raw;
        if (strong) {
            raw = STRONG_DELIMITER.split(record, -1);
        } else if (record.contains("|")) {
            raw = record.replaceAll("^\\s*\\|", "").replaceAll("\\|\\s*$", "").split("\\s*\\|\\s*", -1);
        } else if (QUOTED_CSV.matcher(record).find()) {
            raw = csv(record);
        } else if (record.contains("\t")) {
            raw = record.split("\t", -1);
        } else {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        for (String field : raw) {
            fields.add(unquote(field.strip()));
        }
        while (!fields.isEmpty() && fields.getLast().isEmpty()) {
            fields.removeLast();
        }
        return fields;
    }

    private static String[] csv(String record) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : record.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
                continue;
            }
            field.append(c);
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }

    /** Strips a pair of surrounding quotes, or a lone one left by a model that forgot its partner. */
    private static String unquote(String field) {
        boolean opens = !field.isEmpty() && isQuote(field.charAt(0));
        boolean closes = field.length() >= 2 && isQuote(field.charAt(field.length() - 1));
        boolean odd = field.chars().filter(c -> isQuote((char) c)).count() % 2 == 1;
        int start = opens && (closes || odd) ? 1 : 0;
        int end = closes && (opens || odd) ? field.length() - 1 : field.length();
        return field.substring(start, end).strip();
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '“' || c == '”';
    }
}
