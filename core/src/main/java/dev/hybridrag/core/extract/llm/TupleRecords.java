package dev.hybridrag.core.extract.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads delimited records out of a model's answer, whatever surrounds them: prose, code fences, markdown bullets or
 * tables, completion markers anywhere. Records end at a line break, {@code ##} or a completion marker. A line without
 * a field delimiter is prose and is skipped; a delimited record that cannot be used is dropped and counted.
 */
final class TupleRecords {

    private static final String STRONG = Delimiters.STRONG;
    private static final Pattern COMPLETION =
            Pattern.compile("(?i)<\\|?\\s*complete\\s*\\|?>|\\{completion_delimiter}");
    private static final Pattern RECORD_END =
            Pattern.compile("(?i)##+|\\{record_delimiter}|<\\|?\\s*complete\\s*\\|?>|\\{completion_delimiter}");
    private static final String TAG = "\"?(?:entity|relationship|relation|content_keywords)\"?";
    /** Records strung together by a field delimiter or by {@code )(}, instead of a line break. */
    private static final Pattern RUN_ON = Pattern.compile("(?i)(?:" + STRONG + ")\\s*(?=\\(?" + TAG + "\\s*(?:" + STRONG
            + "))|\\)\\s*(?=\\(\\s*" + TAG + "\\s*(?:" + STRONG + "|\\||,))");

    private static final Pattern FENCE = Pattern.compile("^\\s*(?:```|~~~).*");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*+•]|\\d{1,3}[.)])\\s+");

    /** A piece of the answer: a candidate record, or the end of the answer proper (a completion marker or fence). */
    private record Segment(String text, boolean end) {}

    private TupleRecords() {}

    /** Adds the answer's records to {@code facts}; returns how many records carried a known tag. */
    static int read(String answer, FactSet facts) {
        List<Segment> segments = segments(answer);
        int tagged = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.end()) {
                continue;
            }
            String text = withoutTrailingSeparators(
                    BULLET.matcher(segment.text()).replaceFirst("").strip());
            boolean unclosed = (text.startsWith("(") && !text.endsWith(")")) || count(text, '"') % 2 == 1;
            text = text.replaceFirst("^\\(", "").replaceFirst("\\)$", "");
            boolean strong = Delimiters.hasStrong(text);
            List<String> fields = Delimiters.split(text, strong);
            // Without <|>-like delimiters only a bare tag makes a record: "The entity | relation split" is prose.
            boolean bareTag = !fields.isEmpty() && (strong || !fields.getFirst().contains(" "));
            Optional<RecordFields.Kind> kind = bareTag ? RecordFields.kindOf(fields.getFirst()) : Optional.empty();
            if (kind.isEmpty()) {
                if (strong) {
                    facts.drop();
                }
                continue;
            }
            tagged++;
            // Nothing after the last record, not even a completion marker: the answer was cut off, maybe inside it.
            boolean cutOff = i == segments.size() - 1 && (unclosed || fields.size() < kind.get().fullLength);
            if (cutOff) {
                facts.drop();
            } else {
                RecordFields.apply(kind.get(), fields, facts);
            }
        }
        return tagged;
    }

    private static List<Segment> segments(String answer) {
        List<Segment> segments = new ArrayList<>();
        for (String line : RUN_ON.matcher(answer).replaceAll("\n").split("\n")) {
            if (FENCE.matcher(line).matches()) {
                segments.add(new Segment("", true));
                continue;
            }
            Matcher end = RECORD_END.matcher(line);
            int start = 0;
            while (end.find()) {
                add(segments, line.substring(start, end.start()));
                if (COMPLETION.matcher(end.group()).matches()) {
                    segments.add(new Segment("", true));
                }
                start = end.end();
            }
            add(segments, line.substring(start));
        }
        return segments;
    }

    private static void add(List<Segment> segments, String text) {
        if (!text.isBlank()) {
            segments.add(new Segment(text, false));
        }
    }

    private static String withoutTrailingSeparators(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ',' || text.charAt(end - 1) == ';')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(ch -> ch == c).count();
    }
}
