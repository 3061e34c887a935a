package dev.hybridrag.core.llm;

import dev.hybridrag.core.config.RedactedUrl;

/**
 * How to reach one tenant's chat or embedding provider.
 *
 * @param provider {@code offline}, {@code openai}, {@code azure}, {@code ollama} or {@code compatible} (any
 *     OpenAI-compatible server: vLLM, LM Studio, LiteLLM)
 * @param baseUrl for openai/compatible/ollama the API root (e.g. {@code https://api.openai.com/v1},
 *     {@code http://localhost:11434/v1}); for azure the resource endpoint (e.g.
 *     {@code https://my-resource.openai.azure.com}), deployments are addressed by {@code model}
 * @param apiKey secret; never logged or shown (see {@link #toString()})
 * @param apiVersion azure only, e.g. {@code 2024-10-21}
 * @param dimension embeddings only; 0 when unknown
 */
public record ProviderSettings(
        String provider, String model, String baseUrl, String apiKey, String apiVersion, int dimension) {

    public ProviderSettings {
        provider = provider == null ? "offline" : provider;
        model = model == null ? "" : model;
        baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        apiKey = apiKey == null ? "" : apiKey;
        apiVersion = apiVersion == null ? "" : apiVersion;
    }

    public static ProviderSettings offline() {
        return new ProviderSettings("offline", "", "", "", "", 0);
    }

    public boolean isOffline() {
        return provider.equals("offline");
    }

    public boolean isAzure() {
        return provider.equals("azure");
    }

    @Override
    public String toString() {
        return "ProviderSettings[provider=" + provider + ", model=" + model + ", baseUrl=" + RedactedUrl.of(baseUrl)
                + (apiKey.isEmpty() ? "" : ", apiKey=****") + (apiVersion.isEmpty() ? "" : ", apiVersion=" + apiVersion)
                + (dimension > 0 ? ", dimension=" + dimension : "") + "]";
    }
}
