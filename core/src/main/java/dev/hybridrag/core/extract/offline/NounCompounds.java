package dev.hybridrag.core.extract.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lower-case noun compounds ("error message", "connection pool"): the concepts a technical text is about, which a
 * tagger finds but no capital letter marks. They are weak mentions, kept only when the chunk repeats them.
 */
final class NounCompounds {

    private static final int LONGEST = 3;
    private static final Pattern NOUN = Pattern.compile("[a-z][a-z-]{2,}");

    private final Set<String> stopwords;

    NounCompounds(Set<String> stopwords) {
        this.stopwords = stopwords;
    }

    List<Mention> find(List<Token> tokens, List<Mention> claimed) {
        boolean[] taken = new boolean[tokens.size()];
        for (Mention mention : claimed) {
            for (int i = mention.start(); i < mention.end(); i++) {
                taken[i] = true;
            }
        }
        List<Mention> found = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i < tokens.size() && !taken[i] && (isNoun(tokens.get(i)) || (i > start && isGerund(tokens.get(i))))) {
                continue;
            }
            if (i - start >= 2) {
                int from = Math.max(start, i - LONGEST);
                found.add(new Mention(name(tokens, from, i), EntityType.CONCEPT, Mention.WEAK, from, i));
            }
            start = i + 1;
        }
        return found;
    }

    boolean isNoun(Token token) {
        return !token.code()
                && token.taggedAs("NOUN")
                && NOUN.matcher(token.text()).matches()
                && !stopwords.contains(token.text());
    }

    /** "handling" in "error handling": the tagger calls it a verb, but after a noun it names an activity. */
    private boolean isGerund(Token token) {
        return !token.code()
                && token.taggedAs("VERB")
                && token.text().endsWith("ing")
                && NOUN.matcher(token.text()).matches()
                && !stopwords.contains(token.text());
    }

    private static String name(List<Token> tokens, int from, int to) {
        StringBuilder name = new StringBuilder();
        for (int i = from; i < to - 1; i++) {
            name.append(tokens.get(i).text()).append(' ');
        }
        return name.append(singular(tokens.get(to - 1).text())).toString();
    }

    /** English plural to singular, roughly: enough that "error messages" and "error message" are one concept. */
    static String singular(String noun) {
        if (noun.endsWith("ies") && noun.length() > 4) {
            return noun.substring(0, noun.length() - 3) + "y";
        }
        if (noun.matches(".*(ss|x|ch|sh)es")) {
            return noun.substring(0, noun.length() - 2);
        }
        if (noun.endsWith("s") && !noun.matches(".*(ss|us|is)")) {
            return noun.substring(0, noun.length() - 1);
        }
        return noun;
    }
}
