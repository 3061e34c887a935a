package dev.hybridrag.core;

import dev.hybridrag.core.chunk.MarkdownChunker;
import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.EmbeddingMismatchException;
import dev.hybridrag.core.embed.EmbeddingModel;
import dev.hybridrag.core.embed.OfflineEmbedder;
import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.extract.llm.ExtractionPrompt;
import dev.hybridrag.core.extract.llm.LlmChunkExtractor;
import dev.hybridrag.core.extract.offline.HeuristicExtractor;
import dev.hybridrag.core.llm.CallGuard;
import dev.hybridrag.core.llm.ChatModel;
import dev.hybridrag.core.llm.HttpReranker;
import dev.hybridrag.core.llm.InMemorySpendLedger;
import dev.hybridrag.core.llm.LlmOperation;
import dev.hybridrag.core.llm.OpenAiChatModel;
import dev.hybridrag.core.llm.OpenAiEmbedder;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.llm.Reranker;
import dev.hybridrag.core.llm.ResilientChatModel;
import dev.hybridrag.core.llm.ResilientEmbedder;
import dev.hybridrag.core.llm.ResilientReranker;
import dev.hybridrag.core.llm.SpendLedger;
import dev.hybridrag.core.llm.TenantBudget;
import dev.hybridrag.core.llm.UsageObserver;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The models each tenant uses, built on first use and kept: its chunker, its embedder and its entity extractor.
 * The offline models are loaded once per process and shared, since they hold hundreds of megabytes. A tenant's
 * calls to one provider go through one {@link CallGuard} (chat and embeddings, every operation), and all its guards
 * draw on one {@link TenantBudget} kept in the tenant's spend ledger.
 */
public final class TenantModels {

    private final Clock clock;
    private final Function<TenantConfig, SpendLedger> ledgers;
    private final UsageObserver observer;
    private final Map<String, TenantBudget> budgets = new ConcurrentHashMap<>();
    private final Map<String, CallGuard> guards = new ConcurrentHashMap<>();
    private final Map<String, Embedder> embedders = new ConcurrentHashMap<>();
    private final Map<String, Embedder> previousEmbedders = new ConcurrentHashMap<>();
    private final Map<String, ChunkExtractor> extractors = new ConcurrentHashMap<>();
    private final Map<String, ResilientChatModel> chatModels = new ConcurrentHashMap<>();
    private final Map<String, Reranker> rerankers = new ConcurrentHashMap<>();
    private volatile OfflineEmbedder offlineEmbedder;
    private volatile HeuristicExtractor heuristicExtractor;

    /** Budgets held in this process's memory only: for tests. */
    public TenantModels(Clock clock) {
        this(clock, tenant -> new InMemorySpendLedger(), UsageObserver.NONE);
    }

    /**
     * @param ledgers each tenant's durable spend ledger, asked once per tenant
     * @param observer told about every provider call, for metrics
     */
    public TenantModels(Clock clock, Function<TenantConfig, SpendLedger> ledgers, UsageObserver observer) {
        this.clock = clock;
        this.ledgers = ledgers;
        this.observer = observer;
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
                    new OpenAiEmbedder(models.embedding(), models.limits().timeout()),
                    guard(tenant, models.embedding()));
        });
    }

    /**
     * The model the tenant's configuration embeds with. The offline model is known without loading it; a provider
     * whose dimension is not configured is asked once.
     */
    public EmbeddingModel configuredEmbedding(TenantConfig tenant) {
        ProviderSettings settings = tenant.models().embedding();
        return settings.isOffline() ? EmbeddingModel.offline() : EmbeddingModel.of(settings, embedder(tenant));
    }

    /**
     * An embedder for questions over vectors stored in {@code stored}, which may be a model the tenant used before
     * (re-embedding into the configured one is under way): the tenant's own embedder when it is that model, the
     * offline model, or the recorded provider settings with the tenant's key when the provider and address are the
     * same (a key-less server such as Ollama needs none).
     *
     * @throws EmbeddingMismatchException when the stored model cannot be reached with what this process knows
     */
    public Embedder embedder(TenantConfig tenant, EmbeddingModel stored) {
        Embedder configured = embedder(tenant);
        if (configured.model().equals(stored.model())) {
            return configured;
        }
        if (stored.isOffline() && stored.model().equals(OfflineEmbedder.MODEL)) {
            return offlineEmbedder();
        }
        ProviderSettings current = tenant.models().embedding();
        boolean keyless =
                stored.provider().equals("ollama") || stored.provider().equals("compatible");
        if (!stored.sameEndpoint(current) && !keyless) {
            throw new EmbeddingMismatchException("tenant " + tenant.id() + ": its vectors are still in "
                    + stored.describe() + " from provider " + stored.provider() + " until the indexer has re-embedded"
                    + " them into the configured model, and this process has no key for that provider to embed the"
                    + " question with. Queries work again when re-embedding completes (see `hybridrag tenant"
                    + " stats`).");
        }
        ModelSettings models = tenant.models();
        String apiKey = stored.sameEndpoint(current) ? current.apiKey() : "";
        return previousEmbedders.computeIfAbsent(
                tenant.id().value() + "\u001f" + stored,
                id -> new ResilientEmbedder(
                        new OpenAiEmbedder(
                                stored.settings(apiKey), models.limits().timeout()),
                        guard(tenant, stored.settings(apiKey))));
    }

    public ChunkExtractor extractor(TenantConfig tenant) {
        return extractors.computeIfAbsent(tenant.id().value(), id -> {
            ModelSettings models = tenant.models();
            if (models.chat().isOffline()) {
                return heuristicExtractor();
            }
            return new LlmChunkExtractor(
                    chatModel(tenant, LlmOperation.EXTRACT),
                    chatModel(tenant, LlmOperation.GLEAN),
                    new ExtractionPrompt(models.entityTypes()),
                    models.gleaningPasses());
        });
    }

    /**
     * The tenant's chat model behind its provider's guard (retries, rate limits, bulkhead, circuit breaker, budget),
     * its calls written down as {@code operation}.
     */
    public ChatModel chatModel(TenantConfig tenant, LlmOperation operation) {
        return chatModels
                .computeIfAbsent(tenant.id().value(), id -> {
                    ModelSettings models = tenant.models();
                    return new ResilientChatModel(
                            new OpenAiChatModel(models.chat(), models.limits().timeout()),
                            guard(tenant, models.chat()));
                })
                .forOperation(operation);
    }

    /** The tenant's budget: today's fleet-wide spend and its limit. */
    public TenantBudget budget(TenantConfig tenant) {
        return budgets.computeIfAbsent(tenant.id().value(), id -> {
            var limits = tenant.models().limits();
            return new TenantBudget(
                    id, limits.dailyBudgetUsd(), limits.prices(), ledgers.apply(tenant), clock, observer);
        });
    }

    /**
     * The tenant's reranker, when it configures one, behind the same protection as its chat and embedding calls
     * (retries, rate limits, bulkhead, circuit breaker, daily budget).
     */
    public Optional<Reranker> reranker(TenantConfig tenant) {
        ProviderSettings settings = tenant.models().rerank();
        if (settings.isOffline()) {
            return Optional.empty();
        }
        return Optional.of(rerankers.computeIfAbsent(
                tenant.id().value(),
                id -> new ResilientReranker(
                        new HttpReranker(settings, tenant.models().limits()), guard(tenant, settings))));
    }

    // One guard per tenant and provider endpoint: chat and embeddings on one provider share its limits.
    private CallGuard guard(TenantConfig tenant, ProviderSettings provider) {
        String key = tenant.id().value() + "\u001f" + provider.provider() + "\u001f" + provider.baseUrl();
        return guards.computeIfAbsent(key, k -> {
            CallGuard guard = new CallGuard(
                    tenant.id().value() + "-" + provider.provider(),
                    tenant.models().limits(),
                    budget(tenant),
                    clock,
                    new Random());
            // Only where the process exposes metrics: the global registry would otherwise just hold on to the guard.
            if (!Metrics.globalRegistry.getRegistries().isEmpty()) {
                guard.publishMetrics(Metrics.globalRegistry);
            }
            return guard;
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

    /**
     * Loads the tenant's offline models and runs the embedder once (onnxruntime builds its session on first use),
     * so that the first document or query after a start does not wait for it: seconds on a busy machine.
     */
    public void warmUp(TenantConfig tenant) {
        if (tenant.models().embedding().isOffline()) {
            offlineEmbedder().embed(List.of("warm-up"));
        }
        if (tenant.models().chat().isOffline()) {
            heuristicExtractor();
        }
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
