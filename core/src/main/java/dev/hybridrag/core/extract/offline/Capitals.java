package dev.hybridrag.core.extract.offline;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words a chunk writes with a capital somewhere, headings included. The tagger calls some lower-case words
 * proper nouns ("a CLI tool called minsky"); that is believed only for words the chunk also capitalises.
 */
record Capitals(Set<String> written) {

    static Capitals of(List<Sentence> sentences) {
        Set<String> written = new HashSet<>();
        for (Sentence sentence : sentences) {
            for (Token token : sentence.tokens()) {
                if (!token.code() && token.capitalised()) {
                    written.add(token.text().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new Capitals(Set.copyOf(written));
    }
}
