package dev.hybridrag.bench;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.TenantSnapshot;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.watcher.FolderIngest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Where a tenant's ingest stands, read from its database, for benchmarks that wait for it to finish. */
public final class TenantProgress {

    private final Infrastructure infra;
    private final DocumentRepository documents = new DocumentRepository();

    public TenantProgress(Infrastructure infra) {
        this.infra = infra;
    }

    /** Ingests the folder's markdown files into the tenant and times it until the tenant has settled. */
    public Duration timeIngest(FolderIngest ingest, TenantConfig tenant, Path folder, int documents, Duration timeout)
            throws Exception {
        long started = System.nanoTime();
        ingest.submit(tenant, folder, false, Optional.of("*.md"));
        awaitSettled(tenant, documents, timeout);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Waits until the tenant holds {@code expected} documents, none pending or processing, and no graph key waits to
     * be rebuilt, twice in a row a second apart. Database errors (a restart) are waited out.
     */
    public Map<String, Long> awaitSettled(TenantConfig tenant, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        Map<String, Long> counts = Map.of();
        while (quiet < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "tenant " + tenant.id() + " not settled within " + timeout + ": " + counts);
            }
            Thread.sleep(1000);
            try {
                counts = statusCounts(tenant);
                boolean settled = counts.get("processed") + counts.get("failed") == expected
                        && counts.get("pending") + counts.get("processing") == 0
                        && TenantSnapshot.counts(infra.dataSource(tenant), tenant.workspace())
                                        .dirtyKeys()
                                == 0;
                quiet = settled ? quiet + 1 : 0;
            } catch (java.sql.SQLException e) {
                quiet = 0;
            }
        }
        return counts;
    }

    Map<String, Long> statusCounts(TenantConfig tenant) throws java.sql.SQLException {
        return documents.countByStatus(infra.dataSource(tenant), tenant.workspace());
    }

    /** Records kept in the dead-letter topic so far. */
    long deadLetters() throws Exception {
        try (Admin admin = infra.kafka().admin()) {
            Map<TopicPartition, OffsetSpec> latest = admin
                    .describeTopics(java.util.List.of(infra.topics().deadLetters()))
                    .allTopicNames()
                    .get()
                    .get(infra.topics().deadLetters())
                    .partitions()
                    .stream()
                    .collect(Collectors.toMap(
                            p -> new TopicPartition(infra.topics().deadLetters(), p.partition()),
                            p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(info -> info.offset())
                    .sum();
        }
    }
}
