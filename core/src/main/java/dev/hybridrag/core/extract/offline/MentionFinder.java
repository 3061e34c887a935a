package dev.hybridrag.core.extract.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the entity mentions of one sentence, left to right, the first rule that fits a word winning: inline code,
 * a command in prose, a gazetteer name (with the version after it), a technical shape, a run of proper nouns (with
 * the version after it). Unclaimed noun compounds ("error message") are weak concept mentions.
 */
final class MentionFinder {

    private static final Pattern SHORT_NUMBER = Pattern.compile("\\d{1,3}");
    private static final Pattern VERSION_WORD = Pattern.compile("(?i)v|ver|version|release");

    private final Gazetteer gazetteer;
    private final TechnicalNames names;
    private final CommandLines commands;
    private final NounCompounds compounds;
    private final ProperNouns properNouns;

    MentionFinder(Gazetteer gazetteer, CommandLines commands, Set<String> stopwords, Set<String> firstNames) {
        this.gazetteer = gazetteer;
        this.names = new TechnicalNames(gazetteer, commands, stopwords);
        this.commands = commands;
        this.compounds = new NounCompounds(stopwords);
        this.properNouns = new ProperNouns(stopwords, firstNames);
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
        if (versionOfNothing(tokens, i)) {
            return i + 2;
        }
        List<TechnicalName> shaped = names.ofWord(token.text());
        if (!shaped.isEmpty()) {
            shaped.forEach(name -> found.add(Mention.of(name, i, i + 1)));
            return i + 1;
        }
        int end = properNouns.runEnd(sentence, i, capitals, at -> unclaimed(tokens, at));
        if (end == i) {
            return i + 1;
        }
        Mention last = properNouns.add(sentence, i, end, capitals, found);
        return last != null && last.end() == end ? version(tokens, end, last.name(), false, found) : end;
    }

    private boolean unclaimed(List<Token> tokens, int i) {
        return gazetteer.match(tokens, i).isEmpty()
                && names.ofWord(tokens.get(i).text()).isEmpty()
                && commands.lengthInProse(tokens, i) == 0;
    }

    /**
     * "Version 0.66.0", "Release 1.2": a changelog's heading names a version of nothing in particular. As entities
     * these matched every question that says "version" and pointed at whichever changelog quoted them.
     */
    private static boolean versionOfNothing(List<Token> tokens, int i) {
        return i + 1 < tokens.size()
                && VERSION_WORD.matcher(tokens.get(i).text()).matches()
                && !tokens.get(i + 1).code()
                && TechnicalNames.VERSION.matcher(tokens.get(i + 1).text()).matches();
    }

    /** "Kafka 4.3.1", "Node.js v20", "Java 21": a version right after a name is that name's version. */
    private static int version(List<Token> tokens, int end, String name, boolean wholeNumbers, List<Mention> found) {
        int at = end;
        if (at < tokens.size() && tokens.get(at).text().matches("(?i)v|version")) {
            at++;
        }
        if (at < tokens.size() && !tokens.get(at).code()) {
            String word = tokens.get(at).text();
            boolean number =
                    wholeNumbers && at == end && SHORT_NUMBER.matcher(word).matches();
            if (number || TechnicalNames.VERSION.matcher(word).matches()) {
                String version = name + " " + TechnicalNames.bare(word);
                found.add(new Mention(version, EntityType.VERSION, 2, end, at + 1));
                return at + 1;
            }
        }
        return end;
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

    static String text(List<Token> tokens, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(i == from ? "" : " ").append(tokens.get(i).text());
        }
        return text.toString();
    }
}
