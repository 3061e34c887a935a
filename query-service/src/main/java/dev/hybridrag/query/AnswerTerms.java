package dev.hybridrag.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words an offline answer compares: a text's content words, lower-cased, with plural and tense endings taken
 * off. An identifier counts as itself and as its parts ({@code in-progress}, {@code tasks.ts}, {@code setTaskStatus},
 * {@code --json}), so a question in plain words finds the sentence that names the thing as written.
 */
final class AnswerTerms {

    private static final Pattern WORD =
            Pattern.compile("--?[a-z0-9][a-z0-9_-]*|[a-z0-9][a-z0-9_.#/-]*[a-z0-9]|[a-z0-9]");
    private static final Pattern PART_SEPARATOR = Pattern.compile("[-_./#]+");
    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    // What marks a token as a name of something rather than a word: a flag, a path or file, a code span, a
    // compound or upper-case identifier, a checkbox or status marker, a numbered task.
    private static final Pattern IDENTIFIER = Pattern.compile(String.join(
            "|",
            "`[^`\\s][^`]*`", // code span
            "(?<![\\w-])--?[a-zA-Z][\\w-]*", // flag
            "\\b[\\w-]+(?:[/.][\\w-]+)+\\b", // path, file, dotted name
            "\\b[A-Za-z][a-z0-9]+[A-Z]\\w*\\b", // camelCase, PascalCase
            "\\b\\w+_\\w+\\b|\\b\\w+-\\w+-[\\w-]+\\b", // snake_case, kebab-case-name (not user-friendly)
            "\\b[A-Z]{3,}\\b", // EADDRINUSE, IN-PROGRESS
            "\\[[ x+-]]|#\\d+\\b")); // checkbox, status marker, task number

    private static final Pattern PLAIN_WORD = Pattern.compile("[a-z]+");
    private static final Pattern SIBILANT_PLURAL = Pattern.compile(".{3,}(s|x|z|ch|sh)es");
    private static final Pattern PLURAL = Pattern.compile(".{3,}[^su]s");
    private static final Pattern INFLECTED = Pattern.compile(".{3,}(ing|ed)");
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does", "for", "from", "how",
            "i", "if", "in", "is", "it", "its", "of", "on", "or", "should", "such", "that", "the", "their", "them",
            "then", "there", "these", "this", "to", "was", "were", "what", "when", "which", "who", "why", "will",
            "with", "would", "you", "your", "we", "our", "let", "me", "my", "s", "instead", "besides", "now", "all",
            "also", "has", "have", "had", "been", "not", "no", "so", "but", "into", "out", "up", "any", "some", "just");

    private AnswerTerms() {}

    /** The content words of a question or a sentence, identifiers also split into their parts. */
    static Set<String> of(String text) {
        Set<String> terms = new TreeSet<>();
        String split = CAMEL_HUMP.matcher(text).replaceAll(" ");
        for (String source : List.of(text, split)) {
            Matcher words = WORD.matcher(source.toLowerCase(Locale.ROOT));
            while (words.find()) {
                String word = words.group();
                add(word, terms);
                for (String part : PART_SEPARATOR.split(word)) {
                    if (!part.equals(word)) {
                        add(part, terms);
                    }
                }
            }
        }
        return terms;
    }

    /**
     * The text's adjacent content-word pairs ("tasks list", "git push"), an identifier read as its parts: a unit
     * holding the question's words in the question's order is more likely about the same thing.
     */
    static Set<String> pairs(String text) {
        List<String> sequence = new ArrayList<>();
        Matcher words = WORD.matcher(CAMEL_HUMP.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT));
        while (words.find()) {
            for (String part : PART_SEPARATOR.split(words.group())) {
                if (!part.isEmpty() && !STOP_WORDS.contains(part)) {
                    sequence.add(stem(part));
                }
            }
        }
        Set<String> pairs = new TreeSet<>();
        for (int i = 1; i < sequence.size(); i++) {
            pairs.add(sequence.get(i - 1) + " " + sequence.get(i));
        }
        return pairs;
    }

    /** How many names of things (flags, paths, code spans, identifiers, status markers) a sentence holds. */
    static int identifiers(String text) {
        Matcher names = IDENTIFIER.matcher(text);
        int count = 0;
        while (names.find()) {
            count++;
        }
        return count;
    }

    private static void add(String word, Set<String> terms) {
        if (!word.isEmpty() && !STOP_WORDS.contains(word)) {
            // A file name or flag is matched as written: "tasks.ts" is not a plural.
            terms.add(PLAIN_WORD.matcher(word).matches() ? stem(word) : word);
        }
    }

    // A light stemmer: "statuses", "status"; "changes", "changed", "change"; "entries", "entry" meet.
    static String stem(String word) {
        String stem = word;
        if (stem.endsWith("ies") && stem.length() > 4) {
            stem = stem.substring(0, stem.length() - 3) + "y";
        } else if (SIBILANT_PLURAL.matcher(stem).matches()) {
            stem = stem.substring(0, stem.length() - 2);
        } else if (PLURAL.matcher(stem).matches()) {
            stem = stem.substring(0, stem.length() - 1);
        } else if (INFLECTED.matcher(stem).matches()) {
            stem = stem.substring(0, stem.length() - (stem.endsWith("ed") ? 2 : 3));
        }
        return stem.length() > 4 && stem.endsWith("e") ? stem.substring(0, stem.length() - 1) : stem;
    }
}
