package dev.hybridrag.core.message;

/** An entity as one chunk mentions it (a fragment of the graph). */
public record EntityMention(String chunkId, String name, String type, String description) {}
