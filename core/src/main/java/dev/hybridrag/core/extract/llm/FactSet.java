package dev.hybridrag.core.extract.llm;

import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.EntityNames;
import dev.hybridrag.core.extract.ExtractedEntity;
import dev.hybridrag.core.extract.ExtractedRelation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The entities, relations and keywords found in one chunk so far, with restatements merged: one entity per
 * {@link EntityNames#key}, one relation per unordered pair of keys (LightRAG's graph is undirected), distinct
 * descriptions joined by a line break, relation keywords united, the highest strength kept.
 */
final class FactSet {

    static final String OTHER_TYPE = "other";

    private final Map<String, Entity> entities = new LinkedHashMap<>();
    private final Map<String, Relation> relations = new LinkedHashMap<>();
    private final Phrases keywords = new Phrases();
    private int dropped;

    private static final class Entity {
        final String name;
        String type;
        final Descriptions descriptions = new Descriptions();

        Entity(String name, String type) {
            this.name = name;
            this.type = type;
        }
    }

    private static final class Relation {
        final String source;
        final String target;
        final Descriptions descriptions = new Descriptions();
        final Phrases keywords = new Phrases();
        double strength;

        Relation(String source, String target, double strength) {
            this.source = source;
            this.target = target;
            this.strength = strength;
        }
    }

    /** Adds or merges an entity; one without a name is dropped. */
    void entity(String rawName, String rawType, String description) {
        String name = EntityNames.display(rawName);
        String key = EntityNames.key(name);
        if (key.isEmpty()) {
            drop();
            return;
        }
        String type = normaliseType(rawType);
        Entity entity = entities.computeIfAbsent(key, k -> new Entity(name, type));
        if (entity.type.equals(OTHER_TYPE)) {
            entity.type = type;
        }
        entity.descriptions.add(description);
    }

    /** Adds or merges a relation; one missing an end, or from an entity to itself, is dropped. */
    void relation(String rawSource, String rawTarget, String keywordList, String description, double strength) {
        String source = EntityNames.display(rawSource);
        String target = EntityNames.display(rawTarget);
        String sourceKey = EntityNames.key(source);
        String targetKey = EntityNames.key(target);
        if (sourceKey.isEmpty() || targetKey.isEmpty() || sourceKey.equals(targetKey)) {
            drop();
            return;
        }
        String pair = sourceKey.compareTo(targetKey) < 0 ? sourceKey + "\n" + targetKey : targetKey + "\n" + sourceKey;
        Relation relation = relations.computeIfAbsent(pair, k -> new Relation(source, target, strength));
        relation.strength = Math.max(relation.strength, strength);
        relation.descriptions.add(description);
        relation.keywords.addList(keywordList);
    }

    void keywords(String keywordList) {
        keywords.addList(keywordList);
    }

    void drop() {
        dropped++;
    }

    /**
     * Adds what a gleaning pass found that is not known yet: entities and relations whose key is already here are
     * ignored, as the gleaning prompt asked for new records only. Returns whether any entity or relation was new.
     */
    boolean addNew(ChunkExtraction more) {
        int known = entities.size() + relations.size();
        for (ExtractedEntity entity : more.entities()) {
            if (!entities.containsKey(EntityNames.key(entity.name()))) {
                entity(entity.name(), entity.type(), entity.description());
            }
        }
        for (ExtractedRelation relation : more.relations()) {
            String a = EntityNames.key(relation.source());
            String b = EntityNames.key(relation.target());
            if (!relations.containsKey(a + "\n" + b) && !relations.containsKey(b + "\n" + a)) {
                relation(
                        relation.source(),
                        relation.target(),
                        relation.keywords(),
                        relation.description(),
                        relation.strength());
            }
        }
        more.keywords().forEach(keywords::addList);
        dropped += more.droppedRecords();
        return entities.size() + relations.size() > known;
    }

    ChunkExtraction toExtraction() {
        List<ExtractedEntity> entityList = new ArrayList<>();
        entities.values().forEach(e -> entityList.add(new ExtractedEntity(e.name, e.type, e.descriptions.joined())));
        List<ExtractedRelation> relationList = new ArrayList<>();
        for (Relation r : relations.values()) {
            relationList.add(new ExtractedRelation(
                    displayOf(r.source),
                    displayOf(r.target),
                    r.keywords.joined(),
                    r.descriptions.joined(),
                    r.strength));
        }
        return new ChunkExtraction(entityList, relationList, keywords.list(), dropped);
    }

    /** A relation end named like a listed entity shows the entity's spelling, so "kafka" reads as "Kafka". */
    private String displayOf(String name) {
        Entity entity = entities.get(EntityNames.key(name));
        return entity == null ? name : entity.name;
    }

    /**
     * Types outside the configured list are kept (lower-cased, spaces as underscores): a model's "library" or
     * "setting" says more than "other" would. Only a missing type becomes {@code other}.
     */
    static String normaliseType(String rawType) {
        String type = EntityNames.display(rawType).toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        return type.isEmpty() ? OTHER_TYPE : type;
    }
}
