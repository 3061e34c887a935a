package dev.hybridrag.watcher;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.kafka.FileEventPublisher;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.WatchRoot;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ingest-watcher: scans and watches every configured tenant's folders and publishes file events. */
public final class WatcherService implements AutoCloseable {

    private final Infrastructure infra;
    private final Duration debounce;
    private final List<TenantFolder> folders = new ArrayList<>();
    private FileEventPublisher publisher;

    public WatcherService(Infrastructure infra, Duration debounce) {
        this.infra = infra;
        this.debounce = debounce;
    }

    public void start() throws IOException, SQLException {
        infra.ensureTopics();
        publisher = new FileEventPublisher(infra.kafka().producer("ingest-watcher"));
        long maxBytes = Long.parseLong(infra.environment().get(Settings.MAX_FILE_BYTES));
        DocumentRepository documents = new DocumentRepository();
        for (TenantConfig tenant : infra.tenants().all()) {
            // What the database holds is the baseline: only differences are published at start.
            Map<String, String> stored = documents.currentHashes(infra.dataSource(tenant), tenant.workspace());
            for (WatchRoot root : tenant.watch()) {
                TenantFolder folder =
                        new TenantFolder(tenant, root, publisher, stored, maxBytes, infra.clock(), debounce);
                folders.add(folder);
                folder.start();
            }
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
