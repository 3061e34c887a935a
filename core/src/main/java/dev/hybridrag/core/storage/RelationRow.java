package dev.hybridrag.core.storage;

import java.util.List;

/** A materialised relation between two entity keys, undirected for identity. */
public record RelationRow(
        String key,
        String source,
        String target,
        String sourceKey,
        String targetKey,
        String keywords,
        String description,
        double weight,
        int fragmentCount,
        List<String> sourceChunks,
        List<String> sourceFiles) {

    public RelationRow {
        sourceChunks = List.copyOf(sourceChunks);
        sourceFiles = List.copyOf(sourceFiles);
    }

    /** The text the relation's vector is computed from. */
    public String embeddingText() {
        return embeddingText(source, target, keywords, description);
    }

    /** The same text from a stored row's columns, for re-embedding. */
    public static String embeddingText(String source, String target, String keywords, String description) {
        return source + " - " + target + "\n" + keywords + "\n" + description;
    }
}
