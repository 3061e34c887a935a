package dev.hybridrag.core.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * bge-small-en-v1.5, quantised, run in-process by onnxruntime ({@link BgeSmallModel}): no key, no network. The
 * weights ship inside a Maven Central jar. Text longer than the model's 512 word-pieces is embedded as windows
 * ({@link ModelWindows}) whose vectors are averaged, weighted by their word-pieces, and normalised again.
 */
public final class OfflineEmbedder implements Embedder {

    public static final String MODEL = "bge-small-en-v1.5-q";
    // BGE's recommended instruction for short retrieval queries; passages are embedded as they are.
    private static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private final BgeSmallModel model = new BgeSmallModel();
    private final ModelWindows windows = new ModelWindows(BgeSmallModel.TOKENIZER);

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
        List<List<ModelWindows.Window>> perText =
                texts.stream().map(windows::of).toList();
        List<TextSegment> segments = perText.stream()
                .flatMap(List::stream)
                .map(window -> TextSegment.from(window.text()))
                .toList();
        List<Embedding> vectors = model.embedAll(segments).content();
        List<float[]> result = new ArrayList<>(texts.size());
        int next = 0;
        for (List<ModelWindows.Window> textWindows : perText) {
            result.add(average(textWindows, vectors.subList(next, next + textWindows.size())));
            next += textWindows.size();
        }
        return result;
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(List.of(QUERY_INSTRUCTION + query)).getFirst();
    }

    private float[] average(List<ModelWindows.Window> textWindows, List<Embedding> vectors) {
        if (vectors.size() == 1) {
            return vectors.getFirst().vector();
        }
        float[] sum = new float[dimension()];
        for (int i = 0; i < vectors.size(); i++) {
            float[] vector = vectors.get(i).vector();
            int weight = textWindows.get(i).wordPieces();
            for (int d = 0; d < sum.length; d++) {
                sum[d] += weight * vector[d];
            }
        }
        double norm = 0;
        for (float value : sum) {
            norm += value * value;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < sum.length; d++) {
            sum[d] *= scale;
        }
        return sum;
    }
}
