package dev.hybridrag.core.tenant;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.llm.CallLimits;
import dev.hybridrag.core.llm.ModelPrices;
import dev.hybridrag.core.llm.ProviderSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tenant's models from the seeds' variables: Azure when AZURE_API_BASE (or AZURE_OPENAI_ENDPOINT) is set or a
 * model is named {@code azure/...}, any OpenAI-compatible
 * server when OPENAI_BASE_URL is set, OpenAI when only OPENAI_API_KEY is, otherwise offline. Every problem is
 * collected and reported at once.
 */
final class ModelSettingsFromEnvironment {

    private static final Set<String> PROVIDERS = Set.of("offline", "openai", "azure", "ollama", "compatible");
    private static final String OPENAI_URL = "https://api.openai.com/v1";
    private static final String AZURE_PREFIX = "azure/";
    private static final Set<String> RERANK_BINDINGS = Set.of("cohere", "jina", "compatible");
    private static final Map<String, String> RERANK_HOSTS =
            Map.of("cohere", "https://api.cohere.com/v2", "jina", "https://api.jina.ai/v1");
    private static final Map<String, Integer> KNOWN_DIMENSIONS = Map.of(
            "text-embedding-3-small",
            1536,
            "text-embedding-3-large",
            3072,
            "text-embedding-ada-002",
            1536,
            "nomic-embed-text",
            768,
            "mxbai-embed-large",
            1024,
            "bge-m3",
            1024);

    private final Environment env;
    private final List<String> problems = new ArrayList<>();

    private ModelSettingsFromEnvironment(Environment env) {
        this.env = env;
    }

    static ModelSettings read(Environment env) {
        return new ModelSettingsFromEnvironment(env).read();
    }

    /**
     * Providers chosen elsewhere (a tenants.yaml), with everything else (limits, chunking, gleaning, entity types)
     * from the environment.
     */
    static ModelSettings withProviders(Environment env, ProviderSettings chat, ProviderSettings embedding) {
        return new ModelSettingsFromEnvironment(env).complete(chat, embedding);
    }

    /** The dimension of a well-known embedding model; 0 when unknown. */
    static int knownDimension(String model) {
        return KNOWN_DIMENSIONS.getOrDefault(model, 0);
    }

    private ModelSettings read() {
        String chatModel = env.get(Settings.LLM_MODEL);
        String chatProvider = env.isSet(Settings.LLM_PROVIDER)
                ? env.get(Settings.LLM_PROVIDER)
                : chatModel.startsWith(AZURE_PREFIX) ? "azure" : inferredProvider();
        ProviderSettings chat =
                provider(chatProvider, withoutLiteLlmPrefix(chatProvider, chatModel), Settings.LLM_MODEL.name(), 0);
        String embeddingProvider = env.isSet(Settings.EMBEDDING_PROVIDER)
                ? env.get(Settings.EMBEDDING_PROVIDER)
                : env.get(Settings.EMBEDDING_MODEL).startsWith(AZURE_PREFIX)
                        ? "azure"
                        : env.isSet(Settings.EMBEDDING_MODEL) ? chatProvider : "offline";
        String embeddingModel = withoutLiteLlmPrefix(embeddingProvider, env.get(Settings.EMBEDDING_MODEL));
        int dimension = env.getInt(Settings.EMBEDDING_DIM);
        ProviderSettings embedding = provider(
                embeddingProvider,
                embeddingModel,
                Settings.EMBEDDING_MODEL.name(),
                dimension > 0 ? dimension : KNOWN_DIMENSIONS.getOrDefault(embeddingModel, 0));
        return complete(chat, embedding);
    }

    private ModelSettings complete(ProviderSettings chat, ProviderSettings embedding) {
        CallLimits limits = CallLimits.builder()
                .maxAttempts(env.getInt(Settings.LLM_MAX_ATTEMPTS))
                .backoff(Duration.ofMillis(env.getInt(Settings.LLM_INITIAL_BACKOFF_MS)), Duration.ofSeconds(60))
                .requestsPerMinute(env.getInt(Settings.LLM_REQUESTS_PER_MINUTE))
                .tokensPerMinute(env.getInt(Settings.LLM_TOKENS_PER_MINUTE))
                .maxConcurrentCalls(env.getInt(Settings.LLM_CONCURRENCY))
                .timeout(Duration.ofSeconds(env.getInt(Settings.LLM_TIMEOUT_SECONDS)))
                .dailyBudgetUsd(env.getDouble(Settings.LLM_DAILY_BUDGET_USD))
                .prices(prices())
                .build();
        int chunkTokens = env.isSet(Settings.CHUNK_TOKENS)
                ? env.getInt(Settings.CHUNK_TOKENS)
                : embedding.isOffline() ? ModelSettings.OFFLINE_CHUNK_TOKENS : ModelSettings.DEFAULT_CHUNK_TOKENS;
        int overlap = env.getInt(Settings.CHUNK_OVERLAP_TOKENS);
        if (overlap >= chunkTokens / 2) {
            problems.add(Settings.CHUNK_OVERLAP_TOKENS.name() + " must be under half of the chunk budget ("
                    + chunkTokens + " tokens)");
        }
        ProviderSettings rerank = rerank();
        if (!problems.isEmpty()) {
            throw new ConfigException("invalid model settings:\n  - " + String.join("\n  - ", problems));
        }
        return new ModelSettings(
                chat,
                embedding,
                limits,
                env.getInt(Settings.GLEANING_PASSES),
                env.getList(Settings.ENTITY_TYPES),
                chunkTokens,
                overlap,
                rerank);
    }

    /**
     * LightRAG's rerank settings: RERANK_BINDING (cohere, jina, compatible for any server of the same /rerank API such
     * as vLLM, Infinity or TEI; unset or null: none), RERANK_MODEL, RERANK_BINDING_HOST (the API root /rerank is
     * appended to) and RERANK_BINDING_API_KEY.
     */
    private ProviderSettings rerank() {
        String binding = env.get(Settings.RERANK_BINDING);
        if (binding.isBlank() || binding.equals("null")) {
            return ProviderSettings.offline();
        }
        String host = env.isSet(Settings.RERANK_BINDING_HOST)
                ? env.get(Settings.RERANK_BINDING_HOST)
                : RERANK_HOSTS.getOrDefault(binding, "");
        if (!RERANK_BINDINGS.contains(binding)) {
            problems.add("unknown " + Settings.RERANK_BINDING.name() + " '" + binding + "'; use one of "
                    + RERANK_BINDINGS + " or null");
            return ProviderSettings.offline();
        }
        require(Settings.RERANK_MODEL.name(), env.get(Settings.RERANK_MODEL));
        require(Settings.RERANK_BINDING_HOST.name(), host);
        return new ProviderSettings(
                binding, env.get(Settings.RERANK_MODEL), host, env.get(Settings.RERANK_BINDING_API_KEY), "", 0);
    }

    /** The per-model price table, with the single price for models it does not name. */
    private ModelPrices prices() {
        double fallback = env.getDouble(Settings.LLM_USD_PER_MILLION_TOKENS);
        try {
            return ModelPrices.parse(env.get(Settings.LLM_PRICES), fallback);
        } catch (IllegalArgumentException e) {
            problems.add(Settings.LLM_PRICES.name() + ": " + e.getMessage());
            return ModelPrices.flat(fallback);
        }
    }

    /**
     * The seeds named models the LiteLLM way, {@code azure/gpt-4.1-mini}. An Azure deployment or OpenAI model name
     * never holds a slash, so for those providers the prefix goes; other servers' names ("org/model") stay whole.
     */
    private static String withoutLiteLlmPrefix(String provider, String model) {
        String prefix = provider + "/";
        boolean litellm = provider.equals("azure") || provider.equals("openai");
        return litellm && model.startsWith(prefix) ? model.substring(prefix.length()) : model;
    }

    private String azureBase() {
        return env.firstSet(Settings.AZURE_API_BASE, Settings.AZURE_OPENAI_ENDPOINT);
    }

    private String azureKey() {
        return env.firstSet(Settings.AZURE_API_KEY, Settings.AZURE_OPENAI_API_KEY);
    }

    private String inferredProvider() {
        if (!azureBase().isEmpty()) {
            return "azure";
        }
        if (env.isSet(Settings.OPENAI_BASE_URL)) {
            return env.get(Settings.OPENAI_BASE_URL).contains(":11434") ? "ollama" : "compatible";
        }
        return env.isSet(Settings.OPENAI_API_KEY) ? "openai" : "offline";
    }

    private ProviderSettings provider(String name, String model, String modelVariable, int dimension) {
        if (!PROVIDERS.contains(name)) {
            problems.add("unknown provider '" + name + "'; use one of " + PROVIDERS);
            return ProviderSettings.offline();
        }
        switch (name) {
            case "offline" -> {
                return ProviderSettings.offline();
            }
            case "azure" -> {
                require(Settings.AZURE_API_BASE.name(), azureBase());
                require(Settings.AZURE_API_KEY.name(), azureKey());
                require(modelVariable + " (the Azure deployment name)", model);
                return new ProviderSettings(
                        name,
                        model,
                        azureBase(),
                        azureKey(),
                        env.firstSet(Settings.AZURE_API_VERSION, Settings.AZURE_OPENAI_API_VERSION),
                        dimension);
            }
            case "openai" -> {
                require(Settings.OPENAI_API_KEY.name(), env.get(Settings.OPENAI_API_KEY));
                String url = env.isSet(Settings.OPENAI_BASE_URL) ? env.get(Settings.OPENAI_BASE_URL) : OPENAI_URL;
                String chosen = model.isEmpty()
                        ? (modelVariable.equals(Settings.LLM_MODEL.name()) ? "gpt-4o-mini" : "text-embedding-3-small")
                        : model;
                int dim = dimension > 0 ? dimension : KNOWN_DIMENSIONS.getOrDefault(chosen, 0);
                return new ProviderSettings(name, chosen, url, env.get(Settings.OPENAI_API_KEY), "", dim);
            }
            default -> { // ollama, compatible
                require(Settings.OPENAI_BASE_URL.name(), env.get(Settings.OPENAI_BASE_URL));
                require(modelVariable, model);
                return new ProviderSettings(
                        name,
                        model,
                        env.get(Settings.OPENAI_BASE_URL),
                        env.get(Settings.OPENAI_API_KEY),
                        "",
                        dimension);
            }
        }
    }

    private void require(String variable, String value) {
        if (value == null || value.isBlank()) {
            problems.add(variable + " is required for this provider");
        }
    }
}
