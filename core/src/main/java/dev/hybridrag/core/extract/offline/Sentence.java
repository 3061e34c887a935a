package dev.hybridrag.core.extract.offline;

import java.util.List;

/**
 * A sentence of prose: its text as shown in descriptions, its tokens, and whether it is written in title case (a
 * heading, a bold label), where capitalisation says little about proper nouns.
 */
record Sentence(String text, List<Token> tokens, boolean titled) {

    Sentence {
        tokens = List.copyOf(tokens);
    }
}
