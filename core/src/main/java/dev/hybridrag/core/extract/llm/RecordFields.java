package dev.hybridrag.core.extract.llm;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one record's fields (the first is its tag) into a {@link FactSet}, whichever LightRAG generation the model
 * imitates: {@code relationship, source, target, description, keywords, strength} (older) or {@code relation, source,
 * target, keywords, description} (newer), GraphRAG's {@code relationship, source, target, description, strength}, and
 * the same with fields missing or extra.
 */
final class RecordFields {

    /** What a record holds, and how many fields a complete one has at least. */
    enum Kind {
        ENTITY(4),
        RELATION(5),
        KEYWORDS(2);

        final int fullLength;

        Kind(int fullLength) {
            this.fullLength = fullLength;
        }
    }

    static final double DEFAULT_STRENGTH = 1.0;

    private static final Pattern LAST_WORD = Pattern.compile("([a-z_]+)[^a-z_]*$");
    private static final Pattern NUMBER = Pattern.compile("^\\d+(?:\\.\\d+)?(?:\\s*/\\s*10)?$");
    private static final Pattern FIRST_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final int MAX_TYPE_WORDS = 4;

    private RecordFields() {}

    /** The kind a tag names; its last word counts, so {@code Output: ("entity"} and {@code **entity**} are entities. */
    static Optional<Kind> kindOf(String tag) {
        Matcher word = LAST_WORD.matcher(tag.toLowerCase(Locale.ROOT));
        if (!word.find()) {
            return Optional.empty();
        }
        return switch (word.group(1)) {
            case "entity", "entities", "node" -> Optional.of(Kind.ENTITY);
            case "relationship", "relationships", "relation", "relations", "edge" -> Optional.of(Kind.RELATION);
            case "content_keywords", "content_keyword", "contentkeywords", "keywords" -> Optional.of(Kind.KEYWORDS);
            default -> Optional.empty();
        };
    }

    static void apply(Kind kind, List<String> fields, FactSet facts) {
        switch (kind) {
            case ENTITY -> entity(fields, facts);
            case RELATION -> relation(fields, facts);
            case KEYWORDS -> facts.keywords(String.join(",", fields.subList(1, fields.size())));
        }
    }

    private static void entity(List<String> fields, FactSet facts) {
        String type = field(fields, 2);
        String description = joinFrom(fields, 3);
        if (description.isEmpty() && (words(type) > MAX_TYPE_WORDS || type.endsWith("."))) {
            // The model skipped the type: what stands in its place is the description.
            description = type;
            type = "";
        }
        facts.entity(field(fields, 1), type, description);
    }

    private static void relation(List<String> fields, FactSet facts) {
        List<String> rest = fields.subList(Math.min(3, fields.size()), fields.size());
        double strength = DEFAULT_STRENGTH;
        // A number closes the record; so does a word or two ("high") after description and keywords.
        if (!rest.isEmpty() && (isNumber(rest.getLast()) || (rest.size() >= 3 && words(rest.getLast()) <= 2))) {
            strength = strength(rest.getLast());
            rest = rest.subList(0, rest.size() - 1);
        }
        String description = rest.isEmpty() ? "" : rest.getFirst();
        String keywords = "";
        if (rest.size() >= 2) {
            boolean newerOrder = fields.getFirst().toLowerCase(Locale.ROOT).matches(".*relations?\\W*$");
            String first = rest.get(0);
            String second = joinFrom(rest, 1);
            // Keywords are a few words, a description is a sentence: trust that over the field order.
            boolean firstIsKeywords = words(first) == words(second) ? newerOrder : words(first) < words(second);
            description = firstIsKeywords ? second : first;
            keywords = firstIsKeywords ? first : second;
        }
        facts.relation(field(fields, 1), field(fields, 2), keywords, description, strength);
    }

    /** The model's strength, or {@link #DEFAULT_STRENGTH} when it is missing, not a number or not positive. */
    static double strength(String text) {
        Matcher number = FIRST_NUMBER.matcher(text == null ? "" : text.strip());
        if (!number.find()) {
            return DEFAULT_STRENGTH;
        }
        double value = Double.parseDouble(number.group());
        return value > 0 && Double.isFinite(value) ? value : DEFAULT_STRENGTH;
    }

    private static boolean isNumber(String text) {
        return NUMBER.matcher(text.strip()).matches();
    }

    private static String field(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index) : "";
    }

    /** Fields past the expected count are an accidental delimiter inside the last one: glue them back. */
    private static String joinFrom(List<String> fields, int index) {
        return index < fields.size() ? String.join(" | ", fields.subList(index, fields.size())) : "";
    }

    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }
}
