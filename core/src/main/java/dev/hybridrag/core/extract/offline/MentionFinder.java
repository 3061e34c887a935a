package dev.hybridrag.core.extract.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the entity mentions of one sentence, left to right, the first rule that fits a word winning: inline code,
 * a command in prose, a gazetteer name (with the version after it), a technical shape, a run of proper nouns.
 * Unclaimed noun compounds ("error message") are weak concept mentions.
 */
final class MentionFinder {

    private static final int LONGEST_RUN = 4;
    private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}[\\p{L}\\p{N}]+");
    private static final Pattern LOWER_CASE_NAME = Pattern.compile("[a-z][a-z0-9]+");
    private static final Pattern SHORT_NUMBER = Pattern.compile("\\d{1,3}");
    private static final Set<String> ORGANIZATION_ENDINGS = Set.of(
            "inc", "corp", "corporation", "ltd", "llc", "gmbh", "foundation", "labs", "university", "institute",
            "company", "group");

    private final Gazetteer gazetteer;
    private final TechnicalNames names;
    private final CommandLines commands;
    private final Set<String> stopwords;
    private final Set<String> firstNames;
    private final NounCompounds compounds;

    MentionFinder(Gazetteer gazetteer, CommandLines commands, Set<String> stopwords, Set<String> firstNames) {
        this.gazetteer = gazetteer;
        this.names = new TechnicalNames(gazetteer, commands, stopwords);
        this.commands = commands;
        this.stopwords = stopwords;
        this.firstNames = firstNames;
        this.compounds = new NounCompounds(stopwords);
    }

    /** {@code capitals}: the words the chunk capitalises somewhere, see {@link Capitals}. */
    List<Mention> find(Sentence sentence, Capitals capitals) {
        List<Mention> found = new ArrayList<>();
        for (int i = 0; i < sentence.tokens().size(); ) {
            i = next(sentence, i, capitals, found);
        }
        found.addAll(compounds.find(sentence.tokens(), found));
        return found;
    }

    private int next(Sentence sentence, int i, Capitals capitals, List<Mention> found) {
        List<Token> tokens = sentence.tokens();
        Token token = tokens.get(i);
        if (token.code()) {
            names.ofCode(token.text()).forEach(name -> found.add(Mention.of(name, i, i + 1)));
            return i + 1;
        }
        int command = commands.lengthInProse(tokens, i);
        if (command > 0) {
            found.add(new Mention(text(tokens, i, i + command), EntityType.COMMAND, 3, i, i + command));
            return i + command;
        }
        Optional<Gazetteer.Match> known = gazetteer.match(tokens, i);
        if (known.isPresent()) {
            Gazetteer.Entry entry = known.get().entry();
            int end = i + known.get().length();
            found.add(new Mention(entry.display(), entry.type(), 3, i, end));
            return version(tokens, end, entry.display(), true, found);
        }
        List<TechnicalName> shaped = names.ofWord(token.text());
        if (!shaped.isEmpty()) {
            shaped.forEach(name -> found.add(Mention.of(name, i, i + 1)));
            return i + 1;
        }
        int end = i;
        while (end < tokens.size()
                && end - i < LONGEST_RUN
                && properNounLike(sentence, end, capitals)
                && unclaimed(tokens, end)) {
            end++;
        }
        if (end == i) {
            return i + 1;
        }
        return properNouns(sentence, i, end, found);
    }

    private boolean unclaimed(List<Token> tokens, int i) {
        return gazetteer.match(tokens, i).isEmpty()
                && names.ofWord(tokens.get(i).text()).isEmpty()
                && commands.lengthInProse(tokens, i) == 0;
    }

    /** "Kafka 4.3.1", "Node.js v20", "Java 21": a version right after a name is that name's version. */
    private static int version(List<Token> tokens, int end, String name, boolean wholeNumbers, List<Mention> found) {
        int at = end;
        if (at < tokens.size() && tokens.get(at).text().matches("(?i)v|version")) {
            at++;
        }
        if (at < tokens.size() && !tokens.get(at).code()) {
            String word = tokens.get(at).text();
            boolean number = wholeNumbers && at == end && SHORT_NUMBER.matcher(word).matches();
            if (number || TechnicalNames.VERSION.matcher(word).matches()) {
                String version = name + " " + TechnicalNames.bare(word);
                found.add(new Mention(version, EntityType.VERSION, 2, end, at + 1));
                return at + 1;
            }
        }
        return end;
    }

    private static boolean properNounLike(Sentence sentence, int i, Capitals capitals) {
        List<Token> tokens = sentence.tokens();
        Token token = tokens.get(i);
        if (token.code()) {
            return false;
        }
        if (!CAPITALISED.matcher(token.text()).matches()) {
            return LOWER_CASE_NAME.matcher(token.text()).matches()
                    && token.taggedAs("PROPN")
                    && !sentence.titled()
                    && capitals.written().contains(token.text());
        }
        // mid-sentence capitals mark names even where the tagger, unsure of a technical word, says NOUN
        return token.taggedAs("PROPN")
                || allCapitals(token.text())
                || (!sentenceStart(tokens, i) && token.taggedAs("NOUN", "ADJ", "X"));
    }

    /** Adds a run of proper nouns, split at stopwords ("The"). Returns where the run ends. */
    private int properNouns(Sentence sentence, int start, int end, List<Mention> found) {
        List<Token> tokens = sentence.tokens();
        int from = start;
        Mention last = null;
        for (int i = start; i <= end; i++) {
            if (i < end && !stopwords.contains(tokens.get(i).text().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (i > from) {
                last = properNounRun(sentence, from, i, found);
            }
            from = i + 1;
        }
        return last != null && last.end() == end ? version(tokens, end, last.name(), false, found) : end;
    }

    /**
     * In a heading or at a sentence start a capital proves nothing: the run and its parts are provisional there
     * ("Focus on Common Network Errors", "Ambiguous Request:"), kept only if the chunk names them elsewhere.
     */
    private Mention properNounRun(Sentence sentence, int from, int to, List<Mention> found) {
        List<Token> tokens = sentence.tokens();
        boolean labelled = to < tokens.size() && tokens.get(to).text().equals(":");
        boolean doubtful = sentence.titled() || sentenceStart(tokens, from) || labelled;
        Mention whole = properNoun(tokens, from, to, doubtful);
        found.add(whole);
        if (doubtful && to - from > 1) {
            int firstPart = sentence.titled() ? from : from + 1;
            for (int i = firstPart; i < to; i++) {
                found.add(properNoun(tokens, i, i + 1, true));
            }
        }
        return whole;
    }

    private Mention properNoun(List<Token> tokens, int from, int to, boolean doubtful) {
        String name = text(tokens, from, to);
        String first = tokens.get(from).text().toLowerCase(Locale.ROOT);
        String last = tokens.get(to - 1).text().toLowerCase(Locale.ROOT);
        if (firstNames.contains(first)) {
            return new Mention(name, EntityType.PERSON, 2.5, from, to);
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
        // a lower-case name loses to the capitalised spelling the chunk also has, for display
        double confidence = to - from > 1 ? 2.5 : tokens.get(from).capitalised() ? 2 : 1.5;
        return new Mention(name, EntityType.CONCEPT, confidence, from, to, doubtful);
    }

    static boolean sentenceStart(List<Token> tokens, int i) {
        for (int j = i - 1; j >= 0; j--) {
            Token before = tokens.get(j);
            if (before.text().equals(":")) {
                return true;
            }
            if (before.code() || before.text().chars().anyMatch(Character::isLetterOrDigit)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allCapitals(String word) {
        return word.length() >= 2 && word.chars().noneMatch(Character::isLowerCase);
    }

    private static String text(List<Token> tokens, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(i == from ? "" : " ").append(tokens.get(i).text());
        }
        return text.toString();
    }
}
