package dev.hybridrag.query;

import java.util.List;

/** The answer to a query, with the sources its context came from. */
public record QueryResponse(String answer, String mode, List<Reference> references, Context context) {

    /** A source file, numbered as the answer cites it, with the chunks of it that were used. */
    public record Reference(int referenceId, String filePath, String chunkId, double score, List<String> chunkIds) {}

    /** A retrieved chunk as it entered the context. */
    public record ContextChunk(int referenceId, String filePath, String chunkId, double score, String content) {}

    public record ContextEntity(String name, String type, String description, double score) {}

    public record ContextRelation(String source, String target, String keywords, String description, double score) {}

    public record Context(
            List<ContextEntity> entities,
            List<ContextRelation> relations,
            List<ContextChunk> chunks,
            List<String> highLevelKeywords,
            List<String> lowLevelKeywords,
            int tokens) {}
}
