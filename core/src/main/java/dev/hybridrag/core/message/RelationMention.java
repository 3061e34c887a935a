package dev.hybridrag.core.message;

/** A relation as one chunk states it (a fragment of the graph). */
public record RelationMention(
        String chunkId, String source, String target, String keywords, String description, double weight) {}
