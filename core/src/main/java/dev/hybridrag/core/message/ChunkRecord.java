package dev.hybridrag.core.message;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One chunk of a document version with its embedding and content keywords. {@code id} is a hash of the content.
 */
public record ChunkRecord(String id, int index, String content, int tokens, float[] embedding, List<String> keywords) {

    public ChunkRecord {
        Objects.requireNonNull(id, "chunk id");
        Objects.requireNonNull(content, "chunk content");
        embedding = embedding == null ? new float[0] : embedding;
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChunkRecord that
                && index == that.index
                && tokens == that.tokens
                && id.equals(that.id)
                && content.equals(that.content)
                && Arrays.equals(embedding, that.embedding)
                && keywords.equals(that.keywords);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, index, content, tokens, Arrays.hashCode(embedding), keywords);
    }

    @Override
    public String toString() {
        return "ChunkRecord[id=" + id + ", index=" + index + ", tokens=" + tokens + ", dim=" + embedding.length + "]";
    }
}
