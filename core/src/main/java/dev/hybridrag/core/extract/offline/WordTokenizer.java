package dev.hybridrag.core.extract.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a sentence into words, keeping technical words whole: {@code src/cli.ts}, {@code node.js},
 * {@code @types/bun}, {@code v1.2.3}, {@code --port}, {@code C++}. OpenNLP's English tokenizer model cuts these
 * apart ("npm" became "n" + "pm" in a trial), so only its tagger is used.
 */
final class WordTokenizer {

    /** Stands for an inline code span in prose: the private-use marker, its index, the marker again. */
    static final char CODE_MARK = '\uE000';

    private static final Pattern TOKEN = Pattern.compile(String.join(
            "|",
            CODE_MARK + "\\d+" + CODE_MARK,
            "https?://[^\\s)\\]>]+[^\\s)\\]>.,;:!?]",
            "(?i:'(?:s|re|ve|ll|d|m|t)\\b)",
            // a word: optional root or sigil, inner dots, slashes, dashes, colons; ends in a letter, digit, / + #
            "(?:~/|\\.{1,2}/|/|@|--?|\\.)?[\\p{L}\\p{N}_$](?:[\\p{L}\\p{N}_$@./:+#\\\\-]*[\\p{L}\\p{N}_$/+#])?",
            "[^\\s\\p{L}\\p{N}]"));

    private WordTokenizer() {}

    static List<String> split(String sentence) {
        List<String> words = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(sentence);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    static boolean isCodeMark(String word) {
        return word.length() > 2 && word.charAt(0) == CODE_MARK && word.charAt(word.length() - 1) == CODE_MARK;
    }

    static int codeIndex(String word) {
        return Integer.parseInt(word.substring(1, word.length() - 1));
    }
}
