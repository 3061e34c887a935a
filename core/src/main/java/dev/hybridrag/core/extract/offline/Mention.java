package dev.hybridrag.core.extract.offline;

/**
 * One place a sentence names an entity: tokens {@code [start, end)}. {@code confidence} ranks how sure the pattern
 * that found it is (a gazetteer hit beats a lone capitalised word); mentions at {@link #WEAK} must recur in the
 * chunk to count. A {@code provisional} mention is a capitalised name where capitals prove nothing (a heading, a
 * sentence start): it counts only if the chunk also names it where they do.
 */
record Mention(String name, EntityType type, double confidence, int start, int end, boolean provisional) {

    static final double WEAK = 1.0;

    Mention(String name, EntityType type, double confidence, int start, int end) {
        this(name, type, confidence, start, end, false);
    }

    static Mention of(TechnicalName name, int start, int end) {
        return new Mention(name.name(), name.type(), name.confidence(), start, end);
    }
}
