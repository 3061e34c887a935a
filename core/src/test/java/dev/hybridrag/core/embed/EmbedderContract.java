package dev.hybridrag.core.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Embedder} promises, run by each implementation's own test (as LangChain4j's store contracts
 * are): one unit-length vector of the model's dimension per text, in order, whatever else is in the batch; different
 * texts get different vectors; no texts, no vectors; a query in the same dimension.
 */
public abstract class EmbedderContract {

    private static final List<String> TEXTS = List.of(
            "Kafka carries the file events from the watcher.",
            "PostgreSQL keeps the chunks and their vectors.",
            "The indexer rebuilds the graph from its fragments.");

    /** The embedder under test; may be made once for all tests. */
    protected abstract Embedder embedder();

    @Test
    void eachTextGetsOneUnitVectorOfTheModelsDimensionInOrder() {
        Embedder embedder = embedder();
        List<float[]> vectors = embedder.embed(TEXTS);

        assertThat(embedder.model()).isNotBlank();
        assertThat(embedder.dimension()).isPositive();
        assertThat(vectors).hasSize(TEXTS.size());
        for (float[] vector : vectors) {
            assertThat(vector).hasSize(embedder.dimension());
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-3));
        }
        assertThat(cosine(vectors.get(1), embedder.embed(List.of(TEXTS.get(1))).getFirst()))
                .as("a text's vector does not depend on its neighbours in the batch")
                .isCloseTo(1.0, within(1e-4));
    }

    @Test
    void differentTextsGetDifferentVectors() {
        List<float[]> vectors = embedder().embed(TEXTS);

        assertThat(cosine(vectors.get(0), vectors.get(1))).isLessThan(0.999);
        assertThat(cosine(vectors.get(1), vectors.get(2))).isLessThan(0.999);
    }

    @Test
    void noTextsGetNoVectors() {
        assertThat(embedder().embed(List.of())).isEmpty();
    }

    @Test
    void aQueryIsEmbeddedInTheModelsDimension() {
        Embedder embedder = embedder();
        float[] query = embedder.embedQuery("Which component carries the file events?");

        assertThat(query).hasSize(embedder.dimension());
        assertThat(norm(query)).isCloseTo(1.0, within(1e-3));
    }

    private static double norm(float[] vector) {
        return Math.sqrt(dot(vector, vector));
    }

    private static double cosine(float[] a, float[] b) {
        return dot(a, b) / (norm(a) * norm(b));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
