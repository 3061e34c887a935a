package dev.hybridrag.core.storage;

import dev.hybridrag.core.extract.EntityNames;

/** Identity of an entity or relation in a tenant's graph: what a fragment contributes to. */
public record GraphKey(Kind kind, String key) {

    public enum Kind {
        ENTITY,
        RELATION;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind fromLabel(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Separates the two entity keys of a relation key; never part of a normalised name. */
    public static final char SEPARATOR = '\u001f';

    public static GraphKey entity(String name) {
        return new GraphKey(Kind.ENTITY, EntityNames.key(name));
    }

    /** Relations are undirected for identity: the two names are ordered. */
    public static GraphKey relation(String source, String target) {
        String a = EntityNames.key(source);
        String b = EntityNames.key(target);
        return new GraphKey(Kind.RELATION, a.compareTo(b) <= 0 ? a + SEPARATOR + b : b + SEPARATOR + a);
    }
}
