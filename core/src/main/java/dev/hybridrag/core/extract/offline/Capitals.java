package dev.hybridrag.core.extract.offline;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The words a chunk writes with a capital somewhere, headings included. The tagger calls some lower-case words
 * proper nouns ("a CLI tool called minsky"); that is believed only for words the chunk also capitalises, and the
 * name is then shown as capitalised.
 */
record Capitals(Map<String, String> spellings) {

    static Capitals of(List<Sentence> sentences) {
        Map<String, String> spellings = new HashMap<>();
        for (Sentence sentence : sentences) {
            for (Token token : sentence.tokens()) {
                if (!token.code() && token.capitalised()) {
                    spellings.putIfAbsent(token.text().toLowerCase(Locale.ROOT), token.text());
                }
            }
        }
        return new Capitals(Map.copyOf(spellings));
    }

    /** The capitalised spelling of a lower-case word, if the chunk has one. */
    Optional<String> spelling(String word) {
        return Optional.ofNullable(spellings.get(word));
    }
}
