package dev.hybridrag.bench;

import static dev.hybridrag.bench.SyntheticWords.ADJECTIVES;
import static dev.hybridrag.bench.SyntheticWords.NOUNS;
import static dev.hybridrag.bench.SyntheticWords.VERBS;
import static dev.hybridrag.bench.SyntheticWords.capitalised;
import static dev.hybridrag.bench.SyntheticWords.pick;
import static dev.hybridrag.bench.SyntheticWords.thirdPerson;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chunk text and questions in a topic's words, shaped like a SpecStory turn: a user question, then an assistant
 * answer of a few paragraphs that names the entities the chunk mentions.
 */
final class SyntheticText {

    private final SplittableRandom random;
    private final List<String> words;

    SyntheticText(SplittableRandom random, List<String> topicWords) {
        this.random = random;
        this.words = topicWords;
    }

    /** About 200 words naming every one of {@code names}. */
    String chunk(List<String> names) {
        Deque<String> unnamed = new ArrayDeque<>(names);
        StringBuilder text = new StringBuilder("_**User**_\n\n")
                .append(question(unnamed.isEmpty() ? null : unnamed.poll()))
                .append("\n\n---\n\n_**Assistant**_\n\n");
        int paragraphs = 2 + random.nextInt(2);
        for (int p = 0; p < paragraphs; p++) {
            int sentences = 4 + random.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                boolean last = p == paragraphs - 1 && s == sentences - 1;
                String name = unnamed.isEmpty() || (!last && random.nextInt(3) == 0) ? null : unnamed.poll();
                text.append(s == 0 ? "" : " ").append(sentence(name));
            }
            while (p == paragraphs - 1 && !unnamed.isEmpty()) {
                text.append(' ').append(sentence(unnamed.poll()));
            }
            text.append("\n\n");
        }
        return text.toString().strip();
    }

    /** A question about the topic, naming {@code name} when given (what query keywords are found in). */
    String question(String name) {
        if (name == null) {
            return switch (random.nextInt(3)) {
                case 0 ->
                    "Explain how the %s %s %s the %s in the %s pipeline."
                            .formatted(word(), word(), thirdPerson(pick(random, VERBS)), word(), word());
                case 1 ->
                    "Which component %s %s %s %ss?"
                            .formatted(thirdPerson(pick(random, VERBS)), pick(random, ADJECTIVES), word(), word());
                default ->
                    "Why is the %s %s after we %s the %s?"
                            .formatted(word(), pick(random, ADJECTIVES), pick(random, VERBS), word());
            };
        }
        return switch (random.nextInt(3)) {
            case 0 -> "How does %s %s the %s %s?".formatted(name, pick(random, VERBS), word(), word());
            case 1 ->
                "Why does %s %s the %s when the %s is %s?"
                        .formatted(name, pick(random, VERBS), word(), word(), pick(random, ADJECTIVES));
            default ->
                "What does %s do with %s %ss in the %s?".formatted(name, pick(random, ADJECTIVES), word(), word());
        };
    }

    private String sentence(String name) {
        String subject = name != null ? name : "the " + word() + " " + pick(random, NOUNS);
        // Names are written as they are, even at the start of a sentence.
        String opening = name != null ? name : capitalised(subject);
        return switch (random.nextInt(6)) {
            case 0 ->
                "%s %s the %s %s before the %s %s it."
                        .formatted(
                                opening,
                                thirdPerson(pick(random, VERBS)),
                                pick(random, ADJECTIVES),
                                word(),
                                word(),
                                thirdPerson(pick(random, VERBS)));
            case 1 ->
                "We %s %ss in %s so that the %s stays %s."
                        .formatted(pick(random, VERBS), word(), subject, word(), pick(random, ADJECTIVES));
            case 2 ->
                "When the %s is %s, %s %s every %s and %s the %s."
                        .formatted(
                                word(),
                                pick(random, ADJECTIVES),
                                subject,
                                thirdPerson(pick(random, VERBS)),
                                word(),
                                thirdPerson(pick(random, VERBS)),
                                pick(random, NOUNS));
            case 3 ->
                "%s keeps a %s %s of each %s, which the %s %s later."
                        .formatted(
                                opening,
                                pick(random, ADJECTIVES),
                                word(),
                                pick(random, NOUNS),
                                word(),
                                thirdPerson(pick(random, VERBS)));
            case 4 ->
                "In this session we changed how %s %s %ss: it now %s them in batches of %d."
                        .formatted(
                                subject,
                                thirdPerson(pick(random, VERBS)),
                                word(),
                                thirdPerson(pick(random, VERBS)),
                                1 << (3 + random.nextInt(8)));
            default ->
                "The %s %s %s the %s; see %s for the %s %s."
                        .formatted(
                                pick(random, ADJECTIVES),
                                word(),
                                thirdPerson(pick(random, VERBS)),
                                word(),
                                subject,
                                word(),
                                pick(random, NOUNS));
        };
    }

    // Mostly the topic's own words, sometimes any noun: topics overlap, as real ones do.
    private String word() {
        return random.nextInt(10) < 7 ? pick(random, words) : pick(random, NOUNS);
    }
}
