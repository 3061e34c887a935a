package dev.hybridrag.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.kafka.KafkaPrefix;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An existing HybridRAG deployment's .env, in the seeds' variable names, defines one working tenant. */
class SeedEnvironmentTest {

    /** The .env of the seeds' shared-PostgreSQL guide (Azure AI Foundry deployment), as written there. */
    private static Map<String, String> seedsAzureDeployment() {
        Map<String, String> env = new HashMap<>();
        env.put("AZURE_API_BASE", "https://your-project.services.ai.azure.com");
        env.put("AZURE_API_KEY", "azure-secret");
        env.put("AZURE_API_VERSION", "2024-02-15-preview");
        env.put("LLM_MODEL", "gpt-4.1-mini");
        env.put("EMBEDDING_MODEL", "text-embedding-3-small");
        env.put("POSTGRES_HOST", "hybridrag-shared-postgres");
        env.put("POSTGRES_PORT", "5432");
        env.put("POSTGRES_DB", "azure_specstory");
        env.put("POSTGRES_USER", "hybridrag");
        env.put("POSTGRES_PASSWORD", "shared_secure_password_2026");
        env.put("BACKEND_TYPE", "postgres");
        env.put("LIGHTRAG_WORKSPACE", "azure_specstory");
        env.put("HOST_PROJECTS_PATH", "/home/user/Documents/code");
        env.put("BATCH_SIZE", "10");
        return env;
    }

    private static TenantConfig only(Map<String, String> variables) {
        return TenantRegistry.fromEnvironment(new Environment(variables))
                .all()
                .iterator()
                .next();
    }

    @Test
    void lightRagsRerankSettingsGiveTheTenantAReranker() {
        Map<String, String> env = seedsAzureDeployment();
        assertThat(only(env).models().rerank().isOffline())
                .as("none unless configured")
                .isTrue();
        env.put("RERANK_BINDING", "jina");
        env.put("RERANK_MODEL", "jina-reranker-v2-base-multilingual");
        env.put("RERANK_BINDING_API_KEY", "jina-secret");

        TenantConfig tenant = only(env);

        assertThat(tenant.models().rerank().provider()).isEqualTo("jina");
        assertThat(tenant.models().rerank().baseUrl()).isEqualTo("https://api.jina.ai/v1");
        assertThat(tenant.models().rerank().toString()).doesNotContain("jina-secret");
        env.put("RERANK_BINDING", "bm42");
        assertThatThrownBy(() -> only(env)).isInstanceOf(ConfigException.class).hasMessageContaining("RERANK_BINDING");
        env.put("RERANK_BINDING", "compatible");
        assertThatThrownBy(() -> only(env)).hasMessageContaining("RERANK_BINDING_HOST is required");
    }

    @Test
    void theSeedsEnvFileDefinesItsTenantUnchanged() {
        TenantConfig tenant = only(seedsAzureDeployment());

        assertThat(tenant.id().value()).isEqualTo("azure_specstory");
        assertThat(tenant.isolation()).isEqualTo(Isolation.WORKSPACE);
        assertThat(tenant.postgres().jdbcUrl())
                .isEqualTo("jdbc:postgresql://hybridrag-shared-postgres:5432/azure_specstory");
        assertThat(tenant.models().chat().provider()).isEqualTo("azure");
        assertThat(tenant.models().chat().model()).isEqualTo("gpt-4.1-mini");
        assertThat(tenant.models().chat().apiVersion()).isEqualTo("2024-02-15-preview");
        assertThat(tenant.models().embedding().model()).isEqualTo("text-embedding-3-small");
        assertThat(tenant.models().embedding().dimension()).isEqualTo(1536);
        // The seeds ingested SpecStory histories from the projects folder, not every markdown file under it.
        assertThat(tenant.watch()).singleElement().satisfies(watch -> {
            assertThat(watch.root()).isEqualTo(Path.of("/home/user/Documents/code"));
            assertThat(watch.patterns()).containsExactly("**/.specstory/history/*.md", "**/.specstory/.history/*.md");
        });
    }

    @Test
    void hybridragsOwnWatchSettingsWinOverTheProjectsPath() {
        Map<String, String> env = seedsAzureDeployment();
        env.put("HYBRIDRAG_WATCH_PATTERNS", "**/*.md");
        assertThat(only(env).watch().getFirst().patterns()).containsExactly("**/*.md");
        env.put("HYBRIDRAG_WATCH_ROOT", "/data/notes");
        assertThat(only(env).watch().getFirst().root()).isEqualTo(Path.of("/data/notes"));
    }

    @Test
    void pricesPerModelFallBackToTheSinglePriceAndAMalformedTableOrBudgetIsRefusedByName() {
        Map<String, String> env = seedsAzureDeployment();
        env.put("HYBRIDRAG_LLM_PRICES", "gpt-4o-mini=0.15/0.60");
        env.put("HYBRIDRAG_LLM_USD_PER_MILLION_TOKENS", "2");
        env.put("HYBRIDRAG_LLM_DAILY_BUDGET_USD", "5");
        var limits = only(env).models().limits();
        assertThat(limits.prices().usd("gpt-4o-mini", 1_000_000, 1_000_000)).isEqualTo(0.75);
        assertThat(limits.prices().usd("gpt-4.1", 1_000_000, 0)).isEqualTo(2.0);
        assertThat(limits.dailyBudgetUsd()).isEqualTo(5.0);

        env.put("HYBRIDRAG_LLM_PRICES", "gpt-4o-mini=0.15/cheap");
        assertThatThrownBy(() -> only(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HYBRIDRAG_LLM_PRICES: 'gpt-4o-mini=0.15/cheap': 'cheap' is not a price");
        env.remove("HYBRIDRAG_LLM_PRICES");
        env.put("HYBRIDRAG_LLM_DAILY_BUDGET_USD", "Infinity");
        assertThatThrownBy(() -> only(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HYBRIDRAG_LLM_DAILY_BUDGET_USD must be a finite number");
    }

    @Test
    void aBackendOtherThanPostgresStopsTheServiceWithTheWayOut() {
        Map<String, String> env = seedsAzureDeployment();
        env.put("BACKEND_TYPE", "json");
        assertThatThrownBy(() -> only(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BACKEND_TYPE=json is not supported")
                .hasMessageContaining("BACKEND_TYPE=postgres");
        env.put("BACKEND_TYPE", "PostgreSQL");
        assertThat(only(env).id().value()).isEqualTo("azure_specstory");
    }

    @Test
    void databaseIsolationUsesTheTenantsOwnDatabase() {
        Map<String, String> env =
                new HashMap<>(Map.of("LIGHTRAG_WORKSPACE", "team_a", "HYBRIDRAG_ISOLATION", "database"));
        TenantConfig tenant = only(env);
        assertThat(tenant.isolation()).isEqualTo(Isolation.DATABASE);
        assertThat(tenant.postgres().database()).isEqualTo("team_a");

        env.put("POSTGRES_DB", "rag_team_a");
        assertThat(only(env).postgres().database()).isEqualTo("rag_team_a");

        env.put("HYBRIDRAG_ISOLATION", "schema");
        assertThatThrownBy(() -> only(env)).hasMessageContaining("HYBRIDRAG_ISOLATION must be database or workspace");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThatThrownBy(() -> only(Map.of("LIGHTRAG_WORKSPACE", "Team-A", "HYBRIDRAG_ISOLATION", "both")))
                .hasMessageContaining("'Team-A' (LIGHTRAG_WORKSPACE) is invalid")
                .hasMessageContaining("HYBRIDRAG_ISOLATION");
    }

    @Test
    void azureSdkVariableNamesWorkToo() {
        TenantConfig tenant = only(Map.of(
                "AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com",
                "AZURE_OPENAI_API_KEY", "sdk-secret",
                "AZURE_OPENAI_API_VERSION", "2025-01-01-preview",
                "LLM_MODEL", "chat-deployment"));
        assertThat(tenant.models().chat().provider()).isEqualTo("azure");
        assertThat(tenant.models().chat().baseUrl()).isEqualTo("https://res.openai.azure.com");
        assertThat(tenant.models().chat().apiKey()).isEqualTo("sdk-secret");
        assertThat(tenant.models().chat().apiVersion()).isEqualTo("2025-01-01-preview");

        Map<String, String> both = seedsAzureDeployment();
        both.put("AZURE_OPENAI_API_KEY", "other-secret");
        assertThat(only(both).models().chat().apiKey()).isEqualTo("azure-secret");
    }

    @Test
    void liteLlmProviderPrefixesChooseTheProviderAndAreNotSentAsPartOfTheName() {
        Map<String, String> env = seedsAzureDeployment();
        env.remove("AZURE_API_BASE");
        env.put("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com");
        env.put("LLM_MODEL", "azure/gpt-5.1");
        env.put("EMBEDDING_MODEL", "azure/text-embedding-3-small");
        TenantConfig tenant = only(env);
        assertThat(tenant.models().chat().provider()).isEqualTo("azure");
        assertThat(tenant.models().chat().model()).isEqualTo("gpt-5.1");
        assertThat(tenant.models().embedding().model()).isEqualTo("text-embedding-3-small");
        assertThat(tenant.models().embedding().dimension()).isEqualTo(1536);

        // On an OpenAI-compatible server "openai/..." can be the model's real name (vLLM serving openai/gpt-oss-20b).
        TenantConfig compatible =
                only(Map.of("OPENAI_BASE_URL", "http://vllm:8000/v1", "LLM_MODEL", "openai/gpt-oss-20b"));
        assertThat(compatible.models().chat().provider()).isEqualTo("compatible");
        assertThat(compatible.models().chat().model()).isEqualTo("openai/gpt-oss-20b");
    }

    @Test
    void kafkaPrefixIsALegalTopicNameStart() {
        assertThat(KafkaPrefix.of(null)).isEqualTo("hybridrag");
        assertThat(KafkaPrefix.of(" ")).isEqualTo("hybridrag");
        assertThat(KafkaPrefix.of("hybridrag.team_a")).isEqualTo("hybridrag.team_a");
        assertThatThrownBy(() -> KafkaPrefix.of("team a/../x"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HYBRIDRAG_KAFKA_PREFIX");
    }
}
