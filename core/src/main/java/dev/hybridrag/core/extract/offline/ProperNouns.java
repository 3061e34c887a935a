package dev.hybridrag.core.extract.offline;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Runs of proper nouns ("Eugene Dobry", "Minsky", "EADDRINUSE"), found by part-of-speech tags and capitals, and
 * typed by small word lists: a given name makes a person, a company ending an organization, the rest concepts.
 */
final class ProperNouns {

    private static final int LONGEST_RUN = 4;
    private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}[\\p{L}\\p{N}]+");
    /** "L18", "C1": a line, cell or item number, as in an editor's search results ("`file:///src/a.ts`; L18"). */
    private static final Pattern LETTER_AND_NUMBER = Pattern.compile("\\p{Lu}\\d+");

    private static final Pattern LOWER_CASE_NAME = Pattern.compile("[a-z][a-z0-9]+");
    private static final Set<String> ORGANIZATION_ENDINGS =
            WordList.of("inc corp corporation ltd llc gmbh foundation labs university institute company group");

    private final Set<String> stopwords;
    private final Set<String> firstNames;

    ProperNouns(Set<String> stopwords, Set<String> firstNames) {
        this.stopwords = stopwords;
        this.firstNames = firstNames;
    }

    /** Where the run of proper-noun-like words from {@code start} ends; {@code start} when there is none. */
    int runEnd(Sentence sentence, int start, Capitals capitals, IntPredicate unclaimed) {
        int end = start;
        while (end < sentence.tokens().size()
                && end - start < LONGEST_RUN
                && properNounLike(sentence, end, capitals)
                && unclaimed.test(end)) {
            end++;
        }
        return end;
    }

    private static boolean properNounLike(Sentence sentence, int i, Capitals capitals) {
        List<Token> tokens = sentence.tokens();
        Token token = tokens.get(i);
        if (token.code() || LETTER_AND_NUMBER.matcher(token.text()).matches()) {
            return false;
        }
        if (!CAPITALISED.matcher(token.text()).matches()) {
            return LOWER_CASE_NAME.matcher(token.text()).matches()
                    && token.taggedAs("PROPN")
                    && !sentence.titled()
                    && capitals.spelling(token.text()).isPresent();
        }
        if (allCapitals(token.text())) {
            // "MCP", "EADDRINUSE"; not "STRICTLY FORBIDDEN", which the tagger reads as an adverb and adjective
            return token.taggedAs("PROPN", "NOUN", "X", "NUM");
        }
        // mid-sentence capitals mark names even where the tagger, unsure of a technical word, says NOUN
        return token.taggedAs("PROPN")
                || (!MentionFinder.sentenceStart(tokens, i) && token.taggedAs("NOUN", "ADJ", "X"));
    }

    /** Adds the mentions of the run {@code [start, end)}, split at stopwords ("The"); returns the last one. */
    Mention add(Sentence sentence, int start, int end, Capitals capitals, List<Mention> found) {
        List<Token> tokens = sentence.tokens();
        int from = start;
        Mention last = null;
        for (int i = start; i <= end; i++) {
            if (i < end && !stopwords.contains(tokens.get(i).text().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Mention run = i > from ? properNounRun(sentence, from, i, capitals, found) : null;
            last = run != null ? run : last;
            from = i + 1;
        }
        return last;
    }

    /**
     * In a heading or at a sentence start a capital proves nothing: the run and its parts are provisional there
     * ("Focus on Common Network Errors", "Ambiguous Request:"), kept only if the chunk names them elsewhere.
     */
    private Mention properNounRun(Sentence sentence, int from, int to, Capitals capitals, List<Mention> found) {
        List<Token> tokens = sentence.tokens();
        if (shouted(tokens, from, to)) {
            return null;
        }
        boolean labelled = to < tokens.size() && tokens.get(to).text().equals(":");
        boolean doubtful = sentence.titled() || MentionFinder.sentenceStart(tokens, from) || labelled;
        Mention whole = properNoun(tokens, from, to, doubtful, sentence.titled(), capitals);
        found.add(whole);
        if (doubtful && to - from > 1) {
            int firstPart = sentence.titled() ? from : from + 1;
            for (int i = firstPart; i < to; i++) {
                found.add(properNoun(tokens, i, i + 1, true, sentence.titled(), capitals));
            }
        }
        return whole;
    }

    private Mention properNoun(
            List<Token> tokens, int from, int to, boolean doubtful, boolean titled, Capitals capitals) {
        String written = MentionFinder.text(tokens, from, to);
        String name = capitals.spelling(written).orElse(written);
        String first = tokens.get(from).text().toLowerCase(Locale.ROOT);
        String last = tokens.get(to - 1).text().toLowerCase(Locale.ROOT);
        if (firstNames.contains(first)) {
            return new Mention(name, EntityType.PERSON, 2.5, from, to, titled);
        }
        if (to - from > 1 && ORGANIZATION_ENDINGS.contains(last)) {
            return new Mention(name, EntityType.ORGANIZATION, 2.5, from, to, doubtful);
        }
        if (to - from == 1 && allCapitals(name)) {
            // EADDRINUSE, OPENAI: codes and constants; MCP, CLI: acronyms of concepts
            return name.length() >= 7
                    ? new Mention(name, EntityType.IDENTIFIER, 2, from, to, doubtful)
                    : new Mention(name, EntityType.CONCEPT, 1.5, from, to, doubtful);
        }
        return new Mention(name, EntityType.CONCEPT, to - from > 1 ? 2.5 : 2, from, to, doubtful);
    }

    /** "COMPLETELY SEPARATE CLONE": capitals for emphasis, not a name. */
    private static boolean shouted(List<Token> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            String word = tokens.get(i).text();
            if (word.length() < 4 || !allCapitals(word)) {
                return false;
            }
        }
        return to - from >= 2;
    }

    private static boolean allCapitals(String word) {
        return word.length() >= 2 && word.chars().noneMatch(Character::isLowerCase);
    }
}
