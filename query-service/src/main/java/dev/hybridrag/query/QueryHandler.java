package dev.hybridrag.query;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.embed.EmbeddingMismatchException;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.llm.ChatModel;
import dev.hybridrag.core.llm.LlmException;
import dev.hybridrag.core.llm.LlmOperation;
import dev.hybridrag.core.metrics.PipelineMeters;
import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.retrieval.ContextTokens;
import dev.hybridrag.query.retrieval.LlmKeywords;
import dev.hybridrag.query.retrieval.QueryKeywords;
import dev.hybridrag.query.retrieval.QuestionEmbedders;
import dev.hybridrag.query.retrieval.RetrievalSettings;
import dev.hybridrag.query.retrieval.RetrievedContext;
import dev.hybridrag.query.retrieval.Retriever;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a query: retrieval in the requested mode, numbered references by source file, and an answer (the
 * tenant's LLM citing [n], or offline sentences quoted from the most relevant passages).
 */
public final class QueryHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryHandler.class);

    private final Infrastructure infra;
    private final Retriever retriever;
    private final ContextTokens tokens = new ContextTokens();
    private final QuestionEmbedders embedders;

    public QueryHandler(Infrastructure infra) {
        this.infra = infra;
        this.retriever = new Retriever(RetrievalSettings.from(infra.environment()), infra.clock());
        this.embedders = new QuestionEmbedders(infra.models());
    }

    public QueryResponse answer(TenantConfig tenant, QueryRequest request) throws Exception {
        return answer(tenant, request, piece -> {});
    }

    /**
     * @param pieces receives the answer as it is written, when the request streams; the response's answer is their
     *     concatenation
     */
    public QueryResponse answer(TenantConfig tenant, QueryRequest request, Consumer<String> pieces) throws Exception {
        Timer.Sample answering = PipelineMeters.start();
        QueryResponse response = answerTimed(tenant, request, pieces);
        answering.stop(PipelineMeters.query(tenant.id().value(), request.mode()));
        return response;
    }

    private QueryResponse answerTimed(TenantConfig tenant, QueryRequest request, Consumer<String> pieces)
            throws Exception {
        RetrievedContext retrieved;
        try {
            retrieved = retrieve(tenant, request);
        } catch (EmbeddingMismatchException e) {
            // The tenant may have switched to a new model between reading its state and searching: look again.
            embedders.forget(tenant);
            retrieved = retrieve(tenant, request);
        }
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
        boolean bypass = request.mode().equals("bypass");
        List<ChatMessage> prompt = bypass
                ? LlmAnswer.bypass(request.query(), request.style())
                : LlmAnswer.fromContext(request.query(), context, request.style());
        String answer;
        if (request.onlyNeedContext()) {
            answer = "";
        } else if (request.onlyNeedPrompt()) {
            answer = LlmAnswer.render(prompt);
        } else {
            AnswerText text = new AnswerText(request.streamsAnswer() ? pieces : piece -> {});
            write(tenant, bypass, request.query(), prompt, context, text, request.streamsAnswer());
            answer = text.toString();
        }
        return new QueryResponse(answer, request.mode(), references, context);
    }

    private RetrievedContext retrieve(TenantConfig tenant, QueryRequest request) throws Exception {
        DataSource dataSource = infra.dataSource(tenant);
        return retriever.retrieve(
                dataSource,
                tenant.workspace(),
                embedders.forQuestion(tenant, dataSource),
                keywordSource(tenant),
                request.query(),
                request.options(),
                infra.models().reranker(tenant));
    }

    /**
     * The tenant's LLM writes the answer, streamed when asked; offline, a few sentences quoted from the most relevant
     * passages.
     */
    private void write(
            TenantConfig tenant,
            boolean bypass,
            String question,
            List<ChatMessage> prompt,
            QueryResponse.Context context,
            AnswerText text,
            boolean streaming) {
        if (tenant.models().chat().isOffline()) {
            if (bypass) {
                text.appendParagraphs("Bypass mode sends the question straight to an LLM, and this tenant has none"
                        + " configured (offline). Use another mode, or configure a provider (docs/providers.md).");
                return;
            }
            // Word by word, so a streaming client sees the answer arrive as it would from an LLM.
            String answer = ExtractiveAnswer.compose(
                    question, context, Optional.of(infra.models().embedder(tenant)));
            for (String word : answer.split("(?<= )")) {
                text.append(word);
            }
            return;
        }
        try {
            ChatModel chat = infra.models().chatModel(tenant, LlmOperation.ANSWER);
            if (streaming) {
                chat.stream(prompt, text::append);
            } else {
                text.append(chat.chat(prompt).content());
            }
        } catch (LlmException e) {
            log.warn("tenant {}: LLM answer failed: {}", tenant.id(), e.getMessage());
            if (!text.isEmpty()) {
                text.appendParagraphs("\n\n(The answer was cut short: " + e.getMessage() + ")");
            } else if (bypass) {
                text.appendParagraphs("The LLM could not answer: " + e.getMessage());
            } else {
                // The retrieved passages are still worth showing when the provider is down.
                text.appendParagraphs("(The LLM could not answer: " + e.getMessage() + ")\n\n"
                        + ExtractiveAnswer.compose(question, context, Optional.empty()));
            }
        }
    }

    /** The tenant's LLM finds the question's keywords when it has one; offline, the heuristic extractor does. */
    private QueryKeywords.Source keywordSource(TenantConfig tenant) {
        QueryKeywords.Source offline = QueryKeywords.offline(infra.models().heuristicExtractor());
        if (tenant.models().chat().isOffline()) {
            return offline;
        }
        return new LlmKeywords(
                infra.models().chatModel(tenant, LlmOperation.KEYWORDS),
                infra.dataSource(tenant),
                tenant.workspace(),
                offline);
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
