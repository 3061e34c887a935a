package dev.hybridrag.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.EmbeddingMismatchException;
import dev.hybridrag.core.embed.EmbeddingModel;
import dev.hybridrag.core.llm.CallLimits;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which embedder questions get when the tenant's vectors are in a model it used before; no network is touched. */
class TenantModelsTest {

    private static final String KEY = "sk-current-0123456789";
    private final TenantModels models = new TenantModels(Clock.systemUTC());
    private final TenantConfig tenant = tenant(
            new ProviderSettings("openai", "text-embedding-3-large", "https://api.openai.com/v1", KEY, "", 3072));

    @Test
    void theConfiguredModelIsUsedWhenTheVectorsAreInIt() {
        EmbeddingModel stored = models.configuredEmbedding(tenant);

        assertThat(stored.describe()).isEqualTo("text-embedding-3-large (3072 dimensions)");
        assertThat(models.embedder(tenant, stored)).isSameAs(models.embedder(tenant));
    }

    @Test
    void aPreviousModelOfTheSameProviderIsReachedWithTheCurrentKey() {
        Embedder previous = models.embedder(
                tenant, new EmbeddingModel("openai", "text-embedding-3-small", "https://api.openai.com/v1", "", 1536));

        assertThat(previous.model()).isEqualTo("text-embedding-3-small");
        assertThat(previous.dimension()).isEqualTo(1536);
        assertThat(previous.toString()).contains("apiKey=****").doesNotContain(KEY);
    }

    @Test
    void aKeylessServerElsewhereIsNeverSentTheCurrentKey() {
        Embedder previous = models.embedder(
                tenant, new EmbeddingModel("ollama", "nomic-embed-text", "http://gpu-box:11434/v1", "", 768));

        assertThat(previous.model()).isEqualTo("nomic-embed-text");
        assertThat(previous.toString()).doesNotContain("apiKey");
    }

    @Test
    void aProviderThatNeedsAKeyThisProcessDoesNotHaveIsAClearRefusal() {
        EmbeddingModel azure =
                new EmbeddingModel("azure", "embed-small", "https://old.openai.azure.com", "2024-10-21", 1536);

        assertThatThrownBy(() -> models.embedder(tenant, azure))
                .isInstanceOf(EmbeddingMismatchException.class)
                .hasMessageContaining("embed-small (1536 dimensions) from provider azure")
                .hasMessageContaining("hybridrag tenant stats")
                .hasMessageNotContaining(KEY);
    }

    private static TenantConfig tenant(ProviderSettings embedding) {
        ModelSettings offline = ModelSettings.offline();
        return new TenantConfig(
                TenantId.of("team_a"),
                Isolation.WORKSPACE,
                new PostgresSettings("127.0.0.1", 5432, "hybridrag", "hybridrag", ""),
                List.of(),
                new ModelSettings(
                        ProviderSettings.offline(),
                        embedding,
                        CallLimits.defaults(),
                        0,
                        offline.entityTypes(),
                        offline.chunkTokens(),
                        offline.chunkOverlapTokens()));
    }
}
