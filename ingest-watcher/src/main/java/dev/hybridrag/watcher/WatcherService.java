package dev.hybridrag.watcher;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.kafka.FileEventPublisher;
import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.WatchRoot;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ingest-watcher: scans and watches every configured tenant's folders and publishes file events. */
public final class WatcherService implements AutoCloseable {

    private final Infrastructure infra;
    private final Duration debounce;
    private static final Logger log = LoggerFactory.getLogger(WatcherService.class);

    private final List<TenantFolder> folders = new ArrayList<>();
    private final DocumentRepository documents = new DocumentRepository();
    private FileEventPublisher publisher;

    public WatcherService(Infrastructure infra, Duration debounce) {
        this.infra = infra;
        this.debounce = debounce;
    }

    public void start() throws IOException, SQLException {
        infra.ensureTopics();
        publisher = new FileEventPublisher(infra.kafka().producer("ingest-watcher"));
        long maxBytes = Long.parseLong(infra.environment().get(Settings.MAX_FILE_BYTES));
        for (TenantConfig tenant : infra.tenants().all()) {
            // What the database holds is the baseline: only differences are published at start.
            Map<String, String> stored = documents.currentHashes(infra.dataSource(tenant), tenant.workspace());
            for (WatchRoot root : tenant.watch()) {
                TenantFolder folder = new TenantFolder(
                        tenant,
                        root,
                        publisher,
                        event -> markPending(tenant, event),
                        stored,
                        maxBytes,
                        infra.clock(),
                        debounce);
                folders.add(folder);
                folder.start();
            }
        }
    }

    private void markPending(TenantConfig tenant, FileEvent event) {
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

    @Override
    public void close() {
        folders.forEach(TenantFolder::close);
        if (publisher != null) {
            publisher.close();
        }
    }
}
