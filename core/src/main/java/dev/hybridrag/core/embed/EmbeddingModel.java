package dev.hybridrag.core.embed;

import dev.hybridrag.core.llm.ProviderSettings;

/**
 * A model vectors are embedded with, as recorded beside a tenant's vectors: enough to reach the provider again,
 * never the key. Two models make comparable vectors when their names and dimensions match, whichever provider
 * serves them.
 */
public record EmbeddingModel(String provider, String model, String baseUrl, String apiVersion, int dimension) {

    public EmbeddingModel {
        provider = provider == null ? "offline" : provider;
        model = model == null ? "" : model;
        baseUrl = baseUrl == null ? "" : baseUrl;
        apiVersion = apiVersion == null ? "" : apiVersion;
    }

    /** The model a tenant's configured embedder produces (the dimension may be learned from a first call). */
    public static EmbeddingModel of(ProviderSettings settings, Embedder embedder) {
        return new EmbeddingModel(
                settings.provider(), embedder.model(), settings.baseUrl(), settings.apiVersion(), embedder.dimension());
    }

    public static EmbeddingModel offline() {
        return new EmbeddingModel("offline", OfflineEmbedder.MODEL, "", "", 384);
    }

    /** Vectors of the two are comparable. */
    public boolean sameVectors(EmbeddingModel other) {
        return model.equals(other.model) && dimension == other.dimension;
    }

    public boolean isOffline() {
        return provider.equals("offline");
    }

    /** Same provider at the same address: one key serves both. */
    public boolean sameEndpoint(ProviderSettings settings) {
        return provider.equals(settings.provider()) && baseUrl.equals(settings.baseUrl());
    }

    /** Settings to reach this model with {@code apiKey}. */
    public ProviderSettings settings(String apiKey) {
        return new ProviderSettings(provider, model, baseUrl, apiKey, apiVersion, dimension);
    }

    /** For messages: {@code text-embedding-3-small (1536 dimensions)}. */
    public String describe() {
        return model + " (" + dimension + " dimensions)";
    }
}
