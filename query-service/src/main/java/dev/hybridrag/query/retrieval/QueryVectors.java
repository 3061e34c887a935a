package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.embed.Embedder;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vectors one query searches with. Each text is embedded once, even when searches running side by side ask
 * for it at the same time: offline, the high-level keywords are the question itself, which the chunk search embeds
 * too, and an embedding costs more than any of the searches.
 */
final class QueryVectors {

    private final Embedder embedder;
    private final Map<String, CompletableFuture<float[]>> vectors = new ConcurrentHashMap<>();

    QueryVectors(Embedder embedder) {
        this.embedder = embedder;
    }

    float[] of(String text) {
        CompletableFuture<float[]> mine = new CompletableFuture<>();
        CompletableFuture<float[]> first = vectors.putIfAbsent(text, mine);
        if (first != null) {
            return first.join();
        }
        try {
            float[] vector = embedder.embedQuery(text);
            mine.complete(vector);
            return vector;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
