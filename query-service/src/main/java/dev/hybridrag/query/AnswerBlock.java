package dev.hybridrag.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Markdown lines (outside code) gathered into answer units: prose paragraphs and list items are split into
 * sentences, a table row is one unit, and a list with what introduces it (a sentence or item ending in
 * a colon, "Here's what I've done:", a bold label, a heading) is also one unit, the lead-in followed by its items:
 * in a conversation that is where a result or a specification is summed up.
 */
final class AnswerBlock {

    /** Receives each unit, markup still on, and whether it continues the previous unit's paragraph. */
    interface Sink {
        void unit(String text, boolean follows);
    }

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z`\"'\\[(*])");
    private static final Pattern LIST_ITEM = Pattern.compile("[-*+>]\\s|\\d+[.)]\\s");
    private static final Pattern LABEL = Pattern.compile("([-*+]|\\d+[.)])\\s+\\*\\*[^*]+\\*\\*:?");
    // A line opening with a symbol (test runner ticks, arrows, stack frames) is output: a paragraph of its own.
    private static final Pattern OUTPUT_LINE = Pattern.compile("[^\\p{L}\\p{N}`*_\\[(\"'#>|!-]");
    private static final Pattern HEADING = Pattern.compile("#{1,6}\\s");
    private static final Pattern TABLE_RULE = Pattern.compile("\\|?[\\s:|-]+\\|?");
    // Where an item's elaboration starts: "..., with each changegroup ...", "...; then ...".
    private static final Pattern CLAUSE_END =
            Pattern.compile(";\\s|,\\s(?=(with|which|while|where|including|so that|because|since|e\\.g\\.)\\b)");
    private static final Pattern ASIDE = Pattern.compile("\\s\\([^()]*\\)");
    private static final int MAX_LEAD_IN = 200;
    // An item of a summed-up list is kept to its first clause when that says enough.
    private static final int MIN_CLAUSE = 25;

    private final Sink units;
    private final StringBuilder text = new StringBuilder();
    private boolean item;
    private String leadIn;
    private String row;
    private final List<String> items = new ArrayList<>();

    AnswerBlock(Sink units) {
        this.units = units;
    }

    /** One line, stripped; an empty line ends a paragraph but not a list. */
    void line(String line) {
        if (!line.startsWith("|")) {
            endRow();
        }
        if (line.isEmpty()) {
            endParagraph();
        } else if (line.startsWith("|")) {
            endParagraph();
            endList();
            if (TABLE_RULE.matcher(line).matches()) {
                row = null; // the row above the rule is the table's header: names of columns, no statement
            } else {
                endRow();
                row = line.replaceAll("^\\|\\s*|\\s*\\|$", "").replaceAll("\\s*\\|\\s*", " | ");
            }
        } else if (HEADING.matcher(line).lookingAt()) {
            // A heading names a section; it states nothing alone, but it introduces the list under it.
            end();
            leadIn = AnswerSentences.clean(line) + ":";
        } else if (LIST_ITEM.matcher(line).lookingAt()) {
            endParagraph();
            item = true;
            text.append(line);
        } else {
            if (OUTPUT_LINE.matcher(line).lookingAt() || (text.isEmpty() && !item)) {
                endParagraph();
                endList();
            }
            text.append(text.isEmpty() ? "" : " ").append(line);
        }
    }

    /** Ends the paragraph, table and any list: code or boilerplate follows. */
    void end() {
        endRow();
        endParagraph();
        endList();
    }

    private void endRow() {
        if (row != null) {
            units.unit(row, false);
            row = null;
        }
    }

    private void endParagraph() {
        if (text.isEmpty()) {
            item = false;
            return;
        }
        // Markup off first: a numbered item's "1." is not the end of a sentence.
        String paragraph = AnswerSentences.clean(text.toString());
        String[] sentences = SENTENCE_END.split(paragraph);
        for (int i = 0; i < sentences.length; i++) {
            units.unit(sentences[i], i > 0);
        }
        boolean introduces =
                paragraph.endsWith(":") || (item && LABEL.matcher(text).matches());
        if (introduces) {
            endList();
            String last = sentences[sentences.length - 1];
            leadIn = paragraph.length() <= MAX_LEAD_IN ? paragraph : last;
            leadIn = leadIn.endsWith(":") ? leadIn : leadIn + ":";
        } else if (item) {
            items.add(summary(sentences[0]));
        } else {
            endList();
        }
        text.setLength(0);
        item = false;
    }

    private void endList() {
        if (leadIn != null && items.size() >= 2) {
            // Whole items while they fit: a list cut mid-item reads worse than a shorter list.
            StringBuilder list = new StringBuilder(leadIn).append(' ').append(items.getFirst());
            for (String next : items.subList(1, items.size())) {
                if (list.length() + next.length() + 3 > AnswerSentences.MAX_CHARS) {
                    break;
                }
                list.append("; ").append(next);
            }
            units.unit(list.append('.').toString(), false);
        }
        leadIn = null;
        items.clear();
    }

    /**
     * An item as a summed-up list shows it: its first clause, without asides in parentheses unless they name
     * something ("(unless --force is used)" stays, "(this is how processes work)" goes).
     */
    private static String summary(String sentence) {
        String item = ASIDE.matcher(sentence)
                .replaceAll(aside -> AnswerTerms.identifiers(aside.group()) > 0 ? "$0" : "")
                .strip();
        var clause = CLAUSE_END.matcher(item);
        while (clause.find()) {
            if (clause.start() >= MIN_CLAUSE) {
                return item.substring(0, clause.start());
            }
        }
        return item.replaceAll("[.:]$", "");
    }
}
