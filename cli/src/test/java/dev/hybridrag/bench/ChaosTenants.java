package dev.hybridrag.bench;

import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The chaos benchmark's tenants, as its worker processes read them from a tenants.yaml: workspace mode on the
 * benchmark's own PostgreSQL, a watched folder each, chat and embeddings from the fake OpenAI server (provider
 * {@code openai} with its base URL).
 */
final class ChaosTenants {

    private static final String KEY_VARIABLE = "CHAOS_FAKE_LLM_KEY";

    private final List<String> ids;
    private final Path inboxes;
    private final String baseUrl;

    ChaosTenants(List<String> ids, Path inboxes, String baseUrl) {
        this.ids = List.copyOf(ids);
        this.inboxes = inboxes;
        this.baseUrl = baseUrl;
    }

    String yaml() {
        StringBuilder out = new StringBuilder("tenants:\n");
        for (String id : ids) {
            out.append("  - id: ").append(id).append('\n');
            out.append("    watch: [{root: \"").append(inboxes.resolve(id)).append("\"}]\n");
            appendModels(out, baseUrl, KEY_VARIABLE);
        }
        return out.toString();
    }

    /** A tenant's chat and 64-dimension embedding models at the fake OpenAI server, the key in {@code keyVariable}. */
    static void appendModels(StringBuilder out, String baseUrl, String keyVariable) {
        out.append("    llm: {provider: openai, model: fake-llm, base_url: \"")
                .append(baseUrl)
                .append("\", api_key_env: ")
                .append(keyVariable)
                .append("}\n");
        out.append("    embedding: {provider: openai, model: fake-embedding, dim: 64, base_url: \"")
                .append(baseUrl)
                .append("\", api_key_env: ")
                .append(keyVariable)
                .append("}\n");
    }

    /**
     * The services' settings: this file, the benchmark's servers, and ten attempts per provider call from 100 ms on,
     * so that with 20% of requests failing a call almost never runs out of attempts (0.2^10).
     */
    Map<String, String> environment(ChaosStack stack, Path tenantsFile) throws IOException {
        Files.writeString(tenantsFile, yaml());
        Map<String, String> environment = stack.serviceEnvironment(tenantsFile);
        environment.putAll(Map.of(
                "HYBRIDRAG_LLM_MAX_ATTEMPTS",
                "10",
                "HYBRIDRAG_LLM_INITIAL_BACKOFF_MS",
                "100",
                KEY_VARIABLE,
                "fake-key"));
        return environment;
    }

    /** The tenant as the benchmark's own JVM sees it: only its database and workspace are used. */
    TenantConfig config(String id, ChaosStack stack) {
        return TestInfrastructure.tenant(id, stack.postgres(), inboxes.resolve(id));
    }
}
