package dev.hybridrag.core.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The default, offline embedder keeps the embedder contract. */
class OfflineEmbedderTest extends EmbedderContract {

    // About a second to load the model: once for the class.
    private static final OfflineEmbedder EMBEDDER = new OfflineEmbedder();

    @Override
    protected Embedder embedder() {
        return EMBEDDER;
    }

    /**
     * The model reads 512 word-pieces at a time; a longer text is embedded in windows and averaged, so what stands
     * past the first window still moves the vector (a cut text would embed the same with or without its end).
     */
    @Test
    void textPastTheModelsWindowStillCountsInTheVector() {
        String opening = "The watcher publishes file changes to Kafka and the indexer writes them. ".repeat(60);
        String ending = "Bun init created the command line tool with commander for parsing arguments. ".repeat(20);
        List<float[]> vectors = EMBEDDER.embed(List.of(opening, opening + ending, ending));

        double withoutEnding = cosine(vectors.get(1), vectors.get(0));
        assertThat(withoutEnding)
                .as("the ending changes the long text's vector")
                .isLessThan(0.99);
        assertThat(cosine(vectors.get(1), vectors.get(2)))
                .as("the long text moved towards its ending")
                .isGreaterThan(cosine(vectors.get(0), vectors.get(2)));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return dot / Math.sqrt(normA * normB);
    }
}
