package dev.hybridrag.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentences of a passage an offline answer may quote: markdown split into lines and lines into sentences, with
 * list markers, emphasis and table bars taken off, and lines that are mostly code or symbols left out. The words
 * of a sentence are compared with the question's by {@link #terms}.
 */
final class AnswerSentences {

    static final int MIN_CHARS = 25;
    static final int MAX_CHARS = 260;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z`\"'\\[(*])");
    private static final Pattern BLOCK_START = Pattern.compile("[-*+|#>]|\\d+[.)]\\s");
    private static final Pattern MARKUP = Pattern.compile("^[\\s>#*+|-]*(\\d+[.)]\\s+)?|\\*\\*|__|\\s*\\|\\s*$");
    private static final Pattern WORD =
            Pattern.compile("--?[a-z0-9][a-z0-9_-]*|[a-z0-9][a-z0-9_.#/-]*[a-z0-9]|[a-z0-9]");
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does", "for", "from", "how",
            "i", "if", "in", "is", "it", "its", "of", "on", "or", "should", "such", "that", "the", "their", "them",
            "then", "there", "these", "this", "to", "was", "were", "what", "when", "which", "who", "why", "will",
            "with", "would", "you", "your", "we", "our", "let", "me", "my", "s", "instead", "besides");

    private AnswerSentences() {}

    static List<String> of(String passage) {
        List<String> sentences = new ArrayList<>();
        for (String paragraph : paragraphs(passage)) {
            for (String piece : SENTENCE_END.split(paragraph)) {
                String sentence = MARKUP.matcher(piece)
                        .replaceAll("")
                        .replaceAll("\\s+", " ")
                        .strip();
                // A question (the user's, usually) restates what was asked; it does not answer it.
                if (sentence.length() >= MIN_CHARS && !sentence.endsWith("?") && prose(sentence)) {
                    sentences.add(cut(sentence));
                }
            }
        }
        return sentences;
    }

    /**
     * Lines joined into paragraphs (markdown wraps sentences across lines); a list item, table row or heading starts
     * a paragraph of its own. Code, HTML blocks ({@code <details>}) and SpecStory's speaker lines are left out.
     */
    private static List<String> paragraphs(String passage) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inCode = false;
        for (String raw : passage.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            boolean skipped = inCode || line.startsWith("```") || line.startsWith("<") || line.contains("_**");
            if (skipped || line.isEmpty() || BLOCK_START.matcher(line).lookingAt()) {
                flush(current, paragraphs);
            }
            if (!skipped && !line.isEmpty()) {
                current.append(current.isEmpty() ? "" : " ").append(line);
            }
        }
        flush(current, paragraphs);
        return paragraphs;
    }

    private static void flush(StringBuilder current, List<String> paragraphs) {
        if (!current.isEmpty()) {
            paragraphs.add(current.toString());
            current.setLength(0);
        }
    }

    /** The question's or a sentence's content words, lower-cased, plural and tense endings taken off. */
    static Set<String> terms(String text) {
        Set<String> terms = new TreeSet<>();
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            String word = words.group();
            if (!STOP_WORDS.contains(word)) {
                terms.add(stem(word));
            }
        }
        return terms;
    }

    private static String stem(String word) {
        for (String ending : List.of("ies", "es", "s", "ing", "ed")) {
            if (word.length() > ending.length() + 3 && word.endsWith(ending) && !word.endsWith("ss")) {
                return word.substring(0, word.length() - ending.length());
            }
        }
        return word;
    }

    // At least half letters and spaces: a line of prose or a command, not a stack trace or a diff of symbols.
    private static boolean prose(String sentence) {
        long letters =
                sentence.chars().filter(c -> Character.isLetter(c) || c == ' ').count();
        return letters * 2 >= sentence.length() * 1.3;
    }

    private static String cut(String sentence) {
        if (sentence.length() <= MAX_CHARS) {
            return sentence;
        }
        int space = sentence.lastIndexOf(' ', MAX_CHARS - 1);
        return sentence.substring(0, space > MAX_CHARS / 2 ? space : MAX_CHARS - 1) + "…";
    }
}
