package dev.hybridrag.indexer.graph;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.llm.LlmOperation;
import dev.hybridrag.core.metrics.PipelineMeters;
import dev.hybridrag.core.storage.EntityRow;
import dev.hybridrag.core.storage.Fragment;
import dev.hybridrag.core.storage.GraphKey;
import dev.hybridrag.core.storage.GraphRepository;
import dev.hybridrag.core.storage.GraphRepository.DirtyKey;
import dev.hybridrag.core.storage.RelationRow;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.indexer.IndexerSettings;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyed step that turns fragments into entities and relations. It takes batches of dirty keys from each
 * tenant's outbox ({@code graph_dirty}, filled in the same transaction as the fragments), rebuilds each key from
 * its current fragments, or deletes it when none are left, and commits; a crash leaves the keys dirty. It runs when
 * a tenant is woken ({@link dev.hybridrag.indexer.wake.TenantWakeups}), never by polling; any number of processes
 * can run it at once: {@code SKIP LOCKED} gives each key to one of them at a time.
 */
public final class GraphMaterializer {

    private static final Logger log = LoggerFactory.getLogger(GraphMaterializer.class);
    private static final int BATCH = 128;
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(2);
    private static final Duration POSTPONE = Duration.ofMinutes(1);

    private final Infrastructure infra;
    private final GraphRepository graph = new GraphRepository();
    private final int maxDescriptions;
    private final int maxDescriptionTokens;
    private final AtomicLong rebuiltKeys = new AtomicLong();

    public GraphMaterializer(Infrastructure infra) {
        this.infra = infra;
        IndexerSettings settings = IndexerSettings.from(infra.environment());
        this.maxDescriptions = settings.summaryMaxDescriptions();
        this.maxDescriptionTokens = settings.summaryMaxTokens();
    }

    /** What one batch did: keys taken, keys put off for {@link #POSTPONE}, and whether the batch failed. */
    record Batch(int claimed, int postponed, boolean failed) {}

    /**
     * Rebuilds one batch of the tenant's dirty keys; returns when the tenant needs another: now (a full batch, more
     * may wait), later (keys put off after failing, or the database unreachable), or never until woken again.
     */
    public Optional<Duration> materialize(TenantConfig tenant) {
        Batch batch;
        try {
            batch = iteration(tenant);
        } catch (RuntimeException | Error e) {
            // The materializer must outlive anything one batch can throw; the keys stay dirty.
            log.error("tenant {}: graph materialization failed", tenant.id(), e);
            return Optional.of(ERROR_PAUSE);
        }
        if (batch.failed()) {
            return Optional.of(ERROR_PAUSE);
        }
        if (batch.claimed() >= BATCH) {
            return Optional.of(Duration.ZERO);
        }
        return batch.postponed() > 0 ? Optional.of(POSTPONE) : Optional.empty();
    }

    /**
     * Rebuilds one batch of the tenant's dirty keys. One tenant per transaction, even where tenants share a
     * database: its connection sees that tenant's workspace only (row-level security).
     */
    Batch iteration(TenantConfig tenant) {
        Map<String, TenantConfig> byWorkspace = Map.of(tenant.workspace(), tenant);
        List<DirtyKey> claimed = List.of();
        try (Connection connection = infra.dataSource(tenant).getConnection()) {
            connection.setAutoCommit(false);
            try {
                claimed = graph.claimDirty(connection, byWorkspace.keySet(), BATCH);
                rebuildAll(connection, byWorkspace, claimed);
                connection.commit();
                rebuiltKeys.addAndGet(claimed.size());
                return new Batch(claimed.size(), 0, false);
            } catch (Exception e) {
                connection.rollback();
                if (claimed.size() <= 1) {
                    throw e;
                }
                log.warn(
                        "rebuilding {} graph keys failed ({}); rebuilding them one by one",
                        claimed.size(),
                        e.toString());
            }
        } catch (Exception e) {
            log.warn(
                    "tenant {}: graph rebuild failed, keys stay dirty and are retried in {} s: {}",
                    tenant.id(),
                    ERROR_PAUSE.toSeconds(),
                    e.toString());
            return new Batch(0, 0, true);
        }
        int rebuilt = oneByOne(byWorkspace, claimed);
        return new Batch(claimed.size(), claimed.size() - rebuilt, false);
    }

    /** After a failed batch: each key in its own transaction, so one bad key cannot hold up the others. */
    private int oneByOne(Map<String, TenantConfig> byWorkspace, List<DirtyKey> keys) {
        int rebuilt = 0;
        for (DirtyKey key : keys) {
            TenantConfig tenant = byWorkspace.get(key.workspace());
            try (Connection connection = infra.dataSource(tenant).getConnection()) {
                connection.setAutoCommit(false);
                try {
                    if (graph.claimOne(connection, key)) {
                        rebuildAll(connection, byWorkspace, List.of(key));
                        rebuilt++;
                    }
                    connection.commit();
                } catch (Exception e) {
                    connection.rollback();
                    graph.postpone(connection, key, POSTPONE);
                    connection.commit();
                    log.warn(
                            "tenant {}: graph key {} {} cannot be rebuilt now ({}); retrying in {} s",
                            tenant.id(),
                            key.key().kind().label(),
                            key.key().key(),
                            e.toString(),
                            POSTPONE.toSeconds());
                }
            } catch (Exception e) {
                log.warn("graph rebuild failed, keys stay dirty and are retried: {}", e.toString());
            }
        }
        rebuiltKeys.addAndGet(rebuilt);
        return rebuilt;
    }

    private void rebuildAll(Connection connection, Map<String, TenantConfig> byWorkspace, List<DirtyKey> claimed)
            throws Exception {
        for (Map.Entry<String, List<DirtyKey>> entry : claimed.stream()
                .collect(Collectors.groupingBy(DirtyKey::workspace, LinkedHashMap::new, Collectors.toList()))
                .entrySet()) {
            TenantConfig tenant = byWorkspace.get(entry.getKey());
            Timer.Sample materializing = PipelineMeters.start();
            rebuild(connection, tenant, entry.getValue());
            materializing.stop(
                    PipelineMeters.stage(PipelineMeters.MATERIALIZE, tenant.id().value()));
        }
    }

    private void rebuild(Connection connection, TenantConfig tenant, List<DirtyKey> keys) throws Exception {
        String workspace = tenant.workspace();
        GraphMerge merge = new GraphMerge(descriptionMerger(tenant));
        Embedder embedder = infra.models().embedder(tenant);
        List<String> entityKeys = keysOf(keys, GraphKey.Kind.ENTITY);
        List<String> relationKeys = keysOf(keys, GraphKey.Kind.RELATION);

        rebuildKind(
                connection,
                workspace,
                embedder,
                GraphKey.Kind.ENTITY,
                entityKeys,
                merge::entity,
                EntityRow::key,
                EntityRow::embeddingText,
                graph::upsertEntity);
        rebuildKind(
                connection,
                workspace,
                embedder,
                GraphKey.Kind.RELATION,
                relationKeys,
                merge::relation,
                RelationRow::key,
                RelationRow::embeddingText,
                graph::upsertRelation);
    }

    /**
     * Rebuilds the keys of one kind: each key's row merged from its fragments, keys without fragments deleted, the
     * rows whose text changed embedded again, every row written.
     */
    private <R> void rebuildKind(
            Connection connection,
            String workspace,
            Embedder embedder,
            GraphKey.Kind kind,
            List<String> keys,
            Merge<R> merge,
            Function<R, String> key,
            Function<R, String> embeddingText,
            Upsert<R> upsert)
            throws Exception {
        Map<String, List<Fragment>> facts = graph.fragments(connection, workspace, kind, keys);
        List<R> rows = new ArrayList<>();
        for (Map.Entry<String, List<Fragment>> fact : facts.entrySet()) {
            rows.add(merge.apply(fact.getKey(), fact.getValue()));
        }
        graph.delete(connection, workspace, kind, without(keys, facts.keySet()));
        Map<String, float[]> vectors = embedChanged(
                connection, workspace, kind, embedder, rows.stream().collect(Collectors.toMap(key, embeddingText)));
        for (R row : rows) {
            String text = embeddingText.apply(row);
            upsert.write(
                    connection, workspace, row, ContentHash.of(text), embedder.model(), vectors.get(key.apply(row)));
        }
    }

    /** How one kind's row is merged from its fragments ({@link GraphMerge}). */
    @FunctionalInterface
    private interface Merge<R> {
        R apply(String key, List<Fragment> fragments) throws Exception;
    }

    /** How one kind's row is written ({@link GraphRepository}). */
    @FunctionalInterface
    private interface Upsert<R> {
        void write(Connection connection, String workspace, R row, String hash, String model, float[] vector)
                throws SQLException;
    }

    /** Vectors for the keys whose text changed since it was last embedded; the others keep theirs. */
    private Map<String, float[]> embedChanged(
            Connection connection, String workspace, GraphKey.Kind kind, Embedder embedder, Map<String, String> texts)
            throws Exception {
        Map<String, String> stored =
                graph.embeddedHashes(connection, workspace, kind, texts.keySet(), embedder.model());
        List<String> changed = texts.keySet().stream()
                .filter(key -> !ContentHash.of(texts.get(key)).equals(stored.get(key)))
                .sorted()
                .toList();
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (int from = 0; from < changed.size(); from += 32) {
            List<String> batch = changed.subList(from, Math.min(changed.size(), from + 32));
            List<float[]> embedded =
                    embedder.embed(batch.stream().map(texts::get).toList());
            for (int i = 0; i < batch.size(); i++) {
                vectors.put(batch.get(i), embedded.get(i));
            }
        }
        return vectors;
    }

    private DescriptionMerger descriptionMerger(TenantConfig tenant) {
        if (tenant.models().chat().isOffline()) {
            return new JoinedDescriptions(maxDescriptionTokens);
        }
        return new SummarizedDescriptions(
                infra.models().chatModel(tenant, LlmOperation.SUMMARISE),
                infra.dataSource(tenant),
                tenant.workspace(),
                maxDescriptions,
                maxDescriptionTokens);
    }

    private static List<String> keysOf(List<DirtyKey> keys, GraphKey.Kind kind) {
        return keys.stream()
                .filter(k -> k.key().kind() == kind)
                .map(k -> k.key().key())
                .toList();
    }

    private static List<String> without(List<String> keys, Collection<String> present) {
        return keys.stream().filter(k -> !present.contains(k)).toList();
    }

    /** Keys rebuilt (or deleted) since start: with the dirty set coalescing bursts, far fewer than changes. */
    public long rebuiltKeys() {
        return rebuiltKeys.get();
    }
}
