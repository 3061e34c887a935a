package dev.hybridrag.core.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;

/**
 * bge-small-en-v1.5, quantised, run in-process by onnxruntime: no key, no network. The weights ship inside a
 * Maven Central jar. Text longer than the model's 512 word-pieces is embedded as windows and averaged.
 */
public final class OfflineEmbedder implements Embedder {

    public static final String MODEL = "bge-small-en-v1.5-q";
    // BGE's recommended instruction for short retrieval queries; passages are embedded as they are.
    private static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private final BgeSmallEnV15QuantizedEmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of(); // the ONNX model refuses an empty batch
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream()
                .map(Embedding::vector)
                .toList();
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(List.of(QUERY_INSTRUCTION + query)).getFirst();
    }
}
