package dev.hybridrag.core.embed;

import java.util.List;

/** Turns text into vectors. Implementations are thread-safe. */
public interface Embedder {

    /** Identifies the model; vectors of different models are never compared. */
    String model();

    int dimension();

    /** One unit-length vector per text, in order. */
    List<float[]> embed(List<String> texts);

    /** The vector to search with; some models want queries phrased differently from passages. */
    default float[] embedQuery(String query) {
        return embed(List.of(query)).getFirst();
    }
}
