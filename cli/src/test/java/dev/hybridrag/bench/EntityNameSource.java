package dev.hybridrag.bench;

import static dev.hybridrag.bench.SyntheticWords.ADJECTIVES;
import static dev.hybridrag.bench.SyntheticWords.EXTENSIONS;
import static dev.hybridrag.bench.SyntheticWords.FIRST_NAMES;
import static dev.hybridrag.bench.SyntheticWords.LAST_NAMES;
import static dev.hybridrag.bench.SyntheticWords.NOUNS;
import static dev.hybridrag.bench.SyntheticWords.SUFFIXES;
import static dev.hybridrag.bench.SyntheticWords.capitalised;
import static dev.hybridrag.bench.SyntheticWords.pick;

import dev.hybridrag.core.extract.EntityNames;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Unique entity names of the kinds the offline extractor finds in chat histories: code identifiers
 * ({@code KafkaOffsetStore}), file names ({@code offset_store.py}), noun phrases and people.
 */
final class EntityNameSource {

    record Name(String display, String key, String type) {}

    private final SplittableRandom random;
    private final Set<String> taken = new HashSet<>();

    EntityNameSource(SplittableRandom random) {
        this.random = random;
    }

    Name next(List<String> topicWords) {
        for (int attempt = 0; ; attempt++) {
            int kind = random.nextInt(10);
            String type = kind < 5 ? "identifier" : kind < 7 ? "file" : kind < 9 ? "concept" : "person";
            String name =
                    switch (type) {
                        case "identifier" ->
                            capitalised(pick(random, topicWords))
                                    + capitalised(pick(random, NOUNS))
                                    + pick(random, SUFFIXES);
                        case "file" ->
                            pick(random, topicWords) + "_" + pick(random, NOUNS) + "." + pick(random, EXTENSIONS);
                        case "concept" ->
                            pick(random, ADJECTIVES) + " " + pick(random, topicWords) + " " + pick(random, NOUNS);
                        default ->
                            pick(random, FIRST_NAMES) + " " + (char) ('A' + random.nextInt(26)) + ". "
                                    + pick(random, LAST_NAMES);
                    };
            if (attempt > 20) {
                name = name + " " + taken.size(); // crowded: a number makes it unique
            }
            String key = EntityNames.key(name);
            if (taken.add(key)) {
                return new Name(name, key, type);
            }
        }
    }
}
