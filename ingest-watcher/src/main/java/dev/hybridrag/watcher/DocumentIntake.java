package dev.hybridrag.watcher;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.kafka.FileEventPublisher;
import dev.hybridrag.core.kafka.Lane;
import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where files enter the pipeline, for the watcher and {@code hybridrag ingest} alike: a change is published (and
 * acknowledged by the broker) and its document marked pending; a refused file is recorded with its reason.
 */
final class DocumentIntake implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocumentIntake.class);

    private final Infrastructure infra;
    private final FileEventPublisher publisher;
    private final DocumentRepository documents = new DocumentRepository();
    private final VersionClock versions;
    /** Whether every change is bulk work ({@code hybridrag ingest}), or the lane goes by size (the watcher). */
    private final boolean bulk;

    DocumentIntake(Infrastructure infra, String clientId) {
        this(infra, clientId, false);
    }

    DocumentIntake(Infrastructure infra, String clientId, boolean bulk) {
        this.infra = infra;
        this.bulk = bulk;
        this.publisher = new FileEventPublisher(infra.kafka().producer(clientId));
        this.versions = new VersionClock(infra.clock());
    }

    /** The version of the path's next event or refusal ({@link VersionClock}). */
    long nextVersion(TenantConfig tenant, String path) {
        return versions.next(infra.dataSource(tenant), tenant.workspace(), path);
    }

    /**
     * Publishes a change. Marking the document pending is only for users to see: when it fails, the event still
     * carries the change through the pipeline.
     *
     * @throws RuntimeException when the broker did not take the event; the caller retries
     */
    void submit(TenantConfig tenant, FileEvent event) throws InterruptedException {
        publisher.publish(event, bulk ? Lane.BULK : Lane.of(event));
        try {
            documents.markInFlight(
                    infra.dataSource(tenant),
                    tenant.workspace(),
                    event.path(),
                    event.contentHash(),
                    event.size(),
                    event.mtime(),
                    event.version(),
                    DocumentStatus.PENDING);
        } catch (SQLException e) {
            log.warn("tenant {}: could not mark {} pending: {}", tenant.id(), event.path(), e.getMessage());
        }
    }

    void refuse(TenantConfig tenant, Refusal refusal) {
        try {
            documents.markRefused(
                    infra.dataSource(tenant),
                    tenant.workspace(),
                    refusal.path(),
                    refusal.size(),
                    refusal.mtime(),
                    refusal.version(),
                    refusal.reason());
        } catch (SQLException e) {
            log.warn("tenant {}: could not record that {} is refused: {}", tenant.id(), refusal.path(), e.getMessage());
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}
