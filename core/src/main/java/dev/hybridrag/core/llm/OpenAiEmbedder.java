package dev.hybridrag.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.llm.LlmException.Kind;
import dev.hybridrag.core.llm.OpenAiHttp.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Embeddings from OpenAI, Azure OpenAI, Ollama or any OpenAI-compatible server: one HTTP request per call, no
 * retries. {@link ResilientEmbedder} adds the protection and splits long lists into batches.
 */
public final class OpenAiEmbedder implements Embedder {

    private static final String DIMENSION_PROBE = "dimension probe";

    private final OpenAiHttp http;
    private volatile int dimension;

    /** @param requestTimeout per HTTP request, usually {@link CallLimits#timeout()} */
    public OpenAiEmbedder(ProviderSettings settings, Duration requestTimeout) {
        this(settings, requestTimeout, Clock.systemUTC());
    }

    /** @param clock reads HTTP-date Retry-After headers */
    public OpenAiEmbedder(ProviderSettings settings, Duration requestTimeout, Clock clock) {
        this.http = new OpenAiHttp(settings, requestTimeout, clock);
        this.dimension = settings.dimension();
    }

    @Override
    public String model() {
        return http.settings().model();
    }

    /** The configured dimension, else the one learned from the first response (probing once if none came yet). */
    @Override
    public int dimension() {
        if (dimension == 0) {
            embed(List.of(DIMENSION_PROBE));
        }
        return dimension;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        try {
            return embedBatch(texts);
        } catch (LlmException e) {
            throw new EmbeddingFailedException(e);
        }
    }

    /** One request for all of {@code texts}; vectors come back in the order of the texts, scaled to unit length. */
    public List<float[]> embedBatch(List<String> texts) throws LlmException {
        if (texts.isEmpty()) {
            return List.of();
        }
        ObjectNode body = OpenAiHttp.JSON.createObjectNode();
        body.put("model", http.settings().model());
        ArrayNode input = body.putArray("input");
        texts.forEach(input::add);

        JsonNode data = http.post(Endpoint.EMBEDDINGS, body).path("data");
        if (!data.isArray() || data.size() != texts.size()) {
            throw http.malformed(Endpoint.EMBEDDINGS, data.size() + " embeddings for " + texts.size() + " inputs");
        }
        float[][] vectors = new float[texts.size()][];
        for (JsonNode item : data) {
            int index = item.path("index").asInt(-1);
            if (index < 0 || index >= vectors.length || vectors[index] != null) {
                throw http.malformed(Endpoint.EMBEDDINGS, "an embedding with a missing or repeated index");
            }
            vectors[index] = unitVector(item.path("embedding"));
            checkDimension(vectors[index].length);
        }
        return Arrays.asList(vectors);
    }

    private float[] unitVector(JsonNode embedding) throws LlmException {
        if (!embedding.isArray() || embedding.isEmpty()) {
            throw http.malformed(Endpoint.EMBEDDINGS, "an embedding that is not an array of numbers");
        }
        float[] vector = new float[embedding.size()];
        double squares = 0;
        for (int i = 0; i < vector.length; i++) {
            JsonNode value = embedding.get(i);
            if (!value.isNumber()) {
                throw http.malformed(Endpoint.EMBEDDINGS, "an embedding that is not an array of numbers");
            }
            vector[i] = value.floatValue();
            squares += (double) vector[i] * vector[i];
        }
        // OpenAI's vectors are unit length already; Ollama's and some others' are not.
        double norm = Math.sqrt(squares);
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) (vector[i] / norm);
            }
        }
        return vector;
    }

    private void checkDimension(int actual) throws LlmException {
        if (dimension == 0) {
            dimension = actual;
        } else if (actual != dimension) {
            // A configuration mistake, not a flaky response: retrying cannot help.
            throw new LlmException(
                    Kind.REJECTED,
                    http.describe() + " returned " + actual + "-dimensional vectors, expected " + dimension);
        }
    }

    @Override
    public String toString() {
        return "OpenAiEmbedder[" + http.settings() + "]";
    }
}
