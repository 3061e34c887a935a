package dev.hybridrag.core.extract.offline;

import dev.hybridrag.core.extract.EntityNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds up one chunk's mentions by entity key: how often, under which name and type (the most confident mention
 * decides), and the first sentence that names it. Keeps the sentences' mentions for {@link CoOccurrences}.
 */
final class ChunkTally {

    private static final int DESCRIPTION_LENGTH = 300;

    /** An entity the chunk names, ranked by {@code score}: confidence, growing slowly with repetition. */
    record Ranked(String key, String name, EntityType type, String description, double score, int order) {}

    /** Where a sentence names entities, by key, in order. */
    record Placed(String key, int start, int end) {}

    record Mentioned(Sentence sentence, List<Placed> entities) {}

    private static final class Tally {
        private final int order;
        private String description;
        private boolean describedByHeading;
        private String name;
        private EntityType type;
        private double confidence;
        private boolean provisional = true;
        private int count;

        Tally(int order) {
            this.order = order;
        }

        /** The first sentence naming the entity; a heading only until an ordinary sentence names it. */
        void describe(String sentence, boolean heading) {
            if (description == null || (describedByHeading && !heading)) {
                description = shorten(sentence);
                describedByHeading = heading;
            }
        }
    }

    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final List<Mentioned> sentences = new ArrayList<>();
    private final Map<String, Integer> nouns = new HashMap<>();
    private final Set<String> stopwords;

    ChunkTally(Set<String> stopwords) {
        this.stopwords = stopwords;
    }

    void add(Sentence sentence, List<Mention> mentions, NounCompounds nounTest) {
        List<Placed> placed = new ArrayList<>();
        for (Mention mention : mentions) {
            String key = count(mention, sentence.text(), sentence.titled());
            if (key != null && placed.stream().noneMatch(p -> p.key().equals(key))) {
                placed.add(new Placed(key, mention.start(), mention.end()));
            }
        }
        placed.sort(Comparator.comparingInt(Placed::start));
        sentences.add(new Mentioned(sentence, placed));
        for (Token token : sentence.tokens()) {
            if (nounTest.isNoun(token)) {
                nouns.merge(NounCompounds.singular(token.text()), 1, Integer::sum);
            }
        }
    }

    /** A command from a shell block, described by its line; shell lines relate nothing. */
    void addCommand(String command, String line) {
        count(new Mention(command, EntityType.COMMAND, 3, 0, 0), line, false);
    }

    private String count(Mention mention, String sentence, boolean heading) {
        String shown = EntityNames.display(mention.name());
        String key = EntityNames.key(shown);
        if (key.length() < 2 || stopwords.contains(key) || key.chars().allMatch(Character::isDigit)) {
            return null;
        }
        Tally tally = tallies.computeIfAbsent(key, k -> new Tally(tallies.size()));
        tally.describe(sentence, heading);
        tally.count++;
        // name and type come from the surest mention, and a provisional one (a heading's capitals) never beats
        // an ordinary one: "session directory" stays lower-case though a heading says "Session Directory"
        boolean better = tally.provisional && !mention.provisional()
                || (tally.provisional == mention.provisional() && mention.confidence() > tally.confidence);
        if (better || tally.name == null) {
            tally.name = shown;
            tally.type = mention.type();
            tally.confidence = mention.confidence();
            tally.provisional = mention.provisional();
        }
        return key;
    }

    /** The entities worth keeping, best first: weak ones only when repeated, at most {@code limit}. */
    List<Ranked> ranked(int limit) {
        return tallies.entrySet().stream()
                .filter(entry -> entry.getValue().confidence > Mention.WEAK || entry.getValue().count >= 2)
                .map(entry -> {
                    Tally tally = entry.getValue();
                    double score = tally.confidence * (1 + Math.log(tally.count));
                    return new Ranked(entry.getKey(), tally.name, tally.type, tally.description, score, tally.order);
                })
                .sorted(Comparator.comparingDouble(Ranked::score).reversed().thenComparingInt(Ranked::order))
                .limit(limit)
                .toList();
    }

    List<Mentioned> sentences() {
        return sentences;
    }

    /** The chunk's content keywords: its leading entities, then the nouns it repeats most. */
    List<String> keywords(List<Ranked> ranked, int limit) {
        Map<String, String> keywords = new LinkedHashMap<>();
        ranked.stream().limit(limit / 2).forEach(entity -> keywords.putIfAbsent(entity.key(), entity.name()));
        nouns.entrySet().stream()
                .filter(noun -> noun.getValue() >= 2)
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(noun -> keywords.putIfAbsent(noun.getKey(), noun.getKey()));
        return keywords.values().stream().limit(limit).toList();
    }

    static String shorten(String sentence) {
        String text = sentence.strip();
        if (text.length() <= DESCRIPTION_LENGTH) {
            return text;
        }
        int space = text.lastIndexOf(' ', DESCRIPTION_LENGTH - 1);
        return text.substring(0, space > DESCRIPTION_LENGTH / 2 ? space : DESCRIPTION_LENGTH - 1) + "…";
    }
}
