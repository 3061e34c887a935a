package dev.hybridrag.core.chunk;

/** A piece of a document. The id is a hash of the content, so unchanged text keeps its id across versions. */
public record Chunk(String id, int index, String content, int tokens) {}
