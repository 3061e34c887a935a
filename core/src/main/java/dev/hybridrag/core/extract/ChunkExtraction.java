package dev.hybridrag.core.extract;

import java.util.List;

/**
 * What an extractor found in one chunk. {@code droppedRecords} counts the records that could not be parsed and were
 * dropped one by one (the rest of the chunk's records are kept).
 */
public record ChunkExtraction(
        List<ExtractedEntity> entities, List<ExtractedRelation> relations, List<String> keywords, int droppedRecords) {

    public ChunkExtraction {
        entities = List.copyOf(entities);
        relations = List.copyOf(relations);
        keywords = List.copyOf(keywords);
    }

    public static ChunkExtraction empty() {
        return new ChunkExtraction(List.of(), List.of(), List.of(), 0);
    }
}
