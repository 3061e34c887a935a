package dev.hybridrag.core.extract.offline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Well-known names (gazetteer.txt): languages, runtimes, databases, tools, vendors. This is how the extractor finds
 * lower-case technical names such as pgvector or kafka, which no part-of-speech tagger calls proper nouns.
 */
final class Gazetteer {

    record Entry(String display, EntityType type) {}

    record Match(Entry entry, int length) {}

    /** One spelling of an entry; {@code exactOnly} spellings are English words too and must match as written. */
    private record Spelling(String[] words, String written, boolean exactOnly, Entry entry) {}

    private final Map<String, List<Spelling>> byFirstWord = new HashMap<>();
    private final Map<String, Entry> byName = new HashMap<>();
    private final Set<String> plainWords = new HashSet<>();

    static Gazetteer load() {
        Gazetteer gazetteer = new Gazetteer();
        EntityType type = EntityType.TECHNOLOGY;
        for (String line : WordList.lines("gazetteer.txt")) {
            if (line.startsWith("[") && line.endsWith("]")) {
                type = EntityType.valueOf(line.substring(1, line.length() - 1).toUpperCase(Locale.ROOT));
                continue;
            }
            String[] names = line.split("\\|");
            Entry entry = new Entry(names[0].strip().replace("!", ""), type);
            for (String name : names) {
                gazetteer.add(name.strip(), entry);
            }
        }
        gazetteer.byFirstWord.values().forEach(list -> list.sort(Comparator.comparingInt(s -> -s.words().length)));
        return gazetteer;
    }

    private void add(String name, Entry entry) {
        boolean exactOnly = name.endsWith("!");
        String written = exactOnly ? name.substring(0, name.length() - 1) : name;
        String lower = written.toLowerCase(Locale.ROOT);
        byName.putIfAbsent(lower, entry);
        if (!exactOnly && lower.length() > 1) {
            plainWords.add(lower);
        }
        String[] words = lower.split(" ");
        byFirstWord
                .computeIfAbsent(words[0], first -> new ArrayList<>())
                .add(new Spelling(words, written, exactOnly, entry));
    }

    /** The longest name that starts at {@code start} in prose. */
    Optional<Match> match(List<Token> tokens, int start) {
        Token first = tokens.get(start);
        List<Spelling> candidates = byFirstWord.get(first.text().toLowerCase(Locale.ROOT));
        if (first.code() || candidates == null) {
            return Optional.empty();
        }
        for (Spelling spelling : candidates) {
            if (matches(spelling, tokens, start)) {
                return Optional.of(new Match(spelling.entry(), spelling.words().length));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Spelling spelling, List<Token> tokens, int start) {
        String[] words = spelling.words();
        if (start + words.length > tokens.size()) {
            return false;
        }
        List<String> surface = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            Token token = tokens.get(start + i);
            if (token.code() || !token.text().equalsIgnoreCase(words[i])) {
                return false;
            }
            surface.add(token.text());
        }
        // "Go ahead", "react to", "make sure": an English word, not the technology
        return !spelling.exactOnly()
                || (String.join(" ", surface).equals(spelling.written())
                        && !tokens.get(start).taggedAs("VERB", "AUX", "ADV", "ADP", "SCONJ", "PART"));
    }

    /** A whole name in any case, ambiguous or not: inside backticks, `react` is the library. */
    Optional<Entry> lookup(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether any part of a hyphenated name is a known name ("kafka-streams", "opennlp-tools"). */
    boolean knowsPartOf(String hyphenated) {
        return Arrays.stream(hyphenated.toLowerCase(Locale.ROOT).split("-")).anyMatch(plainWords::contains);
    }
}
