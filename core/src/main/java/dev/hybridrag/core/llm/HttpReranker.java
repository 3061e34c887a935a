package dev.hybridrag.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridrag.core.llm.OpenAiHttp.Endpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rerank API Cohere and Jina define and vLLM, Infinity and TEI serve: {@code POST {base}/rerank} with the model,
 * the query and the documents; the answer lists {@code {index, relevance_score}} per document. Errors, timeouts and
 * Retry-After are read as for chat and embeddings ({@link OpenAiHttp}).
 */
public final class HttpReranker implements Reranker {

    private final ProviderSettings settings;
    private final OpenAiHttp http;

    public HttpReranker(ProviderSettings settings, CallLimits limits) {
        this.settings = settings;
        this.http = new OpenAiHttp(settings, limits.timeout(), Clock.systemUTC());
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public List<Double> relevance(String query, List<String> documents) throws LlmException {
        if (documents.isEmpty()) {
            return List.of();
        }
        ObjectNode body = OpenAiHttp.JSON.createObjectNode();
        body.put("model", settings.model());
        body.put("query", query);
        documents.forEach(body.putArray("documents")::add);
        body.put("top_n", documents.size());
        JsonNode results = http.post(Endpoint.RERANK, body).path("results");
        if (!results.isArray()) {
            throw http.malformed(Endpoint.RERANK, "no results array");
        }
        List<Double> scores = new ArrayList<>(Collections.nCopies(documents.size(), Double.NEGATIVE_INFINITY));
        for (JsonNode result : results) {
            int index = result.path("index").asInt(-1);
            JsonNode score = result.path("relevance_score");
            if (index < 0 || index >= documents.size() || !score.isNumber()) {
                throw http.malformed(Endpoint.RERANK, "a result without a valid index and relevance_score");
            }
            scores.set(index, score.asDouble());
        }
        return scores;
    }

    @Override
    public String toString() {
        return "HttpReranker[" + settings + "]";
    }
}
