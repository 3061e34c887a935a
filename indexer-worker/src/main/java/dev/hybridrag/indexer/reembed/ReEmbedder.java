package dev.hybridrag.indexer.reembed;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.ReEmbeddingStore.Position;
import dev.hybridrag.core.storage.VectorIndexes;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.indexer.IndexerSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-embeds a tenant whose embedding model changed, from the stored chunk texts and entity and relation descriptions
 * (no extraction, no chat call), and switches its vectors over at once when done (see docs/embeddings.md). A tenant
 * is looked at when it is woken: when an indexer is given the tenant (at start, and at every rebalance; a model
 * changes only with the configuration, which takes a restart), and again after each batch until it is settled. Per
 * tenant one process leads at a time (an advisory lock per batch), and progress lives in the database, so a
 * restarted or replacement indexer carries on where the last one stopped.
 */
public final class ReEmbedder {

    private static final Logger log = LoggerFactory.getLogger(ReEmbedder.class);
    private static final Duration OTHER_LEADER_PAUSE = Duration.ofSeconds(2);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(10);

    private final ReEmbeddingStep step;
    private final Map<String, Position> positions = new ConcurrentHashMap<>();

    public ReEmbedder(Infrastructure infra, VectorIndexes indexes) {
        this.step = new ReEmbeddingStep(
                infra, indexes, IndexerSettings.from(infra.environment()).reEmbedBatch());
    }

    /** One step for one tenant; returns when it needs the next: now, later, or not until woken again. */
    public Optional<Duration> reEmbed(TenantConfig tenant) {
        String id = tenant.id().value();
        try {
            ReEmbeddingStep.Result result = step.run(tenant, positions.getOrDefault(id, Position.START));
            positions.put(id, result.next());
            return switch (result.outcome()) {
                case SETTLED, SWITCHED -> {
                    positions.remove(id);
                    yield Optional.empty();
                }
                case OTHER_LEADER -> Optional.of(OTHER_LEADER_PAUSE);
                case EMBEDDED -> Optional.of(Duration.ZERO);
            };
        } catch (Exception | Error e) {
            // The batch rolled back: nothing is lost, and the next look retries it.
            log.warn(
                    "tenant {}: re-embedding step failed, retrying in {} s: {}",
                    id,
                    ERROR_PAUSE.toSeconds(),
                    e.toString());
            return Optional.of(ERROR_PAUSE);
        }
    }
}
