package dev.hybridrag.core.intake;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.kafka.FileEventPublisher;
import dev.hybridrag.core.kafka.Lane;
import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.message.FileOperation;
import dev.hybridrag.core.metrics.PipelineMeters;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import java.sql.SQLException;
import java.util.Locale;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way documents enter the pipeline, for every door: the watcher, {@code ingest}, {@code documents retry},
 * deletes from the HTTP API and the CLI, uploads and MCP tools. For each change it
 *
 * <ol>
 *   <li>stamps a version above the one the tenant's table holds for the path, whatever this machine's clock says
 *       ({@link VersionClock}), so the change is never dropped as stale;
 *   <li>publishes the file event and waits for the broker to acknowledge it;
 *   <li>records the <b>pending mark</b>: the document's row gets the new version with status {@code pending}
 *       ({@link DocumentRepository#markInFlight}), unless a newer version is stored.
 * </ol>
 *
 * <p>The pending mark is a contract, not decoration: the extractor's {@code Supersession} compares the version it is
 * extracting with the stored one and abandons the work once a newer version or a deletion is marked, and users see
 * the document as pending. It is written after the broker took the event, so a mark never names a version that is
 * not on its way. A failed mark is logged and the change still flows: only the early abandon and the status are lost
 * until the pipeline writes the row itself.
 */
public final class DocumentIntake implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocumentIntake.class);
    private static final int MAX_PATH_LENGTH = 4096;

    private final Infrastructure infra;
    private final FileEventPublisher publisher;
    private final DocumentRepository documents = new DocumentRepository();
    private final VersionClock versions;
    /** Whether every change is bulk work ({@code hybridrag ingest}), or the lane goes by size ({@link Lane#of}). */
    private final boolean bulk;

    /** @param clientId names this door's Kafka producer ({@code ingest-watcher}, {@code query-service}, …) */
    public DocumentIntake(Infrastructure infra, String clientId) {
        this(infra, clientId, false);
    }

    /** @param bulk every change goes on the bulk lane, behind no live edit ({@code hybridrag ingest}) */
    public DocumentIntake(Infrastructure infra, String clientId, boolean bulk) {
        this.infra = infra;
        this.bulk = bulk;
        this.publisher = new FileEventPublisher(infra.kafka().producer(clientId), infra.topics());
        this.versions = new VersionClock(infra.clock());
    }

    /**
     * Adds or replaces the document at {@code path} with this text, as if a file with it had been saved.
     *
     * @return the version to wait for (the document's row reaches it once the pipeline has applied the change)
     * @throws IllegalArgumentException when the path is not a document path
     * @throws IllegalStateException when the broker did not take the event; nothing was recorded, the caller retries
     */
    public long put(TenantConfig tenant, String path, String text) throws InterruptedException {
        return put(tenant, IncomingDocument.of(path, text, infra.clock().instant()));
    }

    /** {@link #put(TenantConfig, String, String)} for content read from a file, with its own hash, size and time. */
    public long put(TenantConfig tenant, IncomingDocument document) throws InterruptedException {
        requireDocumentPath(document.path());
        OptionalLong stored = storedVersion(tenant, document.path());
        return submit(
                tenant,
                new FileEvent(
                        tenant.id().value(),
                        document.path(),
                        stored.isPresent() ? FileOperation.MODIFIED : FileOperation.CREATED,
                        document.contentHash(),
                        document.size(),
                        document.mtime(),
                        versions.after(stored.orElse(0)),
                        document.content()));
    }

    /**
     * Removes the document at {@code path} from the index, with its chunks and facts, as if its file had been
     * deleted. Deleting a path the tenant never held is harmless.
     *
     * @return the version to wait for
     */
    public long delete(TenantConfig tenant, String path) throws InterruptedException {
        requireDocumentPath(path);
        long version = versions.after(storedVersion(tenant, path).orElse(0));
        return submit(
                tenant,
                new FileEvent(
                        tenant.id().value(),
                        path,
                        FileOperation.DELETED,
                        "",
                        0,
                        infra.clock().instant(),
                        version,
                        ""));
    }

    /** Records that a file is not ingested, and why, in place of its content. */
    public void refuse(TenantConfig tenant, Refusal refusal) {
        long version = versions.after(storedVersion(tenant, refusal.path()).orElse(0));
        try {
            documents.markRefused(
                    infra.dataSource(tenant),
                    tenant.workspace(),
                    refusal.path(),
                    refusal.size(),
                    refusal.mtime(),
                    version,
                    refusal.reason());
            PipelineMeters.fileRefused(tenant.id().value(), refusal.reason());
        } catch (SQLException e) {
            log.warn("tenant {}: could not record that {} is refused: {}", tenant.id(), refusal.path(), e.getMessage());
        }
    }

    /** @throws IllegalArgumentException unless {@code path} can name a document */
    public static void requireDocumentPath(String path) {
        if (path == null || path.isBlank() || path.length() > MAX_PATH_LENGTH || path.indexOf(0) >= 0) {
            throw new IllegalArgumentException("a document path is 1 to " + MAX_PATH_LENGTH
                    + " characters, without NUL: relative to a watch root, or absolute for a file ingested from"
                    + " elsewhere");
        }
    }

    private long submit(TenantConfig tenant, FileEvent event) throws InterruptedException {
        publisher.publish(event, bulk ? Lane.BULK : Lane.of(event));
        PipelineMeters.filePublished(
                tenant.id().value(), event.operation().name().toLowerCase(Locale.ROOT));
        try {
            documents.markInFlight(infra.dataSource(tenant), tenant.workspace(), event, DocumentStatus.PENDING);
        } catch (SQLException e) {
            log.warn("tenant {}: could not mark {} pending: {}", tenant.id(), event.path(), e.getMessage());
        }
        return event.version();
    }

    private OptionalLong storedVersion(TenantConfig tenant, String path) {
        try {
            return documents.storedVersion(infra.dataSource(tenant), tenant.workspace(), path);
        } catch (SQLException e) {
            // The database is away: the clock alone orders events, as it does for a path never stored.
            log.debug("no stored version of {}: {}", path, e.getMessage());
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}
