package dev.hybridrag.core.extract.offline;

import dev.hybridrag.core.extract.ExtractedRelation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Relations from co-occurrence: two entities named in one sentence are related, described by the first sentence
 * that names both, as strong as the number of sentences that do. The verbs between them, when there are any, are
 * the keywords ("Eugene uses kafka": uses).
 */
final class CoOccurrences {

    private static final String DEFAULT_KEYWORDS = "co-occurrence";

    private static final class Pair {
        private final ChunkTally.Ranked source;
        private final ChunkTally.Ranked target;
        private String description;
        private String keywords;
        private boolean describedByHeading;
        private final int order;
        private int sentences;

        Pair(ChunkTally.Ranked source, ChunkTally.Ranked target, int order) {
            this.source = source;
            this.target = target;
            this.order = order;
        }

        /** Described by the first sentence naming both; a heading only until an ordinary sentence does. */
        void seen(Sentence sentence, String keywords) {
            sentences++;
            if (description == null || (describedByHeading && !sentence.titled())) {
                this.description = ChunkTally.shorten(sentence.text());
                this.keywords = keywords;
                this.describedByHeading = sentence.titled();
            }
        }
    }

    private CoOccurrences() {}

    /** Relations between the kept entities, at most {@code perSentence} entities a sentence (the best ranked). */
    static List<ExtractedRelation> relate(
            List<ChunkTally.Mentioned> sentences, List<ChunkTally.Ranked> kept, int perSentence, int limit) {
        Map<String, ChunkTally.Ranked> byKey = new LinkedHashMap<>();
        kept.forEach(entity -> byKey.put(entity.key(), entity));
        Map<String, Pair> pairs = new LinkedHashMap<>();
        for (ChunkTally.Mentioned sentence : sentences) {
            List<ChunkTally.Placed> named = sentence.entities().stream()
                    .filter(placed -> byKey.containsKey(placed.key()))
                    .sorted(Comparator.comparingDouble((ChunkTally.Placed placed) ->
                            -byKey.get(placed.key()).score()))
                    .limit(perSentence)
                    .sorted(Comparator.comparingInt(ChunkTally.Placed::start))
                    .toList();
            for (int a = 0; a < named.size(); a++) {
                for (int b = a + 1; b < named.size(); b++) {
                    ChunkTally.Placed first = named.get(a);
                    ChunkTally.Placed second = named.get(b);
                    String id = first.key().compareTo(second.key()) < 0
                            ? first.key() + "\n" + second.key()
                            : second.key() + "\n" + first.key();
                    pairs.computeIfAbsent(
                                    id, k -> new Pair(byKey.get(first.key()), byKey.get(second.key()), pairs.size()))
                            .seen(sentence.sentence(), keywords(sentence.sentence(), first, second, byKey));
                }
            }
        }
        List<ExtractedRelation> relations = new ArrayList<>();
        pairs.values().stream()
                .sorted(Comparator.comparingInt((Pair pair) -> -pair.sentences).thenComparingInt(pair -> pair.order))
                .limit(limit)
                .forEach(pair -> relations.add(new ExtractedRelation(
                        pair.source.name(), pair.target.name(), pair.keywords, pair.description, pair.sentences)));
        return relations;
    }

    private static String keywords(
            Sentence sentence,
            ChunkTally.Placed first,
            ChunkTally.Placed second,
            Map<String, ChunkTally.Ranked> byKey) {
        ChunkTally.Ranked one = byKey.get(first.key());
        ChunkTally.Ranked other = byKey.get(second.key());
        if (isVersionOf(one, other) || isVersionOf(other, one)) {
            return "version";
        }
        Set<String> verbs = new LinkedHashSet<>();
        for (int i = first.end(); i < second.start() && verbs.size() < 2; i++) {
            Token token = sentence.tokens().get(i);
            if (!token.code() && token.taggedAs("VERB") && token.text().chars().allMatch(Character::isLetter)) {
                verbs.add(token.text().toLowerCase(Locale.ROOT));
            }
        }
        return verbs.isEmpty() ? DEFAULT_KEYWORDS : String.join(", ", verbs);
    }

    private static boolean isVersionOf(ChunkTally.Ranked version, ChunkTally.Ranked named) {
        return version.type() == EntityType.VERSION && version.key().startsWith(named.key() + " ");
    }
}
