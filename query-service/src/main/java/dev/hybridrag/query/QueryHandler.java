package dev.hybridrag.query;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.llm.LlmException;
import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.retrieval.ContextTokens;
import dev.hybridrag.query.retrieval.RetrievedContext;
import dev.hybridrag.query.retrieval.Retriever;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a query: retrieval in the requested mode, numbered references by source file, and an answer (the
 * tenant's LLM citing [n], or offline the most relevant passages).
 */
final class QueryHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryHandler.class);

    private final Infrastructure infra;
    private final Retriever retriever = new Retriever();
    private final ContextTokens tokens = new ContextTokens();

    QueryHandler(Infrastructure infra) {
        this.infra = infra;
    }

    QueryResponse answer(TenantConfig tenant, QueryRequest request) throws Exception {
        Embedder embedder = infra.models().embedder(tenant);
        RetrievedContext retrieved = retriever.retrieve(
                infra.dataSource(tenant),
                tenant.workspace(),
                embedder,
                infra.models().heuristicExtractor(),
                request.query(),
                request.options());
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Map<String, List<String>> chunkIdsByFile = new LinkedHashMap<>();
        Map<String, ScoredChunk> bestByFile = new LinkedHashMap<>();
        List<QueryResponse.ContextChunk> chunks = new ArrayList<>();
        for (ScoredChunk chunk : retrieved.chunks()) {
            int number = numbers.computeIfAbsent(chunk.path(), path -> numbers.size() + 1);
            chunkIdsByFile
                    .computeIfAbsent(chunk.path(), path -> new ArrayList<>())
                    .add(chunk.chunkId());
            bestByFile.putIfAbsent(chunk.path(), chunk);
            chunks.add(new QueryResponse.ContextChunk(
                    number, chunk.path(), chunk.chunkId(), round(chunk.score()), chunk.content()));
        }
        List<QueryResponse.Reference> references = new ArrayList<>();
        if (request.includeReferences()) {
            bestByFile.forEach((path, best) -> references.add(new QueryResponse.Reference(
                    numbers.get(path), path, best.chunkId(), round(best.score()), chunkIdsByFile.get(path))));
        }
        QueryResponse.Context context = new QueryResponse.Context(
                retrieved.entities().stream()
                        .map(e ->
                                new QueryResponse.ContextEntity(e.name(), e.type(), e.description(), round(e.score())))
                        .toList(),
                retrieved.relations().stream()
                        .map(r -> new QueryResponse.ContextRelation(
                                r.source(), r.target(), r.keywords(), r.description(), round(r.score())))
                        .toList(),
                chunks,
                retrieved.keywords().highLevel(),
                retrieved.keywords().lowLevel(),
                tokens.count(retrieved, request.query()));
        String answer = request.onlyNeedContext() ? "" : compose(tenant, request, context);
        return new QueryResponse(answer, request.mode(), references, context);
    }

    private String compose(TenantConfig tenant, QueryRequest request, QueryResponse.Context context) {
        boolean offline = tenant.models().chat().isOffline();
        if (request.mode().equals("bypass")) {
            if (offline) {
                return "Bypass mode sends the question straight to an LLM, and this tenant has none configured"
                        + " (offline). Use another mode, or configure a provider (docs/providers.md).";
            }
            try {
                return LlmAnswer.bypass(infra.models().chatModel(tenant), request.query());
            } catch (LlmException e) {
                return "The LLM could not answer: " + e.getMessage();
            }
        }
        if (!offline) {
            try {
                return LlmAnswer.fromContext(infra.models().chatModel(tenant), request.query(), context);
            } catch (LlmException e) {
                // The retrieved passages are still worth showing when the provider is down.
                log.warn("tenant {}: LLM answer failed, answering with passages: {}", tenant.id(), e.getMessage());
                return "(The LLM could not answer: " + e.getMessage() + ")\n\n"
                        + ExtractiveAnswer.compose(context.chunks());
            }
        }
        return ExtractiveAnswer.compose(context.chunks());
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
