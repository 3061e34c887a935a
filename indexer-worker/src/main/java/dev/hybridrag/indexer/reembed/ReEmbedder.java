package dev.hybridrag.indexer.reembed;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.lifecycle.Worker;
import dev.hybridrag.core.storage.ReEmbeddingStore.Position;
import dev.hybridrag.core.storage.VectorIndexes;
import dev.hybridrag.core.tenant.TenantConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-embeds a tenant whose embedding model changed, in the background, from the stored chunk texts and entity and
 * relation descriptions (no extraction, no chat call), and switches its vectors over at once when done (see
 * docs/embeddings.md). Runs in every indexer process; per tenant one leads at a time (an advisory lock per batch),
 * and progress lives in the database, so a restarted or replacement indexer carries on where the last one stopped.
 * Tenants whose vectors are in their configured model are looked at again every minute.
 */
public final class ReEmbedder extends Worker {

    private static final Logger log = LoggerFactory.getLogger(ReEmbedder.class);
    private static final Duration RECHECK = Duration.ofMinutes(1);
    private static final Duration OTHER_LEADER_PAUSE = Duration.ofSeconds(2);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(10);
    private static final Duration IDLE_PAUSE = Duration.ofMillis(500);
    // One batch is one transaction holding the tenant's leader lock: keep it to seconds of embedding.
    private static final int MAX_BATCH = 2048;

    private final Infrastructure infra;
    private final ReEmbeddingStep step;
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextLook = new ConcurrentHashMap<>();

    public ReEmbedder(Infrastructure infra, VectorIndexes indexes) {
        super("re-embedder", ERROR_PAUSE);
        this.infra = infra;
        this.step =
                new ReEmbeddingStep(infra, indexes, infra.environment().getInt(Settings.REEMBED_BATCH, 1, MAX_BATCH));
    }

    /** A step for each tenant that is due; a rest when none embedded anything. */
    @Override
    protected void iteration() {
        boolean worked = false;
        for (TenantConfig tenant : infra.tenants().all()) {
            if (isStopping()) {
                return;
            }
            worked |= iteration(tenant);
        }
        if (!worked) {
            rest(IDLE_PAUSE);
        }
    }

    /** One step for one tenant when it is due; returns whether vectors were embedded or switched. */
    private boolean iteration(TenantConfig tenant) {
        String id = tenant.id().value();
        Instant now = infra.clock().instant();
        if (now.isBefore(nextLook.getOrDefault(id, Instant.MIN))) {
            return false;
        }
        try {
            ReEmbeddingStep.Result result = step.run(tenant, positions.getOrDefault(id, Position.START));
            positions.put(id, result.next());
            switch (result.outcome()) {
                case SETTLED, SWITCHED -> nextLook.put(id, now.plus(RECHECK));
                case OTHER_LEADER -> nextLook.put(id, now.plus(OTHER_LEADER_PAUSE));
                case EMBEDDED -> nextLook.remove(id);
            }
            return result.outcome() == ReEmbeddingStep.Outcome.EMBEDDED
                    || result.outcome() == ReEmbeddingStep.Outcome.SWITCHED;
        } catch (Exception | Error e) {
            // The batch rolled back: nothing is lost, and the next look retries it.
            log.warn(
                    "tenant {}: re-embedding step failed, retrying in {} s: {}",
                    id,
                    ERROR_PAUSE.toSeconds(),
                    e.toString());
            nextLook.put(id, now.plus(ERROR_PAUSE));
            return false;
        }
    }
}
