package dev.hybridrag.core.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * bge-small-en-v1.5, quantised, run in-process by onnxruntime ({@link BgeSmallModel}): no key, no network. The
 * weights ship inside a Maven Central jar. Text longer than the model's 512 word-pieces is embedded as windows
 * ({@link ModelWindows}) whose vectors are averaged, weighted by their word-pieces, and normalised again.
 */
public final class OfflineEmbedder implements Embedder {

    public static final String MODEL = "bge-small-en-v1.5-q";
    // BGE's recommended instruction for short retrieval queries; passages are embedded as they are.
    private static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    /**
     * onnxruntime runs the model in native code, and a virtual thread in native code keeps its carrier for the whole
     * call: two questions' embeddings held both carriers of a two-core machine, and every other search of the query
     * (sent and waiting on PostgreSQL, needing a carrier only for moments) waited for them, its full-text searches
     * starting 12 ms late (docs/benchmarks/query-cpu.md). A virtual thread hands the model to these platform
     * threads, as many as the cores, and waits without holding a carrier.
     */
    private static final ExecutorService MODEL_THREADS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            Thread.ofPlatform().daemon().name("offline-embedder-", 0).factory());

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
        List<Embedding> vectors = onModelThread(() -> model.embedAll(segments).content());
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

    private static <T> T onModelThread(Supplier<T> work) {
        if (!Thread.currentThread().isVirtual()) {
            return work.get();
        }
        try {
            return MODEL_THREADS.submit(work::get).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the offline model embedded", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
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
