package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.TenantModels;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.EmbeddingModel;
import dev.hybridrag.core.storage.EmbeddingState;
import dev.hybridrag.core.storage.EmbeddingStates;
import dev.hybridrag.core.tenant.TenantConfig;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Which embedder turns a tenant's question into a vector: the one of the model its stored vectors are in, as the
 * re-embedder records it. While a changed model is being rolled out that is still the previous model, so queries
 * keep searching the old vectors until the switch; from then on, the new one.
 */
public final class QuestionEmbedders {

    private final TenantModels models;
    private final EmbeddingStates states = new EmbeddingStates();
    // Tenants whose vectors were in the configured model when last looked: only another model's rollout (which
    // a search notices, see forget) can change that, so their state need not be read for every question.
    private final Set<String> settled = ConcurrentHashMap.newKeySet();

    public QuestionEmbedders(TenantModels models) {
        this.models = models;
    }

    public Embedder forQuestion(TenantConfig tenant, DataSource dataSource) throws SQLException {
        Embedder configured = models.embedder(tenant);
        if (settled.contains(tenant.id().value())) {
            return configured;
        }
        Optional<EmbeddingState> state = states.load(dataSource, tenant.workspace());
        if (state.isEmpty()) {
            return configured; // nothing recorded yet; a search of vectors in another model says so
        }
        EmbeddingModel active = state.get().active();
        if (active.sameVectors(models.configuredEmbedding(tenant))) {
            if (!state.get().reEmbedding()) {
                settled.add(tenant.id().value());
            }
            return configured;
        }
        return models.embedder(tenant, active);
    }

    /** The tenant's vectors may have switched model: read its state again next time. */
    public void forget(TenantConfig tenant) {
        settled.remove(tenant.id().value());
    }
}
