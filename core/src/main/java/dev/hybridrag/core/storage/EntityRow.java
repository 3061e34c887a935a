package dev.hybridrag.core.storage;

import java.util.List;

/** A materialised entity: what its fragments say together, and the embedding of its name and description. */
public record EntityRow(
        String key,
        String name,
        String type,
        String description,
        double weight,
        int fragmentCount,
        List<String> sourceChunks,
        List<String> sourceFiles) {

    public EntityRow {
        sourceChunks = List.copyOf(sourceChunks);
        sourceFiles = List.copyOf(sourceFiles);
    }

    /** The text the entity's vector is computed from. */
    public String embeddingText() {
        return embeddingText(name, description);
    }

    /** The same text from a stored row's columns, for re-embedding. */
    public static String embeddingText(String name, String description) {
        return name + "\n" + description;
    }
}
