package dev.hybridrag.watcher;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Settings;
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
    private FolderWatch watch;
    private final DocumentRepository documents = new DocumentRepository();
    private DocumentIntake intake;

    public WatcherService(Infrastructure infra, Duration debounce) {
        this.infra = infra;
        this.debounce = debounce;
    }

    public void start() throws IOException, SQLException {
        infra.ensureTopics();
        intake = new DocumentIntake(infra, "ingest-watcher");
        long maxBytes = Long.parseLong(infra.environment().get(Settings.MAX_FILE_BYTES));
        Duration maxWait = Duration.ofMillis(infra.environment().getInt(Settings.DEBOUNCE_MAX_MS, 0, 600_000));
        watch = new FolderWatch();
        for (TenantConfig tenant : infra.tenants().all()) {
            // What the database holds is the baseline: only differences are published at start.
            Map<String, String> stored = documents.currentHashes(infra.dataSource(tenant), tenant.workspace());
            List<TenantFolder> tenantFolders = new ArrayList<>();
            for (WatchRoot root : tenant.watch()) {
                tenantFolders.add(new TenantFolder(
                        tenant,
                        root,
                        intake,
                        // asked only about paths the asking root does not hold
                        path -> tenantFolders.stream().anyMatch(folder -> folder.holds(path)),
                        stored,
                        maxBytes,
                        infra.clock(),
                        debounce,
                        maxWait));
            }
            for (TenantFolder folder : tenantFolders) {
                folders.add(folder);
                folder.start(watch);
            }
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        folders.forEach(TenantFolder::close);
        if (intake != null) {
            intake.close();
        }
    }
}
