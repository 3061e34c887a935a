package dev.hybridrag.core.storage;

/** A chunk found by vector search, with its cosine similarity to the query. */
public record ScoredChunk(String path, String chunkId, String content, int tokens, double score) {}
