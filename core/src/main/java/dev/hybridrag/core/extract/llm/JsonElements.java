package dev.hybridrag.core.extract.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the elements of a JSON answer into facts, accepting the field names models commonly choose. */
final class JsonElements {

    /** The array an element came from, which says what it is; UNKNOWN for a bare top-level array. */
    enum Section {
        ENTITIES,
        RELATIONS,
        KEYWORDS,
        UNKNOWN;

        static Section of(String fieldName) {
            return switch (fieldName) {
                case "entities", "entity", "nodes", "entity_list" -> ENTITIES;
                case "relationships", "relationship", "relations", "relation", "edges", "links" -> RELATIONS;
                case "content_keywords", "keywords", "high_level_keywords", "contentkeywords" -> KEYWORDS;
                default -> UNKNOWN;
            };
        }
    }

    private static final Set<String> RECORD_KINDS = Set.of("entity", "node", "relationship", "relation", "edge");

    private final FactSet facts;
    private int recognised;

    JsonElements(FactSet facts) {
        this.facts = facts;
    }

    /** Sections and elements that were recognised: zero means this JSON is not an extraction answer. */
    int recognised() {
        return recognised;
    }

    void sectionFound() {
        recognised++;
    }

    void drop() {
        facts.drop();
    }

    void keywords(String list) {
        recognised++;
        facts.keywords(list);
    }

    void scalar(Section section, String text) {
        switch (section) {
            case KEYWORDS -> keywords(text);
            case ENTITIES -> {
                recognised++;
                facts.entity(text, "", "");
            }
            default -> {}
        }
    }

    void element(Section section, JsonNode node) {
        if (node.isArray()) {
            tuple(section, texts(node));
        } else if (section == Section.KEYWORDS) {
            keywords(node.toString());
        } else {
            Map<String, JsonNode> fields = new HashMap<>();
            node.properties().forEach(e -> fields.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
            object(section, fields);
        }
    }

    /** An element written as a tuple, {@code ["entity", "Kafka", "technology", "..."]}, with or without its tag. */
    private void tuple(Section section, List<String> fields) {
        Optional<RecordFields.Kind> tagged =
                fields.isEmpty() ? Optional.empty() : RecordFields.kindOf(fields.getFirst());
        List<String> withTag = new ArrayList<>(fields);
        RecordFields.Kind kind = tagged.orElse(
                switch (section) {
                    case ENTITIES -> RecordFields.Kind.ENTITY;
                    case RELATIONS -> RecordFields.Kind.RELATION;
                    case KEYWORDS -> RecordFields.Kind.KEYWORDS;
                    case UNKNOWN -> null;
                });
        if (kind == null) {
            facts.drop();
            return;
        }
        if (tagged.isEmpty()) {
            withTag.addFirst(kind == RecordFields.Kind.RELATION ? "relationship" : kind.name());
        }
        recognised++;
        RecordFields.apply(kind, withTag, facts);
    }

    private void object(Section section, Map<String, JsonNode> fields) {
        String recordType = text(fields, "record_type", "kind", "type").toLowerCase(Locale.ROOT);
        boolean relation = section == Section.RELATIONS
                || (section == Section.UNKNOWN
                        && (recordType.startsWith("relation")
                                || recordType.equals("edge")
                                || has(fields, "source", "src", "src_id", "from")));
        boolean entity = !relation
                && (section == Section.ENTITIES || has(fields, "name", "entity_name", "entity", "title", "id"));
        if (relation) {
            recognised++;
            facts.relation(
                    text(fields, "source", "src", "src_id", "source_entity", "from", "head", "subject"),
                    text(fields, "target", "tgt", "tgt_id", "target_entity", "to", "tail", "object"),
                    text(fields, "keywords", "relationship_keywords", "label"),
                    text(fields, "description", "relationship_description", "desc", "summary"),
                    RecordFields.strength(text(fields, "strength", "relationship_strength", "weight", "score")));
        } else if (entity) {
            recognised++;
            // "type" names the record kind in some answers ({"type": "entity", "entity_type": "technology"}).
            String type = RECORD_KINDS.contains(recordType) ? "" : text(fields, "type");
            facts.entity(
                    text(fields, "name", "entity_name", "entity", "title", "id"),
                    text(fields, "entity_type", "category", "label").isEmpty()
                            ? type
                            : text(fields, "entity_type", "category", "label"),
                    text(fields, "description", "entity_description", "desc", "summary"));
        } else {
            facts.drop();
        }
    }

    private static boolean has(Map<String, JsonNode> fields, String... names) {
        return !text(fields, names).isEmpty();
    }

    /** The first named field that has a value, as text; arrays are joined with commas (keywords). */
    private static String text(Map<String, JsonNode> fields, String... names) {
        for (String name : names) {
            JsonNode value = fields.get(name);
            if (value != null && !value.isNull()) {
                String text = value.isArray() ? String.join(", ", texts(value)) : value.asText("");
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.isValueNode() ? node.asText() : node.toString()));
        return texts;
    }
}
