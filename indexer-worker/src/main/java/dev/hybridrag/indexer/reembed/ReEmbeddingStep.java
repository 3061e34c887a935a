package dev.hybridrag.indexer.reembed;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.EmbeddingModel;
import dev.hybridrag.core.embed.OfflineEmbedder;
import dev.hybridrag.core.storage.EmbeddingState;
import dev.hybridrag.core.storage.EmbeddingStates;
import dev.hybridrag.core.storage.EmbeddingStates.StoredModel;
import dev.hybridrag.core.storage.ReEmbeddingStore;
import dev.hybridrag.core.storage.ReEmbeddingStore.Kind;
import dev.hybridrag.core.storage.ReEmbeddingStore.Pending;
import dev.hybridrag.core.storage.ReEmbeddingStore.Position;
import dev.hybridrag.core.storage.VectorIndexes;
import dev.hybridrag.core.tenant.TenantConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of one tenant's embedding lifecycle, in one transaction under the tenant's leader lock: compare the
 * configured model with the one the vectors are in, and when they differ embed the next batch of stored texts
 * into the configured model, or, when none is left, switch every vector over at once.
 */
final class ReEmbeddingStep {

    enum Outcome {
        /** The vectors are in the configured model. */
        SETTLED,
        /** Another process leads this tenant's re-embedding. */
        OTHER_LEADER,
        /** A batch was re-embedded; more may follow. */
        EMBEDDED,
        /** The tenant's vectors were switched to the configured model. */
        SWITCHED
    }

    /** What a step did, and where the next one continues. */
    record Result(Outcome outcome, Position next, int vectors) {}

    private static final Logger log = LoggerFactory.getLogger(ReEmbeddingStep.class);

    private final Infrastructure infra;
    private final VectorIndexes indexes;
    private final int batch;
    private final EmbeddingStates states = new EmbeddingStates();
    private final ReEmbeddingStore store = new ReEmbeddingStore();

    ReEmbeddingStep(Infrastructure infra, VectorIndexes indexes, int batch) {
        this.infra = infra;
        this.indexes = indexes;
        this.batch = batch;
    }

    Result run(TenantConfig tenant, Position position) throws Exception {
        DataSource dataSource = infra.dataSource(tenant);
        EmbeddingModel configured = infra.models().configuredEmbedding(tenant);
        // Before the transaction: creating an index waits for the table's writers, which must not include us.
        indexes.ensure(dataSource, configured.dimension());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Result result = runIn(connection, tenant, configured, position);
                connection.commit();
                return result;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private Result runIn(Connection connection, TenantConfig tenant, EmbeddingModel configured, Position position)
            throws Exception {
        String workspace = tenant.workspace();
        if (!store.tryLead(connection, workspace)) {
            return new Result(Outcome.OTHER_LEADER, position, 0);
        }
        EmbeddingState state = reconcile(connection, tenant, configured);
        if (state.target().isEmpty()) {
            return new Result(Outcome.SETTLED, Position.START, 0);
        }
        EmbeddingModel target = state.target().get();
        Position at = position;
        List<Pending> pending = store.pending(connection, workspace, target, at, batch);
        while (pending.isEmpty() && at.kind() != Kind.RELATION) {
            at = new Position(Kind.values()[at.kind().ordinal() + 1], "", "");
            pending = store.pending(connection, workspace, target, at, batch);
        }
        if (pending.isEmpty()) {
            // The walk is over; what was written behind it (an old-model record applied late) is walked again.
            if (store.countPending(connection, workspace, target) > 0) {
                return new Result(Outcome.EMBEDDED, Position.START, 0);
            }
            int moved = store.moveIntoPlace(connection, workspace, target);
            store.discard(connection, workspace);
            states.settle(connection, workspace, target);
            log.info(
                    "tenant {}: switched {} vectors from {} to {}",
                    tenant.id(),
                    moved,
                    state.active().describe(),
                    target.describe());
            return new Result(Outcome.SWITCHED, Position.START, moved);
        }
        Embedder embedder = infra.models().embedder(tenant);
        List<float[]> vectors =
                embedder.embed(pending.stream().map(Pending::text).toList());
        for (float[] vector : vectors) {
            if (vector.length != target.dimension()) {
                throw new IllegalStateException(embedder.model() + " returned " + vector.length
                        + "-dimensional vectors, expected " + target.dimension());
            }
        }
        store.store(connection, workspace, target, pending, vectors);
        states.progress(connection, workspace, pending.size());
        Pending last = pending.getLast();
        return new Result(Outcome.EMBEDDED, new Position(last.kind(), last.path(), last.key()), pending.size());
    }

    /** Brings the tenant's state in line with its configuration; returns it with a target when work remains. */
    private EmbeddingState reconcile(Connection connection, TenantConfig tenant, EmbeddingModel configured)
            throws SQLException {
        String workspace = tenant.workspace();
        Optional<EmbeddingState> loaded = states.load(connection, workspace);
        if (loaded.isEmpty()) {
            states.create(connection, workspace, modelOfStoredVectors(connection, workspace, configured));
            loaded = states.load(connection, workspace);
        }
        EmbeddingState state = loaded.orElseThrow();
        boolean targetIsConfigured = state.target().map(configured::sameVectors).orElse(false);
        if (state.active().sameVectors(configured)) {
            if (state.target().isPresent() && !targetIsConfigured) {
                log.info(
                        "tenant {}: the embedding model is back to {}; re-embedding stops",
                        tenant.id(),
                        configured.describe());
                store.discard(connection, workspace);
                states.settle(connection, workspace, configured);
            }
            // Vectors left in another model (a restored archive, a record embedded before the change) are
            // re-embedded too; queries go on with the configured model meanwhile.
            if (!targetIsConfigured && states.anyVectorNotIn(connection, workspace, configured)) {
                start(connection, tenant, state.active(), configured);
            }
        } else if (!targetIsConfigured) {
            store.discard(connection, workspace);
            start(connection, tenant, state.active(), configured);
        }
        return states.load(connection, workspace).orElseThrow();
    }

    private void start(Connection connection, TenantConfig tenant, EmbeddingModel from, EmbeddingModel to)
            throws SQLException {
        long total = store.countPending(connection, tenant.workspace(), to);
        states.start(connection, tenant.workspace(), to, total);
        log.info(
                "tenant {}: re-embedding {} vectors from {} into {}; queries use {} until the switch",
                tenant.id(),
                total,
                from.describe(),
                to.describe(),
                from.describe());
    }

    /**
     * The model of vectors written before their model was recorded here: the model most of them are in. Its
     * provider was not recorded; the configured provider is the best guess (an offline model is known by name).
     */
    private EmbeddingModel modelOfStoredVectors(Connection connection, String workspace, EmbeddingModel configured)
            throws SQLException {
        List<StoredModel> stored = states.storedModels(connection, workspace);
        if (stored.isEmpty()) {
            return configured;
        }
        StoredModel most = stored.getFirst();
        if (most.model().equals(configured.model()) && most.dimension() == configured.dimension()) {
            return configured;
        }
        if (most.model().equals(OfflineEmbedder.MODEL)) {
            return EmbeddingModel.offline();
        }
        String provider = configured.isOffline() ? "openai" : configured.provider();
        return new EmbeddingModel(
                provider, most.model(), configured.baseUrl(), configured.apiVersion(), most.dimension());
    }
}
