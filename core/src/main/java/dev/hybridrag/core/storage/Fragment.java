package dev.hybridrag.core.storage;

/** One stored fact: an entity or relation as one chunk of one document states it. */
public record Fragment(
        String path,
        String chunkId,
        String name,
        String target,
        String type,
        String description,
        String keywords,
        double weight) {}
