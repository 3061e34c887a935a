package dev.hybridrag.core;

import dev.hybridrag.core.chunk.MarkdownChunker;
import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.OfflineEmbedder;
import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.extract.llm.ExtractionPrompt;
import dev.hybridrag.core.extract.llm.LlmChunkExtractor;
import dev.hybridrag.core.extract.offline.HeuristicExtractor;
import dev.hybridrag.core.llm.ChatModel;
import dev.hybridrag.core.llm.OpenAiChatModel;
import dev.hybridrag.core.llm.OpenAiEmbedder;
import dev.hybridrag.core.llm.ResilientChatModel;
import dev.hybridrag.core.llm.ResilientEmbedder;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models each tenant uses, built on first use and kept: its chunker, its embedder and its entity extractor.
 * The offline models are loaded once per process and shared, since they hold hundreds of megabytes.
 */
public final class TenantModels {

    private final Clock clock;
    private final Map<String, Embedder> embedders = new ConcurrentHashMap<>();
    private final Map<String, ChunkExtractor> extractors = new ConcurrentHashMap<>();
    private final Map<String, ChatModel> chatModels = new ConcurrentHashMap<>();
    private volatile OfflineEmbedder offlineEmbedder;
    private volatile HeuristicExtractor heuristicExtractor;

    public TenantModels(Clock clock) {
        this.clock = clock;
    }

    public MarkdownChunker chunker(TenantConfig tenant) {
        ModelSettings models = tenant.models();
        return new MarkdownChunker(new TokenCounter(), models.chunkTokens(), models.chunkOverlapTokens());
    }

    public Embedder embedder(TenantConfig tenant) {
        return embedders.computeIfAbsent(tenant.id().value(), id -> {
            ModelSettings models = tenant.models();
            if (models.embedding().isOffline()) {
                return offlineEmbedder();
            }
            return new ResilientEmbedder(
                    new OpenAiEmbedder(models.embedding(), models.limits()), models.limits(), clock, new Random());
        });
    }

    public ChunkExtractor extractor(TenantConfig tenant) {
        return extractors.computeIfAbsent(tenant.id().value(), id -> {
            ModelSettings models = tenant.models();
            if (models.chat().isOffline()) {
                return heuristicExtractor();
            }
            return new LlmChunkExtractor(
                    chatModel(tenant), new ExtractionPrompt(models.entityTypes()), models.gleaningPasses());
        });
    }

    /** The tenant's chat model behind retries, rate limits, a bulkhead, a circuit breaker and the spend guard. */
    public ChatModel chatModel(TenantConfig tenant) {
        return chatModels.computeIfAbsent(tenant.id().value(), id -> {
            ModelSettings models = tenant.models();
            return new ResilientChatModel(
                    new OpenAiChatModel(models.chat(), models.limits()), models.limits(), clock, new Random());
        });
    }

    /** How many of the tenant's chunks may be extracted at once in this process. */
    public int extractionConcurrency(TenantConfig tenant) {
        return tenant.models().chat().isOffline()
                ? Runtime.getRuntime().availableProcessors()
                : tenant.models().limits().maxConcurrentCalls();
    }

    private OfflineEmbedder offlineEmbedder() {
        if (offlineEmbedder == null) {
            synchronized (this) {
                if (offlineEmbedder == null) {
                    offlineEmbedder = new OfflineEmbedder();
                }
            }
        }
        return offlineEmbedder;
    }

    /** The offline extractor, shared: also what finds the names in a query when no LLM is configured. */
    public HeuristicExtractor heuristicExtractor() {
        if (heuristicExtractor == null) {
            synchronized (this) {
                if (heuristicExtractor == null) {
                    heuristicExtractor = new HeuristicExtractor();
                }
            }
        }
        return heuristicExtractor;
    }
}
