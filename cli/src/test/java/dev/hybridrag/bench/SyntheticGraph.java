package dev.hybridrag.bench;

import static dev.hybridrag.bench.SyntheticWords.ADJECTIVES;
import static dev.hybridrag.bench.SyntheticWords.NOUNS;
import static dev.hybridrag.bench.SyntheticWords.VERBS;
import static dev.hybridrag.bench.SyntheticWords.pick;
import static dev.hybridrag.bench.SyntheticWords.thirdPerson;

import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.storage.GraphKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic tenant's graph, the same for the same seed: topics (a few words each, and the offline model's
 * embedding of a sentence in them as the cluster centre), entities and relations around those centres, and which
 * chunks mention which entities. Every vector is a unit vector near its topic's centre, so nearest-neighbour search
 * has real clusters to find, and questions embedded by the offline model land near the topics they are about.
 */
final class SyntheticGraph {

    static final int CHUNKS_PER_TOPIC = 250;
    static final int CHUNKS_PER_DOCUMENT = 25;
    static final int ENTITIES_PER_TOPIC = 125;
    static final int RELATIONS_PER_TOPIC = 250;
    // Per-dimension noise around a 384-dimension unit centre: cosine to the centre about 0.8, as within a topic.
    private static final double SPREAD = 0.038;

    record Topic(int id, List<String> words, float[] centroid) {}

    record Entity(
            int id,
            int topic,
            String name,
            String key,
            String type,
            String description,
            float[] vector,
            int[] chunks) {}

    record Relation(
            Entity source,
            Entity target,
            String key,
            String keywords,
            String description,
            double weight,
            int[] chunks) {}

    final List<Topic> topics = new ArrayList<>();
    final List<Entity> entities = new ArrayList<>();
    final List<Relation> relations = new ArrayList<>();
    /** Entity ids each chunk mentions, by global chunk number. */
    final List<Set<Integer>> mentions = new ArrayList<>();

    private final SplittableRandom random;

    SyntheticGraph(int topicCount, long seed, Embedder embedder) {
        random = new SplittableRandom(seed);
        List<List<String>> words = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            List<String> topicWords = distinctWords(4);
            words.add(topicWords);
            sentences.add("The %s %s %s the %s %s."
                    .formatted(
                            topicWords.get(0),
                            topicWords.get(1),
                            thirdPerson(pick(random, VERBS)),
                            topicWords.get(2),
                            topicWords.get(3)));
        }
        List<float[]> centres = embedder.embed(sentences);
        for (int t = 0; t < topicCount; t++) {
            topics.add(new Topic(t, words.get(t), centres.get(t)));
        }
        for (int c = 0; c < topicCount * CHUNKS_PER_TOPIC; c++) {
            mentions.add(new LinkedHashSet<>());
        }
        EntityNameSource names = new EntityNameSource(random);
        for (Topic topic : topics) {
            for (int rank = 0; rank < ENTITIES_PER_TOPIC; rank++) {
                entities.add(entity(topic, names.next(topic.words())));
            }
        }
        Set<String> relationKeys = new HashSet<>();
        for (Topic topic : topics) {
            int made = 0;
            while (made < RELATIONS_PER_TOPIC) {
                Entity source = popular(topic.id());
                Entity target = random.nextInt(10) == 0 ? popular(random.nextInt(topicCount)) : popular(topic.id());
                String key = GraphKey.relation(source.name(), target.name()).key();
                if (source == target || !relationKeys.add(key)) {
                    continue;
                }
                relations.add(relation(source, target, key));
                made++;
            }
        }
    }

    int chunkCount() {
        return mentions.size();
    }

    /** Unit vector near {@code centre}. */
    float[] near(float[] centre) {
        float[] vector = new float[centre.length];
        double squares = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (centre[i] + SPREAD * random.nextGaussian());
            squares += (double) vector[i] * vector[i];
        }
        float norm = (float) Math.sqrt(squares);
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= norm;
        }
        return vector;
    }

    /** A relation's vector lies between its two entities'. */
    float[] between(Entity a, Entity b) {
        float[] mid = new float[a.vector().length];
        for (int i = 0; i < mid.length; i++) {
            mid[i] = (a.vector()[i] + b.vector()[i]) / 2;
        }
        return near(mid);
    }

    private Entity entity(Topic topic, EntityNameSource.Name name) {
        // Most entities appear in one to three chunks, a few in up to eight.
        int appearances = 1;
        while (appearances < 8 && random.nextInt(100) < 45) {
            appearances++;
        }
        int[] chunks = random.ints(0, CHUNKS_PER_TOPIC)
                .distinct()
                .limit(appearances)
                .map(c -> topic.id() * CHUNKS_PER_TOPIC + c)
                .toArray();
        int id = entities.size();
        for (int chunk : chunks) {
            mentions.get(chunk).add(id);
        }
        StringBuilder description = new StringBuilder();
        for (int i = 0; i < Math.min(3, appearances); i++) {
            description.append(i == 0 ? "" : " ").append(sentenceAbout(name.display(), topic.words()));
        }
        return new Entity(
                id,
                topic.id(),
                name.display(),
                name.key(),
                name.type(),
                description.toString(),
                near(topic.centroid()),
                chunks);
    }

    private Relation relation(Entity a, Entity b, String key) {
        // Stored as the key orders them, source first.
        Entity source = a.key().compareTo(b.key()) <= 0 ? a : b;
        Entity target = source == a ? b : a;
        List<String> words = topics.get(source.topic()).words();
        int[] chunks = random.ints(0, source.chunks().length)
                .distinct()
                .limit(Math.min(source.chunks().length, 1 + random.nextInt(2)))
                .map(i -> source.chunks()[i])
                .toArray();
        double weight = 0;
        for (int chunk : chunks) {
            mentions.get(chunk).add(target.id());
            weight += 1 + random.nextInt(10);
        }
        String keywords = "%s %s, %s, %s %s"
                .formatted(
                        pick(random, words),
                        pick(random, words),
                        pick(random, VERBS),
                        pick(random, ADJECTIVES),
                        pick(random, words));
        String description = "%s %s %s: the %s %s goes from one to the other whenever the %s is %s."
                .formatted(
                        source.name(),
                        thirdPerson(pick(random, VERBS)),
                        target.name(),
                        pick(random, words),
                        pick(random, NOUNS),
                        pick(random, words),
                        pick(random, ADJECTIVES));
        return new Relation(source, target, key, keywords, description, weight, chunks);
    }

    private String sentenceAbout(String name, List<String> words) {
        return switch (random.nextInt(3)) {
            case 0 ->
                "%s %s the %s %s and keeps them %s."
                        .formatted(
                                name,
                                thirdPerson(pick(random, VERBS)),
                                pick(random, words),
                                pick(random, NOUNS) + "s",
                                pick(random, ADJECTIVES));
            case 1 ->
                "%s is where the %s %s %s every %s before the %s %s."
                        .formatted(
                                name,
                                pick(random, words),
                                pick(random, words),
                                thirdPerson(pick(random, VERBS)),
                                pick(random, NOUNS),
                                pick(random, words),
                                thirdPerson(pick(random, VERBS)));
            default ->
                "When the %s is %s, %s %s the %s %s."
                        .formatted(
                                pick(random, words),
                                pick(random, ADJECTIVES),
                                name,
                                thirdPerson(pick(random, VERBS)),
                                pick(random, NOUNS),
                                pick(random, words));
        };
    }

    // Popular entities (low ranks) take part in many relations: hubs, as in real graphs.
    private Entity popular(int topic) {
        double u = random.nextDouble();
        return entities.get(topic * ENTITIES_PER_TOPIC + (int) (ENTITIES_PER_TOPIC * u * u));
    }

    private List<String> distinctWords(int count) {
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < count) {
            words.add(pick(random, NOUNS));
        }
        return List.copyOf(words);
    }
}
